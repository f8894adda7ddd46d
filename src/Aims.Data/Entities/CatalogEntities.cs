namespace Aims.Data.Entities;

public sealed class CatalogFramework
{
    public required string Id { get; set; }

    public required string Title { get; set; }

    public required string Name { get; set; }

    public required string Publisher { get; set; }

    public required string Edition { get; set; }

    public required string DataVersion { get; set; }

    public int Position { get; set; }
}

public sealed class CatalogRequirement
{
    public required string FrameworkId { get; set; }

    public required string Id { get; set; }

    public required string Kind { get; set; }

    public string? ParentId { get; set; }

    public required string Title { get; set; }

    public required string Summary { get; set; }

    public bool Informative { get; set; }

    public int Position { get; set; }

    /// <summary>Lower-cased id, title and summary for ordinal search on both databases.</summary>
    public required string SearchText { get; set; }
}

public sealed class CatalogCrosswalk
{
    public required string CrosswalkId { get; set; }

    public required string FromRef { get; set; }

    public required string ToRef { get; set; }

    public required string Relationship { get; set; }

    public required string Confidence { get; set; }

    public required string Source { get; set; }

    public string? Note { get; set; }
}

/// <summary>A catalog version loaded into this database; recorded in the system chain of the ledger.</summary>
public sealed class CatalogRelease : ILedgered
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Version { get; set; }

    public required string Digest { get; set; }

    public int Frameworks { get; set; }

    public int Requirements { get; set; }

    public int Crosswalks { get; set; }

    public DateTimeOffset LoadedAt { get; set; }
}
