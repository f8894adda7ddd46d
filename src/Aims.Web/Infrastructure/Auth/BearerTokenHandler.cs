using System.Security.Claims;
using System.Text.Encodings.Web;
using Aims.Data;
using Aims.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aims.Web.Infrastructure.Auth;

public sealed class BearerTokenOptions : AuthenticationSchemeOptions;

/// <summary>
/// Authenticates API calls with a personal access token. The token names the organization; the caller's role is
/// read from the live membership, so a role taken away takes the token's power with it.
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<BearerTokenOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AimsDbContext db,
    TimeProvider time) : AuthenticationHandler<BearerTokenOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        if (!token.StartsWith(AccessTokenSecrets.Prefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return AuthenticateResult.Fail("The bearer token is not an Aims personal access token.");
        }

        var hash = AccessTokenSecrets.Hash(token);
        var now = Aims.Data.Entities.Clock.Now(time);
        var found = await db.AccessTokens.IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.TokenHash == hash)
            .Select(t => new { t.Id, t.OrganizationId, t.PersonId, t.Scope, t.RevokedAt, t.ExpiresAt, t.LastUsedAt, t.IngestSystemId })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null || found.RevokedAt is not null || found.ExpiresAt <= now)
        {
            return AuthenticateResult.Fail("The token is unknown, revoked or expired.");
        }

        var membership = await db.Memberships.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.OrganizationId == found.OrganizationId && m.PersonId == found.PersonId && m.DeletedAt == null)
            .Where(m => db.Organizations.IgnoreQueryFilters().Any(o => o.Id == m.OrganizationId && o.DeletedAt == null))
            .Select(m => new { m.Role })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (membership is null)
        {
            return AuthenticateResult.Fail("The token's owner is no longer a member of its organization.");
        }

        if (found.LastUsedAt is null || now - found.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await RecordUseAsync(found.Id, now);
        }

        var claims = new List<Claim>
        {
            new Claim(ClaimTypes.NameIdentifier, found.PersonId.ToString("D")),
            new Claim(AimsClaims.Organization, found.OrganizationId.ToString("D")),
            new Claim(AimsClaims.Role, membership.Role.ToString()),
            new Claim(AimsClaims.Scope, found.Scope.ToString()),
            new Claim(AimsClaims.Token, found.Id.ToString("D")),
            new Claim(AimsClaims.Expires, found.ExpiresAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (found.IngestSystemId is { } ingest)
        {
            claims.Add(new Claim(AimsClaims.Ingest, ingest.ToString("D")));
        }

        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>At most once a minute per token; "last used" is on the ledger's exclusion list, so this adds no event.</summary>
    private async Task RecordUseAsync(Guid tokenId, DateTimeOffset now)
    {
        var token = await db.AccessTokens.IgnoreQueryFilters().FirstAsync(t => t.Id == tokenId, Context.RequestAborted);
        try
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }
        catch (DbUpdateException)
        {
            // Revoked or changed meanwhile, or the database is busy: the next request records the use.
        }
        finally
        {
            // The request's own work must not carry this entity along.
            db.Entry(token).State = EntityState.Detached;
        }
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Write(Context, StatusCodes.Status401Unauthorized, "Authentication required",
            "Send a personal access token as 'Authorization: Bearer aims_...'. Create one with `aims token create` or on the Tokens page.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status403Forbidden, "Not allowed",
            "Your role in this organization, or the token's scope, does not allow this action.");
}

public static class AimsClaims
{
    public const string Organization = "aims:org";
    public const string Role = "aims:role";
    public const string Scope = "aims:scope";
    public const string Token = "aims:token";
    public const string Expires = "aims:expires";

    /// <summary>The AI system an ingestion token may append lifecycle events for; such a token may do nothing else.</summary>
    public const string Ingest = "aims:ingest";
}
