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
    public string Summary => Intact
        ? Events == 0
            ? "ledger is empty: nothing to verify"
            : $"ledger intact: {Events} event(s), chain {Chain}, seq {FirstSequence}..{LastSequence}, head {LastHash}"
        : $"ledger broken at event {(BrokenAt is { } b ? b.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?")}: {Problem}";
}

/// <summary>One stored event as the verifier needs it: the hash claimed for it and its canonical bytes.</summary>
public readonly record struct StoredEvent(string Hash, ReadOnlyMemory<byte> Canonical);

/// <summary>
/// Checks a chain of events: each hash matches its bytes, each "prev" is the hash before it, sequence numbers
/// run without a gap, and every event belongs to the same chain. It never re-serializes anything.
/// </summary>
public sealed class LedgerVerifier
{
    private readonly string _expectedPrev;
    private readonly long _expectedFirstSeq;
    private string _prev;
    private long _nextSeq;
    private string? _chain;
    private long _count;
    private long _first;

    /// <param name="anchorHash">The hash of the event before the first one checked; genesis for a whole chain.</param>
    /// <param name="anchorSequence">The sequence of that event; 0 for a whole chain.</param>
    public LedgerVerifier(string anchorHash = LedgerHash.Genesis, long anchorSequence = 0)
    {
        _expectedPrev = _prev = anchorHash;
        _expectedFirstSeq = _nextSeq = anchorSequence + 1;
    }

    public VerificationResult? Failure { get; private set; }

    /// <summary>Adds the next event; false (and <see cref="Failure"/>) once the chain is broken.</summary>
    public bool Add(StoredEvent e)
    {
        if (Failure is not null)
        {
            return false;
        }

        var position = _nextSeq;
        if (!LedgerEventParser.TryParse(e.Canonical.Span, out var header, out var problem))
        {
            return Fail(position, "malformed event: " + problem);
        }

        if (_count == 0 && (header.Sequence != _expectedFirstSeq || header.PreviousHash != _expectedPrev))
        {
            return Fail(position, _expectedFirstSeq == 1
                ? "the first event is not the start of a chain (seq 1 with the genesis prev)"
                : $"the first event does not follow the anchor (expected seq {_expectedFirstSeq} after {_expectedPrev})");
        }

        if (header.Sequence != _nextSeq)
        {
            return Fail(position, $"sequence {header.Sequence} where {_nextSeq} was expected");
        }

        if (_chain is not null && header.Chain != _chain)
        {
            return Fail(position, $"event of chain {header.Chain} inside chain {_chain}");
        }

        if (header.PreviousHash != _prev)
        {
            return Fail(position, "\"prev\" does not match the hash of the event before it");
        }

        if (!LedgerHash.Matches(e.Canonical.Span, Encoding.ASCII.GetBytes(e.Hash)))
        {
            return Fail(position, "the event's bytes do not match its hash");
        }

        _chain ??= header.Chain;
        if (_count == 0)
        {
            _first = header.Sequence;
        }

        _prev = e.Hash;
        _nextSeq++;
        _count++;
        return true;
    }

    /// <summary>Stops verification at the next expected event for a reason found outside it (e.g. a damaged export line).</summary>
    public void Reject(string problem)
    {
        if (Failure is null)
        {
            Fail(_nextSeq, problem);
        }
    }

    public VerificationResult Result() =>
        Failure ?? new VerificationResult(true, _count, _chain, _first, _nextSeq - 1, _prev, null, null);

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
        Failure = new VerificationResult(false, _count, _chain, _first, _nextSeq - 1, _prev, sequence, problem);
        return false;
    }
}
