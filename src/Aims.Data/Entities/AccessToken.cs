using Aims.Domain.People;

namespace Aims.Data.Entities;

/// <summary>A personal access token: bound to one organization and person, stored only as a SHA-256 hash.</summary>
public sealed class AccessToken : IReferenced, ILedgered, IVersioned
{
    public string ReferencePrefix => "PAT";

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid PersonId { get; set; }

    public string Reference { get; set; } = "";

    public required string Name { get; set; }

    public Scope Scope { get; set; }

    /// <summary>The first characters of the token, to recognise it in a list.</summary>
    public required string Prefix { get; set; }

    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public long Version { get; set; }

    /// <summary>
    /// Set for an ingestion token: it may only append lifecycle events of this AI system, and nothing else
    /// (docs/decisions/0015-lifecycle-event-logs.md).
    /// </summary>
    public Guid? IngestSystemId { get; set; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}
