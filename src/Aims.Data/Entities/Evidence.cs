using Aims.Domain.Evidence;

namespace Aims.Data.Entities;

/// <summary>
/// An evidence item (EV-n): a file, a link or a record in Aims that shows a control works. Its content lives in
/// versions that are never overwritten; the item carries the current version's facts for lists and filters.
/// </summary>
public sealed class EvidenceItem : RegisterRecord
{
    public override string ReferencePrefix => "EV";

    public required string Title { get; set; }

    public string Description { get; set; } = "";

    public EvidenceKind Kind { get; set; }

    public Guid? OwnerId { get; set; }

    /// <summary>Where the evidence comes from (a ticketing system, the CI pipeline, HR), in words.</summary>
    public string SourceSystem { get; set; } = "";

    public DateOnly? CollectedOn { get; set; }

    /// <summary>The last day the evidence is valid; freshness is derived from it.</summary>
    public DateOnly? ValidUntil { get; set; }

    public int CurrentVersion { get; set; }

    /// <summary>The current version's SHA-256 (files), its link or the record it names: what the item points at now.</summary>
    public string Sha256 { get; set; } = "";

    public long Size { get; set; }

    public string ContentType { get; set; } = "";

    public string FileName { get; set; } = "";

    public string Url { get; set; } = "";

    /// <summary>For a record kind: the reference of the Aims record (RISK-4, SYS-2).</summary>
    public string Record { get; set; } = "";
}

/// <summary>One version of an evidence item; added, never changed.</summary>
public sealed class EvidenceVersion : IOrganizationOwned, ILedgered
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid EvidenceId { get; set; }

    public int Number { get; set; }

    public string Sha256 { get; set; } = "";

    public long Size { get; set; }

    /// <summary>Detected from the content's own bytes.</summary>
    public string ContentType { get; set; } = "";

    /// <summary>What the uploader said it was; kept for the record, never trusted.</summary>
    public string DeclaredType { get; set; } = "";

    public string FileName { get; set; } = "";

    public string Url { get; set; } = "";

    public string Record { get; set; } = "";

    public string Note { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A link from an evidence item to what it supports. Unlinking removes the row; the ledger keeps it.</summary>
public sealed class EvidenceLink : IOrganizationOwned, IRemovable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid EvidenceId { get; set; }

    public EvidenceTarget TargetType { get; set; }

    /// <summary>A qualified requirement ("iso42001:A.6.2.8") or a record's reference ("RISK-4").</summary>
    public required string Target { get; set; }
}

/// <summary>A request for evidence (EVR-n) to an owner by a date, for a requirement; closed by the evidence that answers it.</summary>
public sealed class EvidenceRequest : RegisterRecord
{
    public override string ReferencePrefix => "EVR";

    public required string Title { get; set; }

    public string Description { get; set; } = "";

    public Guid OwnerId { get; set; }

    public DateOnly DueOn { get; set; }

    /// <summary>The requirement or control the evidence is for, qualified ("iso42001:A.6.2.8").</summary>
    public string Requirement { get; set; } = "";

    public EvidenceRequestState Status { get; set; }

    public Guid? EvidenceId { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>
/// A stored content, by its SHA-256, in chunks (PostgreSQL deployments keep files in the database so every web node
/// sees them). Content-addressed and shared: the versions that name a hash are the record; not ledgered.
/// </summary>
public sealed class EvidenceBlobChunk
{
    public required string Sha256 { get; set; }

    public int Index { get; set; }

    public required byte[] Data { get; set; }
}
