using System.Text;
using System.Text.Json;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Data.Ledger;
using Aims.Domain.Ledger;
using Aims.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Ledger;

public sealed record LedgerEventView(
    long Sequence,
    DateTimeOffset At,
    string Actor,
    string ActorName,
    string EntityType,
    string EntityId,
    string? Reference,
    string Action,
    string? Reason,
    JsonElement? Before,
    JsonElement? After,
    string PreviousHash,
    string Hash);

/// <summary>What an export wrote: events from..to and the key that signed its head.</summary>
public sealed record LedgerExportSummary(long Events, long From, long To, string KeyId);

/// <summary>Reads of one organization's chain, shared by the pages, the API and the command line.</summary>
public static class LedgerQueries
{
    public static readonly IReadOnlyList<string> Sorts = ["sequence"];

    public static async Task<PagedList<LedgerEventView>> ListAsync(
        AimsDbContext db, PageQuery paging, string? entityType, string? entityId, CancellationToken ct)
    {
        var query = db.LedgerEvents.AsNoTracking();
        if (!string.IsNullOrEmpty(entityType))
        {
            query = query.Where(e => e.EntityType == entityType);
        }

        if (!string.IsNullOrEmpty(entityId))
        {
            query = query.Where(e => e.EntityId == entityId);
        }

        if (paging.Search is { } q)
        {
            query = query.Where(e => e.Reference != null && e.Reference.ToLower().Contains(q) || e.EntityType.Contains(q) || e.Action == q);
        }

        query = paging.Sort == "sequence" ? query.OrderBy(e => e.Sequence) : query.OrderByDescending(e => e.Sequence);
        var page = await query.ToPageAsync(paging, ct);
        var names = await ActorNamesAsync(db, page.Items.Select(e => e.Actor), ct);
        return page.Map(e => ToView(e, names));
    }

    public static async Task<LedgerEventView?> EventAsync(AimsDbContext db, long sequence, CancellationToken ct)
    {
        var e = await db.LedgerEvents.AsNoTracking().FirstOrDefaultAsync(x => x.Sequence == sequence, ct);
        return e is null ? null : ToView(e, await ActorNamesAsync(db, [e.Actor], ct));
    }

    /// <summary>Every event about one record, oldest first.</summary>
    public static async Task<List<LedgerEventView>> HistoryAsync(AimsDbContext db, string entityType, string entityId, CancellationToken ct)
    {
        var events = await db.LedgerEvents.AsNoTracking()
            .Where(e => e.EntityType == entityType && e.EntityId == entityId)
            .OrderBy(e => e.Sequence).ToListAsync(ct);
        var names = await ActorNamesAsync(db, events.Select(e => e.Actor), ct);
        return events.Select(e => ToView(e, names)).ToList();
    }

    /// <summary>Verifies the session organization's chain from the stored bytes, in sequence order, in batches.</summary>
    public static async Task<VerificationResult> VerifyAsync(AimsDbContext db, CancellationToken ct)
    {
        var verifier = new LedgerVerifier();
        await foreach (var row in db.LedgerEvents.AsNoTracking().OrderBy(e => e.Sequence)
                           .Select(e => new { e.Hash, e.Json }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!verifier.Add(new StoredEvent(row.Hash, Encoding.UTF8.GetBytes(row.Json))))
            {
                break;
            }
        }

        var result = verifier.Result();
        var head = await db.ChainHeads.AsNoTracking().FirstOrDefaultAsync(h => h.OrganizationId == db.CurrentOrganizationId, ct);
        if (result.Intact && head is not null && (head.Sequence != result.LastSequence || (head.Sequence > 0 && head.Hash != result.LastHash)))
        {
            // The events verify among themselves, but the newest ones the chain head vouches for are gone or replaced.
            return result with
            {
                Intact = false,
                BrokenAt = result.LastSequence + 1,
                Problem = $"the chain head records {head.Sequence} event(s) ending in {head.Hash}, but the stored events end at {result.LastSequence}",
            };
        }

        return result;
    }

