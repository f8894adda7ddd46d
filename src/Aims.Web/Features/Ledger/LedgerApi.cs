using Aims.Data;
using Aims.Domain.Ledger;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aims.Web.Features.Ledger;

public static class LedgerApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var ledger = api.MapGroup("/ledger").RequireAuthorization(Policies.ApiRead);
        ledger.MapGet("/", List).WithSummary("The organization's ledger, newest first; filter by entityType and entityId");
        ledger.MapGet("/verify", Verify).WithSummary("Verifies the organization's chain from its stored bytes");
        ledger.MapGet("/export", Export).WithSummary("The chain as JSON Lines, checkable offline with `aims verify --file`")
            .Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson");
        ledger.MapGet("/{sequence:long}", Get).WithSummary("One event");
        api.MapGet("/history/{entityType}/{entityId}", History).RequireAuthorization(Policies.ApiRead)
            .WithSummary("Every change of one record, oldest first");
    }

    private static async Task<Results<Ok<PagedList<LedgerEventView>>, ValidationProblem>> List(
        [AsParameters] PageQuery paging, string? entityType, string? entityId, AimsDbContext db, CancellationToken ct)
    {
        var errors = paging.Validate(LedgerQueries.Sorts);
        return errors.Count > 0 ? Problems.Invalid(errors) : TypedResults.Ok(await LedgerQueries.ListAsync(db, paging, entityType, entityId, ct));
    }

    private static async Task<Results<Ok<LedgerEventView>, ProblemHttpResult>> Get(long sequence, AimsDbContext db, CancellationToken ct)
    {
        var e = await LedgerQueries.EventAsync(db, sequence, ct);
        return e is null ? Problems.NotFound($"Ledger event {sequence}") : TypedResults.Ok(e);
    }

    private static async Task<Ok<VerificationResult>> Verify(AimsDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await LedgerQueries.VerifyAsync(db, ct));

    private static async Task<Results<EmptyHttpResult, ValidationProblem>> Export(long? from, HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        if (from is < 1)
        {
            return Problems.Invalid("from", "must be 1 or more");
        }

        await LedgerQueries.WriteDownloadAsync(context, db, from ?? 1, ct);
        return TypedResults.Empty;
    }

    private static async Task<Results<Ok<List<LedgerEventView>>, ProblemHttpResult>> History(
        string entityType, string entityId, AimsDbContext db, CancellationToken ct)
    {
        var events = await LedgerQueries.HistoryAsync(db, entityType, entityId, ct);
        return events.Count == 0 ? Problems.NotFound($"Record {entityType}/{entityId}") : TypedResults.Ok(events);
    }
}
