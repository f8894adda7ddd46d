using System.Globalization;
using Aims.Data;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aims.Web.Features.Context;

/// <summary>Asking to approve the latest scope statement version: why (10 to 2000 characters), kept on the approval request.</summary>
public sealed class AskScopeApprovalRequest
{
    public string? Reason { get; set; }
}

/// <summary>
/// /api/v1/scope/statement. The statement's ETag is its latest version number: approving must name the version
/// the approver read, so nobody approves text they have not seen.
/// </summary>
public static class ScopeStatementApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", Get).RequireAuthorization(Policies.ApiRead)
            .WithSummary("The scope statement: latest version, approved version, staleness and the version history");
        group.MapGet("/versions/{number:int}", GetVersion).RequireAuthorization(Policies.ApiRead).WithSummary("One version of the scope statement");
        group.MapPost("/generate", Generate).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Generates the statement from the registers; adds a version only when the text changed (201) or returns the latest (200)");
        group.MapPost("/", Edit).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Adds a version with the text given (If-Match optional: the version it was edited from)");
        group.MapPost("/approve", Approve).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Asks to approve the latest version (If-Match required: its number; body: reason): a change-scope approval request (APR-n, 202); approved when the request is (at once when the decision boundary is automatic)");
    }

    private static async Task<Ok<ScopeStatementView>> Get(HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        var view = await ScopeStatementService.GetAsync(db, ct);
        ETags.Set(context, view.Current?.Number ?? 0);
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<StatementVersion>, ProblemHttpResult>> GetVersion(int number, AimsDbContext db, CancellationToken ct)
    {
        var version = await ScopeStatementService.GetVersionAsync(db, number, ct);
        return version is null ? Problems.NotFound($"Version {number} of the scope statement") : TypedResults.Ok(version);
    }

    private static async Task<Results<Created<StatementVersion>, Ok<StatementVersion>, ValidationProblem, ProblemHttpResult>> Generate(
        HttpContext context, AimsDbContext db, CancellationToken ct) =>
        Written(context, await ScopeStatementService.GenerateAsync(db, ct));

    private static async Task<Results<Created<StatementVersion>, Ok<StatementVersion>, ValidationProblem, ProblemHttpResult>> Edit(
        EditStatementRequest request, HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        int? expected = null;
        if (context.Request.Headers.IfMatch.Count > 0)
        {
            if (ParseIfMatch(context) is not { } n)
            {
                return BadIfMatch();
            }

            expected = n;
        }

        return Written(context, await ScopeStatementService.EditAsync(db, request, expected, ct));
    }

    private static async Task<Results<Accepted<Approvals.ApprovalView>, ValidationProblem, ProblemHttpResult>> Approve(
        AskScopeApprovalRequest? body, HttpContext context, AimsDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (context.Request.Headers.IfMatch.Count == 0)
        {
            return ETags.Check(context.Request, 0)!;
        }

        if (ParseIfMatch(context) is not { } expected)
        {
            return BadIfMatch();
        }

        var outcome = await ScopeStatementService.AskApprovalAsync(db, time, expected, body?.Reason ?? "", Domain.Approvals.Channel.Token, ct);
        return Approvals.ApprovalsApi.ToResult(outcome, v => TypedResults.Accepted($"/api/v1/approvals/{v.Reference}", v));
    }

    private static Results<Created<StatementVersion>, Ok<StatementVersion>, ValidationProblem, ProblemHttpResult> Written(HttpContext context, Outcome<StatementWrite> outcome)
    {
        if (!outcome.IsOk)
        {
            return outcome.ToResult(w => TypedResults.Ok(w.Version)).Result switch
            {
                ValidationProblem v => v,
                ProblemHttpResult p => p,
                _ => throw new InvalidOperationException("a failed outcome is a problem"),
            };
        }

        var write = outcome.Value!;
        ETags.Set(context, write.Version.Number);
        return write.Added
            ? TypedResults.Created($"/api/v1/scope/statement/versions/{write.Version.Number}", write.Version)
            : TypedResults.Ok(write.Version);
    }

    /// <summary>As <see cref="ETags"/> does: a header name keeps its spelling, which validation problems would camel-case.</summary>
    private static ProblemHttpResult BadIfMatch() =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid", detail: "If-Match must name a version of the statement.",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["If-Match"] = ["must be the statement's ETag, its version number in quotes, e.g. \"3\""] } });

    /// <summary>"3", W/"3" or 3: the version number the client read.</summary>
    private static int? ParseIfMatch(HttpContext context)
    {
        var value = context.Request.Headers.IfMatch.ToString().Trim();
        value = value.StartsWith("W/", StringComparison.Ordinal) ? value[2..] : value;
        return int.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