    /// <summary>
    /// Writes the chain as JSON Lines (see <see cref="LedgerExportFormat"/>) and, as the last line, the head signed
    /// now by the organization's key (<see cref="LedgerSignedHead"/>), so a file cut short is caught. A range starts at
    /// the last checkpoint at or before <paramref name="fromSequence"/>, whose signature anchors it.
    /// </summary>
    public static async Task<LedgerExportSummary> ExportAsync(AimsDbContext db, long fromSequence, Stream output, CancellationToken ct)
    {
        var signing = db.Signing ?? throw new InvalidOperationException("No ledger signing is configured for this context.");
        var chain = db.CurrentOrganizationId;
        var start = fromSequence <= 1 ? 1 : await db.LedgerEvents.AsNoTracking()
            .Where(e => e.EntityType == LedgerCheckpoint.EntityType && e.Sequence <= fromSequence).MaxAsync(e => (long?)e.Sequence, ct) ?? 1;
        long count = 0, last = 0;
        var lastHash = LedgerHash.Genesis;
        string? keyId = null;
        // Lines are gathered in memory and written in 64 KiB blocks: a response body takes only asynchronous writes.
        using var block = new MemoryStream(80 * 1024);
        await foreach (var row in db.LedgerEvents.AsNoTracking().Where(e => e.Sequence >= start).OrderBy(e => e.Sequence)
                           .Select(e => new { e.Sequence, e.Hash, e.Json, e.EntityType }).AsAsyncEnumerable().WithCancellation(ct))
        {
            LedgerExportFormat.WriteLine(block, row.Hash, Encoding.UTF8.GetBytes(row.Json));
            (count, last, lastHash) = (count + 1, row.Sequence, row.Hash);
            if (row.EntityType == LedgerCheckpoint.EntityType)
            {
                keyId = LedgerCheckpoints.NextKeyId(row.Json);
            }

            if (block.Length >= 64 * 1024)
            {
                await output.WriteAsync(block.GetBuffer().AsMemory(0, (int)block.Length), ct);
                block.SetLength(0);
            }
        }

        // Signed by the key the exported chain arrived at (a rotation committed meanwhile would otherwise sign it with the next one).
        keyId ??= await LedgerCheckpoints.ExpectedKeyIdAsync(db, chain, ct, last);
        using (var key = signing.Keys.SigningKey(chain, keyId))
        {
            var head = LedgerSignedHead.Sign(key, chain.ToString("D"), last, lastHash, Clock.Now());
            block.Write(head.ToLine());
            block.WriteByte((byte)'\n');
            keyId = head.KeyId;
        }

        await output.WriteAsync(block.GetBuffer().AsMemory(0, (int)block.Length), ct);
        await output.FlushAsync(ct);
        return new LedgerExportSummary(count, count == 0 ? 0 : start, last, keyId);
    }

    /// <summary>The export as a download: the same for the API (bearer) and the Ledger page's link (cookie).</summary>
    public static async Task WriteDownloadAsync(HttpContext context, AimsDbContext db, long fromSequence, CancellationToken ct)
    {
        context.Response.ContentType = "application/x-ndjson";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"ledger.jsonl\"";
        await ExportAsync(db, fromSequence, context.Response.Body, ct);
    }

    /// <summary>Names for "person:&lt;id&gt;" actors, looked up at read time: the ledger itself keeps only the id.</summary>
    public static async Task<Dictionary<string, string>> ActorNamesAsync(AimsDbContext db, IEnumerable<string> actors, CancellationToken ct)
    {
        var ids = actors.Distinct().Select(a => a.StartsWith("person:", StringComparison.Ordinal) && Guid.TryParse(a[7..], out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty).ToList();
        var people = await db.Users.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.DisplayName }).ToListAsync(ct);
        return people.ToDictionary(p => "person:" + p.Id.ToString("D"), p => p.DisplayName);
    }

    private static LedgerEventView ToView(LedgerEvent e, Dictionary<string, string> names)
    {
        using var doc = JsonDocument.Parse(e.Json);
        var root = doc.RootElement;
        return new LedgerEventView(e.Sequence, e.At, e.Actor, names.GetValueOrDefault(e.Actor, e.Actor), e.EntityType, e.EntityId, e.Reference,
            e.Action, root.GetProperty("reason").GetString(), Clone(root.GetProperty("before")), Clone(root.GetProperty("after")), e.PreviousHash, e.Hash);
    }

    private static JsonElement? Clone(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element.Clone();
}
