using System.Runtime.CompilerServices;
using System.Text;

namespace Aims.Domain.Ledger;

public sealed record VerificationResult(
    bool Intact,
    long Events,
    string? Chain,
    long FirstSequence,
    long LastSequence,
    string LastHash,
    long? BrokenAt,
    string? Problem)
{
    /// <summary>The line of an exported file where the problem is (1-based), when a file was verified.</summary>
    public long? BrokenLine { get; init; }

    /// <summary>Checkpoint events proven, and how many of them were key rotations.</summary>
    public long Checkpoints { get; init; }

    public long Rotations { get; init; }

    /// <summary>The key that signed the last checkpoint or the signed head (hex SHA-256 of its SPKI).</summary>
    public string? KeyId { get; init; }

    /// <summary>What the signatures were checked against, for a file: the given key or the key in the export.</summary>
    public string? Trust { get; init; }

    /// <summary>When the signed head of an export was signed.</summary>
    public string? SignedAt { get; init; }

    public string Summary => Intact
        ? (Events == 0
            ? "ledger is empty: nothing to verify"
            : $"ledger intact: {Events} event(s), chain {Chain}, seq {FirstSequence}..{LastSequence}, head {LastHash}")
            + (Checkpoints > 0 ? $"; {Checkpoints} signed checkpoint(s), {Rotations} key rotation(s)" : "")
            + (SignedAt is not null ? $"; signed head of {SignedAt} by key {KeyId}" : "")
            + (Trust is not null ? $"; {Trust}" : "")
        : $"ledger broken at {(BrokenLine is { } line ? $"line {line} (event {Number(BrokenAt)})" : $"event {Number(BrokenAt)}")}: {Problem}";

    private static string Number(long? n) => n is { } b ? b.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?";
}

/// <summary>One stored event as the verifier needs it: the hash claimed for it and its canonical bytes.</summary>
public readonly record struct StoredEvent(string Hash, ReadOnlyMemory<byte> Canonical);

/// <summary>
/// Checks a chain of events: each hash matches its bytes, each "prev" is the hash before it, sequence numbers
/// run without a gap, and every event belongs to the same chain. It never re-serializes anything.
/// </summary>
/// <remarks>
/// The checks that need only the event itself (its form and its hash) are in <see cref="EventFacts"/>, which
/// <see cref="LedgerExportFormat.VerifyFile"/> computes for many events in parallel; the checks that link an event
/// to the one before it are made here, one event after the other, in the order below. Either way the first problem
/// found, its wording and the proven prefix are the same.
/// </remarks>
public sealed class LedgerVerifier
{
    private readonly byte[] _expectedPrev;
    private readonly string _expectedPrevText;
    private readonly long _expectedFirstSeq;
    private byte[] _prev;
    private byte[]? _prevSource; // when set, the last proven hash is still in a read buffer, at _prevOffset
    private int _prevOffset;
    private string? _prevText;
    private long _nextSeq;
    private string? _chain;
    private byte[]? _chainUtf8;
    private long _count;
    private long _first;
    private readonly bool _checkpointStart;
    private string? _keyId;
    private readonly List<string> _keyIds = [];
    private long _checkpoints;
    private long _rotations;

    /// <param name="anchorHash">The hash of the event before the first one checked; genesis for a whole chain.</param>
    /// <param name="anchorSequence">The sequence of that event; 0 for a whole chain.</param>
    /// <param name="checkpointStart">Whether the first event may instead be a signed checkpoint, which anchors what follows.</param>
    public LedgerVerifier(string anchorHash = LedgerHash.Genesis, long anchorSequence = 0, bool checkpointStart = false)
    {
        _checkpointStart = checkpointStart;
        _expectedPrevText = _prevText = anchorHash;
        _expectedPrev = Encoding.UTF8.GetBytes(anchorHash);
        _prev = (byte[])_expectedPrev.Clone();
        _expectedFirstSeq = _nextSeq = anchorSequence + 1;
    }

    public VerificationResult? Failure { get; private set; }

    /// <summary>The key the next checkpoint must be signed by (after a rotation: the new key); null before any checkpoint.</summary>
    public string? CurrentKeyId => _keyId;

    /// <summary>Every key the proven checkpoints were signed by or rotated to, in order.</summary>
    public IReadOnlyList<string> KeyIds => _keyIds;

