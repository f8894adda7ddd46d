using System.Collections.Concurrent;
using Aims.Domain.Ledger;
using Aims.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Aims.Data.Lifecycle;

/// <summary>
/// A batch on its way into a stream: its events, what was computed before the lock, and, once committed, its answer.
/// </summary>
internal sealed class PendingBatch(string systemReference, IReadOnlyList<LifecycleEventRecord> events, string[] digests, CanonicalTemplate[] templates)
{
    private readonly TaskCompletionSource<bool> _turn = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

/// <summary>
/// Group commit for one stream: batches that arrive while another group of the same stream is being appended wait here
/// and are then appended together by one of their requests, in one transaction (one head lock, one idempotency query,
/// one commit, one fsync on SQLite). Each request still gets its own answer, only after that commit. Only batches of one
/// sender (the same organization, system, token and actor, so the same session) share a group: the group is written
/// with the leading request's session, and the ledger must name each batch's own sender.
/// </summary>
internal sealed class LifecycleAppendQueue
{
    /// <summary>A group holds at most this many events, so one commit never grows without bound.</summary>
    public const int MaxGroupEvents = 5000;

    private static readonly ConcurrentDictionary<(string Database, Guid Organization, Guid System, Guid? Token, string Actor), LifecycleAppendQueue> Queues = new();

    private readonly Queue<PendingBatch> _waiting = new();
    private bool _leading;

    public static LifecycleAppendQueue For(AimsDbContext db, Guid systemId) =>
        Queues.GetOrAdd((db.Database.GetConnectionString() ?? "", db.CurrentOrganizationId, systemId, db.Session.TokenId, db.Session.Actor), _ => new LifecycleAppendQueue());

    /// <summary>Queues the batch; true when the caller is to lead (append the next group) right away.</summary>
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

    /// <summary>The leader's group: the waiting batches in their order, the leader's own first, up to <see cref="MaxGroupEvents"/>.</summary>
    public List<PendingBatch> TakeGroup()
    {
        lock (_waiting)
        {
            var group = new List<PendingBatch>();
            var events = 0;
            while (_waiting.TryPeek(out var next) && (group.Count == 0 || events + next.Events.Count <= MaxGroupEvents))
            {
                group.Add(_waiting.Dequeue());
                events += next.Events.Count;
            }

            return group;
        }
    }

    /// <summary>After a group: the oldest waiting batch's request leads the next one, or nobody leads until a batch arrives.</summary>
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
}
