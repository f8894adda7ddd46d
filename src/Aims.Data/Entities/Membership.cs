using Aims.Domain.People;

namespace Aims.Data.Entities;

/// <summary>A person's role in one organization. Removing someone soft-deletes the membership; re-adding restores it.</summary>
public sealed class Membership : IOrganizationOwned, ILedgered, ISoftDeletable, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid PersonId { get; set; }

    public Person? Person { get; set; }

    public Role Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    public long Version { get; set; }
}
