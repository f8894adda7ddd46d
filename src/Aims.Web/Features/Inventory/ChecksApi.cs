using Aims.Data;
using Aims.Domain.Inventory;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aims.Web.Features.Inventory;

public sealed record CheckList(IReadOnlyList<CheckView> Items, int Total);

/// <summary>GET /api/v1/checks: what an auditor would flag in the inventory and the context, with clause and reason.</summary>
public static class ChecksApi
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/", List).RequireAuthorization(Policies.ApiRead)
            .WithSummary("Auditor's checks: findings with check id, clause or control, severity hint, record and reason")
            .WithDescription("Filter area: inventory or context (all when absent).");

    private static async Task<Results<Ok<CheckList>, ValidationProblem>> List(string? area, AimsDbContext db, CancellationToken ct)
    {
        if (area is not null && !AuditorChecks.Areas.Contains(area))
        {
            return Problems.Invalid("area", $"must be one of {string.Join(", ", AuditorChecks.Areas)}");
        }

        var items = await Registers.AreaChecks.RunAsync(db, area, ct);
        return TypedResults.Ok(new CheckList(items, items.Count));
    }
}
