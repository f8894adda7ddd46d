using System.Collections.Concurrent;
using Aims.Data.Entities;
using Aims.Domain.Ledger;
using Aims.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Aims.Data.Lifecycle;

/// <summary>
/// A batch on its way into a stream: its events, what was computed before the lock, and, once committed, its answer.
/// </summary>
internal sealed class PendingBatch(object sender, string systemReference, IReadOnlyList<LifecycleEventRecord> events, string[] digests, CanonicalTemplate[] templates)
{
    private readonly TaskCompletionSource<bool> _turn = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Who sent it (organization, token, actor): only batches of one sender share a group.</summary>
    public object Sender => sender;

    public string SystemReference => systemReference;

    public IReadOnlyList<LifecycleEventRecord> Events => events;

    public string[] Digests => digests;

    public CanonicalTemplate[] Templates => templates;

    /// <summary>Set while the group is appended; handed out only after the commit.</summary>
    public (IngestAcknowledgement? Ack, IngestClash? Clash) Result { get; set; }

    /// <summary>True when the batch was appended (its <see cref="Result"/> is final), false when its request is to lead the next group.</summary>
    public Task<bool> Done => _turn.Task;

    public void Complete() => _turn.TrySetResult(true);

    public void Fail(Exception e) => _turn.TrySetException(e);

    public void Lead() => _turn.TrySetResult(false);
}

/// <summary>Where a stream ends once the groups chained so far are written, and the key its latest checkpoint hands on.</summary>
internal sealed record StreamTail(long Sequence, string Hash, long CheckpointSequence, bool KeyKnown, string? KeyId);

/// <summary>What a group adds to its stream, chained in memory onto a head (which it advanced), ready to be written.</summary>
internal sealed record ChainedGroup(long StartSequence, string StartHash, LifecycleStreamHead Head, List<LifecycleEvent> Rows, List<LifecycleBatch> Batches, string? StreamKeyId, bool StreamKeyKnown)
{
    /// <summary>Groups chained one onto the next, as one: the first's start, the last's head, all rows and batches.</summary>
    public static ChainedGroup Join(IReadOnlyList<ChainedGroup> groups) =>
        groups.Count == 1 ? groups[0] : groups[0] with
        {
            Head = groups[^1].Head,
            Rows = [.. groups.SelectMany(g => g.Rows)],
            Batches = [.. groups.SelectMany(g => g.Batches)],
        };
}

/// <summary>A chained group's place in the write order: it is written after <see cref="Previous"/>, alone or with the groups after it.</summary>
internal sealed class WriteTurn(Task previous, List<string> ids, ChainedGroup chained, List<PendingBatch> group)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Previous => previous;

    public List<string> Ids => ids;

    public ChainedGroup Chained => chained;

    public List<PendingBatch> Group => group;

    /// <summary>Set (under the queue's lock) when a writer took the turn.</summary>
    public bool Taken { get; set; }

    public Task Done => _done.Task;

    public void Finish() => _done.TrySetResult();
}

/// <summary>
/// The in-process writers of one stream (docs/decisions/0018). Batches queue; the oldest waiting request leads: it takes
/// the batches of one sender at the front of the queue (the same organization, token and actor, so one session writes
/// them all and the ledger names each batch's own sender), chains them in memory onto the stream's tail, hands the lead
/// on, and then, once the group before it is written, writes its group and any groups chained behind it meanwhile in one
/// transaction (one head lock, one commit, one fsync on SQLite). So the next group is chained while this one is written,
/// and each request is answered only after the commit that holds its batch. The tail and the ids of groups chained but not yet written live here; the
/// writer checks under the stream's lock that the stream still ends where its group was chained, and appends the
/// group again from the stored head when it does not (another node or process wrote, or a group before it failed).
/// </summary>
internal sealed class LifecycleAppendQueue
{
    /// <summary>A group holds at most this many events, so one commit never grows without bound.</summary>
    public const int MaxGroupEvents = 5000;

    private static readonly ConcurrentDictionary<(string Database, Guid System), LifecycleAppendQueue> Queues = new();

    private readonly Queue<PendingBatch> _waiting = new();
    private readonly Dictionary<string, (IngestedEvent Event, string? Digest)> _inFlight = new(StringComparer.Ordinal);
    private bool _leading;
    private StreamTail? _tail;
    private Task _lastWrite = Task.CompletedTask;
    private readonly List<WriteTurn> _unwritten = [];

