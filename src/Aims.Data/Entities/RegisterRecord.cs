namespace Aims.Data.Entities;

/// <summary>
/// The columns every register record shares (AI systems, datasets, interested parties, ...): a per-organization
/// reference, soft deletion, a version for If-Match, and a ledger trail.
/// </summary>
public abstract class RegisterRecord : IReferenced, ILedgered, ISoftDeletable, IVersioned
{
    // Made when first read, not in the constructor: every record a query loads drew a fresh v7 id (random bytes from
    // the kernel) only for the database's id to replace it, a measurable part of reading a list of records.
    private Guid? generatedId;

    public Guid Id
    {
        get => generatedId ??= Guid.CreateVersion7();
        set => generatedId = value;
    }

    public Guid OrganizationId { get; set; }

    public abstract string ReferencePrefix { get; }

    public string Reference { get; set; } = "";

    /// <summary>The reference's number, for sorting SYS-10 after SYS-9 on both databases.</summary>
    public long Number { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    public long Version { get; set; }
}

/// <summary>
/// A many-to-many link between two register records (use case -> model, model -> dataset, dataset -> parent dataset,
/// AI system -> supplier). Unlinking deletes the row; the ledger keeps the removed link.
/// </summary>
public sealed class RegisterLink : IOrganizationOwned, IRemovable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    /// <summary>Which link this is, e.g. "use-case-models"; names the field that holds it.</summary>
    public required string Kind { get; set; }

    public Guid FromId { get; set; }

    public Guid ToId { get; set; }
}
