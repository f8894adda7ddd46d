using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aims.Data.Entities;
using Aims.Data.Ledger;
using Aims.Domain.Ledger;
using Aims.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Aims.Data.Lifecycle;

/// <summary>One event of an acknowledgement: where the sender's event sits in the stream.</summary>
[JsonConverter(typeof(IngestedEventConverter))]
public sealed record IngestedEvent(string EventId, long Sequence, string Hash);

/// <summary>
/// Writes an acknowledged event as the serializer would (camelCase members in declaration order), without its
/// per-property machinery: an acknowledgement lists up to a thousand of them. Never read from JSON by the server.
/// </summary>
public sealed class IngestedEventConverter : JsonConverter<IngestedEvent>
{
    private static readonly JsonEncodedText EventId = JsonEncodedText.Encode("eventId");
    private static readonly JsonEncodedText Sequence = JsonEncodedText.Encode("sequence");
    private static readonly JsonEncodedText Hash = JsonEncodedText.Encode("hash");

    public override IngestedEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        return new IngestedEvent(root.GetProperty("eventId").GetString()!, root.GetProperty("sequence").GetInt64(), root.GetProperty("hash").GetString()!);
    }

    public override void Write(Utf8JsonWriter writer, IngestedEvent value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(EventId, value.EventId);
        writer.WriteNumber(Sequence, value.Sequence);
        writer.WriteString(Hash, value.Hash);
        writer.WriteEndObject();
    }
}

/// <summary>
/// What a batch's sender gets back, only after the batch is committed. It names each event's place in the stream,
/// so a retried batch gets the very same answer.
/// </summary>
public sealed record IngestAcknowledgement(string System, string Stream, int Count, IReadOnlyList<IngestedEvent> Events);

/// <summary>Why a batch was refused as a whole after the stream was locked: an event id already used for different content.</summary>
public sealed record IngestClash(int Index, string EventId, long Sequence);

/// <summary>
/// Appends batches to an AI system's lifecycle stream. Batches of one sender that arrive while the stream is being
/// written queue and are appended together (<see cref="LifecycleAppendQueue"/>: one transaction per group, each batch
/// answered after its commit). The stream head row is locked first (an atomic update, like the organization chain's
/// <c>chain_heads</c>), so concurrent writers of one system, on any node, wait for each other and the stream never forks.
/// Event ids already in the stream are answered from what is stored (idempotency); the rest are hashed onto the head;
/// the organization ledger gets one event per batch (a <see cref="LifecycleBatch"/> saved through the ledger writer in
/// the same transaction).
/// A signed checkpoint is appended whenever the stream passes a multiple of the organization's checkpoint interval.
/// </summary>
public sealed partial class LifecycleStreamWriter(AimsDbContext db, ILedgerKeys keys, TimeProvider time)
{
    private const int MaxAttempts = 3;

    private AimsDbContext Db => db;

    private ILedgerKeys Keys => keys;
    public const string EventKind = "event";
    public const string CheckpointKind = "checkpoint";

    public async Task<(IngestAcknowledgement? Ack, IngestClash? Clash)> AppendAsync(
        Guid systemId, string systemReference, IReadOnlyList<LifecycleEventRecord> events, CancellationToken ct)
    {
        // What does not depend on the stream's head is computed before the batch queues for the stream.
        var digests = new string[events.Count];
        var templates = new CanonicalTemplate[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            templates[i] = LedgerCanonicalJson.Prepare(LifecycleStream.Draft(systemId, systemReference, 1, LedgerHash.Genesis, DateTimeOffset.UnixEpoch, db.Session.Actor, events[i]));
            digests[i] = LifecycleStream.ContentDigest(events[i], templates[i]);
        }

        var pending = new PendingBatch(LifecycleAppendQueue.SenderOf(db), systemReference, events, digests, templates);
        if (db.Database.CurrentTransaction is not null)
        {
            // Inside a transaction already open (the demo seeding) the batch is part of it, on its own.
            await AppendGroupAsync(systemId, [pending], ct);
            return pending.Result;
        }

        return await AppendQueuedAsync(systemId, pending);
    }

    /// <summary>Appends a group of batches in one transaction; each batch's <see cref="PendingBatch.Result"/> is set once committed.</summary>
    private async Task AppendGroupAsync(Guid systemId, List<PendingBatch> group, CancellationToken ct)
    {
        using var turn = await SqliteWriteGate.EnterAsync(db, ct);
        for (var attempt = 1; ; attempt++)
        {
            var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            var tracked = new List<object>();
            try
            {
                await AppendInTransactionAsync(systemId, group, tracked, ct);
                if (owned is not null)
                {
                    await owned.CommitAsync(ct);
                }

                return;
            }
            catch (Exception e) when (owned is not null && attempt < MaxAttempts && IsStreamClash(e))
            {
                // Only a writer that bypassed the head lock could get here; start again from the committed head.
                await owned.RollbackAsync(ct);
            }
            finally
            {
                Detach(tracked);
                if (owned is not null)
                {
                    await owned.DisposeAsync();
                }
            }
        }
    }

