using Aims.Data.Entities;
using Aims.Domain.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Aims.Data.Lifecycle;

/// <summary>The queued path of <see cref="LifecycleStreamWriter.AppendAsync"/>: chain ahead, write in order (ADR 0018).</summary>
public sealed partial class LifecycleStreamWriter
{
    private async Task<(IngestAcknowledgement? Ack, IngestClash? Clash)> AppendQueuedAsync(Guid systemId, PendingBatch pending)
    {
        var queue = LifecycleAppendQueue.For(db, systemId);
        // Not cancelled while queued: a request handed the lead must take it, or the batches behind it would wait forever;
        // and a group carries other requests' batches, so the leader's cancellation must not undo them either.
        if (queue.Join(pending) || !await pending.Done)
        {
            WriteTurn turn;
            try
            {
                var group = queue.TakeGroup();
                try
                {
                    turn = await ChainAheadAsync(systemId, queue, group);
                }
                catch (Exception e)
                {
                    group.ForEach(b => b.Fail(e));
                    throw;
                }
            }
            finally
            {
                queue.Finish(); // the next group is chained while this one is written
            }

            await turn.Previous;
            await WriteInOrderAsync(systemId, queue, turn);
        }

        await pending.Done;
        return pending.Result;
    }

    /// <summary>
    /// Chains a group onto the stream's tail without any lock: the tail the groups before it leave, or the stored head
    /// when that is unknown. Ids already in the stream are those stored and those of groups chained but not yet written.
    /// </summary>
    private async Task<WriteTurn> ChainAheadAsync(Guid systemId, LifecycleAppendQueue queue, List<PendingBatch> group)
    {
        var ct = CancellationToken.None;
        var inFlight = queue.InFlight();
        var placed = await LookupAsync(systemId, group, ct);
        foreach (var (id, place) in inFlight)
        {
            placed.TryAdd(id, place);
        }

        var tail = queue.Tail;
        if (tail is null)
        {
            var stored = await db.LifecycleStreams.AsNoTracking().Where(h => h.SystemId == systemId)
                .Select(h => new { h.Sequence, h.Hash, h.CheckpointSequence }).FirstOrDefaultAsync(ct);
            tail = new StreamTail(stored?.Sequence ?? 0, stored?.Hash ?? LedgerHash.Genesis, stored?.CheckpointSequence ?? 0, false, null);
        }

        var head = new LifecycleStreamHead
        {
            SystemId = systemId,
            OrganizationId = db.CurrentOrganizationId,
            Sequence = tail.Sequence,
            Hash = tail.Hash,
            CheckpointSequence = tail.CheckpointSequence,
        };
        using var signer = new StreamSigner(this, db.CurrentOrganizationId, systemId, tail.KeyKnown, tail.KeyId);
        var chained = await ChainAsync(systemId, group, head, placed, signer, ct);
        var end = new StreamTail(head.Sequence, head.Hash, head.CheckpointSequence, chained.StreamKeyKnown, chained.StreamKeyId);
        return queue.Chained(end, chained, group, placed);
    }

    /// <summary>
    /// Writes the turn, with the turns chained after it that are ready, in one transaction; or, when a writer ahead took
    /// it, waits until that writer is done (it answers this turn's batches too).
    /// </summary>
    private async Task WriteInOrderAsync(Guid systemId, LifecycleAppendQueue queue, WriteTurn turn)
    {
        var writes = queue.TakeWrites(turn);
        if (writes.Count == 0)
        {
            await turn.Done;
            return;
        }

        var asChained = false;
        try
        {
            asChained = await TryWriteChainedAsync(systemId, ChainedGroup.Join([.. writes.Select(w => w.Chained)]));
            if (!asChained)
            {
                foreach (var write in writes)
                {
                    await AppendGroupAsync(systemId, write.Group, CancellationToken.None);
                }
            }

            writes.ForEach(w => w.Group.ForEach(b => b.Complete()));
        }
        catch (Exception e)
        {
            writes.ForEach(w => w.Group.ForEach(b => b.Fail(e)));
            throw;
        }
        finally
        {
            writes.ForEach(w => queue.Written(w, asChained));
        }
    }

    /// <summary>
    /// Writes a group chained ahead, under the stream's lock, if the stored stream still ends where the group was chained;
    /// false (nothing written) when it does not, and the group is then appended again from the stored head.
    /// </summary>
    private async Task<bool> TryWriteChainedAsync(Guid systemId, ChainedGroup chained)
    {
        var ct = CancellationToken.None;
        using var turn = await SqliteWriteGate.EnterAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(db.CurrentOrganizationId, systemId, ct);
        var stored = await db.LifecycleStreams.AsNoTracking().Where(h => h.SystemId == systemId).Select(h => new { h.Sequence, h.Hash }).SingleAsync(ct);
        if (stored.Sequence != chained.StartSequence || stored.Hash != chained.StartHash)
        {
            return false;
        }

        var tracked = new List<object>();
        try
        {
            await WriteAsync(chained, tracked, ct);
            await transaction.CommitAsync(ct);
            return true;
        }
        catch (Exception e) when (IsStreamClash(e))
        {
            return false; // only a writer that bypassed the head lock could cause this: append again from the stored head
        }
        finally
        {
            Detach(tracked);
        }
    }
}
