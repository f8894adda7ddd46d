using System.Diagnostics;
using System.Globalization;
using Aims.Domain.Ledger;

namespace Aims.Bench;

/// <summary>`generate-ledger`: an exported ledger file of one chain, written with the product's own ledger code.</summary>
public static class LedgerGenerator
{
    public static int Run(Arguments a)
    {
        var count = a.Number("events", 1_000_000);
        var path = a.Required("out");
        var seed = (int)a.Number("seed", 42);
        var chain = a.Get("chain") ?? SyntheticLedger.DefaultChain;
        var every = a.Number("checkpoint-every", 1000);
        a.RejectUnknown();

        var clock = Stopwatch.StartNew();
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var ledger = new SyntheticLedger(seed, chain);
        // As the data layer signs: a checkpoint after every N events, and the export's last line a signed head.
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        long checkpoints = 0;
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            for (long i = 1; i <= count; i++)
            {
                var (hash, canonical) = ledger.Next();
                LedgerExportFormat.WriteLine(file, hash, canonical);
                if (every > 0 && i % every == 0)
                {
                    (hash, canonical) = ledger.Checkpoint(key);
                    LedgerExportFormat.WriteLine(file, hash, canonical);
                    checkpoints++;
                }
            }

            file.Write(ledger.SignedHead(key).ToLine());
            file.WriteByte((byte)'\n');
        }

        File.WriteAllText(path + ".pem", key.ExportSubjectPublicKeyInfoPem() + "\n");

        var bytes = new FileInfo(path).Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {count} events and {checkpoints} signed checkpoints of chain {chain} to {path} (public key: {path}.pem): {bytes} bytes ({(count == 0 ? 0 : bytes / count)} bytes/line on average), head {ledger.Head}, in {clock.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }
}

/// <summary>
/// A deterministic stream of realistic events for one chain: records of a few kinds are created, updated (a diff of the
/// changed fields plus the version, as the data layer records it) and deleted (a tombstone with the full record),
/// some with a reason, each hashed and linked exactly as <c>Aims.Data.Ledger.LedgerWriter</c> does.
/// </summary>
public sealed class SyntheticLedger
{
    public const string DefaultChain = "0193a6f0-5c1e-7b7a-9a3e-4f1f2c3d4e5f";

    private const int MaxLive = 20_000;

    private static readonly string[] Roles = ["administrator", "aims-lead", "control-owner", "contributor", "internal-auditor", "external-auditor", "viewer"];
    private static readonly string[] RiskCategories = ["bias-and-fairness", "robustness", "privacy", "transparency", "security", "data-quality", "human-oversight", "third-party"];
    private static readonly string[] RiskStatuses = ["identified", "assessed", "treating", "accepted", "closed"];
    private static readonly string[] Treatments = ["mitigate", "avoid", "transfer", "accept"];
    private static readonly string[] Stages = ["design", "development", "validation", "deployed", "monitoring", "retired"];
    private static readonly string[] Scopes = ["read", "write", "admin"];
    private static readonly string[] Words =
    [
        "model", "drift", "credit", "scoring", "applicant", "data", "quality", "review", "threshold", "monitoring", "fairness",
        "explanation", "override", "vendor", "retraining", "feature", "pipeline", "approval", "complaint", "appeal", "latency",
        "outage", "customer", "segment", "income", "proxy", "consent", "retention", "audit", "evidence", "control", "owner",
    ];

    private static readonly string[] Reasons =
    [
        "Quarterly risk review.",
        "Agreed in the AIMS steering meeting of the week.",
        "Correction after the internal audit finding IA-2026-07.",
        "Owner left the team; responsibilities handed over.",
        "Model retrained on the Q3 data set; re-assessed.",
        "Requested by the external auditor.",
    ];

