namespace Aims.Data.Entities;

/// <summary>
/// One event of a chain. <see cref="Json"/> holds the canonical bytes exactly as hashed; the other columns are
/// copies for querying and are never used to verify. The database refuses UPDATE and DELETE on this table.
/// </summary>
public sealed class LedgerEvent : IOrganizationOwned
{
    /// <summary>The chain: the organization's id, or <see cref="Guid.Empty"/> for the system chain.</summary>
    public Guid OrganizationId { get; set; }

    public long Sequence { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }

    public required string Json { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    public required string EntityType { get; set; }

    public required string EntityId { get; set; }

    public string? Reference { get; set; }

    public required string Action { get; set; }
}

/// <summary>The head of a chain: the last sequence handed out and its hash. Writers lock this row to append.</summary>
public sealed class ChainHead
{
    public Guid OrganizationId { get; set; }

    public long Sequence { get; set; }

    public required string Hash { get; set; }
}

/// <summary>Per-organization counters for references (SYS-12); handed out under the same row-lock scheme.</summary>
public sealed class Counter
{
    public Guid OrganizationId { get; set; }

    public required string Name { get; set; }

    public long Value { get; set; }
}
