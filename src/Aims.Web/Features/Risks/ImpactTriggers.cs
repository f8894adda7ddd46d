using Aims.Data.Entities;
using Aims.Domain.Inventory;
using Aims.Domain.Risk;
using Aims.Web.Features.Inventory;
using Aims.Web.Infrastructure.Registers;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Risks;

/// <summary>
/// Starts an impact assessment task for the system owner when an event the procedure names happens in Aims: a new AI
/// system, a new use case, a new model version (for each use case of that model). Runs at every door (API, page,
/// import) in the same unit of work. Only what the procedure's criteria require at that moment starts a task; a use
/// case classified high-risk later is caught by the check "impact-assessment-missing".
/// </summary>
public static class ImpactTriggers
{
    public static async Task StartAsync(RegisterService service, RegisterDefinition definition, RegisterRecord record, bool creating, CancellationToken ct)
    {
        if (!creating || record is not (AiSystem or UseCase or ModelVersion))
        {
            return;
        }

        var db = service.Db;
        var procedure = (await service.CachedAsync("impact-procedure", () => ImpactAssessments.ProcedureAsync(db, ct))).Value;
        switch (record)
        {
            case AiSystem system when procedure.Fires(AssessmentTrigger.NewAiSystem) && procedure.Requires(Profile(system, null, false, false)):
                Add(service, system, null, AssessmentTrigger.NewAiSystem, procedure, system.Purpose);
                break;
            case UseCase useCase when procedure.Fires(AssessmentTrigger.NewUseCase):
                var owner = await SystemAsync(service, useCase.AiSystemId, ct);
                var models = db.RegisterLinks.Local.Where(l => l.Kind == InventoryRegisters.UseCaseModels && l.FromId == useCase.Id).Select(l => l.ToId).ToList();
                if (owner is not null && procedure.Requires(Profile(owner, useCase, false, await SpecialCategoryAsync(service, models, ct))))
                {
                    Add(service, owner, useCase, AssessmentTrigger.NewUseCase, procedure, useCase.Description.Length > 0 ? useCase.Description : useCase.Name);
                }

                break;
            case ModelVersion version when procedure.Fires(AssessmentTrigger.ModelChange):
                var useCaseIds = await db.RegisterLinks.Where(l => l.Kind == InventoryRegisters.UseCaseModels && l.ToId == version.ModelId).Select(l => l.FromId).ToListAsync(ct);
                var special = await SpecialCategoryAsync(service, [version.ModelId], ct);
                foreach (var useCase in await db.UseCases.Where(u => useCaseIds.Contains(u.Id)).OrderBy(u => u.Number).ToListAsync(ct))
                {
                    var system = await SystemAsync(service, useCase.AiSystemId, ct);
                    var highRisk = UseCaseClassificationRegimes(useCase);
                    if (system is not null && procedure.Requires(Profile(system, useCase, highRisk, special)) && !await OpenAsync(service, system.Id, useCase.Id, ct))
                    {
                        Add(service, system, useCase, AssessmentTrigger.ModelChange, procedure, useCase.Description.Length > 0 ? useCase.Description : useCase.Name);
                    }
                }

                break;
        }
    }

    private static bool UseCaseClassificationRegimes(UseCase u) =>
        AuditorChecks.EffectiveRegimes(u.ComputedRegimes, u.OverrideRegimes).Any(r => r is "high-risk-annex-iii" or "high-risk-product-safety");

    private static UseCaseProfile Profile(AiSystem system, UseCase? useCase, bool highRisk, bool special) => new(
        highRisk,
        useCase is not null && AuditorChecks.EffectiveRegimes(useCase.ComputedRegimes, useCase.OverrideRegimes).Contains("transparency"),
        system.Autonomy is AutonomyLevel.Decision or AutonomyLevel.Action,
        useCase is not null && useCase.AffectedPersons.Trim().Length > 0,
        special);

    private static async Task<AiSystem?> SystemAsync(RegisterService service, Guid id, CancellationToken ct) =>
        service.Db.AiSystems.Local.FirstOrDefault(s => s.Id == id) ?? await service.Db.AiSystems.FirstOrDefaultAsync(s => s.Id == id, ct);

    private static async Task<bool> SpecialCategoryAsync(RegisterService service, List<Guid> models, CancellationToken ct)
    {
        if (models.Count == 0)
        {
            return false;
        }

        var db = service.Db;
        var datasets = await db.RegisterLinks.Where(l => l.Kind == InventoryRegisters.ModelDatasets && models.Contains(l.FromId)).Select(l => l.ToId).ToListAsync(ct);
        return await db.Datasets.AnyAsync(d => datasets.Contains(d.Id) && d.SpecialCategoryData, ct);
    }

    /// <summary>An open task for the same system and use case is enough: a second one would only split the work.</summary>
    private static async Task<bool> OpenAsync(RegisterService service, Guid systemId, Guid? useCaseId, CancellationToken ct) =>
        service.Db.ImpactAssessments.Local.Any(a => a.AiSystemId == systemId && a.UseCaseId == useCaseId && a.Status != AssessmentStatus.Completed)
        || await service.Db.ImpactAssessments.AnyAsync(a => a.AiSystemId == systemId && a.UseCaseId == useCaseId && a.Status != AssessmentStatus.Completed, ct);

    private static void Add(RegisterService service, AiSystem system, UseCase? useCase, AssessmentTrigger trigger, ImpactProcedure procedure, string purpose)
    {
        var db = service.Db;
        db.ImpactAssessments.Add(new ImpactAssessment
        {
            OrganizationId = db.CurrentOrganizationId, AiSystemId = system.Id, UseCaseId = useCase?.Id, Trigger = trigger, Status = AssessmentStatus.Planned,
            OwnerId = system.OwnerId, DueOn = ImpactAssessments.Today.AddDays(procedure.DueInDays), IntendedPurpose = purpose.Length > 2000 ? purpose[..2000] : purpose,
        });
    }
}
