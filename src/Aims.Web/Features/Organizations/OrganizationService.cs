using System.Text.RegularExpressions;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.People;
using Aims.Web.Features.People;
using Aims.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Organizations;

public sealed record CreatedOrganization(Guid Id, string Slug, string Name, AddedMember Administrator);

/// <summary>Creating an organization with its first administrator: `aims org create` and the demo seed.</summary>
public static partial class OrganizationService
{
    /// <summary>
    /// Creates the organization and makes the person its administrator, in one transaction; the session then acts
    /// inside the new organization. A new person gets a generated password they must change at first sign-in.
    /// </summary>
    public static async Task<Outcome<CreatedOrganization>> CreateAsync(
        AimsDbContext db, UserManager<Person> users, string slug, string name, string adminEmail, string adminName, CancellationToken ct)
    {
        slug = slug.Trim();
        name = name.Trim();
        if (await CheckAsync(db, slug, name, ct) is { } problem)
        {
            return new Outcome<CreatedOrganization>(problem.Status, null, problem.Errors, problem.Detail);
        }

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var organization = new Organization { Slug = slug, Name = name };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync(ct);
        db.Session.EnterOrganization(organization.Id);
        var added = await PeopleService.AddAsync(db, users, new AddMemberRequest { Email = adminEmail, DisplayName = adminName, Role = Role.Administrator }, ct);
        if (!added.IsOk)
        {
            return new Outcome<CreatedOrganization>(added.Status, null, added.Errors, added.Detail);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return Outcome<CreatedOrganization>.Ok(new CreatedOrganization(organization.Id, slug, name, added.Value!));
    }

    /// <summary>
    /// An organization with no member yet, for `aims inventory import` into a new data folder: the data arrives before
    /// the people; an administrator is added afterwards.
    /// </summary>
    public static async Task<Outcome<Guid>> CreateWithoutMembersAsync(AimsDbContext db, string slug, string name, CancellationToken ct)
    {
        slug = slug.Trim();
        name = name.Trim();
        if (await CheckAsync(db, slug, name, ct) is { } problem)
        {
            return problem;
        }

        var organization = new Organization { Slug = slug, Name = name };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync(ct);
        db.Session.EnterOrganization(organization.Id);
        return Outcome<Guid>.Ok(organization.Id);
    }

    private static async Task<Outcome<Guid>?> CheckAsync(AimsDbContext db, string slug, string name, CancellationToken ct)
    {
        if (!SlugPattern().IsMatch(slug))
        {
            return Outcome<Guid>.Invalid("slug", "must be 2 to 40 lower-case letters, digits or hyphens, starting with a letter or digit");
        }

        if (name.Length is < 2 or > 200)
        {
            return Outcome<Guid>.Invalid("name", "must be 2 to 200 characters");
        }

        return await db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.Slug == slug, ct)
            ? Outcome<Guid>.Conflict($"an organization with the slug '{slug}' already exists")
            : null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial Regex SlugPattern();
}
