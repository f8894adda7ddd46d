using System.Security.Cryptography;
using System.Text;
using Aims.Domain.Ledger;

namespace Aims.Domain.Tests;

/// <summary>
/// Builds a chain the way the data layer does with signing on: ordinary events, a checkpoint after every
/// <c>every</c> of them, optionally a key rotation, and an export that ends with a signed head.
/// </summary>
internal sealed class SignedLedger : IDisposable
{
    public const string ChainName = "org-1";

    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public ECDsa NextKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public List<StoredEvent> Events { get; } = [];

    /// <summary>0-based indexes (= line - 1) of the checkpoint events.</summary>
    public List<int> Checkpoints { get; } = [];

    public ECDsa CurrentKey { get; private set; } = null!;

    /// <param name="rotateAfter">After this many ordinary events, a rotation to <see cref="NextKey"/> (0: none).</param>
    public static SignedLedger Build(int events = 10, int every = 3, int rotateAfter = 0)
    {
        var ledger = new SignedLedger();
        ledger.CurrentKey = ledger.Key;
        var prev = LedgerHash.Genesis;
        long seq = 0;
        for (var n = 1; n <= events; n++)
        {
            Add(TestLedger.Draft(ChainName, ++seq, prev));
            if (n % every == 0)
            {
                ledger.Checkpoints.Add(ledger.Events.Count);
                Add(LedgerCheckpoint.Draft(ChainName, ++seq, prev, TestLedger.Start.AddMinutes(seq), "system:ledger", ChainName, null, ledger.CurrentKey));
            }

            if (n == rotateAfter)
            {
                ledger.Checkpoints.Add(ledger.Events.Count);
                Add(LedgerCheckpoint.Draft(ChainName, ++seq, prev, TestLedger.Start.AddMinutes(seq), "person:x", ChainName, "yearly rotation", ledger.CurrentKey, ledger.NextKey));
                ledger.CurrentKey = ledger.NextKey;
            }
        }

        return ledger;

        void Add(LedgerEventDraft draft)
        {
            var bytes = LedgerCanonicalJson.Write(draft);
            var e = new StoredEvent(LedgerHash.Of(bytes), bytes);
            ledger.Events.Add(e);
            prev = e.Hash;
        }
    }

    /// <summary>The export's lines (without newlines): events, then the signed head.</summary>
    public List<string> Lines(IEnumerable<StoredEvent>? events = null, ECDsa? headKey = null)
    {
        var list = (events ?? Events).ToList();
        var lines = Encoding.UTF8.GetString(TestLedger.Export(list)).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var last = list.Count == 0 ? (0L, LedgerHash.Genesis) : (list.Count + FirstSeq(list) - 1, list[^1].Hash);
        var head = LedgerSignedHead.Sign(headKey ?? CurrentKey, ChainName, last.Item1, last.Item2, TestLedger.Start.AddDays(1));
        lines.Add(Encoding.UTF8.GetString(head.ToLine()));
        return lines;
    }

    private static long FirstSeq(List<StoredEvent> events)
    {
        return LedgerEventParser.TryParse(events[0].Canonical.Span, out var header, out var problem)
            ? header.Sequence
            : throw new InvalidOperationException(problem);
    }

    public static VerificationResult Verify(IEnumerable<string> lines, ECDsa? trusted = null) =>
        Verify(string.Concat(lines.Select(l => l + "\n")), trusted);

    public static VerificationResult Verify(string file, ECDsa? trusted = null)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(file));
        return LedgerExportFormat.VerifyFile(stream, new ExportTrust(trusted?.ExportSubjectPublicKeyInfo()));
    }

    public void Dispose()
    {
        Key.Dispose();
        NextKey.Dispose();
    }
}
