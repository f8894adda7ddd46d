using Aims.Data.Entities;
using Aims.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Aims.Data.Lifecycle;

/// <summary>What one retention run did to one stream.</summary>
public sealed record PruneResult(string System, long Removed, long? AnchorSequence, long FirstSequence);

/// <summary>
/// Applies the organization's retention to its lifecycle streams. Each stream first gets a checkpoint at its head,
/// then loses only the events before its latest checkpoint written before the cutoff: what remains starts at a signed
/// checkpoint that anchors it, so it still verifies. Every stream is cut under its head lock and the cut is
/// recorded in the organization ledger, so two nodes running the job at once cut each stream at most once.
/// </summary>
public sealed class LifecyclePruner(AimsDbContext db, LifecycleStreamWriter writer, TimeProvider time)
{
    public async Task<List<PruneResult>> PruneAsync(CancellationToken ct)
    {
        var settings = await db.LifecycleSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        var months = settings?.RetentionMonths ?? LifecycleRetention.DefaultMonths;
        var streams = await db.LifecycleStreams.AsNoTracking().Select(h => h.SystemId).ToListAsync(ct);
        var results = new List<PruneResult>();
        foreach (var systemId in streams)
        {
            await writer.CheckpointAsync(systemId, ct);
            results.Add(await PruneStreamAsync(systemId, months, ct));
        }

        return results;
    }

    private async Task<PruneResult> PruneStreamAsync(Guid systemId, int months, CancellationToken ct)
    {
        var now = Clock.Now(time);
        var cutoff = LifecycleRetention.Cutoff(now, months);
        var reference = await db.AiSystems.IgnoreQueryFilters([AimsDbContext.SoftDeleteFilter]).Where(s => s.Id == systemId).Select(s => s.Reference).SingleAsync(ct);
        using var turn = await SqliteWriteGate.EnterAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await writer.LockAsync(db.CurrentOrganizationId, systemId, ct);
            var head = await db.LifecycleStreams.SingleAsync(h => h.SystemId == systemId, ct);
            var checkpoints = await db.LifecycleEvents.AsNoTracking()
                .Where(e => e.SystemId == systemId && e.Kind == LifecycleStreamWriter.CheckpointKind && e.Sequence > head.FirstSequence)
                .Select(e => new { e.Sequence, e.At, e.PreviousHash, e.Hash })
                .ToListAsync(ct);
            var anchor = LifecycleRetention.PruneBefore(checkpoints.Select(c => (c.Sequence, c.At)), head.FirstSequence, cutoff);
            if (anchor is not { } cut)
            {
                return new PruneResult(reference, 0, null, head.FirstSequence);
            }

            var removed = await writer.DeleteBeforeAsync(systemId, cut, ct);
            head.FirstSequence = cut;
            db.LifecyclePrunes.Add(new LifecyclePrune
            {
                OrganizationId = db.CurrentOrganizationId,
                SystemId = systemId,
                System = reference,
                Stream = LifecycleStream.ChainId(systemId),
                AnchorSequence = cut,
                AnchorHash = checkpoints.Single(c => c.Sequence == cut).Hash,
                Removed = removed,
                Cutoff = cutoff,
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new PruneResult(reference, removed, cut, cut);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
