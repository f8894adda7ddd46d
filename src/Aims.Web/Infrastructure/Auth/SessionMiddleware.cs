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
    public const int MaxReasonLength = 500;

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
            if (resolver.MustChangePassword && !MayPassWithoutNewPassword(context.Request.Path))
            {
                var back = context.Request.Path + context.Request.QueryString;
                context.Response.Redirect("/account/password?returnUrl=" + Uri.EscapeDataString(back));
                return;
            }
        }

        if (context.Request.Headers.TryGetValue("X-Change-Reason", out var reason) && !string.IsNullOrWhiteSpace(reason))
        {
            if (reason.ToString().Length > MaxReasonLength)
            {
                await Problems.Write(context, StatusCodes.Status400BadRequest, "The request is not valid", "The change reason is too long.",
                    new Dictionary<string, string[]> { ["X-Change-Reason"] = [$"must be at most {MaxReasonLength} characters"] });
                return;
            }

            resolver.Session.Reason = reason.ToString();
        }

        await next(context);
    }

    /// <summary>What a person who must first choose a password may still reach: that page, sign-out, and static files.</summary>
    private static bool MayPassWithoutNewPassword(PathString path) =>
        path.StartsWithSegments("/account/password") || path.StartsWithSegments("/logout") || path.StartsWithSegments("/_framework")
        || path.StartsWithSegments("/not-found") || Path.HasExtension(path.Value);
}

public sealed class SessionResolver(AimsSession session, AimsDbContext db)
{
    /// <summary>The signed-in person still has the password an administrator generated: they must choose their own.</summary>
    public bool MustChangePassword { get; private set; }

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
        session.CredentialExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(principal.FindFirstValue(AimsClaims.Expires)!, System.Globalization.CultureInfo.InvariantCulture));
        session.TokenId = Guid.Parse(principal.FindFirstValue(AimsClaims.Token)!);
        session.IngestSystemId = principal.FindFirstValue(AimsClaims.Ingest) is { } ingest ? Guid.Parse(ingest) : null;
    }

    public async Task FromCookieAsync(HttpContext context)
    {
        if (!Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var personId))
        {
            return;
        }

        MustChangePassword = await db.Users.AnyAsync(p => p.Id == personId && p.MustChangePassword, context.RequestAborted);
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
