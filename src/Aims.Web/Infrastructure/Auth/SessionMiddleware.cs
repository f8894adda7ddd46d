using System.Security.Claims;
using Aims.Data;
using Aims.Domain.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Infrastructure.Auth;

/// <summary>
/// Fills the request's <see cref="AimsSession"/>: for the API from the bearer token only (a cookie never reaches
/// the API), for pages from the sign-in cookie and the organization the person chose (the "aims.org" cookie).
/// </summary>
public sealed class SessionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, SessionResolver resolver)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            var result = await context.AuthenticateAsync(BearerTokenHandler.SchemeName);
            context.User = result.Succeeded ? result.Principal : new ClaimsPrincipal(new ClaimsIdentity());
            if (result.Succeeded)
            {
                resolver.FromToken(result.Principal);
            }
        }
        else if (context.User.Identity?.IsAuthenticated == true)
        {
            await resolver.FromCookieAsync(context);
        }

        if (context.Request.Headers.TryGetValue("X-Change-Reason", out var reason) && !string.IsNullOrWhiteSpace(reason))
        {
            resolver.Session.Reason = reason.ToString()[..Math.Min(reason.ToString().Length, 500)];
        }

        await next(context);
    }
}

public sealed class SessionResolver(AimsSession session, AimsDbContext db)
{
    public const string OrganizationCookie = "aims.org";

    public AimsSession Session => session;

    /// <summary>The organizations the signed-in person may switch between, read once per request for the layout.</summary>
    public IReadOnlyList<OrganizationChoice> Organizations { get; private set; } = [];

    public void FromToken(ClaimsPrincipal principal)
    {
        session.SignIn(
            Guid.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)!),
            Guid.Parse(principal.FindFirstValue(AimsClaims.Organization)!),
            Enum.Parse<Role>(principal.FindFirstValue(AimsClaims.Role)!),
            Enum.Parse<Scope>(principal.FindFirstValue(AimsClaims.Scope)!));
    }

    public async Task FromCookieAsync(HttpContext context)
    {
        if (!Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var personId))
        {
            return;
        }

        var memberships = await MembershipsOf(personId).ToListAsync(context.RequestAborted);
        Organizations = memberships;
        if (memberships.Count == 0)
        {
            return;
        }

        var chosen = Guid.TryParse(context.Request.Cookies[OrganizationCookie], out var id) ? id : Guid.Empty;
        // Without a choice yet, the organization the person joined first.
        var current = memberships.FirstOrDefault(m => m.OrganizationId == chosen) ?? memberships.MinBy(m => m.Since)!;
        session.SignIn(personId, current.OrganizationId, current.Role, Scope.Admin);
    }

    /// <summary>The organizations a person may switch between, in name order.</summary>
    public IQueryable<OrganizationChoice> MembershipsOf(Guid personId) =>
        from m in db.Memberships.IgnoreQueryFilters()
        join o in db.Organizations on m.OrganizationId equals o.Id
        where m.PersonId == personId && m.DeletedAt == null
        orderby o.Name
        select new OrganizationChoice(o.Id, o.Slug, o.Name, m.Role, m.CreatedAt);
}

public sealed record OrganizationChoice(Guid OrganizationId, string Slug, string Name, Role Role, DateTimeOffset Since);
