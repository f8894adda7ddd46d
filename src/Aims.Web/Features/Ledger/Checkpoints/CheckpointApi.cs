using Aims.Data;
using Aims.Data.Ledger;
using Aims.Domain.Ledger;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Ledger.Checkpoints;

/// <summary>The organization's public key and id, as the API returns it.</summary>
public sealed record LedgerKeyView(string KeyId, string PublicKeyPem);

/// <summary>
/// Signed checkpoints and the organization's ledger key: list and create checkpoints, publish the public key, rotate
/// the key (administrators). The pages' downloads (key and export) use the sign-in cookie on the same handlers.
/// </summary>
public static class CheckpointApi
{
    public const string PemContentType = "application/x-pem-file";

    public static void Map(RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        var ledger = api.MapGroup("/ledger").WithTags("Ledger");
        ledger.MapGet("/checkpoints", List).RequireAuthorization(Policies.ApiRead)
            .WithSummary("The organization's signed checkpoints (and key rotations), newest first");
        ledger.MapPost("/checkpoints", Create).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Signs the chain's head now: appends a checkpoint event");
        ledger.MapGet("/key", Key).RequireAuthorization(Policies.ApiRead)
            .WithSummary("The organization's current checkpoint public key (id and SubjectPublicKeyInfo PEM)");
        ledger.MapGet("/key.pem", KeyPem).RequireAuthorization(Policies.ApiRead)
            .WithSummary("The public key as a PEM file, for `aims verify --key`").Produces<string>(StatusCodes.Status200OK, PemContentType);
        ledger.MapPost("/key/rotate", Rotate).RequireAuthorization(Policies.ApiAdmin)
            .WithSummary("Replaces the organization's key: a rotation checkpoint signed by the old key names the new one");

        app.MapGet("/ledger/key.pem", KeyPem).RequireAuthorization(Policies.Read);
    }

    private static async Task<Results<Ok<PagedList<CheckpointView>>, ValidationProblem>> List([AsParameters] PageQuery paging, AimsDbContext db, CancellationToken ct)
    {
        var errors = paging.Validate([]);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var page = await db.LedgerEvents.AsNoTracking().Where(e => e.EntityType == LedgerCheckpoint.EntityType)
            .OrderByDescending(e => e.Sequence).ToPageAsync(paging, ct);
        return TypedResults.Ok(page.Map(LedgerCheckpoints.View));
    }

    private static async Task<Results<Created<CheckpointView>, ProblemHttpResult>> Create(AimsDbContext db, CancellationToken ct) =>
        await LedgerCheckpoints.CreateAsync(db, rotate: false, ct) is { } made
            ? TypedResults.Created($"/api/v1/ledger/{made.Sequence}", made)
            : Problems.Conflict("The chain has no event yet: there is no head to sign.");

    private static async Task<Results<Created<CheckpointView>, ProblemHttpResult>> Rotate(AimsDbContext db, CancellationToken ct) =>
        await LedgerCheckpoints.CreateAsync(db, rotate: true, ct) is { } made
            ? TypedResults.Created($"/api/v1/ledger/{made.Sequence}", made)
            : Problems.Conflict("The chain has no event yet: a rotation needs a head for the old key to sign.");

    private static async Task<Ok<LedgerKeyView>> Key(AimsDbContext db, CancellationToken ct)
    {
        var (keyId, pem) = await LedgerCheckpoints.PublicKeyAsync(db, ct);
        return TypedResults.Ok(new LedgerKeyView(keyId, pem));
    }

    private static async Task<FileContentHttpResult> KeyPem(AimsDbContext db, HttpContext context, CancellationToken ct)
    {
        var (keyId, pem) = await LedgerCheckpoints.PublicKeyAsync(db, ct);
        context.Response.Headers["X-Key-Id"] = keyId;
        return TypedResults.File(System.Text.Encoding.ASCII.GetBytes(pem + "\n"), PemContentType, "ledger-key.pem");
    }
}
