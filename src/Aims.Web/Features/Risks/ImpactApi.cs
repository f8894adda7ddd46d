using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.People;
using Aims.Domain.Risk;
using Aims.Web.Features.Registers;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Aims.Web.Infrastructure.Registers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Risks;

/// <summary>The impact procedure as sent: every member is required, so a forgotten one is named rather than defaulted.</summary>
public sealed class ImpactProcedureRequest
{
    public IReadOnlyList<AssessmentCriterion>? RequiredWhen { get; set; }

    public IReadOnlyList<AssessmentTrigger>? Triggers { get; set; }

    public int? DueInDays { get; set; }

    public int? ReviewEveryMonths { get; set; }

    public IReadOnlyList<Role>? DecidedBy { get; set; }

    public IReadOnlyList<Role>? EscalationPath { get; set; }
}

public sealed record ImpactProcedureView(ImpactProcedure Procedure, bool Adopted, int? Version, DateTimeOffset? AdoptedAt);

/// <summary>The impact assessment operations beyond the register's five endpoints (which serve impact-assessments and harms).</summary>
public static class ImpactApi
{
    public static void Map(RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        // The same document for people signed in with the cookie, linked from the assessment page.
        app.MapGet("/risk/export/impact-assessments/{reference}", Export).RequireAuthorization(Policies.Read).ExcludeFromDescription();
        var group = api.MapGroup("").WithTags("Impact assessments");
        group.MapGet("/impact-procedure", GetProcedure).RequireAuthorization(Policies.ApiRead)
            .WithSummary("The impact assessment procedure in force (the defaults until one is adopted); ETag is its version");
        group.MapPut("/impact-procedure", PutProcedure).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Adopts a new version of the procedure (AIMS lead or administrator; If-Match with the version read, \"0\" before the first)");
        group.MapPost("/impact-assessments/{reference}/decision", Decide).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Decides whether the residual impact is acceptable (a role the procedure names; If-Match); completes the assessment and escalates an unacceptable one");
        group.MapPost("/impact-assessments/{reference}/review", Review).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Starts the next revision of a completed assessment, its content and harms copied; the earlier revision is kept as decided");
        group.MapPost("/harms/{reference}/risk", RaiseRisk).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Raises a risk in the register from the harm, linked to the assessment's system and use case, and links the harm to it");
        group.MapGet("/ai-systems/{reference}/impact-assessments.html", Export).RequireAuthorization(Policies.ApiRead)
            .WithSummary("The system's impact assessments, every revision, as one self-contained HTML document");
    }

    private static async Task<Ok<ImpactProcedureView>> GetProcedure(HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        var view = await ImpactAssessments.ProcedureAsync(db, ct);
        context.Response.Headers.ETag = ETags.For(view.Version ?? 0);
        return TypedResults.Ok(new ImpactProcedureView(view.Value, view.Adopted, view.Version, view.AdoptedAt));
    }

    private static async Task<Results<Ok<ImpactProcedureView>, ValidationProblem, ProblemHttpResult>> PutProcedure(
        ImpactProcedureRequest request, HttpContext context, AimsDbContext db, AimsSession session, CancellationToken ct)
    {
        if (session.Role is not (Role.AimsLead or Role.Administrator))
        {
            return Problems.Forbidden("The impact assessment procedure is adopted by the AIMS lead or an administrator.");
        }

        var ifMatch = context.Request.Headers.IfMatch.ToString().Trim('"', ' ');
        if (ifMatch.Length == 0)
        {
            return ETags.Check(context.Request, 0)!;
        }

        if (!int.TryParse(ifMatch, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var expected))
        {
            return Problems.Invalid("If-Match", "must be the version read, e.g. \"1\" (\"0\" before the first)");
        }

        var missing = new Dictionary<string, string[]>();
        void Need(object? value, string name)
        {
            if (value is null)
            {
                missing[name] = ["is required"];
            }
        }

        Need(request.RequiredWhen, "requiredWhen");
        Need(request.Triggers, "triggers");
        Need(request.DueInDays, "dueInDays");
        Need(request.ReviewEveryMonths, "reviewEveryMonths");
        Need(request.DecidedBy, "decidedBy");
        Need(request.EscalationPath, "escalationPath");
        if (missing.Count > 0)
        {
            return Problems.Invalid(missing);
        }

        var procedure = new ImpactProcedure(request.RequiredWhen!.Distinct().ToList(), request.Triggers!.Distinct().ToList(), request.DueInDays!.Value,
            request.ReviewEveryMonths!.Value, request.DecidedBy!.Distinct().ToList(), request.EscalationPath!.Distinct().ToList());
        var outcome = await ImpactAssessments.SaveProcedureAsync(db, procedure, expected == 0 ? null : expected, ct);
        if (!outcome.IsOk)
        {
            return outcome.ToResult(_ => TypedResults.Ok<ImpactProcedureView>(null!));
        }

        context.Response.Headers.ETag = ETags.For(outcome.Value!.Version ?? 0);
        return TypedResults.Ok(new ImpactProcedureView(outcome.Value.Value, true, outcome.Value.Version, outcome.Value.AdoptedAt));
    }

