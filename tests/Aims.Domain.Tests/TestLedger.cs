using System.Text;
using Aims.Domain.Ledger;

namespace Aims.Domain.Tests;

/// <summary>Builds real hash chains the way the data layer does: canonical bytes, SHA-256, each "prev" the hash before it.</summary>
internal static class TestLedger
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    public static LedgerEventDraft Draft(string chain, long seq, string prev, string? entityId = null) => new(
        chain,
        seq,
        prev,
        Start.AddMinutes(seq).AddTicks(seq * 10),
        "person:7d5e1c2a-0000-4000-8000-00000000000" + (seq % 10),
        "risk",
        entityId ?? "r-" + seq,
        "RISK-" + seq,
        seq == 1 ? LedgerActions.Create : LedgerActions.Update,
        seq % 2 == 0 ? "quarterly review" : null,
        seq == 1 ? null : [new LedgerField("likelihood", (int)(seq - 1)), new LedgerField("title", "Drift in scoring model")],
        [new LedgerField("likelihood", (int)seq), new LedgerField("title", "Drift in scoring model"), new LedgerField("owner", "ML lead")]);

    /// <summary>A chain of <paramref name="count"/> events starting at seq 1 from the genesis hash.</summary>
    public static List<StoredEvent> Chain(int count, string chain = "org-1") => Continue(chain, LedgerHash.Genesis, 0, count);

    /// <summary>Events after (<paramref name="afterSeq"/>, <paramref name="afterHash"/>).</summary>
    public static List<StoredEvent> Continue(string chain, string afterHash, long afterSeq, int count)
    {
        var events = new List<StoredEvent>(count);
        var prev = afterHash;
        for (var seq = afterSeq + 1; seq <= afterSeq + count; seq++)
        {
            var bytes = LedgerCanonicalJson.Write(Draft(chain, seq, prev));
            var hash = LedgerHash.Of(bytes);
            events.Add(new StoredEvent(hash, bytes));
            prev = hash;
        }

        return events;
    }

    /// <summary>An event whose bytes were edited and whose hash was recomputed to match, as a forger would.</summary>
    public static StoredEvent Resealed(byte[] bytes) => new(LedgerHash.Of(bytes), bytes);

    public static StoredEvent Resealed(string canonicalText) => Resealed(Encoding.UTF8.GetBytes(canonicalText));

    public static string Text(StoredEvent e) => Encoding.UTF8.GetString(e.Canonical.Span);

    public static byte[] Export(IEnumerable<StoredEvent> events)
    {
        using var stream = new MemoryStream();
        foreach (var e in events)
        {
            LedgerExportFormat.WriteLine(stream, e.Hash, e.Canonical.Span);
        }

        return stream.ToArray();
    }

    public static VerificationResult VerifyFile(byte[] file, string anchorHash = LedgerHash.Genesis, long anchorSequence = 0)
    {
        using var stream = new MemoryStream(file);
        return LedgerExportFormat.VerifyFile(stream, anchorHash, anchorSequence);
    }

    public static VerificationResult VerifyFile(string file, string anchorHash = LedgerHash.Genesis, long anchorSequence = 0) =>
        VerifyFile(Encoding.UTF8.GetBytes(file), anchorHash, anchorSequence);
}
