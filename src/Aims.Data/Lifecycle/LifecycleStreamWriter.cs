using System.Security.Cryptography;
using System.Text;
using Aims.Data.Entities;
using Aims.Data.Ledger;
using Aims.Domain.Ledger;
using Aims.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Aims.Data.Lifecycle;

/// <summary>One event of an acknowledgement: where the sender's event sits in the stream.</summary>
public sealed record IngestedEvent(string EventId, long Sequence, string Hash);

/// <summary>
/// What a batch's sender gets back, only after the batch is committed. It names each event's place in the stream,
/// so a retried batch gets the very same answer.
/// </summary>
public sealed record IngestAcknowledgement(string System, string Stream, int Count, IReadOnlyList<IngestedEvent> Events);

/// <summary>Why a batch was refused as a whole after the stream was locked: an event id already used for different content.</summary>
public sealed record IngestClash(int Index, string EventId, long Sequence);

/// <summary>
/// Appends batches to an AI system's lifecycle stream. One transaction per batch: the stream head row is locked first
/// (an atomic update, like the organization chain's <c>chain_heads</c>; on SQLite the transaction is IMMEDIATE), so
/// concurrent batches of one system wait for each other and the stream never forks. Event ids already in the stream
/// are answered from what is stored (idempotency); the rest are hashed onto the head; the organization ledger gets one
/// event for the batch (a <see cref="LifecycleBatch"/> saved through the ledger writer in the same transaction).
/// A signed checkpoint is appended whenever the stream passes a multiple of the organization's checkpoint interval.
/// </summary>
public sealed class LifecycleStreamWriter(AimsDbContext db, ILedgerKeys keys, TimeProvider time)
{
    private const int MaxAttempts = 3;
    public const string EventKind = "event";
    public const string CheckpointKind = "checkpoint";

