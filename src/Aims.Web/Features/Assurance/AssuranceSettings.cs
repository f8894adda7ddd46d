using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Assurance;
using Aims.Web.Features.Risks;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aims.Web.Features.Assurance;

/// <summary>
/// The assurance area's versioned settings: the gap severity matrix (with the priority weights) and the certification
/// plan (Stage 1 and 2 targets, when the AIMS started operating, the internal audit and management review records).
/// </summary>
public static class AssuranceSettings
{
    public const string GapMatrix = "gap-matrix";
    public const string CertificationPlan = "certification-plan";

    public static Task<SettingsView<GapSeverityMatrix>> MatrixAsync(AimsDbContext db, CancellationToken ct) =>
        Settings.GetAsync(db, GapMatrix, GapSeverityMatrix.Default, ct);

    public static Task<SettingsView<CertificationPlan>> PlanAsync(AimsDbContext db, CancellationToken ct) =>
        Settings.GetAsync(db, CertificationPlan, Domain.Assurance.CertificationPlan.Empty, ct);

    public static DateOnly Today => DateOnly.FromDateTime(Clock.Now().UtcDateTime);

    /// <summary>Adopts a matrix and grades every gap again with it, in one transaction.</summary>
    public static Task<Outcome<SettingsView<GapSeverityMatrix>>> SaveMatrixAsync(AimsDbContext db, GapSeverityMatrix matrix, int? expected, CancellationToken ct) =>
        Settings.SaveAsync(db, GapMatrix, matrix, m => m.Validate(), expected, async m => await GapClassifier.RegradeAllAsync(db, m, ct), ct);

    public static Task<Outcome<SettingsView<CertificationPlan>>> SavePlanAsync(AimsDbContext db, CertificationPlan plan, int? expected, CancellationToken ct) =>
        Settings.SaveAsync(db, CertificationPlan, plan with { InternalAuditReport = plan.InternalAuditReport ?? "", ManagementReviewReport = plan.ManagementReviewReport ?? "" },
            p => p.Validate(Today), expected, null, ct);

    public static void Map(RouteGroupBuilder api)
    {
        var matrix = api.MapGroup("/gap-matrix").WithTags("Assurance");
        matrix.MapGet("", GetMatrix).RequireAuthorization(Policies.ApiRead)
            .WithSummary("The gap severity matrix in force (or the defaults): rules by requirement with audit class, certification impact, remediation time; priority weights");
        matrix.MapPut("", PutMatrix).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Adopts a new version of the matrix (If-Match: the version read, \"0\" for the first); every gap is graded again");
        var plan = api.MapGroup("/certification-plan").WithTags("Assurance");
        plan.MapGet("", GetPlan).RequireAuthorization(Policies.ApiRead)
            .WithSummary("Stage 1 and Stage 2 targets, when the AIMS started operating, internal audit and management review completion with report references");
        plan.MapPut("", PutPlan).RequireAuthorization(Policies.ApiWrite).WithSummary("Saves a new version of the certification plan (If-Match)");
    }

    private static async Task<Ok<SettingsView<GapSeverityMatrix>>> GetMatrix(HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        var view = await MatrixAsync(db, ct);
        ETags.Set(context, view.Version ?? 0);
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<SettingsView<GapSeverityMatrix>>, ValidationProblem, ProblemHttpResult>> PutMatrix(
        GapSeverityMatrix body, HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        var current = await MatrixAsync(db, ct);
        if (ETags.Check(context.Request, current.Version ?? 0) is { } precondition)
        {
            return precondition;
        }

        if (body.Rules is null || body.Weights is null)
        {
            return Problems.Invalid(body.Rules is null ? "rules" : "weights", "is required");
        }

        var outcome = await SaveMatrixAsync(db, body, current.Version, ct);
        return outcome.ToResult(view =>
        {
            ETags.Set(context, view.Version ?? 0);
            return TypedResults.Ok(view);
        });
    }

    private static async Task<Ok<SettingsView<CertificationPlan>>> GetPlan(HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        var view = await PlanAsync(db, ct);
        ETags.Set(context, view.Version ?? 0);
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<SettingsView<CertificationPlan>>, ValidationProblem, ProblemHttpResult>> PutPlan(
        CertificationPlan body, HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        var current = await PlanAsync(db, ct);
        if (ETags.Check(context.Request, current.Version ?? 0) is { } precondition)
        {
            return precondition;
        }

        var outcome = await SavePlanAsync(db, body, current.Version, ct);
        return outcome.ToResult(view =>
        {
            ETags.Set(context, view.Version ?? 0);
            return TypedResults.Ok(view);
        });
    }
}
