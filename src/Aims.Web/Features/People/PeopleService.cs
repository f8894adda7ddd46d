using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.People;
using Aims.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.People;

public sealed record MemberView(
    Guid PersonId, string Email, string DisplayName, Role Role, string RoleName, DateTimeOffset Since, bool LockedOut, long Version);

/// <summary>Adds a person to the organization. The same class validates the API request and the People page's form.</summary>
public sealed class AddMemberRequest
{
    [Required, EmailAddress, MaxLength(254)]
    public string Email { get; set; } = "";

    [Required, MaxLength(200)]
    public string DisplayName { get; set; } = "";

    [Required]
    public Role? Role { get; set; }
}

public sealed class ChangeRoleRequest
{
    [Required]
    public Role? Role { get; set; }
}

/// <summary>The member and, when the person was new, the password they sign in with first (shown once).</summary>
public sealed record AddedMember(MemberView Member, string? InitialPassword);

/// <summary>Membership of the session's organization: who is in it and with which role.</summary>
public static class PeopleService
{
    public static readonly IReadOnlyList<string> Sorts = ["name", "email", "role", "since"];

    /// <summary>A row EF can filter and sort before it becomes a <see cref="MemberView"/>.</summary>
    private sealed class MemberRow
    {
        public Guid PersonId { get; init; }
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public Role Role { get; init; }
        public DateTimeOffset Since { get; init; }
        public DateTimeOffset? LockoutEnd { get; init; }
        public long Version { get; init; }
    }

    private static IQueryable<MemberRow> Rows(AimsDbContext db) =>
        from m in db.Memberships.AsNoTracking()
        join p in db.Users.AsNoTracking() on m.PersonId equals p.Id
        select new MemberRow
        {
            PersonId = p.Id, Email = p.Email!, DisplayName = p.DisplayName, Role = m.Role, Since = m.CreatedAt, LockoutEnd = p.LockoutEnd, Version = m.Version,
        };

    private static MemberView ToView(MemberRow r, DateTimeOffset now) =>
        new(r.PersonId, r.Email, r.DisplayName, r.Role, Roles.DisplayName(r.Role), r.Since, r.LockoutEnd > now, r.Version);

    public static async Task<PagedList<MemberView>> ListAsync(AimsDbContext db, PageQuery paging, Role? role, CancellationToken ct)
    {
        var query = Rows(db);
        if (paging.Search is { } q)
        {
            query = query.Where(m => m.Email.ToLower().Contains(q) || m.DisplayName.ToLower().Contains(q));
        }

        if (role is { } r)
        {
            query = query.Where(m => m.Role == r);
        }

        var sorted = false;
        query = query
            .SortBy(paging.Sort, "email", m => m.Email, ref sorted)
            .SortBy(paging.Sort, "role", m => m.Role, ref sorted)
            .SortBy(paging.Sort, "since", m => m.Since, ref sorted)
            .SortBy(paging.Sort, "name", m => m.DisplayName, ref sorted);
        if (!sorted)
        {
            query = query.OrderBy(m => m.DisplayName);
        }

        var now = Clock.Now();
        return (await query.ToPageAsync(paging, ct)).Map(m => ToView(m, now));
    }

    public static async Task<MemberView?> GetAsync(AimsDbContext db, Guid personId, CancellationToken ct)
    {
        var row = await Rows(db).FirstOrDefaultAsync(m => m.PersonId == personId, ct);
        return row is null ? null : ToView(row, Clock.Now());
    }

