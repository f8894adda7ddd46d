using Aims.Data;
using Aims.Domain.Risk;
using Aims.Web.Features.Inventory;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Risks;

/// <summary>Loads the risk register into plain facts and runs <see cref="RiskChecks"/> over them.</summary>
public static class RiskAreaChecks
{
    public static async Task<IReadOnlyList<CheckView>> RunAsync(AimsDbContext db, CancellationToken ct)
    {
        var criteria = await RiskScoring.CriteriaAsync(db, ct);
        var systemRefs = await db.AiSystems.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Reference, ct);
        var links = (await db.RegisterLinks.AsNoTracking().Where(l => l.Kind == RiskRegisters.RiskSystems).Select(l => new { l.FromId, l.ToId }).ToListAsync(ct))
            .ToLookup(l => l.FromId, l => systemRefs.GetValueOrDefault(l.ToId, ""));
        var risks = (await db.Risks.AsNoTracking().OrderBy(r => r.Number)
                .Select(r => new { r.Id, r.Reference, r.Title, r.OwnerId, r.Treatment, r.NextReviewOn, r.InherentLevel, r.ResidualLevel, r.AcceptedRole, r.AcceptedLevel, r.AcceptedAt, r.ReassessmentReason, r.RiskSource })
                .ToListAsync(ct))
            .Select(r => new RiskFacts(r.Reference, r.Title, r.OwnerId is not null, r.Treatment, r.NextReviewOn, r.InherentLevel, r.ResidualLevel,
                r.AcceptedAt is null ? null : r.AcceptedRole, r.AcceptedLevel, r.ReassessmentReason, r.RiskSource, links[r.Id].ToList()))
            .ToList();
        var inScope = await db.AiSystems.AsNoTracking().Where(s => s.InScope).OrderBy(s => s.Number).Select(s => s.Reference).ToListAsync(ct);
        var sources = await db.CatalogRequirements.AsNoTracking().Where(r => r.FrameworkId == "iso42001" && r.Kind == "risk-source").OrderBy(r => r.Position).Select(r => r.Id).ToListAsync(ct);
        var findings = RiskChecks.Run(new RiskAuditFacts(criteria.Adopted, criteria.Value, risks, inScope, sources, RiskScoring.Today));
        return findings.Select(CheckView.Of).ToList();
    }
}