    private static async Task<Results<Ok<Dictionary<string, object?>>, Created<Dictionary<string, object?>>, ValidationProblem, ProblemHttpResult>> Decide(
        string reference, DecisionRequest request, HttpContext context, RegisterService service, AimsSession session, CancellationToken ct)
    {
        var assessment = await service.Db.ImpactAssessments.FirstOrDefaultAsync(a => a.Reference == reference, ct);
        if (assessment is null)
        {
            return Problems.NotFound(reference);
        }

        if (ETags.Check(context.Request, assessment.Version) is { } precondition)
        {
            return precondition;
        }

        var outcome = await ImpactOperations.DecideAsync(service.Db, session, assessment, request, ct);
        return await ItemResultAsync(outcome, ImpactRegisters.Assessments, context, service, false, ct);
    }

    private static async Task<Results<Ok<Dictionary<string, object?>>, Created<Dictionary<string, object?>>, ValidationProblem, ProblemHttpResult>> Review(
        string reference, ReviewRequest? request, HttpContext context, RegisterService service, CancellationToken ct)
    {
        var assessment = await service.Db.ImpactAssessments.FirstOrDefaultAsync(a => a.Reference == reference, ct);
        if (assessment is null)
        {
            return Problems.NotFound(reference);
        }

        var outcome = await ImpactOperations.ReviewAsync(service.Db, assessment, request ?? new ReviewRequest(), ct);
        return await ItemResultAsync(outcome, ImpactRegisters.Assessments, context, service, true, ct);
    }

    private static async Task<Results<Ok<Dictionary<string, object?>>, Created<Dictionary<string, object?>>, ValidationProblem, ProblemHttpResult>> RaiseRisk(
        string reference, HttpContext context, RegisterService service, CancellationToken ct)
    {
        var harm = await service.Db.ImpactHarms.FirstOrDefaultAsync(h => h.Reference == reference, ct);
        if (harm is null)
        {
            return Problems.NotFound(reference);
        }

        var outcome = await ImpactOperations.RaiseRiskAsync(service, harm, ct);
        return await ItemResultAsync(outcome, RiskRegisters.Risks, context, service, true, ct);
    }

    private static async Task<Results<Ok<Dictionary<string, object?>>, Created<Dictionary<string, object?>>, ValidationProblem, ProblemHttpResult>> ItemResultAsync<T>(
        Outcome<T> outcome, RegisterDefinition definition, HttpContext context, RegisterService service, bool created, CancellationToken ct) where T : RegisterRecord
    {
        if (!outcome.IsOk)
        {
            return outcome.Status == OutcomeStatus.Invalid
                ? Problems.Invalid(outcome.Errors)
                : (ProblemHttpResult)outcome.ToResult(_ => TypedResults.Ok(new Dictionary<string, object?>())).Result;
        }

        var record = outcome.Value!;
        ETags.Set(context, record.Version);
        var item = RegisterApi.ToJson(definition, (await RegisterItems.ReadAsync(service.Db, service.Registers, definition, [record], ct))[0]);
        if (created)
        {
            return TypedResults.Created($"/api/v1/{definition.Name}/{record.Reference}", item);
        }

        return TypedResults.Ok(item);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Export(string reference, AimsDbContext db, CancellationToken ct)
    {
        var html = await ImpactExport.HtmlAsync(db, reference, ct);
        return html is null ? Problems.NotFound(reference) : TypedResults.Content(html, "text/html; charset=utf-8");
    }
}