    /// <summary>
    /// Adds a person to the organization, in one transaction. A new person gets a generated password to change at
    /// first sign-in. An existing person who has not yet chosen their own password gets a new generated one, so an
    /// earlier administrator's copy stops working; a person with their own password keeps it.
    /// </summary>
    public static async Task<Outcome<AddedMember>> AddAsync(AimsDbContext db, UserManager<Person> users, AddMemberRequest request, CancellationToken ct)
    {
        var organizationId = db.CurrentOrganizationId;
        var email = request.Email.Trim();
        var person = await users.FindByEmailAsync(email);
        // Made before the transaction: the token is protected with the key ring, which may be written on its first use.
        var resetToken = person is { MustChangePassword: true } ? await users.GeneratePasswordResetTokenAsync(person) : null;
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var membership = person is null ? null : await db.Memberships.IgnoreQueryFilters([AimsDbContext.SoftDeleteFilter])
            .FirstOrDefaultAsync(m => m.PersonId == person.Id, ct);
        if (membership is { DeletedAt: null })
        {
            return Outcome<AddedMember>.Conflict($"{email} is already a member of this organization.");
        }

        string? password = null;
        if (person is null)
        {
            password = GeneratePassword();
            person = new Person { UserName = email, Email = email, DisplayName = request.DisplayName.Trim(), EmailConfirmed = true, MustChangePassword = true };
            var created = await users.CreateAsync(person, password);
            if (!created.Succeeded)
            {
                return Outcome<AddedMember>.Invalid("email", string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }
        else if (resetToken is not null)
        {
            password = GeneratePassword();
            var reset = await users.ResetPasswordAsync(person, resetToken, password);
            if (!reset.Succeeded)
            {
                return Outcome<AddedMember>.Invalid("email", string.Join(" ", reset.Errors.Select(e => e.Description)));
            }
        }

        if (membership is null)
        {
            db.Memberships.Add(new Membership { OrganizationId = organizationId, PersonId = person.Id, Role = request.Role!.Value });
        }
        else
        {
            membership.DeletedAt = null;
            membership.Role = request.Role!.Value;
        }

        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return Outcome<AddedMember>.Ok(new AddedMember((await GetAsync(db, person.Id, ct))!, password));
    }

    public static async Task<Outcome<MemberView>> ChangeRoleAsync(AimsDbContext db, Guid personId, Role role, long? expectedVersion, CancellationToken ct)
    {
        // Locked, so that two administrators demoting each other cannot leave the organization without one.
        await using var transaction = await db.BeginOrganizationWriteAsync(ct);
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.PersonId == personId, ct);
        if (membership is null)
        {
            return Outcome<MemberView>.NotFound("The member");
        }

        if (expectedVersion is { } v && v != membership.Version)
        {
            return Outcome<MemberView>.PreconditionFailed("The membership has changed since you read it; read it again and reapply your change.");
        }

        if (membership.Role == Role.Administrator && role != Role.Administrator && await IsLastAdministratorAsync(db, personId, ct))
        {
            return Outcome<MemberView>.Invalid("role", "the organization's last administrator cannot lose the role; make someone else administrator first");
        }

        membership.Role = role;
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
        return Outcome<MemberView>.Ok((await GetAsync(db, personId, ct))!);
    }

    public static async Task<Outcome<MemberView>> RemoveAsync(AimsDbContext db, Guid personId, CancellationToken ct)
    {
        await using var transaction = await db.BeginOrganizationWriteAsync(ct);
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.PersonId == personId, ct);
        if (membership is null)
        {
            return Outcome<MemberView>.NotFound("The member");
        }

        var view = await GetAsync(db, personId, ct);
        if (membership.Role == Role.Administrator && await IsLastAdministratorAsync(db, personId, ct))
        {
            return Outcome<MemberView>.Invalid("personId", "the organization's last administrator cannot be removed");
        }

        db.Memberships.Remove(membership);
        await RevokeTokensAsync(db, personId, ct);
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
        return Outcome<MemberView>.Ok(view!);
    }

    private static async Task RevokeTokensAsync(AimsDbContext db, Guid personId, CancellationToken ct)
    {
        var now = Clock.Now();
        foreach (var token in await db.AccessTokens.Where(t => t.PersonId == personId && t.RevokedAt == null).ToListAsync(ct))
        {
            token.RevokedAt = now;
        }
    }

    private static Task<bool> IsLastAdministratorAsync(AimsDbContext db, Guid personId, CancellationToken ct) =>
        db.Memberships.AllAsync(m => m.Role != Role.Administrator || m.PersonId == personId, ct);

    /// <summary>16 characters that meet the password policy: upper, lower and digits, from a CSPRNG.</summary>
    public static string GeneratePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789";
        const string all = upper + lower + digits;
        var chars = new char[16];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 3; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
