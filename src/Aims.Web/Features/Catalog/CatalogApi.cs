using Aims.Data;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Catalog;

public static class CatalogApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.RequireAuthorization(Policies.ApiRead);
        group.MapGet("/frameworks", ListFrameworks).WithSummary("The frameworks of the catalog");
        group.MapGet("/frameworks/{frameworkId}", GetFramework).WithSummary("One framework");
        group.MapGet("/frameworks/{frameworkId}/requirements", ListRequirements)
            .WithSummary("Requirements of a framework; filter by kind or parent, search with q");
        group.MapGet("/frameworks/{frameworkId}/requirements/{requirementId}", GetRequirement)
            .WithSummary("One requirement with its parents, children and crosswalks");
        group.MapGet("/crosswalks", ListCrosswalks).WithSummary("Crosswalk entries; filter by framework or requirement");
    }

    private static async Task<Ok<PagedList<FrameworkSummary>>> ListFrameworks(AimsDbContext db, CancellationToken ct)
    {
        var list = await CatalogQueries.FrameworksAsync(db, ct);
        return TypedResults.Ok(new PagedList<FrameworkSummary>(list, list.Count, 1, Math.Max(list.Count, 1)));
    }

    private static async Task<Results<Ok<FrameworkSummary>, ProblemHttpResult>> GetFramework(string frameworkId, AimsDbContext db, CancellationToken ct)
    {
        var found = (await CatalogQueries.FrameworksAsync(db, ct)).FirstOrDefault(f => f.Id == frameworkId);
        return found is null ? Problems.NotFound($"Framework '{frameworkId}'") : TypedResults.Ok(found);
    }

    private static async Task<Results<Ok<PagedList<RequirementItem>>, ValidationProblem, ProblemHttpResult>> ListRequirements(
        string frameworkId, [AsParameters] PageQuery paging, string? kind, string? parent, AimsDbContext db, CancellationToken ct)
    {
        var errors = paging.Validate(CatalogQueries.RequirementSorts);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (!await db.CatalogFrameworks.AnyAsync(f => f.Id == frameworkId, ct))
        {
            return Problems.NotFound($"Framework '{frameworkId}'");
        }

        return TypedResults.Ok(await CatalogQueries.RequirementsAsync(db, frameworkId, paging, kind, parent, ct));
    }

    private static async Task<Results<Ok<RequirementDetail>, ProblemHttpResult>> GetRequirement(
        string frameworkId, string requirementId, AimsDbContext db, CancellationToken ct)
    {
        var detail = await CatalogQueries.RequirementAsync(db, frameworkId, requirementId, ct);
        return detail is null ? Problems.NotFound($"Requirement '{frameworkId}:{requirementId}'") : TypedResults.Ok(detail);
    }

    public sealed record CrosswalkItem(string CrosswalkId, string From, string To, string Relationship, string Confidence, string Source, string? Note);

    private static async Task<Results<Ok<PagedList<CrosswalkItem>>, ValidationProblem>> ListCrosswalks(
        [AsParameters] PageQuery paging, string? framework, [FromQuery] string? requirement, AimsDbContext db, CancellationToken ct)
    {
        var errors = paging.Validate(["from", "to"]);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var query = db.CatalogCrosswalks.AsNoTracking();
        if (!string.IsNullOrEmpty(framework))
        {
            var prefix = framework + ":";
            query = query.Where(c => c.FromRef.StartsWith(prefix) || c.ToRef.StartsWith(prefix));
        }

        if (!string.IsNullOrEmpty(requirement))
        {
            query = query.Where(c => c.FromRef == requirement || c.ToRef == requirement);
        }

        query = paging.Sort == "-to" ? query.OrderByDescending(c => c.ToRef).ThenBy(c => c.FromRef).ThenBy(c => c.CrosswalkId)
            : paging.Sort == "to" ? query.OrderBy(c => c.ToRef).ThenBy(c => c.FromRef).ThenBy(c => c.CrosswalkId)
            : paging.Sort == "-from" ? query.OrderByDescending(c => c.FromRef).ThenBy(c => c.ToRef).ThenBy(c => c.CrosswalkId)
            : query.OrderBy(c => c.FromRef).ThenBy(c => c.ToRef).ThenBy(c => c.CrosswalkId);
        var page = await query.ToPageAsync(paging, ct);
        return TypedResults.Ok(page.Map(c => new CrosswalkItem(c.CrosswalkId, c.FromRef, c.ToRef, c.Relationship, c.Confidence, c.Source, c.Note)));
    }
}
