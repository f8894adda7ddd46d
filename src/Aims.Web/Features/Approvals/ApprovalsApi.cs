using Aims.Data;
using Aims.Domain.Approvals;
using Aims.Web.Features.Risks;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aims.Web.Features.Approvals;

/// <summary>/api/v1/approvals and /api/v1/approval-policy: for systems that ask (a pipeline promoting a model) and poll, and for people who decide.</summary>
public static class ApprovalsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/approvals").WithTags("Approvals");
        group.MapGet("", List).RequireAuthorization(Policies.ApiRead)
            .WithSummary("Approval requests: state=pending|escalated|approved|denied, action, box=awaiting|mine|decided|all, q, sort=requestedAt|action|state, page, pageSize");
        group.MapPost("", Create).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Asks for an action on a subject with a reason (201, APR-n); applied at once when the decision boundary is automatic; a never-delegated action cannot be asked with a token");
        group.MapGet("/{reference}", Get).RequireAuthorization(Policies.ApiRead)
            .WithSummary("One request with its context, terms, decisions and escalations (poll its state)");
        group.MapPost("/{reference}/decisions", Decide).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Approves or denies with a rationale (If-Match: the request's version); at the quorum the action is applied in the same transaction");
        var policy = api.MapGroup("/approval-policy").WithTags("Approvals");
        policy.MapGet("", GetPolicy).RequireAuthorization(Policies.ApiRead).WithSummary("The decision boundaries in force (or the defaults), one per action");
        policy.MapPut("", PutPolicy).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Adopts a new version of the decision boundaries (If-Match: the version read, \"0\" for the first); AIMS lead or administrator");
    }

    /// <summary>Like <see cref="Outcome{T}.ToResult"/>, and a refused rule is named in the problem ("rule": "self-approval").</summary>
    public static Results<TOk, ValidationProblem, ProblemHttpResult> ToResult<T, TOk>(Outcome<T> outcome, Func<T, TOk> ok) where TOk : IResult =>
        outcome.Status is OutcomeStatus.Forbidden or OutcomeStatus.Conflict && outcome.Errors.TryGetValue("rule", out var rule)
            ? TypedResults.Problem(statusCode: outcome.Status == OutcomeStatus.Forbidden ? 403 : 409, title: outcome.Status == OutcomeStatus.Forbidden ? "Not allowed" : "Conflict",
                detail: outcome.Detail, extensions: new Dictionary<string, object?> { ["rule"] = rule[0], ["errors"] = outcome.Errors })
            : outcome.ToResult(ok);

    private static async Task<Results<Ok<PagedList<ApprovalView>>, ValidationProblem>> List(
        string? state, string? action, string? box, int? page, int? pageSize, string? sort, string? q, AimsDbContext db, TimeProvider time, CancellationToken ct)
    {
        var filter = new ApprovalFilter(state, action, box, q);
        var paging = new PageQuery(page, pageSize, sort, q);
        var errors = ApprovalQueries.Validate(filter, paging);
        return errors.Count > 0 ? Problems.Invalid(errors) : TypedResults.Ok(await ApprovalQueries.ListAsync(db, time, filter, paging, ct));
    }

    private static async Task<Results<Created<ApprovalView>, ValidationProblem, ProblemHttpResult>> Create(
        NewApprovalRequest body, HttpContext context, AimsDbContext db, TimeProvider time, CancellationToken ct)
    {
        var outcome = await ApprovalService.RequestAsync(db, time, body, Channel.Token, ct);
        return ToResult(outcome, v =>
        {
            ETags.Set(context, v.Version);
            return TypedResults.Created($"/api/v1/approvals/{v.Reference}", v);
        });
    }

    private static async Task<Results<Ok<ApprovalView>, ProblemHttpResult>> Get(string reference, HttpContext context, AimsDbContext db, TimeProvider time, CancellationToken ct)
    {
        var view = await ApprovalQueries.GetAsync(db, time, reference, ct);
        if (view is null)
        {
            return Problems.NotFound(reference);
        }

        ETags.Set(context, view.Version);
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<ApprovalView>, ValidationProblem, ProblemHttpResult>> Decide(
        string reference, DecideRequest body, HttpContext context, AimsDbContext db, TimeProvider time, CancellationToken ct)
    {
        var current = await ApprovalQueries.GetAsync(db, time, reference, ct);
        if (current is null)
        {
            return Problems.NotFound(reference);
        }

        if (ETags.Check(context.Request, current.Version) is { } precondition)
        {
            return precondition;
        }

        var outcome = await ApprovalService.DecideAsync(db, time, reference, body, current.Version, Channel.Token, ct);
        return ToResult(outcome, v =>
        {
            ETags.Set(context, v.Version);
            return TypedResults.Ok(v);
        });
    }

    private static async Task<Ok<SettingsView<ApprovalPolicy>>> GetPolicy(HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        var view = await ApprovalService.PolicyAsync(db, ct);
        ETags.Set(context, view.Version ?? 0);
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<SettingsView<ApprovalPolicy>>, ValidationProblem, ProblemHttpResult>> PutPolicy(
        ApprovalPolicy body, HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        var current = await ApprovalService.PolicyAsync(db, ct);
        if (ETags.Check(context.Request, current.Version ?? 0) is { } precondition)
        {
            return precondition;
        }

        if (body.Boundaries is null)
        {
            return Problems.Invalid("boundaries", "is required");
        }

        var outcome = await ApprovalService.SavePolicyAsync(db, body, current.Version, ct);
        return outcome.ToResult(view =>
        {
            ETags.Set(context, view.Version ?? 0);
            return TypedResults.Ok(view);
        });
    }
}