    public static LifecycleAppendQueue For(AimsDbContext db, Guid systemId) =>
        Queues.GetOrAdd((db.Database.GetConnectionString() ?? "", systemId), _ => new LifecycleAppendQueue());

    public static object SenderOf(AimsDbContext db) => (db.CurrentOrganizationId, db.Session.TokenId, db.Session.Actor);

    /// <summary>Queues the batch; true when the caller is to lead (chain the next group) right away.</summary>
    public bool Join(PendingBatch batch)
    {
        lock (_waiting)
        {
            _waiting.Enqueue(batch);
            if (_leading)
            {
                return false;
            }

            _leading = true;
            return true;
        }
    }

    /// <summary>The leader's group: the leader's own batch (at the front) and the batches of its sender right behind it.</summary>
    public List<PendingBatch> TakeGroup()
    {
        lock (_waiting)
        {
            var group = new List<PendingBatch>();
            var events = 0;
            while (_waiting.TryPeek(out var next) && (group.Count == 0
                       || (Equals(next.Sender, group[0].Sender) && events + next.Events.Count <= MaxGroupEvents)))
            {
                group.Add(_waiting.Dequeue());
                events += next.Events.Count;
            }

            return group;
        }
    }

    /// <summary>After chaining a group: the oldest waiting batch's request leads the next one, or nobody until one arrives.</summary>
    public void Finish()
    {
        lock (_waiting)
        {
            if (_waiting.TryPeek(out var next))
            {
                next.Lead();
            }
            else
            {
                _leading = false;
            }
        }
    }

    /// <summary>Where the groups chained so far end; null when unknown (then the stored head is read).</summary>
    public StreamTail? Tail
    {
        get
        {
            lock (_waiting)
            {
                return _tail;
            }
        }
    }

    /// <summary>
    /// The ids placed by groups chained but not yet written. Taken before the stored ids are queried: a group written
    /// in between is then either still here or already in the database.
    /// </summary>
    public Dictionary<string, (IngestedEvent Event, string? Digest)> InFlight()
    {
        lock (_waiting)
        {
            return new Dictionary<string, (IngestedEvent Event, string? Digest)>(_inFlight, StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// Records a chained group, whose new events follow <paramref name="startSequence"/>: its tail is the stream's tail,
    /// its ids are in flight, and its write comes after the write of the group chained before it.
    /// </summary>
    public WriteTurn Chained(StreamTail tail, ChainedGroup chained, List<PendingBatch> group, Dictionary<string, (IngestedEvent Event, string? Digest)> placed)
    {
        lock (_waiting)
        {
            var ids = new List<string>();
            foreach (var (id, place) in placed)
            {
                if (place.Event.Sequence > chained.StartSequence)
                {
                    _inFlight[id] = place;
                    ids.Add(id);
                }
            }

            _tail = tail;
            var turn = new WriteTurn(_lastWrite, ids, chained, group);
            _lastWrite = turn.Done;
            _unwritten.Add(turn);
            return turn;
        }
    }

    /// <summary>
    /// What the writer of <paramref name="turn"/> writes in one transaction: the turn and the chained turns right after
    /// it that no writer has taken, up to <see cref="MaxGroupEvents"/> events; empty when a writer ahead took the turn.
    /// </summary>
    public List<WriteTurn> TakeWrites(WriteTurn turn)
    {
        lock (_waiting)
        {
            var taken = new List<WriteTurn>();
            if (turn.Taken)
            {
                return taken;
            }

            var events = 0;
            var at = _unwritten.IndexOf(turn);
            while (at < _unwritten.Count && (taken.Count == 0 || events + _unwritten[at].Chained.Rows.Count <= MaxGroupEvents))
            {
                var next = _unwritten[at];
                _unwritten.RemoveAt(at);
                next.Taken = true;
                events += next.Chained.Rows.Count;
                taken.Add(next);
            }

            return taken;
        }
    }

    /// <summary>
    /// After a group's write: its ids are stored (or it failed); when it was not written as chained, the tail built on it
    /// is wrong, so the next group starts from the stored head (and groups already chained on it are appended again).
    /// </summary>
    public void Written(WriteTurn turn, bool asChained)
    {
        lock (_waiting)
        {
            foreach (var id in turn.Ids)
            {
                _inFlight.Remove(id);
            }

            if (!asChained)
            {
                _tail = null;
            }
        }

        turn.Finish();
    }
}
