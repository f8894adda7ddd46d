using Aims.Data;
using Aims.Domain.Approvals;
using Aims.Domain.People;
using Aims.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Approvals;

/// <summary>
/// The demo's approvals, one in every state: the SoA version approved (seeded by the assurance demo), a model
/// promotion awaiting the second of two approvers, a second promotion nobody has looked at, a retirement asked three
/// days ago and escalated to the administrator, and a residual-risk acceptance denied.
/// </summary>
public static class DemoApprovals
{
    /// <summary>The product clock seen from some time ago: requests asked in the past, so that one has escalated by now.</summary>
    private sealed class Earlier(TimeProvider time, TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => time.GetUtcNow() - by;
    }

    public static async Task SeedAsync(AimsDbContext db, AimsSession session, TimeProvider time, CancellationToken ct)
    {
        var organization = session.OrganizationId!.Value;
        async Task<Guid> Person(string email) => await db.Users.Where(u => u.Email == email).Select(u => u.Id).FirstAsync(ct);
        var (lead, admin, engineer) = (await Person("aims.lead@example.org"), await Person("admin@example.org"), await Person("ml.engineer@example.org"));

        // The organization asks two people to agree before a model goes to production.
        session.SignIn(admin, organization, Role.Administrator, Scope.Admin);
        var policy = ApprovalPolicy.Default with
        {
            Boundaries = [.. ApprovalPolicy.Default.Boundaries.Select(b => b.Action == ApprovalAction.PromoteModelVersion ? b with { Quorum = 2 } : b)],
        };
        session.Reason = "Model promotions need two approvers (AI risk committee, 2026-10).";
        Ok(await ApprovalService.SavePolicyAsync(db, policy, null, ct));

        var versions = await db.ModelVersions.AsNoTracking().OrderBy(v => v.Number).Select(v => v.Reference).Take(2).ToListAsync(ct);
        session.SignIn(engineer, organization, Role.Contributor, Scope.Write);
        session.Reason = null;
        var quorum = Ok(await ApprovalService.RequestAsync(db, time,
            new NewApprovalRequest { Action = "promote-model-version", Subject = versions[^1], Reason = "Retrained on 2026 data; AUC 0.81 on the holdout, fairness gates green in CI." }, Channel.Token, ct));
        session.SignIn(lead, organization, Role.AimsLead, Scope.Write);
        Ok(await ApprovalService.DecideAsync(db, time, quorum.Reference,
            new DecideRequest { Verdict = "approve", Rationale = "Evaluation evidence reviewed; impact assessment still valid." }, null, Channel.Web, ct));

        if (versions.Count > 1)
        {
            session.SignIn(engineer, organization, Role.Contributor, Scope.Write);
            Ok(await ApprovalService.RequestAsync(db, time,
                new NewApprovalRequest { Action = "promote-model-version", Subject = versions[0], Reason = "Roll back to the previous version if the new one drifts." }, Channel.Token, ct));
        }

        var system = await db.AiSystems.AsNoTracking().Where(s => s.Stage != Domain.Inventory.LifecycleStage.Retirement).OrderByDescending(s => s.Number).Select(s => s.Reference).FirstAsync(ct);
        session.SignIn(engineer, organization, Role.Contributor, Scope.Write);
        Ok(await ApprovalService.RequestAsync(db, new Earlier(time, TimeSpan.FromDays(3)),
            new NewApprovalRequest { Action = "retire-ai-system", Subject = system, Reason = "Replaced by the new service; no traffic for a month." }, Channel.Web, ct));

        var risk = await db.Risks.AsNoTracking().Where(r => r.ResidualLevel != "" && r.Treatment != null && r.AcceptedAt == null).OrderBy(r => r.Number).Select(r => r.Reference).FirstOrDefaultAsync(ct);
        if (risk is not null)
        {
            session.SignIn(lead, organization, Role.AimsLead, Scope.Write);
            var asked = Ok(await ApprovalService.RequestAsync(db, time,
                new NewApprovalRequest { Action = "accept-residual-risk", Subject = risk, Reason = "The treatment is as far as we can take it this year." }, Channel.Web, ct));
            session.SignIn(admin, organization, Role.Administrator, Scope.Admin);
            Ok(await ApprovalService.DecideAsync(db, time, asked.Reference,
                new DecideRequest { Verdict = "deny", Rationale = "Above appetite: add the second treatment before asking again." }, null, Channel.Web, ct));
        }

        session.ActAsSystem("demo-seed", organization);
        await ApprovalService.EscalateDueAsync(db, time, ct);
    }

    private static T Ok<T>(Outcome<T> outcome) =>
        outcome.IsOk ? outcome.Value! : throw new InvalidOperationException("demo approvals: " + string.Join("; ", outcome.Messages));
}
