using Aims.Data;
using Aims.Data.Entities;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Aims.Web.Infrastructure.Registers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Risks;

/// <summary>What a risk needs beyond its fields: acceptance of the residual risk, reviews, and the heat maps.</summary>
public static class RiskApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/risks").WithTags("Risks");
        group.MapPost("/{reference}/acceptance", Accept).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Asks to accept the residual risk with a rationale: an approval request (APR-n, 202); accepted when approved by a role the risk appetite allows for its level (If-Match)");
        group.MapDelete("/{reference}/acceptance", Withdraw).RequireAuthorization(Policies.ApiWrite).WithSummary("Withdraws the acceptance (If-Match)");
        group.MapGet("/{reference}/reviews", Reviews).RequireAuthorization(Policies.ApiRead).WithSummary("The risk's reviews, newest first");
        group.MapPost("/{reference}/reviews", Review).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Records a review: notes, what changed since the last one, next review date; clears a reassessment mark (If-Match)");
        group.MapGet("/heat-map", HeatMapOf).RequireAuthorization(Policies.ApiRead)
            .WithSummary("Counts of risks per likelihood × impact cell, inherent or residual, with the same filters as the list");
    }

    private static Task<Risk?> FindAsync(AimsDbContext db, string reference, CancellationToken ct) => db.Risks.FirstOrDefaultAsync(r => r.Reference == reference, ct);

    private static async Task<Results<Ok<Dictionary<string, object?>>, ValidationProblem, ProblemHttpResult>> Change(
        string reference, HttpContext context, RegisterService service, Func<Risk, Task<Outcome<Risk>>> change, CancellationToken ct)
    {
        var risk = await FindAsync(service.Db, reference, ct);
        if (risk is null)
        {
            return Problems.NotFound(reference);
        }

        if (ETags.Check(context.Request, risk.Version) is { } precondition)
        {
            return precondition;
        }

        var outcome = await change(risk);
        if (!outcome.IsOk)
        {
            return outcome.ToResult(_ => TypedResults.Ok(new Dictionary<string, object?>()));
        }

        ETags.Set(context, risk.Version);
        var item = (await RegisterItems.ReadAsync(service.Db, service.Registers, RiskRegisters.Risks, [risk], ct))[0];
        return TypedResults.Ok(Registers.RegisterApi.ToJson(RiskRegisters.Risks, item));
    }

    /// <summary>The acceptance and reassessment state, which are not editable fields, in every answer about a risk.</summary>
    public static void Describe(RegisterRecord record, Dictionary<string, object?> json)
    {
        var risk = (Risk)record;
        json["acceptance"] = risk.AcceptedAt is null ? null : new { role = risk.AcceptedRole, level = risk.AcceptedLevel, at = risk.AcceptedAt, rationale = risk.AcceptanceRationale };
        json["reassessmentReason"] = risk.ReassessmentReason.Length == 0 ? null : risk.ReassessmentReason;
        json["lastReviewedAt"] = risk.LastReviewedAt;
        json["criteriaVersion"] = risk.CriteriaVersion;
    }

    private static async Task<Results<Accepted<Approvals.ApprovalView>, ValidationProblem, ProblemHttpResult>> Accept(
        string reference, AcceptRequest request, HttpContext context, AimsDbContext db, TimeProvider time, CancellationToken ct)
    {
        var risk = await FindAsync(db, reference, ct);
        if (risk is null)
        {
            return Problems.NotFound(reference);
        }

        if (ETags.Check(context.Request, risk.Version) is { } precondition)
        {
            return precondition;
        }

        var outcome = await RiskAcceptance.AcceptAsync(db, time, risk, request, Domain.Approvals.Channel.Token, ct);
        return Approvals.ApprovalsApi.ToResult(outcome, v => TypedResults.Accepted($"/api/v1/approvals/{v.Reference}", v));
    }

    private static Task<Results<Ok<Dictionary<string, object?>>, ValidationProblem, ProblemHttpResult>> Withdraw(
        string reference, HttpContext context, RegisterService service, CancellationToken ct) =>
        Change(reference, context, service, r => RiskAcceptance.WithdrawAsync(service.Db, r, ct), ct);

    private static Task<Results<Ok<Dictionary<string, object?>>, ValidationProblem, ProblemHttpResult>> Review(
        string reference, RiskReviewRequest request, HttpContext context, RegisterService service, CancellationToken ct) =>
        Change(reference, context, service, r => RiskAcceptance.ReviewAsync(service.Db, r, request, ct), ct);

    private static async Task<Results<Ok<List<ReviewView>>, ProblemHttpResult>> Reviews(string reference, AimsDbContext db, CancellationToken ct)
    {
        var risk = await FindAsync(db, reference, ct);
        return risk is null ? Problems.NotFound(reference) : TypedResults.Ok(await RiskAcceptance.ReviewsAsync(db, risk.Id, ct));
    }

    private static async Task<Results<Ok<HeatMap>, ValidationProblem>> HeatMapOf(HttpContext context, string? kind, RegisterService service, CancellationToken ct)
    {
        var residual = kind switch { null or "inherent" => false, "residual" => true, _ => (bool?)null };
        var given = context.Request.Query.Where(q => q.Key is not ("kind" or "q")).Select(q => KeyValuePair.Create(q.Key, q.Value.ToString()));
        var (errors, filters) = await RegisterQueries.ParseFiltersAsync(service, RiskRegisters.Risks, given, ct);
        if (residual is null)
        {
            errors["kind"] = ["must be inherent or residual"];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var search = string.IsNullOrWhiteSpace(context.Request.Query["q"]) ? null : context.Request.Query["q"].ToString().Trim().ToLowerInvariant();
        return TypedResults.Ok(await HeatMaps.BuildAsync(service.Db, residual!.Value, search, filters, ct));
    }
}
