namespace Aims.Domain.Catalog;

/// <summary>How a requirement of one framework relates to a requirement of another (NIST IR 8477 set-theory terms).</summary>
public enum Relationship
{
    Equal,
    Subset,
    Superset,
    Intersects,
}

public enum Confidence
{
    High,
    Medium,
    Low,
}

public sealed record Requirement(
    string FrameworkId,
    string Id,
    string Kind,
    string? ParentId,
    string Title,
    string Summary,
    bool Informative,
    int Order)
{
    /// <summary>The identifier that never collides across frameworks, e.g. <c>iso27001:6.1.2</c>.</summary>
    public string QualifiedId => RequirementRef.Qualify(FrameworkId, Id);
}

public sealed record Framework(
    string Id,
    string Title,
    string Name,
    string Publisher,
    string Edition,
    string DataVersion,
    IReadOnlyList<Requirement> Requirements);

public sealed record CrosswalkEntry(
    string CrosswalkId,
    string From,
    string To,
    Relationship Relationship,
    Confidence Confidence,
    string Source,
    string? Note);

public sealed record CatalogSnapshot(
    string Version,
    IReadOnlyList<Framework> Frameworks,
    IReadOnlyList<CrosswalkEntry> Crosswalks)
{
    public Framework? FindFramework(string id) => Frameworks.FirstOrDefault(f => f.Id == id);
}

public static class RequirementRef
{
    public static string Qualify(string frameworkId, string requirementId) => frameworkId + ":" + requirementId;

    public static bool TrySplit(string qualified, out string frameworkId, out string requirementId)
    {
        var colon = qualified.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == qualified.Length - 1)
        {
            frameworkId = requirementId = "";
            return false;
        }

        frameworkId = qualified[..colon];
        requirementId = qualified[(colon + 1)..];
        return true;
    }
}
