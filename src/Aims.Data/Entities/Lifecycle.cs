namespace Aims.Data.Entities;

/// <summary>
/// The head of one AI system's lifecycle stream: the last sequence handed out and its hash. Ingestion locks this row
/// (like <see cref="ChainHead"/>) so concurrent batches of one system serialize and the stream never forks.
/// </summary>
public sealed class LifecycleStreamHead : IOrganizationOwned
{
    public Guid SystemId { get; set; }

    public Guid OrganizationId { get; set; }

    public long Sequence { get; set; }

    public required string Hash { get; set; }

    /// <summary>The first event still kept: 1, or after pruning the checkpoint that anchors what remains.</summary>
    public long FirstSequence { get; set; } = 1;

    /// <summary>The sequence of the last checkpoint written into the stream (0 before the first).</summary>
    public long CheckpointSequence { get; set; }
}

/// <summary>
/// One event of a lifecycle stream: <see cref="Json"/> holds the canonical bytes exactly as hashed; the other columns
/// are copies for queries and never used to verify. Not ledgered one by one: each accepted batch is
/// (<see cref="LifecycleBatch"/>). The database refuses UPDATE on this table; rows go only by retention pruning.
/// </summary>
public sealed class LifecycleEvent : IOrganizationOwned
{
    public Guid SystemId { get; set; }

    public long Sequence { get; set; }

    public Guid OrganizationId { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }

    private string? _json;

    /// <summary>The canonical bytes as stored (text). A row being appended is made from <see cref="Utf8"/>, only when asked.</summary>
    public string Json
    {
        get => _json ??= System.Text.Encoding.UTF8.GetString(Utf8 ?? []);
        set => _json = value;
    }

    /// <summary>
    /// The canonical bytes of a row being appended (not mapped): SQLite binds them as they are, so ingestion does not
    /// turn every event into a string and back to UTF-8.
    /// </summary>
    public byte[]? Utf8 { get; init; }

    /// <summary>The sender's id, unique per system; a checkpoint's is "checkpoint:&lt;seq&gt;".</summary>
    public required string EventId { get; set; }

    /// <summary>"event" or "checkpoint".</summary>
    public required string Kind { get; set; }

    /// <summary>When the event was received and chained (its "at").</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>When it happened, by the sender's clock; null for a checkpoint.</summary>
    public DateTimeOffset? OccurredAt { get; set; }

    public string? Stage { get; set; }

    public string? EventType { get; set; }

    public string? ModelVersion { get; set; }

    public string? DecisionId { get; set; }

    public bool HumanIntervention { get; set; }

    /// <summary>The digest of what the sender said (see LifecycleStream.ContentDigest), to tell a retry from a clash.</summary>
    public string? ContentDigest { get; set; }

    public Guid? BatchId { get; set; }
}

/// <summary>
/// One accepted batch, as the organization ledger records it: the stream, the range appended and the new head. The
/// lifecycle events themselves are in their own stream, so the organization chain grows by one event per batch.
/// </summary>
public sealed class LifecycleBatch : IOrganizationOwned, ILedgered
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid SystemId { get; set; }

    public required string System { get; set; }

    public required string Stream { get; set; }

    public long FirstSequence { get; set; }

    public long LastSequence { get; set; }

    public required string HeadHash { get; set; }

    public int Count { get; set; }

    public Guid? TokenId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A retention run that removed the start of a stream, as the organization ledger records it.</summary>
public sealed class LifecyclePrune : IOrganizationOwned, ILedgered
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid SystemId { get; set; }

    public required string System { get; set; }

    public required string Stream { get; set; }

    /// <summary>Events before this sequence were removed; it is the checkpoint that now starts the stream.</summary>
    public long AnchorSequence { get; set; }

    public required string AnchorHash { get; set; }

    public long Removed { get; set; }

    public DateTimeOffset Cutoff { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Which stages one AI system must log and how often ("stage=hours" pairs).</summary>
public sealed class LifecyclePhaseConfig : IOrganizationOwned, ILedgered, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid SystemId { get; set; }

    public string Phases { get; set; } = "";

    /// <summary>When the phases last changed: the silence clock of a newly required stage starts here.</summary>
    public DateTimeOffset ConfiguredAt { get; set; }

    public long Version { get; set; }
}

/// <summary>An organization's lifecycle-log settings: retention and how often streams are checkpointed.</summary>
public sealed class LifecycleSettings : IOrganizationOwned, ILedgered, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public int RetentionMonths { get; set; } = Aims.Domain.Lifecycle.LifecycleRetention.DefaultMonths;

    /// <summary>A signed checkpoint is written after this many events of a stream (and always before pruning).</summary>
    public int CheckpointEvery { get; set; } = 1000;

    public long Version { get; set; }
}
