using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Inventory;
using Aims.Domain.Risk;
using Aims.Web.Features.Inventory;
using Aims.Web.Features.Inventory.Classification;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Registers;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Risks;

/// <summary>The impact procedure in force, and what the pages, the API and the checks read about assessments.</summary>
public static class ImpactAssessments
{
    public static Task<SettingsView<ImpactProcedure>> ProcedureAsync(AimsDbContext db, CancellationToken ct) =>
        Settings.GetAsync(db, SettingsVersion.ImpactProcedure, ImpactProcedure.Default, ct);

    public static Task<Outcome<SettingsView<ImpactProcedure>>> SaveProcedureAsync(AimsDbContext db, ImpactProcedure procedure, int? expected, CancellationToken ct) =>
        Settings.SaveAsync(db, SettingsVersion.ImpactProcedure, procedure, p => p.Validate(), expected, null, ct);

    public static DateOnly Today => DateOnly.FromDateTime(Clock.Now().UtcDateTime);

    /// <summary>Whether Art. 27 binds for the assessments' use cases (by assessment id).</summary>
    public static async Task<Dictionary<Guid, bool>> Art27Async(AimsDbContext db, IReadOnlyList<ImpactAssessment> assessments, CancellationToken ct)
    {
        var useCaseIds = assessments.Select(a => a.UseCaseId).OfType<Guid>().Distinct().ToList();
        var useCases = await db.UseCases.AsNoTracking().Where(u => useCaseIds.Contains(u.Id)).ToListAsync(ct);
        var systemIds = useCases.Select(u => u.AiSystemId).Distinct().ToList();
        var deploys = await db.AiSystems.AsNoTracking().Where(s => systemIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.OperatorRoles.Contains(OperatorRole.Deployer), ct);
        var binds = useCases.ToDictionary(u => u.Id, u => Art27Binds(u, deploys.GetValueOrDefault(u.AiSystemId)));
        return assessments.ToDictionary(a => a.Id, a => a.UseCaseId is { } id && binds.GetValueOrDefault(id));
    }

    /// <summary>The organization deploys the use case when its answers say deployer or the system lists the deployer role.</summary>
    public static bool Art27Binds(UseCase useCase, bool systemDeploys)
    {
        var answers = UseCaseClassification.ReadAnswers(useCase);
        return ImpactRules.Art27Binds(
            systemDeploys || answers?.Role == OperatorRole.Deployer,
            UseCaseClassification.Effective(useCase).Contains(Regime.HighRiskAnnexIII),
            answers?.AnnexIIIPoint,
            answers?.PublicBodyOrPublicService == true);
    }

    public static async Task<Dictionary<Guid, List<HarmArea>>> HarmAreasAsync(AimsDbContext db, IReadOnlyList<Guid> assessmentIds, CancellationToken ct) =>
        (await db.ImpactHarms.AsNoTracking().Where(h => assessmentIds.Contains(h.ImpactAssessmentId)).Select(h => new { h.ImpactAssessmentId, h.Area }).ToListAsync(ct))
            .GroupBy(h => h.ImpactAssessmentId).ToDictionary(g => g.Key, g => g.Select(h => h.Area).Distinct().Order().ToList());

