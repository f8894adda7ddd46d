using System.Security.Cryptography;
using Aims.Domain.Ledger;
using BenchmarkDotNet.Attributes;

namespace Aims.Bench;

/// <summary>What one write costs the data layer: canonical JSON of a realistic event, then its SHA-256.</summary>
[MemoryDiagnoser]
public class LedgerWriteBenchmarks
{
    private LedgerEventDraft _create = null!;
    private LedgerEventDraft _update = null!;

    [GlobalSetup]
    public void Setup()
    {
        var ledger = new SyntheticLedger(7);
        var drafts = Enumerable.Range(0, 200).Select(_ => ledger.NextDraft()).ToList();
        _create = drafts.Last(d => d.Action == LedgerActions.Create && d.EntityType == "risk");
        _update = drafts.Last(d => d.Action == LedgerActions.Update);
    }

    [Benchmark(Description = "canonical write + hash (risk create)")]
    public string WriteAndHashCreate() => LedgerHash.Of(LedgerCanonicalJson.Write(_create));

    [Benchmark(Description = "canonical write + hash (update diff)")]
    public string WriteAndHashUpdate() => LedgerHash.Of(LedgerCanonicalJson.Write(_update));
}

/// <summary>Verifying 10,000 realistic events held in memory, against hashing the same bytes (the floor).</summary>
[MemoryDiagnoser]
public class LedgerVerifyBenchmarks
{
    private const int Events = 10_000;
    private List<StoredEvent> _events = null!;
    private byte[] _file = null!;

    [GlobalSetup]
    public void Setup()
    {
        _events = SyntheticLedger.Build(Events);
        using var stream = new MemoryStream();
        foreach (var e in _events)
        {
            LedgerExportFormat.WriteLine(stream, e.Hash, e.Canonical.Span);
        }

        _file = stream.ToArray();
    }

    [Benchmark(Description = "LedgerVerifier.Verify, 10k StoredEvents")]
    public long VerifyEvents()
    {
        var result = LedgerVerifier.Verify(_events);
        return result.Intact ? result.Events : throw new InvalidOperationException(result.Summary);
    }

    [Benchmark(Description = "LedgerExportFormat.VerifyFile, 10k lines in memory")]
    public long VerifyExportedBytes()
    {
        using var stream = new MemoryStream(_file, writable: false);
        var result = LedgerExportFormat.VerifyFile(stream);
        return result.Intact ? result.Events : throw new InvalidOperationException(result.Summary);
    }

    [Benchmark(Baseline = true, Description = "SHA-256 of each event (floor, one core)")]
    public int HashEachEvent()
    {
        Span<byte> digest = stackalloc byte[32];
        var sum = 0;
        foreach (var e in _events)
        {
            SHA256.HashData(e.Canonical.Span, digest);
            sum += digest[0];
        }

        return sum;
    }

    [Benchmark(Description = "SHA-256 of the whole file in one call (one core)")]
    public byte[] HashWholeFile() => SHA256.HashData(_file);
}
