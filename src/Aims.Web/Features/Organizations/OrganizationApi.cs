using System.ComponentModel.DataAnnotations;
using Aims.Data;
using Aims.Domain.Catalog;
using Aims.Domain.People;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Organizations;

public sealed record OrganizationView(Guid Id, string Slug, string Name, DateTimeOffset CreatedAt, long Version);

public sealed class RenameOrganizationRequest
{
    [Required, MinLength(2), MaxLength(200)]
    public string Name { get; set; } = "";
}

public sealed record MeView(Guid PersonId, string DisplayName, string Email, OrganizationView Organization, Role Role, Scope Scope);

public static class OrganizationApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/organization", Get).RequireAuthorization(Policies.ApiRead).WithSummary("The organization of the token");
        api.MapPatch("/organization", Rename).RequireAuthorization(Policies.ApiAdmin).WithSummary("Renames the organization (If-Match required)");
        api.MapGet("/me", Me).RequireAuthorization(Policies.ApiRead).WithSummary("Who the token belongs to, its organization, role and scope");
    }

    public static Task<OrganizationView?> CurrentAsync(AimsDbContext db, CancellationToken ct) =>
        db.Organizations.AsNoTracking().Where(o => o.Id == db.CurrentOrganizationId)
            .Select(o => new OrganizationView(o.Id, o.Slug, o.Name, o.CreatedAt, o.Version)).FirstOrDefaultAsync(ct);

    private static async Task<Results<Ok<OrganizationView>, ProblemHttpResult>> Get(HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        var org = await CurrentAsync(db, ct);
        if (org is null)
        {
            return Problems.NotFound("The organization");
        }

        ETags.Set(context, org.Version);
        return TypedResults.Ok(org);
    }

    private static async Task<Results<Ok<OrganizationView>, ValidationProblem, ProblemHttpResult>> Rename(
        RenameOrganizationRequest request, HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        var org = await db.Organizations.FirstOrDefaultAsync(o => o.Id == db.CurrentOrganizationId, ct);
        if (org is null)
        {
            return Problems.NotFound("The organization");
        }

        if (ETags.Check(context.Request, org.Version) is { } precondition)
        {
            return precondition;
        }

        org.Name = request.Name.Trim();
        await db.SaveChangesAsync(ct);
        ETags.Set(context, org.Version);
        return TypedResults.Ok(new OrganizationView(org.Id, org.Slug, org.Name, org.CreatedAt, org.Version));
    }

    private static async Task<Results<Ok<MeView>, ProblemHttpResult>> Me(AimsSession session, AimsDbContext db, CancellationToken ct)
    {
        var person = await db.Users.AsNoTracking().FirstOrDefaultAsync(p => p.Id == session.PersonId, ct);
        var org = await CurrentAsync(db, ct);
        return person is null || org is null
            ? Problems.NotFound("The person")
            : TypedResults.Ok(new MeView(person.Id, person.DisplayName, person.Email!, org, session.Role!.Value, session.Scope!.Value));
    }
}

/// <summary>The few endpoints that need no token.</summary>
public static class PublicApi
{
    public sealed record Status(string Product, string Version, string CatalogVersion, bool Ready);

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/status", (Readiness readiness) => TypedResults.Ok(new Status(
                "Aims", typeof(PublicApi).Assembly.GetName().Version?.ToString() ?? "0", CatalogReader.Load().Version, readiness.IsReady)))
            .WithSummary("Product, version, catalog version and readiness");
}
