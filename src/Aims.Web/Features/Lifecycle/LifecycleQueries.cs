using System.Globalization;
using System.Text;
using System.Text.Json;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Data.Ledger;
using Aims.Data.Lifecycle;
using Aims.Domain.Inventory;
using Aims.Domain.Ledger;
using Aims.Domain.Lifecycle;
using Aims.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Lifecycle;

/// <summary>One lifecycle event as lists show it; digests and attributes are read back from the hashed bytes.</summary>
public sealed record LifecycleEventView(
    string System, long Sequence, string EventId, string Kind, string? Stage, string? Type, string? ModelVersion, string? DecisionId,
    bool HumanIntervention, string? InterventionBy, DateTimeOffset? OccurredAt, DateTimeOffset ReceivedAt, string? InputDigest,
    string? OutputDigest, JsonElement? Attributes, string Hash);

/// <summary>The filters of the lifecycle list (API query string and page alike).</summary>
public sealed record LifecycleFilter(string? System, string? Stage, string? Type, DateTimeOffset? From, DateTimeOffset? To, string? DecisionId);

/// <summary>A system's stream and required phases, with the stages overdue.</summary>
public sealed record LifecycleSystemStatus(
    string System, string Name, long Events, long FirstSequence, long LastSequence, string? Head, DateTimeOffset? LastReceivedAt,
    IReadOnlyList<PhaseStatusView> Phases, bool Flagged, long Version);

public sealed record PhaseStatusView(string Stage, int IntervalHours, DateTimeOffset? LastLoggedAt, DateTimeOffset DueBy, bool Overdue);

public static class LifecycleQueries
{
    public static readonly IReadOnlyList<string> Sorts = ["received", "occurred", "sequence"];

    /// <summary>Checks the filters; resolves the system reference to its id (an unknown reference is a field error, not an empty list).</summary>
    public static async Task<(Guid? SystemId, Dictionary<string, string[]> Errors)> ResolveAsync(AimsDbContext db, LifecycleFilter filter, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (filter.Stage is { } stage && !LifecycleStages.TryParse(stage, out _))
        {
            errors["stage"] = [$"must be one of {string.Join(", ", LifecycleStages.Names)}"];
        }

        if (filter.Type is { Length: > LifecycleBatchRules.MaxTypeLength })
        {
            errors["type"] = [$"must be at most {LifecycleBatchRules.MaxTypeLength} characters"];
        }

        if (filter.DecisionId is { Length: > LifecycleBatchRules.MaxIdLength })
        {
            errors["decisionId"] = [$"must be at most {LifecycleBatchRules.MaxIdLength} characters"];
        }

        if (filter.From is { } from && filter.To is { } to && from > to)
        {
            errors["to"] = ["must not be before from"];
        }

        Guid? systemId = null;
        if (!string.IsNullOrWhiteSpace(filter.System))
        {
            var reference = filter.System.Trim().ToUpperInvariant();
            systemId = await db.AiSystems.AsNoTracking().Where(s => s.Reference == reference).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
            if (systemId is null)
            {
                errors["system"] = [$"'{Shorten(filter.System)}' is not an AI system of this organization"];
            }
        }

        return (systemId, errors);
    }