    /// <summary>The decision and its trail, and what the page warns about, as read-only columns of the register.</summary>
    public static readonly IReadOnlyList<DerivedColumn> Derived =
    [
        new("decision", "Decision", (_, records, _) => Per(records, a => a.Decision is { } d ? [EnumText.Of(d)] : [])),
        new("decidedBy", "Decided by", async (db, records, ct) =>
        {
            var ids = records.Cast<ImpactAssessment>().Select(a => a.DecidedById).OfType<Guid>().Distinct().ToList();
            var people = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email!, ct);
            return records.Cast<ImpactAssessment>().ToDictionary(a => a.Id, a => (IReadOnlyList<string>)(a.DecidedById is { } id && people.TryGetValue(id, out var e) ? [e] : []));
        }),
        new("decidedAt", "Decided at", (_, records, _) => Per(records, a => a.DecidedAt is { } t ? [Iso(t)] : [])),
        new("escalatedAt", "Escalated at", (_, records, _) => Per(records, a => a.EscalatedAt is { } t ? [Iso(t)] : [])),
        new("completedOn", "Completed on", (_, records, _) => Per(records, a => a.CompletedOn is { } d ? [d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)] : [])),
        new("art27", "Art. 27 FRIA required", async (db, records, ct) =>
        {
            var binds = await Art27Async(db, records.Cast<ImpactAssessment>().ToList(), ct);
            return records.ToDictionary(r => r.Id, r => (IReadOnlyList<string>)[binds[r.Id] ? "true" : "false"]);
        }),
        new("harmAreas", "Harm areas", async (db, records, ct) =>
        {
            var areas = await HarmAreasAsync(db, records.Select(r => r.Id).ToList(), ct);
            return records.ToDictionary(r => r.Id, r => (IReadOnlyList<string>)(areas.TryGetValue(r.Id, out var a) ? a.Select(x => EnumText.Of(x)).ToList() : []));
        }),
    ];

    private static Task<Dictionary<Guid, IReadOnlyList<string>>> Per(IReadOnlyList<RegisterRecord> records, Func<ImpactAssessment, IReadOnlyList<string>> value) =>
        Task.FromResult(records.Cast<ImpactAssessment>().ToDictionary(a => a.Id, value));

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What the procedure's criteria look at for each use case (special-category data through its models' datasets).</summary>
    public static async Task<List<UseCaseNeed>> NeedsAsync(AimsDbContext db, CancellationToken ct)
    {
        var systems = await db.AiSystems.AsNoTracking().Select(s => new { s.Id, s.Reference, s.Autonomy }).ToDictionaryAsync(s => s.Id, ct);
        var useCases = await db.UseCases.AsNoTracking().OrderBy(u => u.Number)
            .Select(u => new { u.Id, u.Reference, u.Name, u.AiSystemId, u.AffectedPersons, u.ComputedRegimes, u.OverrideRegimes }).ToListAsync(ct);
        var special = await SpecialCategoryUseCasesAsync(db, ct);
        return useCases.Where(u => systems.ContainsKey(u.AiSystemId)).Select(u =>
        {
            var regimes = AuditorChecks.EffectiveRegimes(u.ComputedRegimes, u.OverrideRegimes);
            var autonomy = systems[u.AiSystemId].Autonomy;
            return new UseCaseNeed(u.Reference, u.Name, systems[u.AiSystemId].Reference, new UseCaseProfile(
                regimes.Contains("high-risk-annex-iii") || regimes.Contains("high-risk-product-safety"),
                regimes.Contains("transparency"),
                autonomy is AutonomyLevel.Decision or AutonomyLevel.Action,
                u.AffectedPersons.Trim().Length > 0,
                special.Contains(u.Id)));
        }).ToList();
    }

    private static async Task<HashSet<Guid>> SpecialCategoryUseCasesAsync(AimsDbContext db, CancellationToken ct)
    {
        var datasets = db.Datasets.Where(d => d.SpecialCategoryData).Select(d => d.Id);
        var models = db.RegisterLinks.Where(l => l.Kind == InventoryRegisters.ModelDatasets && datasets.Contains(l.ToId)).Select(l => l.FromId);
        return (await db.RegisterLinks.Where(l => l.Kind == InventoryRegisters.UseCaseModels && models.Contains(l.ToId)).Select(l => l.FromId).ToListAsync(ct)).ToHashSet();
    }

    public static async Task<List<AssessmentFacts>> FactsAsync(AimsDbContext db, CancellationToken ct)
    {
        var systems = await db.AiSystems.AsNoTracking().IgnoreQueryFilters([AimsDbContext.SoftDeleteFilter]).ToDictionaryAsync(s => s.Id, s => s.Reference, ct);
        var useCases = await db.UseCases.AsNoTracking().IgnoreQueryFilters([AimsDbContext.SoftDeleteFilter]).ToDictionaryAsync(u => u.Id, u => u.Reference, ct);
        var rows = await db.ImpactAssessments.AsNoTracking().OrderBy(a => a.Number)
            .Select(a => new { a.Id, a.Reference, a.Number, a.AiSystemId, a.UseCaseId, a.Status, a.DueOn, a.NextReviewOn }).ToListAsync(ct);
        var areas = await HarmAreasAsync(db, rows.Select(r => r.Id).ToList(), ct);
        return rows.Select(a => new AssessmentFacts(a.Reference, a.Number, systems.GetValueOrDefault(a.AiSystemId, ""), a.UseCaseId is { } u ? useCases.GetValueOrDefault(u) : null,
            a.Status, a.DueOn, a.NextReviewOn, areas.GetValueOrDefault(a.Id) ?? [])).ToList();
    }

    /// <summary>The auditor's checks of this part, with links to the pages that fix them.</summary>
    public static async Task<IReadOnlyList<CheckView>> ChecksAsync(AimsDbContext db, CancellationToken ct)
    {
        var procedure = (await ProcedureAsync(db, ct)).Value;
        var findings = ImpactChecks.Run(procedure, await NeedsAsync(db, ct), await FactsAsync(db, ct), Today);
        return findings.Select(f => CheckView.Of(f) with
        {
            Link = f.Register == InventoryRegisters.UseCases.Name ? $"/inventory/use-cases/{f.Reference}" : $"/{f.Area}/{f.Register}/{f.Reference}",
        }).ToList();
    }
}