    public string? Chain => _chain;

    public long LastSequence => _nextSeq - 1;

    public string LastHash => PrevText;

    public long Count => _count;

    /// <summary>The chain of the events proven so far as UTF-8, once there is one; it never changes after.</summary>
    internal byte[]? ChainUtf8 => _chainUtf8;

    /// <summary>The hash of the last event proven (the anchor before the first), as text.</summary>
    private string PrevText => _prevText ??= Encoding.UTF8.GetString(Prev);

    private ReadOnlySpan<byte> Prev => _prevSource is null ? _prev : _prevSource.AsSpan(_prevOffset, 64);

    /// <summary>Copies the last proven hash out of the read buffer it is in, before that buffer is reused.</summary>
    internal void DetachPrev()
    {
        if (_prevSource is not null)
        {
            var prev = Prev;
            if (_prev.Length != prev.Length)
            {
                _prev = new byte[prev.Length];
            }

            prev.CopyTo(_prev);
            _prevSource = null;
        }
    }

    /// <summary>Adds the next event; false (and <see cref="Failure"/>) once the chain is broken.</summary>
    public bool Add(StoredEvent e)
    {
        if (Failure is not null)
        {
            return false;
        }

        var canonical = e.Canonical.Span;
        var facts = default(EventFacts);
        LedgerEventScanner.Read(canonical, ref facts);

        // The claimed hash as bytes: a 64-character string is the only kind that can match (lower-case hex digits).
        Span<byte> claimed = stackalloc byte[64];
        if (e.Hash is { Length: 64 } hash)
        {
            for (var i = 0; i < 64; i++)
            {
                claimed[i] = hash[i] < 0x80 ? (byte)hash[i] : (byte)'?';
            }

            facts.HashMatches = facts.Problem is null && LedgerHash.Matches(canonical, claimed);
        }

        if (!Check(ref facts, canonical))
        {
            return false;
        }

        // A matched hash is 64 lower-case hex digits: the "prev" the next event must name.
        DetachPrev();
        if (_prev.Length != claimed.Length)
        {
            _prev = new byte[claimed.Length];
        }

        claimed.CopyTo(_prev);
        Proven(ref facts, canonical);
        return true;
    }

    /// <summary>
    /// Adds the next event of an exported file given what was learned from its bytes alone. Its claimed hash is the 64
    /// bytes at <paramref name="hashOffset"/> of <paramref name="buffer"/>, which stays untouched until
    /// <see cref="DetachPrev"/>; once the event is proven it is the "prev" the next event must name.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal bool Add(ref EventFacts e, ReadOnlySpan<byte> canonical, byte[] buffer, int hashOffset)
    {
        if (!Check(ref e, canonical))
        {
            return false;
        }

        _prevSource = buffer;
        _prevOffset = hashOffset;
        Proven(ref e, canonical);
        return true;
    }

    /// <summary>The checks, in their order; false (and <see cref="Failure"/>) at the first that fails.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Check(ref EventFacts e, ReadOnlySpan<byte> canonical)
    {
        if (Failure is not null)
        {
            return false;
        }

        var position = _nextSeq;
        if (e.Problem is not null)
        {
            return Fail(position, "malformed event: " + e.Problem);
        }

        if (_count == 0 && _checkpointStart && e.Checkpoint is { } start && e.CheckpointProblem is null
            && (e.Sequence != _expectedFirstSeq || !PrevEquals(ref e, canonical, _expectedPrev)))
        {
            // A range that starts at a signed checkpoint: its signature vouches for the head before it.
            DetachPrev();
            _prev = Encoding.UTF8.GetBytes(start.PreviousHash);
            _prevText = start.PreviousHash;
            position = _nextSeq = start.Sequence;
        }
        else if (_count == 0 && (e.Sequence != _expectedFirstSeq || !PrevEquals(ref e, canonical, _expectedPrev)))
        {
            return Fail(position, (_expectedFirstSeq == 1
                ? "the first event is not the start of a chain (seq 1 with the genesis prev)"
                : $"the first event does not follow the anchor (expected seq {_expectedFirstSeq} after {_expectedPrevText})")
                + (_checkpointStart ? " nor a valid signed checkpoint" : ""));
        }

        if (e.Sequence != _nextSeq)
        {
            return Fail(position, $"sequence {e.Sequence} where {_nextSeq} was expected");
        }

        if (_chainUtf8 is not null && !(e.ChainKnown ? e.SameChain : ChainEquals(ref e, canonical)))
        {
            return Fail(position, $"event of chain {ChainOf(ref e, canonical)} inside chain {_chain}");
        }

        // A link computed in advance compares with the previous line's claimed hash, which is _prev once that line is proven.
        if (!(e.LinkKnown && _count > 0 ? e.Links : PrevEquals(ref e, canonical, Prev)))
        {
            return Fail(position, "\"prev\" does not match the hash of the event before it");
        }

        if (!e.HashMatches)
        {
            return Fail(position, "the event's bytes do not match its hash");
        }

        if (e.CheckpointProblem is not null)
        {
            return Fail(position, "invalid checkpoint: " + e.CheckpointProblem);
        }

        if (e.Checkpoint is { } checkpoint && _keyId is not null && checkpoint.KeyId != _keyId)
        {
            return Fail(position, $"checkpoint signed by key {checkpoint.KeyId} where the chain's key is {_keyId} (a key changes only by a rotation signed by the old key)");
        }

        return true;
    }