    /// <summary>A stream row refused by the database (its key or event id taken): the head lock was bypassed.</summary>
    private static bool IsStreamClash(Exception e) =>
        e is DbUpdateException or System.Data.Common.DbException
        && (e.InnerException ?? e).Message.Contains("lifecycle_events", StringComparison.OrdinalIgnoreCase);

    /// <summary>The batch records a write added are not carried into the request's further work.</summary>
    private void Detach(List<object> tracked)
    {
        foreach (var entity in tracked)
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }

    private async Task AppendInTransactionAsync(Guid systemId, List<PendingBatch> group, List<object> tracked, CancellationToken ct)
    {
        var organization = db.CurrentOrganizationId;
        await LockAsync(organization, systemId, ct);
        var placed = await LookupAsync(systemId, group, ct);
        var head = await db.LifecycleStreams.AsNoTracking().SingleAsync(h => h.SystemId == systemId, ct);
        using var signer = new StreamSigner(this, organization, systemId);
        var chained = await ChainAsync(systemId, group, head, placed, signer, ct);
        await WriteAsync(chained, tracked, ct);
    }

    /// <summary>
    /// The group's event ids that the stream already holds, in one query on the (system_id, event_id) index. The system
    /// id is this organization's (the caller resolved it through the tenant filter); with the filter's organization_id in
    /// the query SQLite walked the organization's every event instead (the ingestion got slower as the stream grew), and
    /// one JSON parameter instead of 1,000 named ones keeps SQLite's name lookup from growing with the batch squared.
    /// </summary>
    private async Task<Dictionary<string, (IngestedEvent Event, string? Digest)>> LookupAsync(Guid systemId, List<PendingBatch> group, CancellationToken ct)
    {
        var ids = new List<string>();
        foreach (var pending in group)
        {
            foreach (var e in pending.Events)
            {
                ids.Add(e.EventId);
            }
        }

        return await db.LifecycleEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.SystemId == systemId && EF.Parameter(ids).Contains(e.EventId))
            .Select(e => new { e.EventId, e.Sequence, e.Hash, e.ContentDigest })
            .ToDictionaryAsync(e => e.EventId, e => (Event: new IngestedEvent(e.EventId, e.Sequence, e.Hash), Digest: e.ContentDigest), StringComparer.Ordinal, ct);
    }

    /// <summary>
    /// Chains the group's new events onto <paramref name="head"/> (which it advances) and sets each batch's answer:
    /// <paramref name="placed"/> holds every event id the stream already has, and gets the group's own as they are placed,
    /// so a batch repeating an earlier batch of the group is answered with the earlier one's places.
    /// </summary>
    private async Task<ChainedGroup> ChainAsync(Guid systemId, List<PendingBatch> group, LifecycleStreamHead head,
        Dictionary<string, (IngestedEvent Event, string? Digest)> placed, StreamSigner signer, CancellationToken ct)
    {
        var organization = db.CurrentOrganizationId;
        var (startSequence, startHash) = (head.Sequence, head.Hash);
        var settings = await db.LifecycleSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        var every = settings?.CheckpointEvery ?? new LifecycleSettings().CheckpointEvery;
        // Taken by the stream's only chainer: a stream's events never go back in time against their sequence.
        var now = Clock.Now(time);
        var rows = new List<LifecycleEvent>();
        var batches = new List<LifecycleBatch>();
        foreach (var pending in group)
        {
            var events = pending.Events;
            if (Clash(pending, placed) is { } clash)
            {
                pending.Result = (null, clash);
                continue;
            }

            var batch = new LifecycleBatch
            {
                OrganizationId = organization,
                SystemId = systemId,
                System = pending.SystemReference,
                Stream = LifecycleStream.ChainId(systemId),
                HeadHash = "",
                TokenId = db.Session.TokenId,
                FirstSequence = head.Sequence + 1,
            };
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                if (placed.ContainsKey(e.EventId))
                {
                    continue;
                }

                var sequence = head.Sequence + 1;
                var row = Row(organization, systemId, pending.Templates[i].Write(sequence, head.Hash, now), sequence, head.Hash, e.EventId, now, EventKind);
                row.OccurredAt = e.Timestamp;
                row.Stage = LifecycleStages.Name(e.Stage);
                row.EventType = e.Type;
                row.ModelVersion = e.ModelVersion;
                row.DecisionId = e.DecisionId;
                row.HumanIntervention = e.HumanIntervention;
                row.ContentDigest = pending.Digests[i];
                row.BatchId = batch.Id;
                Advance(head, row, rows);
                placed[e.EventId] = (new IngestedEvent(e.EventId, row.Sequence, row.Hash), row.ContentDigest);
                batch.Count++;
                if (head.Sequence - head.CheckpointSequence >= every)
                {
                    await signer.CheckpointAsync(head, now, rows, ct);
                }
            }

            if (batch.Count > 0)
            {
                batch.LastSequence = head.Sequence;
                batch.HeadHash = head.Hash;
                batches.Add(batch);
            }

            var acknowledged = new List<IngestedEvent>(events.Count);
            foreach (var e in events)
            {
                acknowledged.Add(placed[e.EventId].Event);
            }

            pending.Result = (new IngestAcknowledgement(pending.SystemReference, LifecycleStream.ChainId(systemId), acknowledged.Count, acknowledged), null);
        }

        return new ChainedGroup(startSequence, startHash, head, rows, batches, signer.StreamKeyId, signer.StreamKeyKnown);
    }

    /// <summary>
    /// Writes a chained group in the open transaction, which holds the stream's lock: the rows outside the change tracker
    /// (<see cref="LifecycleRowInsert"/>), the head with one UPDATE, and each batch with its organization-ledger event.
    /// </summary>
    private async Task WriteAsync(ChainedGroup chained, List<object> tracked, CancellationToken ct)
    {
        if (chained.Rows.Count == 0)
        {
            return;
        }

        await LifecycleRowInsert.InsertAsync(db, chained.Rows, ct);
        await SaveHeadAsync(chained.Head, ct);
        db.LifecycleBatches.AddRange(chained.Batches);
        tracked.AddRange(chained.Batches);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The first event of the batch whose id the stream already holds with different content, refusing the batch.</summary>
    private static IngestClash? Clash(PendingBatch pending, Dictionary<string, (IngestedEvent Event, string? Digest)> placed)
    {
        for (var i = 0; i < pending.Events.Count; i++)
        {
            if (placed.TryGetValue(pending.Events[i].EventId, out var old) && old.Digest != pending.Digests[i])
            {
                return new IngestClash(i, pending.Events[i].EventId, old.Event.Sequence);
            }
        }

        return null;
    }

    /// <summary>
    /// Writes a signed checkpoint at the stream's head now (the prune job does this before cutting), in its own
    /// transaction; returns its sequence, or null when the stream is empty or already ends with a checkpoint.
    /// </summary>
    public async Task<long?> CheckpointAsync(Guid systemId, CancellationToken ct) =>
        await SignHeadAsync(systemId, onlyRotation: false, ct);

    /// <summary>
    /// Before a stream's export is signed: when the organization's key was rotated since the stream's latest checkpoint,
    /// appends the stream's own key-rotation checkpoint (signed by the stream's key, naming the organization's current
    /// one), in its own transaction, so the export's signed head (by the current key) follows from the stream's
    /// checkpoints. Returns its sequence, or null when the stream's key is already current (or it has no checkpoint).
    /// </summary>
    public async Task<long?> AlignKeyAsync(Guid systemId, CancellationToken ct) =>
        await SignHeadAsync(systemId, onlyRotation: true, ct);

    private async Task<long?> SignHeadAsync(Guid systemId, bool onlyRotation, CancellationToken ct)
    {
        using var turn = await SqliteWriteGate.EnterAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var organization = db.CurrentOrganizationId;
        await LockAsync(organization, systemId, ct);
        var head = await db.LifecycleStreams.AsNoTracking().SingleAsync(h => h.SystemId == systemId, ct);
        if (head.Sequence == 0 || (!onlyRotation && head.CheckpointSequence == head.Sequence))
        {
            return null;
        }

        var rows = new List<LifecycleEvent>(2);
        using var signer = new StreamSigner(this, organization, systemId);
        if (onlyRotation)
        {
            await signer.RotateIfNeededAsync(head, Clock.Now(time), rows, ct);
        }
        else
        {
            await signer.CheckpointAsync(head, Clock.Now(time), rows, ct);
        }

        if (rows.Count == 0)
        {
            return null;
        }

        await LifecycleRowInsert.InsertAsync(db, rows, ct);
        await SaveHeadAsync(head, ct);
        await transaction.CommitAsync(ct);
        return rows[^1].Sequence;
    }

    private async Task SaveHeadAsync(LifecycleStreamHead head, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync(
            $"UPDATE lifecycle_streams SET sequence = {head.Sequence}, hash = {head.Hash}, checkpoint_sequence = {head.CheckpointSequence} WHERE system_id = {head.SystemId}", ct);

    /// <summary>
    /// Signs a stream's checkpoints with the organization's current key. The key a stream's checkpoints hand on is
    /// read from its latest checkpoint once per batch; when the organization's key was rotated since, a key-rotation
    /// checkpoint signed by the stream's key (the retired file) and naming the current key comes first, so trust passes
    /// along the stream exactly as along the organization's chain.
    /// </summary>
    private sealed class StreamSigner(LifecycleStreamWriter writer, Guid organization, Guid systemId, bool keyKnown = false, string? streamKeyId = null) : IDisposable
    {
        private string? _streamKeyId = streamKeyId;
        private bool _read = keyKnown;
        private ECDsa? _current;
        private string? _currentId;

        public async Task CheckpointAsync(LifecycleStreamHead head, DateTimeOffset now, List<LifecycleEvent> rows, CancellationToken ct)
        {
            var current = await RotateIfNeededAsync(head, now, rows, ct);
            writer.Advance(head, writer.Checkpoint(organization, systemId, head, now, current, null, rows), rows);
            _streamKeyId = _currentId;
        }

        /// <summary>
        /// Appends a rotation when the stream's key is not the organization's current one; returns the current key,
        /// loaded once per batch (a batch may cross several checkpoints).
        /// </summary>
        public async Task<ECDsa> RotateIfNeededAsync(LifecycleStreamHead head, DateTimeOffset now, List<LifecycleEvent> rows, CancellationToken ct)
        {
            var db = writer.Db;
            if (_current is null)
            {
                var expected = await LedgerCheckpoints.ExpectedKeyIdAsync(db, organization, ct);
                _current = writer.Keys.SigningKey(organization, expected);
                _currentId = LedgerCheckpoint.KeyId(_current);
            }

            if (!_read)
            {
                _read = true;
                if (head.CheckpointSequence > 0)
                {
                    var json = await db.LifecycleEvents.AsNoTracking()
                        .Where(e => e.SystemId == systemId && e.Sequence == head.CheckpointSequence).Select(e => e.Json).FirstOrDefaultAsync(ct);
                    _streamKeyId = json is null ? null : LedgerCheckpoints.NextKeyId(json);
                }
            }

            if (_streamKeyId is { } streamKey && streamKey != _currentId)
            {
                using var old = writer.Keys.KeyById(organization, streamKey) ?? throw new LedgerKeyException(
                    $"The lifecycle stream of AI system {systemId} was last signed by key {streamKey}, which was rotated to {_currentId}; "
                    + $"its retired key file is not in {writer.Keys.Directory}, so the stream's key-rotation checkpoint cannot be signed.");
                writer.Advance(head, writer.Checkpoint(organization, systemId, head, now, old, _current, rows), rows);
                _streamKeyId = _currentId;
            }

            return _current;
        }

        /// <summary>The key the stream's latest checkpoint hands on, once it was read or known (<see cref="StreamKeyKnown"/>).</summary>
        public string? StreamKeyId => _streamKeyId;

        public bool StreamKeyKnown => _read;

        public void Dispose() => _current?.Dispose();
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

    private void Advance(LifecycleStreamHead head, LifecycleEvent row, List<LifecycleEvent> rows)
    {
        head.Sequence = row.Sequence;
        head.Hash = row.Hash;
        if (row.Kind == CheckpointKind)
        {
            head.CheckpointSequence = row.Sequence;
        }

        rows.Add(row);
    }

    private LifecycleEvent Checkpoint(Guid organization, Guid systemId, LifecycleStreamHead head, DateTimeOffset now, ECDsa key, ECDsa? newKey, List<LifecycleEvent> rows)
    {
        var sequence = head.Sequence + 1;
        var name = (newKey is null ? "checkpoint:" : "key-rotation:") + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var draft = LedgerCheckpoint.Draft(LifecycleStream.ChainId(systemId), sequence, head.Hash, now, db.Session.Actor, name, null, key, newKey);
        return Row(organization, systemId, draft, CheckpointKind);
    }

    private static LifecycleEvent Row(Guid organization, Guid systemId, LedgerEventDraft draft, string kind) =>
        Row(organization, systemId, LedgerCanonicalJson.Write(draft), draft.Sequence, draft.PreviousHash, draft.EntityId, draft.At, kind);

    private static LifecycleEvent Row(Guid organization, Guid systemId, byte[] bytes, long sequence, string previousHash, string entityId, DateTimeOffset at, string kind) =>
        new()
        {
            OrganizationId = organization,
            SystemId = systemId,
            Sequence = sequence,
            PreviousHash = previousHash,
            Hash = LedgerHash.Of(bytes),
            Utf8 = bytes,
            EventId = entityId,
            Kind = kind,
            At = at,
        };
}
