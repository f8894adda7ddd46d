using System.ComponentModel.DataAnnotations;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.People;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Tokens;

public sealed record TokenView(
    Guid Id, string Reference, string Name, Scope Scope, string Prefix, Guid PersonId, string? Owner,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, string Status,
    string? Ingest = null);

/// <summary>A new token for oneself. The same class validates the API request and the Tokens page's form.</summary>
public sealed class CreateTokenRequest
{
    [Required, MaxLength(100)]
    public string Name { get; set; } = "";

    /// <summary>read, write or admin; by default write, or less when the role allows less.</summary>
    public Scope? Scope { get; set; }

    /// <summary>Days until the token expires: 1 to 366, by default 90.</summary>
    [Range(1, 366)]
    public int? ExpiresInDays { get; set; }

    /// <summary>
    /// An AI system's reference (SYS-3) to make an ingestion token: it may only append that system's lifecycle events,
    /// and nothing else. Needs a role that changes records.
    /// </summary>
    [MaxLength(40)]
    public string? Ingest { get; set; }
}

/// <summary>The token itself appears here and nowhere else, ever: it is not stored.</summary>
public sealed record CreatedToken(TokenView Token, string Secret);

/// <summary>Personal access tokens: create (for oneself), list, revoke. Used by the API, the Tokens page and `aims token create`.</summary>
public static class TokenService
{
    public const int DefaultExpiryDays = 90;

    public static readonly IReadOnlyList<string> Sorts = ["created", "expires", "name"];

    /// <summary>Creates a token for the person in the session's organization; its scope never exceeds what <paramref name="ceiling"/> allows.</summary>
    /// <param name="notAfter">When the credential creating this token expires: a token never outlives the one that mints it.</param>
    public static async Task<Outcome<CreatedToken>> CreateAsync(
        AimsDbContext db, Guid personId, Scope ceiling, CreateTokenRequest request, CancellationToken ct, DateTimeOffset? notAfter = null)
    {
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            return Outcome<CreatedToken>.Invalid("name", "is required and must be at most 100 characters");
        }

        if (request.ExpiresInDays is < 1 or > 366)
        {
            return Outcome<CreatedToken>.Invalid("expiresInDays", "must be between 1 and 366");
        }

        var membership = await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.PersonId == personId, ct);
        if (membership is null)
        {
            return Outcome<CreatedToken>.NotFound("The person");
        }

        var allowed = Roles.Effective(membership.Role, ceiling);
        var scope = request.Scope ?? (Scope)Math.Min((int)Scope.Write, (int)allowed);
        if (scope > allowed)
        {
            return Outcome<CreatedToken>.Invalid("scope",
                $"'{scope.ToString().ToLowerInvariant()}' exceeds what is allowed here: at most '{allowed.ToString().ToLowerInvariant()}' ({Roles.DisplayName(membership.Role)})");
        }

        Guid? ingestSystem = null;
        var ingest = request.Ingest?.Trim();
        if (!string.IsNullOrEmpty(ingest))
        {
            if (request.Scope is { } asked && asked != Scope.Write)
            {
                return Outcome<CreatedToken>.Invalid("scope", "an ingestion token has no scope of its own: leave scope out when ingest is given");
            }

            if (allowed < Scope.Write)
            {
                return Outcome<CreatedToken>.Invalid("ingest", $"appending lifecycle events needs a role that changes records ({Roles.DisplayName(membership.Role)} only reads)");
            }

            ingestSystem = await db.AiSystems.AsNoTracking().Where(s => s.Reference == ingest.ToUpperInvariant()).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
            if (ingestSystem is null)
            {
                return Outcome<CreatedToken>.Invalid("ingest", $"'{ingest}' is not an AI system of this organization (give its reference, e.g. SYS-3)");
            }

            scope = Scope.Write;
        }

        var now = Clock.Now();
        var expiresAt = now.AddDays(request.ExpiresInDays ?? DefaultExpiryDays);
        if (notAfter is { } limit && expiresAt > limit)
        {
            if (request.ExpiresInDays is not null)
            {
                return Outcome<CreatedToken>.Invalid("expiresInDays", $"must not outlive the token used to create it (it expires {limit:yyyy-MM-dd})");
            }

            expiresAt = limit;
        }

        var secret = AccessTokenSecrets.NewToken();
        var token = new AccessToken
        {
            OrganizationId = db.CurrentOrganizationId,
            PersonId = personId,
            Name = name,
            Scope = scope,
            Prefix = AccessTokenSecrets.Display(secret),
            TokenHash = AccessTokenSecrets.Hash(secret),
            ExpiresAt = expiresAt,
            IngestSystemId = ingestSystem,
        };
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return Outcome<CreatedToken>.Ok(new CreatedToken(ToView(token, null, now, ingestSystem is null ? null : ingest!.ToUpperInvariant()), secret));
    }

    public static async Task<PagedList<TokenView>> ListAsync(AimsDbContext db, Guid? personId, PageQuery paging, CancellationToken ct)
    {
        var query = db.AccessTokens.AsNoTracking();
        if (personId is { } p)
        {
            query = query.Where(t => t.PersonId == p);
        }

        if (paging.Search is { } q)
        {
            query = query.Where(t => t.Name.ToLower().Contains(q) || t.Reference.ToLower().Contains(q));
        }

        var sorted = false;
        query = query
            .SortBy(paging.Sort, "name", t => t.Name, ref sorted)
            .SortBy(paging.Sort, "expires", t => t.ExpiresAt, ref sorted)
            .SortBy(paging.Sort, "created", t => t.CreatedAt, ref sorted);
        if (!sorted)
        {
            query = query.OrderByDescending(t => t.CreatedAt);
        }

        var page = await query.ToPageAsync(paging, ct);
        var owners = page.Items.Select(t => t.PersonId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => owners.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var systemIds = page.Items.Where(t => t.IngestSystemId is not null).Select(t => t.IngestSystemId!.Value).Distinct().ToList();
        var systems = systemIds.Count == 0
            ? []
            : await db.AiSystems.IgnoreQueryFilters([AimsDbContext.SoftDeleteFilter]).AsNoTracking().Where(s => systemIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Reference, ct);
        var now = Clock.Now();
        return page.Map(t => ToView(t, names.GetValueOrDefault(t.PersonId), now, t.IngestSystemId is { } i ? systems.GetValueOrDefault(i) : null));
    }

    /// <summary>Revokes a token of the organization: one's own, or anyone's for an administrator.</summary>
    public static async Task<Outcome<TokenView>> RevokeAsync(AimsDbContext db, Guid tokenId, Guid requester, bool isAdministrator, CancellationToken ct)
    {
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId, ct);
        if (token is null || (token.PersonId != requester && !isAdministrator))
        {
            return Outcome<TokenView>.NotFound("The token");
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = Clock.Now();
            await db.SaveChangesAsync(ct);
        }

        return Outcome<TokenView>.Ok(ToView(token, null, Clock.Now()));
    }

    public static TokenView ToView(AccessToken t, string? owner, DateTimeOffset now, string? ingest = null) =>
        new(t.Id, t.Reference, t.Name, t.Scope, t.Prefix, t.PersonId, owner, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt,
            t.RevokedAt is not null ? "revoked" : t.ExpiresAt <= now ? "expired" : "active", ingest);
}