    public async Task<(IngestAcknowledgement? Ack, IngestClash? Clash)> AppendAsync(
        Guid systemId, string systemReference, IReadOnlyList<LifecycleEventRecord> events, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Inside a transaction already open (the demo seeding) the batch is part of it; otherwise it is its own.
            var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            var tracked = new List<object>();
            try
            {
                var result = await AppendInTransactionAsync(systemId, systemReference, events, tracked, ct);
                if (result.Ack is not null && owned is not null)
                {
                    await owned.CommitAsync(ct);
                }

                return result;
            }
            catch (DbUpdateException e) when (owned is not null && attempt < MaxAttempts && e.InnerException?.Message.Contains("lifecycle_events", StringComparison.OrdinalIgnoreCase) == true)
            {
                // Only a writer that bypassed the head lock could get here; start again from the committed head.
                await owned.RollbackAsync(ct);
            }
            finally
            {
                foreach (var entity in tracked)
                {
                    db.Entry(entity).State = EntityState.Detached;
                }

                if (owned is not null)
                {
                    await owned.DisposeAsync();
                }
            }
        }
    }

    private async Task<(IngestAcknowledgement? Ack, IngestClash? Clash)> AppendInTransactionAsync(
        Guid systemId, string systemReference, IReadOnlyList<LifecycleEventRecord> events, List<object> tracked, CancellationToken ct)
    {
        var organization = db.CurrentOrganizationId;
        await LockAsync(organization, systemId, ct);

        var ids = events.Select(e => e.EventId).ToList();
        var stored = await db.LifecycleEvents.AsNoTracking()
            .Where(e => e.SystemId == systemId && ids.Contains(e.EventId))
            .Select(e => new { e.EventId, e.Sequence, e.Hash, e.ContentDigest })
            .ToDictionaryAsync(e => e.EventId, StringComparer.Ordinal, ct);
        for (var i = 0; i < events.Count; i++)
        {
            if (stored.TryGetValue(events[i].EventId, out var old) && old.ContentDigest != LifecycleStream.ContentDigest(events[i]))
            {
                return (null, new IngestClash(i, events[i].EventId, old.Sequence));
            }
        }

        var fresh = events.Where(e => !stored.ContainsKey(e.EventId)).ToList();
        var placed = new Dictionary<string, IngestedEvent>(StringComparer.Ordinal);
        foreach (var (id, old) in stored)
        {
            placed[id] = new IngestedEvent(id, old.Sequence, old.Hash);
        }

        if (fresh.Count > 0)
        {
            var head = await db.LifecycleStreams.SingleAsync(h => h.SystemId == systemId, ct);
            tracked.Add(head);
            var settings = await db.LifecycleSettings.AsNoTracking().FirstOrDefaultAsync(ct);
            var every = settings?.CheckpointEvery ?? new LifecycleSettings().CheckpointEvery;
            // Timed after the lock: a stream's events never go back in time against their sequence.
            var now = Clock.Now(time);
            var batch = new LifecycleBatch
            {
                OrganizationId = organization,
                SystemId = systemId,
                System = systemReference,
                Stream = LifecycleStream.ChainId(systemId),
                HeadHash = "",
                TokenId = db.Session.TokenId,
            };
            var first = head.Sequence + 1;
            foreach (var e in fresh)
            {
                var draft = LifecycleStream.Draft(systemId, systemReference, head.Sequence + 1, head.Hash, now, db.Session.Actor, e);
                var row = Row(organization, systemId, draft, EventKind);
                row.OccurredAt = e.Timestamp;
                row.Stage = LifecycleStages.Name(e.Stage);
                row.EventType = e.Type;
                row.ModelVersion = e.ModelVersion;
                row.DecisionId = e.DecisionId;
                row.HumanIntervention = e.HumanIntervention;
                row.ContentDigest = LifecycleStream.ContentDigest(e);
                row.BatchId = batch.Id;
                Add(head, row, tracked);
                placed[e.EventId] = new IngestedEvent(e.EventId, row.Sequence, row.Hash);
                if (head.Sequence - head.CheckpointSequence >= every)
                {
                    Add(head, Checkpoint(organization, systemId, head, now), tracked);
                }
            }

            batch.FirstSequence = first;
            batch.LastSequence = head.Sequence;
            batch.HeadHash = head.Hash;
            batch.Count = fresh.Count;
            db.LifecycleBatches.Add(batch);
            tracked.Add(batch);
            await db.SaveChangesAsync(ct);
        }

        var acknowledged = events.Select(e => placed[e.EventId]).ToList();
        return (new IngestAcknowledgement(systemReference, LifecycleStream.ChainId(systemId), acknowledged.Count, acknowledged), null);
    }

    /// <summary>
    /// Writes a signed checkpoint at the stream's head now (the prune job does this before cutting), in its own
    /// transaction; returns its sequence, or null when the stream is empty or already ends with a checkpoint.
    /// </summary>
    public async Task<long?> CheckpointAsync(Guid systemId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var organization = db.CurrentOrganizationId;
        await LockAsync(organization, systemId, ct);
        var head = await db.LifecycleStreams.SingleAsync(h => h.SystemId == systemId, ct);
        try
        {
            if (head.Sequence == 0 || head.CheckpointSequence == head.Sequence)
            {
                return null;
            }

            var row = Checkpoint(organization, systemId, head, Clock.Now(time));
            var tracked = new List<object>();
            Add(head, row, tracked);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return row.Sequence;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Creates the stream's head row if needed, then takes its row lock until the transaction ends.</summary>
    internal async Task LockAsync(Guid organization, Guid systemId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO lifecycle_streams (system_id, organization_id, sequence, hash, first_sequence, checkpoint_sequence) VALUES ({systemId}, {organization}, 0, {LedgerHash.Genesis}, 1, 0) ON CONFLICT (system_id) DO NOTHING", ct);
        await db.Database.ExecuteSqlAsync($"UPDATE lifecycle_streams SET sequence = sequence WHERE system_id = {systemId}", ct);
    }

    /// <summary>Removes the events before <paramref name="anchor"/> (a checkpoint) of one stream; the caller holds the lock.</summary>
    internal async Task<int> DeleteBeforeAsync(Guid systemId, long anchor, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"DELETE FROM lifecycle_events WHERE system_id = {systemId} AND sequence < {anchor}", ct);

    private void Add(LifecycleStreamHead head, LifecycleEvent row, List<object> tracked)
    {
        head.Sequence = row.Sequence;
        head.Hash = row.Hash;
        if (row.Kind == CheckpointKind)
        {
            head.CheckpointSequence = row.Sequence;
        }

        db.LifecycleEvents.Add(row);
        tracked.Add(row);
    }

    private LifecycleEvent Checkpoint(Guid organization, Guid systemId, LifecycleStreamHead head, DateTimeOffset now)
    {
        using ECDsa key = keys.SigningKey(organization);
        var sequence = head.Sequence + 1;
        var draft = LedgerCheckpoint.Draft(LifecycleStream.ChainId(systemId), sequence, head.Hash, now, db.Session.Actor,
            "checkpoint:" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), null, key);
        return Row(organization, systemId, draft, CheckpointKind);
    }

    private static LifecycleEvent Row(Guid organization, Guid systemId, LedgerEventDraft draft, string kind)
    {
        var bytes = LedgerCanonicalJson.Write(draft);
        return new LifecycleEvent
        {
            OrganizationId = organization,
            SystemId = systemId,
            Sequence = draft.Sequence,
            PreviousHash = draft.PreviousHash,
            Hash = LedgerHash.Of(bytes),
            Json = Encoding.UTF8.GetString(bytes),
            EventId = draft.EntityId,
            Kind = kind,
            At = draft.At,
        };
    }
}