    private readonly Random _random;
    private readonly string _chain;
    private readonly string[] _actors;
    private readonly string _organizationId;
    private readonly List<Record> _live = [];
    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);
    private DateTimeOffset _at = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private long _seq;

    public SyntheticLedger(int seed = 42, string chain = DefaultChain)
    {
        _random = new Random(seed);
        _chain = chain;
        _organizationId = chain;
        _actors = Enumerable.Range(0, 60).Select(_ => "person:" + NewId()).Append("system:cli").ToArray();
    }

    /// <summary>The hash of the last event produced (genesis before the first).</summary>
    public string Head { get; private set; } = LedgerHash.Genesis;

    /// <summary>Events of the chain, hashed and linked, in memory (for micro-benchmarks).</summary>
    public static List<StoredEvent> Build(int count, int seed = 42)
    {
        var ledger = new SyntheticLedger(seed);
        var list = new List<StoredEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var (hash, canonical) = ledger.Next();
            list.Add(new StoredEvent(hash, canonical));
        }

        return list;
    }

    public LedgerEventDraft NextDraft()
    {
        _seq++;
        _at = _at.AddTicks(_random.NextInt64(10 * 1_000_000, 10 * 600_000_000L) / 10 * 10); // 1 s to 1 min, microseconds
        var actor = _actors[_random.Next(_actors.Length)];
        var reason = _random.Next(5) == 0 ? Reasons[_random.Next(Reasons.Length)] : null;

        var roll = _random.Next(100);
        if (_live.Count < 50 || (roll < 40 && _live.Count < MaxLive))
        {
            var record = Create();
            _live.Add(record);
            return Draft(actor, record, LedgerActions.Create, reason, null, Fields(record.Fields));
        }

        var index = _random.Next(_live.Count);
        var target = _live[index];
        if (roll < 92 || target.Type == "access-token") // tokens are revoked, never deleted
        {
            var (before, after) = Update(target);
            return Draft(actor, target, LedgerActions.Update, reason, before, after);
        }

        _live[index] = _live[^1];
        _live.RemoveAt(_live.Count - 1);
        var tombstone = new SortedDictionary<string, object?>(target.Fields, StringComparer.Ordinal);
        target.Fields["deletedAt"] = _at;
        target.Fields["version"] = (long)target.Fields["version"]! + 1;
        return Draft(actor, target, LedgerActions.Delete, reason, Fields(tombstone), null);
    }

    /// <summary>Continues the chain after an event made from <see cref="NextDraft"/> and changed by the caller.</summary>
    public void Follow(string hash) => Head = hash;

    /// <summary>A checkpoint signing the head so far, as the data layer appends one.</summary>
    public (string Hash, byte[] Canonical) Checkpoint(System.Security.Cryptography.ECDsa key)
    {
        var canonical = LedgerCanonicalJson.Write(LedgerCheckpoint.Draft(_chain, ++_seq, Head, _at, "system:ledger", _chain, null, key));
        Head = LedgerHash.Of(canonical);
        return (Head, canonical);
    }

    /// <summary>The export's last line: the head signed now.</summary>
    public LedgerSignedHead SignedHead(System.Security.Cryptography.ECDsa key) => LedgerSignedHead.Sign(key, _chain, _seq, Head, _at);

    public (string Hash, byte[] Canonical) Next()
    {
        var canonical = LedgerCanonicalJson.Write(NextDraft());
        var hash = LedgerHash.Of(canonical);
        Head = hash;
        return (hash, canonical);
    }

    private LedgerEventDraft Draft(string actor, Record record, string action, string? reason, List<LedgerField>? before, List<LedgerField>? after)
    {
        var draft = new LedgerEventDraft(_chain, _seq, Head, _at, actor, record.Type, record.Id, record.Reference, action, reason, before, after);
        return draft;
    }

    private static List<LedgerField> Fields(IDictionary<string, object?> fields) => fields.Select(f => new LedgerField(f.Key, f.Value)).ToList();

    private Record Create()
    {
        var id = NewId();
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = id,
            ["createdAt"] = _at,
            ["version"] = 1L,
        };
        var kind = _random.Next(100);
        string type;
        string? reference = null;
        if (kind < 30)
        {
            type = "membership";
            fields["organizationId"] = _organizationId;
            fields["personId"] = NewId();
            fields["role"] = Pick(Roles);
            fields["deletedAt"] = null;
        }
        else if (kind < 65)
        {
            type = "risk";
            reference = NextReference("RISK");
            fields["organizationId"] = _organizationId;
            fields["reference"] = reference;
            fields["title"] = Sentence(4, 9);
            fields["description"] = Sentence(12, 40);
            fields["category"] = Pick(RiskCategories);
            fields["likelihood"] = _random.Next(1, 6);
            fields["impact"] = _random.Next(1, 6);
            fields["status"] = Pick(RiskStatuses);
            fields["treatment"] = Pick(Treatments);
            fields["ownerId"] = NewId();
            fields["reviewDue"] = DateOnly.FromDateTime(_at.UtcDateTime).AddDays(_random.Next(30, 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            fields["deletedAt"] = null;
        }
        else if (kind < 85)
        {
            type = "ai-system";
            reference = NextReference("SYS");
            fields["organizationId"] = _organizationId;
            fields["reference"] = reference;
            fields["name"] = Sentence(2, 4);
            fields["purpose"] = Sentence(10, 30);
            fields["lifecycleStage"] = Pick(Stages);
            fields["highRisk"] = _random.Next(3) == 0;
            fields["ownerId"] = NewId();
            fields["deletedAt"] = null;
        }
        else
        {
            type = "access-token";
            reference = NextReference("PAT");
            fields["organizationId"] = _organizationId;
            fields["personId"] = NewId();
            fields["reference"] = reference;
            fields["name"] = Sentence(1, 3);
            fields["scope"] = Pick(Scopes);
            fields["prefix"] = "aims_" + NewId()[..8];
            fields["expiresAt"] = _at.AddDays(90);
            fields["revokedAt"] = null;
        }

        return new Record(type, id, reference, fields);
    }

    private (List<LedgerField> Before, List<LedgerField> After) Update(Record record)
    {
        var changeable = record.Fields.Keys.Where(k => k is not ("id" or "createdAt" or "version" or "organizationId" or "reference" or "deletedAt")).ToList();
        var changes = Math.Min(changeable.Count, 1 + _random.Next(3));
        var before = new List<LedgerField>();
        var after = new List<LedgerField>();
        for (var i = 0; i < changes; i++)
        {
            var name = changeable[_random.Next(changeable.Count)];
            if (before.Exists(f => f.Name == name))
            {
                continue;
            }

            var old = record.Fields[name];
            var value = NewValue(name, old);
            before.Add(new LedgerField(name, old));
            after.Add(new LedgerField(name, value));
            record.Fields[name] = value;
        }

        var version = (long)record.Fields["version"]!;
        before.Add(new LedgerField("version", version));
        after.Add(new LedgerField("version", version + 1));
        record.Fields["version"] = version + 1;
        return (before, after);
    }

    private object? NewValue(string name, object? old) => name switch
    {
        "role" => Pick(Roles),
        "category" => Pick(RiskCategories),
        "status" => Pick(RiskStatuses),
        "treatment" => Pick(Treatments),
        "lifecycleStage" => Pick(Stages),
        "scope" => Pick(Scopes),
        "likelihood" or "impact" => _random.Next(1, 6),
        "highRisk" => old is not true,
        "revokedAt" => _at,
        "expiresAt" => _at.AddDays(_random.Next(30, 366)),
        "personId" or "ownerId" => NewId(),
        "reviewDue" => DateOnly.FromDateTime(_at.UtcDateTime).AddDays(_random.Next(30, 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "description" or "purpose" => Sentence(12, 40),
        _ => Sentence(2, 8),
    };

    private string NextReference(string prefix)
    {
        var next = _counters.GetValueOrDefault(prefix) + 1;
        _counters[prefix] = next;
        return prefix + "-" + next.ToString(CultureInfo.InvariantCulture);
    }

    private string Pick(string[] values) => values[_random.Next(values.Length)];

    private string Sentence(int min, int max)
    {
        var words = Enumerable.Range(0, _random.Next(min, max + 1)).Select(_ => Words[_random.Next(Words.Length)]).ToArray();
        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return string.Join(' ', words) + (max > 8 ? "." : "");
    }

    private string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x70); // looks like the version-7 ids the data layer hands out
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }

    private sealed record Record(string Type, string Id, string? Reference, Dictionary<string, object?> Fields);
}
