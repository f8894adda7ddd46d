using Aims.Data.Entities;
using Aims.Web.Features.Inventory;
using Aims.Web.Infrastructure.Registers;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Risks;

/// <summary>
/// A change to what a risk is about (its AI system, use case, dataset, supplier, or a new version of a model its use
/// cases use) marks the risk for reassessment with the reason (8.2); a review clears the mark.
/// </summary>
public static class Reassessment
{
    private static readonly Dictionary<string, string> LinkOf = new()
    {
        [InventoryRegisters.Systems.Name] = RiskRegisters.RiskSystems,
        [InventoryRegisters.UseCases.Name] = RiskRegisters.RiskUseCases,
        [InventoryRegisters.Datasets.Name] = RiskRegisters.RiskDatasets,
        [InventoryRegisters.Suppliers.Name] = RiskRegisters.RiskSuppliers,
    };

    public static async Task MarkAsync(RegisterService service, RegisterDefinition definition, RegisterRecord record, bool creating, CancellationToken ct)
    {
        var db = service.Db;
        List<Guid> riskIds;
        string reason;
        if (!creating && LinkOf.TryGetValue(definition.Name, out var kind))
        {
            db.ChangeTracker.DetectChanges();
            var changed = db.Entry(record).Properties
                .Where(p => p.IsModified && p.Metadata.Name is not (nameof(RegisterRecord.UpdatedAt) or nameof(RegisterRecord.Version)) && !Equals(p.OriginalValue, p.CurrentValue))
                .Select(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Metadata.Name)).ToList();
            if (changed.Count == 0)
            {
                return;
            }

            riskIds = await db.RegisterLinks.Where(l => l.Kind == kind && l.ToId == record.Id).Select(l => l.FromId).ToListAsync(ct);
            reason = $"{record.Reference} changed on {Clock.Now():yyyy-MM-dd}: {string.Join(", ", changed)}.";
        }
        else if (creating && record is ModelVersion version)
        {
            var useCases = await db.RegisterLinks.Where(l => l.Kind == InventoryRegisters.UseCaseModels && l.ToId == version.ModelId).Select(l => l.FromId).ToListAsync(ct);
            var systems = await db.UseCases.Where(u => useCases.Contains(u.Id)).Select(u => u.AiSystemId).ToListAsync(ct);
            riskIds = await db.RegisterLinks
                .Where(l => (l.Kind == RiskRegisters.RiskUseCases && useCases.Contains(l.ToId)) || (l.Kind == RiskRegisters.RiskSystems && systems.Contains(l.ToId)))
                .Select(l => l.FromId).Distinct().ToListAsync(ct);
            var model = await db.Models.Where(m => m.Id == version.ModelId).Select(m => m.Reference).FirstOrDefaultAsync(ct);
            reason = $"New version {version.Label} of {model} registered on {Clock.Now():yyyy-MM-dd}.";
        }
        else
        {
            return;
        }

        if (riskIds.Count == 0)
        {
            return;
        }

        foreach (var risk in await db.Risks.Where(r => riskIds.Contains(r.Id)).ToListAsync(ct))
        {
            risk.ReassessmentReason = reason;
        }
    }
}
