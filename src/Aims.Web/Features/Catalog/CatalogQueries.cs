using Aims.Data;
using Aims.Domain.Catalog;
using Aims.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Catalog;

public sealed record FrameworkSummary(string Id, string Title, string Name, string Publisher, string Edition, string DataVersion, int Requirements);

public sealed record RequirementItem(string FrameworkId, string Id, string QualifiedId, string Kind, string? ParentId, string Title, string Summary, bool Informative);

/// <summary>A crosswalk seen from the requirement on the page: "this requirement is {relationship} {other}".</summary>
public sealed record CrosswalkLink(
    string Other, string OtherFramework, string OtherId, string OtherTitle, string Relationship, string Confidence, string Source, string? Note, string CrosswalkId);

public sealed record RequirementDetail(
    RequirementItem Requirement, string FrameworkTitle, IReadOnlyList<RequirementItem> Ancestors, IReadOnlyList<RequirementItem> Children, IReadOnlyList<CrosswalkLink> Crosswalks);

/// <summary>Reads of the catalog, shared by the pages, the API and the command line.</summary>
public static class CatalogQueries
{
    public static readonly IReadOnlyList<string> RequirementSorts = ["position", "id", "title", "kind"];

    public static async Task<List<FrameworkSummary>> FrameworksAsync(AimsDbContext db, CancellationToken ct) =>
        await db.CatalogFrameworks.AsNoTracking().OrderBy(f => f.Position)
            .Select(f => new FrameworkSummary(f.Id, f.Title, f.Name, f.Publisher, f.Edition, f.DataVersion,
                db.CatalogRequirements.Count(r => r.FrameworkId == f.Id)))
            .ToListAsync(ct);

    public static async Task<PagedList<RequirementItem>> RequirementsAsync(
        AimsDbContext db, string frameworkId, PageQuery paging, string? kind, string? parent, CancellationToken ct)
    {
        var query = db.CatalogRequirements.AsNoTracking().Where(r => r.FrameworkId == frameworkId);
        if (paging.Search is { } q)
        {
            query = query.Where(r => r.SearchText.Contains(q));
        }

        if (!string.IsNullOrEmpty(kind))
        {
            query = query.Where(r => r.Kind == kind);
        }

        if (!string.IsNullOrEmpty(parent))
        {
            query = query.Where(r => r.ParentId == parent);
        }

        var sorted = false;
        query = query
            .SortBy(paging.Sort, "id", r => r.Id, ref sorted)
            .SortBy(paging.Sort, "title", r => r.Title, ref sorted)
            .SortBy(paging.Sort, "kind", r => r.Kind, ref sorted)
            .SortBy(paging.Sort, "position", r => r.Position, ref sorted);
        if (!sorted)
        {
            query = query.OrderBy(r => r.Position);
        }

        var page = await query.ToPageAsync(paging, ct);
        return page.Map(ToItem);
    }

    public static async Task<RequirementDetail?> RequirementAsync(AimsDbContext db, string frameworkId, string requirementId, CancellationToken ct)
    {
        var framework = await db.CatalogFrameworks.AsNoTracking().FirstOrDefaultAsync(f => f.Id == frameworkId, ct);
        var all = await db.CatalogRequirements.AsNoTracking().Where(r => r.FrameworkId == frameworkId).ToListAsync(ct);
        var requirement = all.FirstOrDefault(r => r.Id == requirementId);
        if (framework is null || requirement is null)
        {
            return null;
        }

        var byId = all.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var ancestors = new List<RequirementItem>();
        for (var p = requirement.ParentId; p is not null && byId.TryGetValue(p, out var parent); p = parent.ParentId)
        {
            ancestors.Insert(0, ToItem(parent));
        }

        var children = all.Where(r => r.ParentId == requirementId).OrderBy(r => r.Position).Select(ToItem).ToList();
        var qualified = RequirementRef.Qualify(frameworkId, requirementId);
        var links = await db.CatalogCrosswalks.AsNoTracking().Where(c => c.FromRef == qualified || c.ToRef == qualified).ToListAsync(ct);
        var otherRefs = links.Select(c => c.FromRef == qualified ? c.ToRef : c.FromRef).Distinct().ToList();
        var titles = await TitlesAsync(db, otherRefs, ct);
        var crosswalks = links
            .Select(c =>
            {
                var forward = c.FromRef == qualified;
                var other = forward ? c.ToRef : c.FromRef;
                RequirementRef.TrySplit(other, out var otherFramework, out var otherId);
                return new CrosswalkLink(other, otherFramework, otherId, titles.GetValueOrDefault(other, other),
                    forward ? c.Relationship : Invert(c.Relationship), c.Confidence, c.Source, c.Note, c.CrosswalkId);
            })
            .OrderBy(c => c.OtherFramework, StringComparer.Ordinal).ThenBy(c => c.OtherId, StringComparer.Ordinal)
            .ToList();
        return new RequirementDetail(ToItem(requirement), framework.Title, ancestors, children, crosswalks);
    }

    /// <summary>"A is a subset of B" read from B's side is "B is a superset of A".</summary>
    public static string Invert(string relationship) => relationship switch
    {
        "subset" => "superset",
        "superset" => "subset",
        _ => relationship,
    };

    private static async Task<Dictionary<string, string>> TitlesAsync(AimsDbContext db, List<string> refs, CancellationToken ct)
    {
        var frameworks = refs.Select(r => RequirementRef.TrySplit(r, out var f, out _) ? f : "").Distinct().ToList();
        var rows = await db.CatalogRequirements.AsNoTracking().Where(r => frameworks.Contains(r.FrameworkId))
            .Select(r => new { r.FrameworkId, r.Id, r.Title }).ToListAsync(ct);
        return rows.ToDictionary(r => RequirementRef.Qualify(r.FrameworkId, r.Id), r => r.Title, StringComparer.Ordinal);
    }

    private static RequirementItem ToItem(Data.Entities.CatalogRequirement r) =>
        new(r.FrameworkId, r.Id, RequirementRef.Qualify(r.FrameworkId, r.Id), r.Kind, r.ParentId, r.Title, r.Summary, r.Informative);
}
