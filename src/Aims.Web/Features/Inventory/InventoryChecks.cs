using Aims.Data;
using Aims.Domain.Inventory;
using Aims.Web.Features.Context;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Inventory;

/// <summary>A finding as pages and the API show it: with the address of the record it concerns.</summary>
public sealed record CheckView(
    string Check, string Clause, CheckSeverity Severity, string Area, string Register, string? Reference, string Title, string Message, string Link)
{
    /// <summary>The link goes to the register's own pages, whichever area's checks found it (a risk check may name an AI system).</summary>
    public static CheckView Of(CheckFinding f)
    {
        var path = Registers.AllRegisters.Set.Find(f.Register)?.PagePath ?? $"/{f.Area}/{f.Register}";
        return new(f.Check, f.Clause, f.Severity, f.Area, f.Register, f.Reference, f.Title, f.Message, f.Reference is null ? path : $"{path}/{f.Reference}");
    }
}

/// <summary>
/// Loads the organization's inventory and context into plain facts and runs <see cref="AuditorChecks"/> over them.
/// Only the columns a check reads are loaded, so the cost is one narrow query per register.
/// </summary>
public static class InventoryChecks
{
    public static async Task<IReadOnlyList<CheckView>> RunAsync(AimsDbContext db, string? area, CancellationToken ct)
    {
        var systems = await db.AiSystems.AsNoTracking().OrderBy(s => s.Number)
            .Select(s => new { s.Id, Facts = new SystemFacts(s.Reference, s.Name, s.OwnerId != null, s.InScope, s.ScopeJustification) })
            .ToListAsync(ct);
        var systemReferences = systems.ToDictionary(s => s.Id, s => s.Facts.Reference);
        // An impact assessment record of the use case, or of its whole system, counts as planned.
        var assessed = (await db.ImpactAssessments.AsNoTracking().Select(a => a.UseCaseId ?? a.AiSystemId).Distinct().ToListAsync(ct)).ToHashSet();
        var useCases = (await db.UseCases.AsNoTracking().OrderBy(u => u.Number)
                .Select(u => new { u.Id, u.AiSystemId, u.Reference, u.Name, u.Answers, u.ComputedRegimes, u.OverrideRegimes, u.ImpactAssessmentDue })
                .ToListAsync(ct))
            .Select(u => new UseCaseFacts(u.Reference, u.Name, systemReferences.GetValueOrDefault(u.AiSystemId, ""), u.Answers, u.ComputedRegimes, u.OverrideRegimes, u.ImpactAssessmentDue,
                assessed.Contains(u.Id) || assessed.Contains(u.AiSystemId)))
            .ToList();
        var datasets = await db.Datasets.AsNoTracking().OrderBy(d => d.Number).Select(d => new DatasetFacts(d.Reference, d.Name, d.Provenance)).ToListAsync(ct);
        var suppliers = await db.Suppliers.AsNoTracking().OrderBy(s => s.Number).Select(s => new SupplierFacts(s.Reference, s.Name, s.Responsibilities)).ToListAsync(ct);
        var entries = await db.ScopeEntries.AsNoTracking().OrderBy(e => e.Number)
            .Select(e => new ScopeEntryFacts(e.Reference, e.Name, e.Included, e.Justification)).ToListAsync(ct);
        var roles = await db.OrganizationAiRoles.CountAsync(ct);
        var statement = await ScopeStatementService.FactsAsync(db, ct);
        var findings = AuditorChecks.Run(new AuditFacts(systems.Select(s => s.Facts).ToList(), useCases, datasets, suppliers, entries, roles, statement));
        return findings.Where(f => area is null || f.Area == area).Select(CheckView.Of).ToList();
    }
}
