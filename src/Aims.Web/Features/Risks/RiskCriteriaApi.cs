using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Risk;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aims.Web.Features.Risks;

public static class RiskCriteriaApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/risk-criteria").WithTags("Risk criteria");
        group.MapGet("", Get).RequireAuthorization(Policies.ApiRead)
            .WithSummary("The risk criteria in force (or the defaults while none are adopted): scales, impact areas, matrix, appetite");
        group.MapPut("", Put).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Adopts a new version of the criteria (If-Match: the version read, \"0\" for the first); every risk is scored again");
    }

    private static async Task<Ok<SettingsView<RiskCriteria>>> Get(HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        var view = await RiskScoring.CriteriaAsync(db, ct);
        ETags.Set(context, view.Version ?? 0);
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<SettingsView<RiskCriteria>>, ValidationProblem, ProblemHttpResult>> Put(
        RiskCriteria criteria, HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        var current = await RiskScoring.CriteriaAsync(db, ct);
        if (ETags.Check(context.Request, current.Version ?? 0) is { } precondition)
        {
            return precondition;
        }

        var outcome = await SaveAsync(db, criteria, current.Version, ct);
        return outcome.ToResult(view =>
        {
            ETags.Set(context, view.Version ?? 0);
            return TypedResults.Ok(view);
        });
    }

    /// <summary>Adds the version and scores every risk with it, in one transaction: levels never disagree with the criteria in force.</summary>
    public static Task<Outcome<SettingsView<RiskCriteria>>> SaveAsync(AimsDbContext db, RiskCriteria criteria, int? expected, CancellationToken ct) =>
        Settings.SaveAsync(db, SettingsVersion.RiskCriteria, criteria, c => c.Validate(), expected,
            async c => await RiskScoring.RescoreAllAsync(db, c, (expected ?? 0) + 1, ct), ct);
}
