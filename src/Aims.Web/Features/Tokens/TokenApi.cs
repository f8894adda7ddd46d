using Aims.Data;
using Aims.Domain.People;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aims.Web.Features.Tokens;

public static class TokenApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.RequireAuthorization(Policies.ApiRead);
        group.MapGet("/", List).WithSummary("Your tokens; administrators may pass all=true for every token of the organization");
        group.MapPost("/", Create).WithSummary("Creates a token for you; the secret is in the response, once");
        group.MapDelete("/{tokenId:guid}", Revoke).WithSummary("Revokes a token: yours, or any for an administrator");
    }

    private static async Task<Results<Ok<PagedList<TokenView>>, ValidationProblem, ProblemHttpResult>> List(
        [AsParameters] PageQuery paging, bool? all, AimsSession session, AimsDbContext db, CancellationToken ct)
    {
        var errors = paging.Validate(TokenService.Sorts);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (all == true && session.Scope != Scope.Admin)
        {
            return Problems.Forbidden("Only administrators with an admin-scope token may list everyone's tokens.");
        }

        return TypedResults.Ok(await TokenService.ListAsync(db, all == true ? null : session.PersonId, paging, ct));
    }

    private static async Task<Results<Created<CreatedToken>, ValidationProblem, ProblemHttpResult>> Create(
        CreateTokenRequest request, HttpContext context, AimsSession session, AimsDbContext db, CancellationToken ct)
    {
        // The answer carries the secret: no cache may keep it.
        context.Response.Headers.CacheControl = "no-store";
        // A token can mint tokens no more powerful than itself.
        var outcome = await TokenService.CreateAsync(db, session.PersonId!.Value, session.Scope!.Value, request, ct, session.CredentialExpiresAt);
        return outcome.ToResult(created => TypedResults.Created($"/api/v1/tokens/{created.Token.Id}", created));
    }

    private static async Task<Results<Ok<TokenView>, ValidationProblem, ProblemHttpResult>> Revoke(
        Guid tokenId, AimsSession session, AimsDbContext db, CancellationToken ct) =>
        (await TokenService.RevokeAsync(db, tokenId, session.PersonId!.Value, session.Scope == Scope.Admin, ct)).ToResult(TypedResults.Ok);
}