    /// <summary>Moves on after a proven event (its hash is already the new "prev").</summary>
    private void Proven(ref EventFacts e, ReadOnlySpan<byte> canonical)
    {
        if (_chainUtf8 is null)
        {
            _chain = ChainOf(ref e, canonical);
            _chainUtf8 = Encoding.UTF8.GetBytes(_chain);
            _first = e.Sequence;
        }

        if (e.Checkpoint is { } checkpoint)
        {
            _checkpoints++;
            if (_keyId is null)
            {
                _keyIds.Add(checkpoint.KeyId);
            }

            if (checkpoint.IsRotation)
            {
                _rotations++;
                _keyIds.Add(checkpoint.NewKeyId!);
            }

            _keyId = checkpoint.NextKeyId;
        }

        _prevText = null;
        _nextSeq++;
        _count++;
    }

    private static bool PrevEquals(ref EventFacts e, ReadOnlySpan<byte> canonical, ReadOnlySpan<byte> expected) =>
        e.Header is { } header
            ? Encoding.UTF8.GetByteCount(header.PreviousHash) == expected.Length && Encoding.UTF8.GetBytes(header.PreviousHash).AsSpan().SequenceEqual(expected)
            : canonical.Slice(e.PrevStart, 64).SequenceEqual(expected);

    private bool ChainEquals(ref EventFacts e, ReadOnlySpan<byte> canonical) =>
        e.Header is { } header ? header.Chain == _chain : canonical.Slice(e.ChainStart, e.ChainLength).SequenceEqual(_chainUtf8);

    private static string ChainOf(ref EventFacts e, ReadOnlySpan<byte> canonical) =>
        e.Header?.Chain ?? Encoding.UTF8.GetString(canonical.Slice(e.ChainStart, e.ChainLength));

    /// <summary>Stops verification at the next expected event for a reason found outside it (e.g. a damaged export line).</summary>
    public void Reject(string problem)
    {
        if (Failure is null)
        {
            Fail(_nextSeq, problem);
        }
    }

    public VerificationResult Result() =>
        Failure ?? new VerificationResult(true, _count, _chain, _first, _nextSeq - 1, PrevText, null, null)
        {
            Checkpoints = _checkpoints, Rotations = _rotations, KeyId = _keyId,
        };

    public static VerificationResult Verify(IEnumerable<StoredEvent> events, string anchorHash = LedgerHash.Genesis, long anchorSequence = 0)
    {
        var verifier = new LedgerVerifier(anchorHash, anchorSequence);
        foreach (var e in events)
        {
            if (!verifier.Add(e))
            {
                break;
            }
        }

        return verifier.Result();
    }

    /// <summary>Records the first sequence number that is not proven and what is wrong with it.</summary>
    private bool Fail(long sequence, string problem)
    {
        Failure = new VerificationResult(false, _count, _chain, _first, _nextSeq - 1, PrevText, sequence, problem)
        {
            Checkpoints = _checkpoints, Rotations = _rotations, KeyId = _keyId,
        };
        return false;
    }
}
