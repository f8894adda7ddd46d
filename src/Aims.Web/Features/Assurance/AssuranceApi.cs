using Aims.Data;
using Aims.Data.Entities;
using Aims.Web.Features.Registers;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Aims.Web.Infrastructure.Registers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Assurance;

public sealed class ApproveRequest
{
    public string Note { get; set; } = "";
}

/// <summary>The assurance endpoints beyond the registers' own: assessment worksheets, gap operations, readiness, the gap report.</summary>
public static class AssuranceApi
{
    public static void Map(RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        var assessments = api.MapGroup("/assessments").WithTags("Assurance");
        assessments.MapGet("/{reference}/results", Results).RequireAuthorization(Policies.ApiRead)
            .WithSummary("Every requirement in the assessment's scope with its result (or none yet), its open gap and any carry-over suggestion; filter status=unassessed|compliant|…");
        assessments.MapPut("/{reference}/results/{requirementId}", PutResult).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Assesses one requirement (If-Match: the row's version; none for the first time). Not or partially compliant opens its gap; compliant or not applicable closes it");
        assessments.MapPost("/{reference}/carry-over", CarryOver).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Carries over status and evidence from another framework's assessment across equal crosswalk relationships; others stay suggestions");
        assessments.MapGet("/{reference}/report", Report).RequireAuthorization(Policies.ApiRead)
            .WithSummary("The gap report as an HTML document for top management: summary, severity matrix, prioritized gaps, action plan");
        app.MapGet("/assurance/assessments/{reference}/report", Report).RequireAuthorization(Policies.Read).ExcludeFromDescription();

        var gaps = api.MapGroup("/gaps").WithTags("Assurance");
        gaps.MapPost("/{reference}/action", ActionFromGap).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Turns the gap into an action: owner, due date (default: today + typical remediation), countdown phase, definition of done");
        gaps.MapPost("/{reference}/nonconformity", NonconformityFromGap).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Raises a nonconformity from the gap; refused before the AIMS operates (gaps found then are gaps, not nonconformities)");

        api.MapGet("/readiness", Readiness).RequireAuthorization(Policies.ApiRead).WithTags("Assurance")
            .WithSummary("Readiness 0–100 overall, per clause and per Annex A area, with the 90-day countdown plan, its warnings, the dashboard counts and the trend");
        AssuranceSettings.Map(api);
        SoaApi.Map(api, app);
    }

    private static Task<GapAssessment?> AssessmentAsync(AimsDbContext db, string reference, CancellationToken ct) =>
        db.GapAssessments.FirstOrDefaultAsync(a => a.Reference == reference, ct);

    private static async Task<Results<Ok<List<ResultRow>>, ValidationProblem, ProblemHttpResult>> Results(string reference, string? status, string? q, AimsDbContext db, CancellationToken ct)
    {
        var assessment = await AssessmentAsync(db, reference, ct);
        if (assessment is null)
        {
            return Problems.NotFound(reference);
        }

        var rows = await AssessmentResults.RowsAsync(db, assessment, ct);
        if (status is not null)
        {
            if (status == "unassessed")
            {
                rows = [.. rows.Where(r => r.Status is null)];
            }
            else if (EnumText.TryParse<Domain.Assurance.ComplianceStatus>(status, out var s))
            {
                rows = [.. rows.Where(r => r.Status == s)];
            }
            else
            {
                return Problems.Invalid("status", $"must be unassessed or one of {EnumText.Allowed<Domain.Assurance.ComplianceStatus>()}");
            }
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            rows = [.. rows.Where(r => r.RequirementId.Contains(text, StringComparison.OrdinalIgnoreCase) || r.Title.Contains(text, StringComparison.OrdinalIgnoreCase))];
        }

        return TypedResults.Ok(rows);
    }

    private static async Task<Results<Ok<ResultRow>, ValidationProblem, ProblemHttpResult>> PutResult(
        string reference, string requirementId, ResultRequest body, HttpContext context, RegisterService service, CancellationToken ct)
    {
        var assessment = await AssessmentAsync(service.Db, reference, ct);
        if (assessment is null)
        {
            return Problems.NotFound(reference);
        }

        var current = await service.Db.AssessmentResults.Where(r => r.AssessmentId == assessment.Id && r.RequirementId == requirementId)
            .Select(r => (long?)r.Version).FirstOrDefaultAsync(ct);
        if (current is { } version && ETags.Check(context.Request, version) is { } precondition)
        {
            return precondition;
        }

        var outcome = await AssessmentOperations.SaveResultAsync(service, assessment, requirementId, body, current, ct);
        return outcome.ToResult(row =>
        {
            ETags.Set(context, row.Version);
            return TypedResults.Ok(row);
        });
    }

    private static async Task<Results<Ok<CarryOverAnswer>, ValidationProblem, ProblemHttpResult>> CarryOver(string reference, RegisterService service, CancellationToken ct)
    {
        var assessment = await AssessmentAsync(service.Db, reference, ct);
        if (assessment is null)
        {
            return Problems.NotFound(reference);
        }

        var outcome = await GapOperations.CarryOverAsync(service, assessment, ct);
        return outcome.ToResult(n => TypedResults.Ok(new CarryOverAnswer(n)));
    }

    public sealed record CarryOverAnswer(int Carried);

    private static async Task<Results<Created<Dictionary<string, object?>>, ValidationProblem, ProblemHttpResult>> Created(
        RegisterService service, RegisterDefinition definition, Outcome<RegisterRecord> outcome, HttpContext context, CancellationToken ct)
    {
        if (!outcome.IsOk)
        {
            return outcome.Status == OutcomeStatus.Invalid ? Problems.Invalid(outcome.Errors) : Problems.Conflict(outcome.Detail ?? "");
        }

        var item = (await RegisterItems.ReadAsync(service.Db, service.Registers, definition, [outcome.Value!], ct))[0];
        ETags.Set(context, outcome.Value!.Version);
        return TypedResults.Created($"/api/v1/{definition.Name}/{outcome.Value.Reference}", RegisterApi.ToJson(definition, item));
    }

    private static async Task<Results<Created<Dictionary<string, object?>>, ValidationProblem, ProblemHttpResult>> ActionFromGap(
        string reference, GapActionRequest? body, HttpContext context, RegisterService service, CancellationToken ct)
    {
        var gap = await service.Db.Gaps.FirstOrDefaultAsync(g => g.Reference == reference, ct);
        return gap is null
            ? Problems.NotFound(reference)
            : await Created(service, AssuranceRegisters.Actions, await GapOperations.ActionAsync(service, gap, body ?? new GapActionRequest(), ct), context, ct);
    }

    private static async Task<Results<Created<Dictionary<string, object?>>, ValidationProblem, ProblemHttpResult>> NonconformityFromGap(
        string reference, HttpContext context, RegisterService service, CancellationToken ct)
    {
        var gap = await service.Db.Gaps.FirstOrDefaultAsync(g => g.Reference == reference, ct);
        return gap is null
            ? Problems.NotFound(reference)
            : await Created(service, AssuranceRegisters.Nonconformities, await GapOperations.NonconformityAsync(service, gap, ct), context, ct);
    }

    private static async Task<Ok<ReadinessView>> Readiness(AimsDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ReadinessService.ComputeAsync(db, ct));

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Report(string reference, AimsDbContext db, CancellationToken ct)
    {
        var assessment = await AssessmentAsync(db, reference, ct);
        return assessment is null ? Problems.NotFound(reference) : TypedResults.Text(await GapReport.RenderAsync(db, assessment, ct), "text/html; charset=utf-8");
    }
}
