using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.People;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Aims.Web.Features.People;

public static class PeopleApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", List).RequireAuthorization(Policies.ApiRead).WithSummary("Members of the organization");
        group.MapGet("/{personId:guid}", Get).RequireAuthorization(Policies.ApiRead).WithSummary("One member");
        group.MapPost("/", Add).RequireAuthorization(Policies.ApiAdmin)
            .WithSummary("Adds a person with a role; a new person's initial password is returned once");
        group.MapPatch("/{personId:guid}", ChangeRole).RequireAuthorization(Policies.ApiAdmin)
            .WithSummary("Changes a member's role (If-Match required)");
        group.MapDelete("/{personId:guid}", Remove).RequireAuthorization(Policies.ApiAdmin)
            .WithSummary("Removes a member from the organization and revokes their tokens");
    }

    private static async Task<Results<Ok<PagedList<MemberView>>, ValidationProblem>> List(
        [AsParameters] PageQuery paging, string? role, AimsDbContext db, CancellationToken ct)
    {
        var errors = paging.Validate(PeopleService.Sorts);
        Role? filter = null;
        if (role is not null)
        {
            if (EnumText.TryParse<Role>(role, out var parsed))
            {
                filter = parsed;
            }
            else
            {
                errors["role"] = [$"must be one of {EnumText.Allowed<Role>()}"];
            }
        }

        return errors.Count > 0 ? Problems.Invalid(errors) : TypedResults.Ok(await PeopleService.ListAsync(db, paging, filter, ct));
    }

    private static async Task<Results<Ok<MemberView>, ProblemHttpResult>> Get(Guid personId, HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        var member = await PeopleService.GetAsync(db, personId, ct);
        if (member is null)
        {
            return Problems.NotFound("The member");
        }

        ETags.Set(context, member.Version);
        return TypedResults.Ok(member);
    }

    private static async Task<Results<Created<AddedMember>, ValidationProblem, ProblemHttpResult>> Add(
        AddMemberRequest request, HttpContext context, AimsDbContext db, UserManager<Person> users, CancellationToken ct)
    {
        // The answer may carry a one-time password: no cache may keep it.
        context.Response.Headers.CacheControl = "no-store";
        var outcome = await PeopleService.AddAsync(db, users, request, ct);
        return outcome.ToResult(added =>
        {
            ETags.Set(context, added.Member.Version);
            return TypedResults.Created($"/api/v1/people/{added.Member.PersonId}", added);
        });
    }

    private static async Task<Results<Ok<MemberView>, ValidationProblem, ProblemHttpResult>> ChangeRole(
        Guid personId, ChangeRoleRequest request, HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        var current = await PeopleService.GetAsync(db, personId, ct);
        if (current is null)
        {
            return Problems.NotFound("The member");
        }

        if (ETags.Check(context.Request, current.Version) is { } precondition)
        {
            return precondition;
        }

        var outcome = await PeopleService.ChangeRoleAsync(db, personId, request.Role!.Value, current.Version, ct);
        return outcome.ToResult(member =>
        {
            ETags.Set(context, member.Version);
            return TypedResults.Ok(member);
        });
    }

    private static async Task<Results<Ok<MemberView>, ValidationProblem, ProblemHttpResult>> Remove(
        Guid personId, HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        var current = await PeopleService.GetAsync(db, personId, ct);
        if (current is null)
        {
            return Problems.NotFound("The member");
        }

        if (context.Request.Headers.IfMatch.Count > 0 && ETags.Check(context.Request, current.Version) is { } precondition)
        {
            return precondition;
        }

        return (await PeopleService.RemoveAsync(db, personId, ct)).ToResult(TypedResults.Ok);
    }
}
