using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.People;
using Aims.Web.Features.Organizations;
using Aims.Web.Features.People;
using Aims.Web.Features.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Infrastructure;

/// <summary>
/// Seeds a fictional lender, "Harbor Lending Group" (slug demo), and a small sandbox beside it, through the same
/// application code as everything else: every record it makes is in the ledger like any other change.
/// </summary>
public static class DemoSeeder
{
    public const string AdminEmail = "admin@example.org";
    public const string DemoSlug = "demo";
    public const string SandboxSlug = "sandbox";

    private static readonly (string Email, string Name, Role Role)[] DemoPeople =
    [
        ("aims.lead@example.org", "Priya Raman", Role.AimsLead),
        ("control.owner@example.org", "Tomás Okafor", Role.Contributor),
        ("ml.engineer@example.org", "Mei Chen", Role.Contributor),
        ("internal.auditor@example.org", "Jonas Berg", Role.InternalAuditor),
        ("external.auditor@example.org", "Alex Dupont", Role.ExternalAuditor),
        ("board@example.org", "Grace Whitfield", Role.Viewer),
    ];

    public static async Task<DemoLogin> SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AimsDbContext>();
        var session = services.GetRequiredService<AimsSession>();
        var users = services.GetRequiredService<UserManager<Person>>();
        if (await db.Organizations.AnyAsync(o => o.Slug == DemoSlug, ct))
        {
            return new DemoLogin(AdminEmail, null);
        }

        session.ActAsSystem("demo-seed");
        // All or nothing: a crash half-way leaves no demo behind, and the next start seeds it again.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var password = PeopleService.GeneratePassword();
        var admin = new Person { UserName = AdminEmail, Email = AdminEmail, DisplayName = "Dana Admin", EmailConfirmed = true };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Could not create the demo administrator: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        var demo = await CreateOrganizationAsync(db, users, DemoSlug, "Harbor Lending Group", ct);
        foreach (var (email, name, role) in DemoPeople)
        {
            var added = await PeopleService.AddAsync(db, users, new AddMemberRequest { Email = email, DisplayName = name, Role = role }, ct);
            if (!added.IsOk)
            {
                throw new InvalidOperationException(string.Join("; ", added.Messages));
            }
        }

        // A little history to look at: a role that changed, and the token the ML engineer's CI pipeline uses.
        var lead = await db.Users.FirstAsync(u => u.Email == "control.owner@example.org", ct);
        session.Reason = "Took over the data-quality controls (A.7.4) from the AIMS lead.";
        await PeopleService.ChangeRoleAsync(db, lead.Id, Role.ControlOwner, null, ct);
        var engineer = await db.Users.FirstAsync(u => u.Email == "ml.engineer@example.org", ct);
        session.Reason = "CI pipeline of the credit-scoring model records evaluation evidence.";
        await TokenService.CreateAsync(db, engineer.Id, Scope.Write, new CreateTokenRequest { Name = "credit-scoring CI", Scope = Scope.Write, ExpiresInDays = 90 }, ct);
        session.Reason = null;
        session.ActAsSystem("demo-seed", demo);
        await Features.Inventory.DemoInventory.SeedAsync(services.GetRequiredService<Infrastructure.Registers.RegisterService>(), ct);
        await Features.Risks.DemoRisks.SeedAsync(services.GetRequiredService<Infrastructure.Registers.RegisterService>(), ct);
        await Features.Ledger.Checkpoints.DemoCheckpoints.SignAsync(db, session, "Inventory and risk register baseline, signed before the Stage 1 audit.", ct);
        await Features.Risks.DemoImpact.SeedAsync(services.GetRequiredService<Infrastructure.Registers.RegisterService>(), session, ct);
        await Features.Assurance.DemoAssurance.SeedAsync(services.GetRequiredService<Infrastructure.Registers.RegisterService>(), session, ct);
        await Features.Evidence.DemoEvidence.SeedAsync(services, ct);
        await Features.Lifecycle.DemoLifecycle.SeedAsync(db, services.GetRequiredService<Aims.Data.Ledger.ILedgerKeys>(), services.GetRequiredService<TimeProvider>(), ct);
        await Features.Approvals.DemoApprovals.SeedAsync(db, session, services.GetRequiredService<TimeProvider>(), ct);
        await Features.Ledger.Checkpoints.DemoCheckpoints.SignAsync(db, session, "Gap assessment and SoA signed for the auditor.", ct);

        var sandbox = await CreateOrganizationAsync(db, users, SandboxSlug, "Harbor Labs Sandbox", ct);
        await PeopleService.AddAsync(db, users, new AddMemberRequest { Email = "aims.lead@example.org", DisplayName = "Priya Raman", Role = Role.Administrator }, ct);
        var org = await db.Organizations.FirstAsync(o => o.Id == sandbox, ct);
        session.Reason = "Clarify that this organization is for trying things out.";
        org.Name = "Harbor Labs Sandbox (try things here)";
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        session.ActAsSystem("demo-seed", demo);
        return new DemoLogin(AdminEmail, password);
    }

    /// <summary>Creates a demo organization whose administrator is the demo administrator (who keeps the printed password).</summary>
    private static async Task<Guid> CreateOrganizationAsync(AimsDbContext db, UserManager<Person> users, string slug, string name, CancellationToken ct)
    {
        var created = await OrganizationService.CreateAsync(db, users, slug, name, AdminEmail, "Dana Admin", ct);
        return created.IsOk ? created.Value!.Id : throw new InvalidOperationException(string.Join("; ", created.Messages));
    }
}