    public static async Task<PagedList<LifecycleEventView>> ListAsync(AimsDbContext db, Guid? systemId, LifecycleFilter filter, PageQuery paging, CancellationToken ct)
    {
        var query = db.LifecycleEvents.AsNoTracking().Where(e => e.Kind == LifecycleStreamWriter.EventKind);
        if (systemId is { } id)
        {
            query = query.Where(e => e.SystemId == id);
        }

        if (filter.Stage is { Length: > 0 } stage)
        {
            query = query.Where(e => e.Stage == stage);
        }

        if (filter.Type is { Length: > 0 } type)
        {
            query = query.Where(e => e.EventType == type);
        }

        if (filter.DecisionId is { Length: > 0 } decision)
        {
            query = query.Where(e => e.DecisionId == decision);
        }

        if (filter.From is { } from)
        {
            var f = Clock.Truncate(from);
            query = query.Where(e => e.OccurredAt >= f);
        }

        if (filter.To is { } to)
        {
            var t = Clock.Truncate(to);
            query = query.Where(e => e.OccurredAt <= t);
        }

        if (paging.Search is { } q)
        {
            query = query.Where(e => e.EventId.ToLower().Contains(q) || (e.ModelVersion != null && e.ModelVersion.ToLower().Contains(q)));
        }

        var sorted = false;
        query = query
            .SortBy(paging.Sort, "received", e => e.At, ref sorted)
            .SortBy(paging.Sort, "occurred", e => e.OccurredAt, ref sorted)
            .SortBy(paging.Sort, "sequence", e => e.Sequence, ref sorted);
        query = sorted ? ((IOrderedQueryable<LifecycleEvent>)query).ThenBy(e => e.SystemId).ThenBy(e => e.Sequence) : query.OrderByDescending(e => e.At).ThenByDescending(e => e.Sequence);
        var page = await query.ToPageAsync(paging, ct);
        var ids = page.Items.Select(e => e.SystemId).Distinct().ToList();
        var references = await db.AiSystems.IgnoreQueryFilters([AimsDbContext.SoftDeleteFilter]).AsNoTracking()
            .Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Reference, ct);
        return page.Map(e => ToView(e, references.GetValueOrDefault(e.SystemId, "?")));
    }

    private static LifecycleEventView ToView(LifecycleEvent e, string system)
    {
        using var doc = JsonDocument.Parse(e.Json);
        var after = doc.RootElement.GetProperty("after");
        string? Text(string name) => after.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        JsonElement? attributes = after.TryGetProperty("attributes", out var a) && a.ValueKind == JsonValueKind.Object && a.EnumerateObject().Any() ? a.Clone() : null;
        return new LifecycleEventView(system, e.Sequence, e.EventId, e.Kind, e.Stage, e.EventType, e.ModelVersion, e.DecisionId, e.HumanIntervention,
            Text("interventionBy"), e.OccurredAt, e.At, Text("inputDigest"), Text("outputDigest"), attributes, e.Hash);
    }

    /// <summary>
    /// Writes a stream in the ledger export format (one <c>{"hash":..,"event":..}</c> line per event, the bytes as stored),
    /// from its first kept event, and as the last line its head signed now by the organization's current key
    /// (<see cref="LedgerSignedHead"/>), exactly as the organization ledger export ends: <c>aims verify --file</c> checks
    /// it, catches a file cut short, and accepts a pruned stream, which starts at a signed checkpoint. When the
    /// organization's key was rotated since the stream's latest checkpoint, the stream first gets its own key-rotation
    /// checkpoint (<see cref="LifecycleStreamWriter.AlignKeyAsync"/>), so the head's key follows from the stream.
    /// Read in pages to keep memory flat.
    /// </summary>
    public static async Task ExportAsync(AimsDbContext db, Guid systemId, Stream output, CancellationToken ct)
    {
        var signing = db.Signing ?? throw new InvalidOperationException("No ledger signing is configured for this context.");
        var organization = db.CurrentOrganizationId;
        await new LifecycleStreamWriter(db, signing.Keys, TimeProvider.System).AlignKeyAsync(systemId, ct);
        const int Page = 2000;
        long after = 0, last = 0;
        var lastHash = LedgerHash.Genesis;
        string? keyId = null;
        // A page of lines is gathered in memory and written at once: a response body takes only asynchronous writes.
        using var block = new MemoryStream(256 * 1024);
        while (true)
        {
            var rows = await db.LifecycleEvents.AsNoTracking().Where(e => e.SystemId == systemId && e.Sequence > after)
                .OrderBy(e => e.Sequence).Take(Page).Select(e => new { e.Sequence, e.Hash, e.Json, e.Kind }).ToListAsync(ct);
            block.SetLength(0);
            foreach (var row in rows)
            {
                LedgerExportFormat.WriteLine(block, row.Hash, Encoding.UTF8.GetBytes(row.Json));
                (last, lastHash) = (row.Sequence, row.Hash);
                if (row.Kind == LifecycleStreamWriter.CheckpointKind)
                {
                    keyId = LedgerCheckpoints.NextKeyId(row.Json);
                }
            }

            if (rows.Count < Page)
            {
                break;
            }

            await output.WriteAsync(block.GetBuffer().AsMemory(0, (int)block.Length), ct);
            await output.FlushAsync(ct);
            after = rows[^1].Sequence;
        }

        // Signed by the key the exported stream arrived at; a stream without checkpoints by the organization's current key.
        keyId ??= await LedgerCheckpoints.ExpectedKeyIdAsync(db, organization, ct);
        using (var key = signing.Keys.SigningKey(organization, keyId))
        {
            var head = LedgerSignedHead.Sign(key, LifecycleStream.ChainId(systemId), last, lastHash, Clock.Now());
            block.Write(head.ToLine());
            block.WriteByte((byte)'\n');
        }

        await output.WriteAsync(block.GetBuffer().AsMemory(0, (int)block.Length), ct);
        await output.FlushAsync(ct);
    }

    /// <summary>Verifies what is kept of a stream: from seq 1, or from the checkpoint a prune left first (anchored by its prev).</summary>
    public static async Task<VerificationResult> VerifyAsync(AimsDbContext db, Guid systemId, CancellationToken ct)
    {
        var rows = await db.LifecycleEvents.AsNoTracking().Where(e => e.SystemId == systemId).OrderBy(e => e.Sequence)
            .Select(e => new { e.Sequence, e.PreviousHash, e.Hash, e.Json }).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return LedgerVerifier.Verify([]);
        }

        var first = rows[0];
        var verifier = first.Sequence == 1 ? new LedgerVerifier() : new LedgerVerifier(first.PreviousHash, first.Sequence - 1);
        if (first.Sequence != 1 && !LedgerCheckpoint.TryRead(Encoding.UTF8.GetBytes(first.Json), out _, out var problem))
        {
            verifier.Reject("a pruned stream must start at a valid signed checkpoint: " + problem);
        }

        foreach (var row in rows)
        {
            if (!verifier.Add(new StoredEvent(row.Hash, Encoding.UTF8.GetBytes(row.Json))))
            {
                break;
            }
        }

        return verifier.Result();
    }

    /// <summary>Every system with a stream or required phases: its stream and which required stages are overdue.</summary>
    public static async Task<List<LifecycleSystemStatus>> StatusAsync(AimsDbContext db, DateTimeOffset now, Guid? onlySystem, CancellationToken ct)
    {
        var configs = await db.LifecyclePhaseConfigs.AsNoTracking().Where(c => onlySystem == null || c.SystemId == onlySystem).ToListAsync(ct);
        var heads = await db.LifecycleStreams.AsNoTracking().Where(h => onlySystem == null || h.SystemId == onlySystem).ToListAsync(ct);
        var ids = configs.Select(c => c.SystemId).Concat(heads.Select(h => h.SystemId)).Distinct().ToList();
        if (onlySystem is { } only && !ids.Contains(only))
        {
            ids.Add(only);
        }

        var systems = await db.AiSystems.AsNoTracking().Where(s => ids.Contains(s.Id)).OrderBy(s => s.Number)
            .Select(s => new { s.Id, s.Reference, s.Name }).ToListAsync(ct);
        var result = new List<LifecycleSystemStatus>();
        foreach (var system in systems)
        {
            var config = configs.FirstOrDefault(c => c.SystemId == system.Id);
            var head = heads.FirstOrDefault(h => h.SystemId == system.Id);
            var (lastByStage, events) = head is null ? ([], 0) : await StreamFactsAsync(db, head, ct);

            var phases = config is null ? [] : LifecyclePhases.Evaluate(LifecyclePhases.Parse(config.Phases), lastByStage, config.ConfiguredAt, now);
            var views = phases.Select(p => new PhaseStatusView(p.StageName, p.IntervalHours, p.LastLoggedAt, p.DueBy, p.Overdue)).ToList();
            result.Add(new LifecycleSystemStatus(system.Reference, system.Name, events,
                head?.FirstSequence ?? 0, head?.Sequence ?? 0, head?.Hash, lastByStage.Count == 0 ? null : lastByStage.Values.Max(),
                views, views.Any(v => v.Overdue), config?.Version ?? 0));
        }

        return result;
    }

    /// <summary>
    /// When each stage last logged, and how many events the stream keeps, without reading the events: a stream grows to
    /// millions. Each stage's latest time is one lookup on the (system_id, stage, at) index; the events kept are the
    /// head's range less its checkpoints (the rows without a stage, the same index). The system is this organization's
    /// (its head came through the tenant filter); with the organization in the query SQLite would walk its events by time.
    /// </summary>
    private static async Task<(Dictionary<LifecycleStage, DateTimeOffset> LastByStage, long Events)> StreamFactsAsync(
        AimsDbContext db, LifecycleStreamHead head, CancellationToken ct)
    {
        var events = db.LifecycleEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.SystemId == head.SystemId);
        var lastByStage = new Dictionary<LifecycleStage, DateTimeOffset>();
        foreach (var stage in Enum.GetValues<LifecycleStage>())
        {
            var name = LifecycleStages.Name(stage);
            if (await events.Where(e => e.Stage == name).MaxAsync(e => (DateTimeOffset?)e.At, ct) is { } at)
            {
                lastByStage[stage] = at;
            }
        }

        var checkpoints = await events.LongCountAsync(e => e.Stage == null, ct);
        var kept = head.Sequence == 0 ? 0 : head.Sequence - head.FirstSequence + 1;
        return (lastByStage, Math.Max(0, kept - checkpoints));
    }

    public static string FormatTime(DateTimeOffset? at) => at?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never";

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
