using Aims.Data.Entities;
using Aims.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Account;

/// <summary>Form posts of the pages that are not a page themselves: sign out and switch organization.</summary>
public static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        MapLedgerDownload(app);
        app.MapPost("/logout", async ([FromForm] string? returnUrl, SignInManager<Person> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/login");
        }).RequireAuthorization();

        app.MapPost("/account/organization", async ([FromForm] Guid organizationId, [FromForm] string? returnUrl, HttpContext context,
            SessionResolver resolver) =>
        {
            var personId = resolver.Session.PersonId;
            var allowed = personId is { } p && (await resolver.MembershipsOf(p).ToListAsync()).Any(m => m.OrganizationId == organizationId);
            if (!allowed)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                    detail: "You are not a member of that organization.");
            }

            context.Response.Cookies.Append(SessionResolver.OrganizationCookie, organizationId.ToString("D"), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
            });
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).RequireAuthorization();
    }

    /// <summary>The page's export link: the same export as the API's, with the sign-in cookie.</summary>
    public static void MapLedgerDownload(IEndpointRouteBuilder app) =>
        app.MapGet("/ledger/export", (HttpContext context, Aims.Data.AimsDbContext db, CancellationToken ct) =>
            Ledger.LedgerQueries.WriteDownloadAsync(context, db, 1, ct)).RequireAuthorization(Policies.Read);

    /// <summary>A path on this site: no scheme, no host, no backslash trick, no control character.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
        && !url.StartsWith("/\\", StringComparison.Ordinal) && !url.Any(char.IsControl);
}
