using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Assurance;
using Aims.Domain.Catalog;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Registers;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Assurance;

/// <summary>
/// Grades gaps with the organization's severity matrix on every write: the predicted audit class, the rule shown with
/// it, the certification impact, the remediation time and the priority are stored so lists filter and sort on them.
/// </summary>
public static class GapClassifier
{
    public static async Task<IEnumerable<(string Field, string Rule)>> CheckAsync(RegisterService service, RegisterRecord record, CancellationToken ct)
    {
        var gap = (Gap)record;
        var framework = await service.Db.GapAssessments.Where(a => a.Id == gap.AssessmentId).Select(a => a.Framework).FirstOrDefaultAsync(ct);
        return framework is not null && RequirementRef.TrySplit(gap.Requirement, out var of, out _) && of != framework
            ? [("requirement", $"must be a requirement of {framework}, the framework of the assessment")]
            : [];
    }

    public static async Task AfterApplyAsync(RegisterService service, RegisterRecord record, bool creating, CancellationToken ct)
    {
        var matrix = (await service.CachedAsync("gap-matrix", () => AssuranceSettings.MatrixAsync(service.Db, ct))).Value;
        var planned = await service.CachedAsync("soa-planned", () => PlannedControlsAsync(service.Db, ct));
        Grade((Gap)record, matrix, planned);
    }

    public static async Task<GapClassification> ClassifyAsync(RegisterService service, Gap gap, CancellationToken ct)
    {
        var matrix = (await service.CachedAsync("gap-matrix", () => AssuranceSettings.MatrixAsync(service.Db, ct))).Value;
        var planned = await service.CachedAsync("soa-planned", () => PlannedControlsAsync(service.Db, ct));
        return matrix.Classify(Facts(gap, planned));
    }

    private static GapFacts Facts(Gap gap, IReadOnlySet<string> planned)
    {
        RequirementRef.TrySplit(gap.Requirement, out var framework, out var id);
        // The matrix speaks in ISO/IEC 42001 ids; another framework's requirement matches only rules written framework:id or "*".
        return new GapFacts(framework == "iso42001" ? id : gap.Requirement, gap.Compliance, gap.Severe, planned.Contains(gap.Requirement));
    }

    /// <summary>After the matrix changes or a SoA row's plan changes, every open gap is graded again.</summary>
    public static async Task RegradeAllAsync(AimsDbContext db, GapSeverityMatrix matrix, CancellationToken ct)
    {
        var planned = await PlannedControlsAsync(db, ct);
        foreach (var gap in await db.Gaps.ToListAsync(ct))
        {
            Grade(gap, matrix, planned);
        }

        await db.SaveChangesAsync(ct);
    }

    public static async Task RegradeAllAsync(AimsDbContext db, CancellationToken ct) =>
        await RegradeAllAsync(db, (await AssuranceSettings.MatrixAsync(db, ct)).Value, ct);

    /// <summary>The Annex A controls the SoA has implemented or planned with a responsible person and a date.</summary>
    public static async Task<HashSet<string>> PlannedControlsAsync(AimsDbContext db, CancellationToken ct)
    {
        var entries = await db.SoaEntries.AsNoTracking()
            .Where(e => e.Status == ImplementationStatus.Implemented || (e.PlannedOn != null && e.ResponsibleId != null && e.Status != ImplementationStatus.NotStarted))
            .Select(e => e.ControlId).ToListAsync(ct);
        return [.. entries.Select(c => RequirementRef.Qualify("iso42001", c))];
    }

    public static void Grade(Gap gap, GapSeverityMatrix matrix, IReadOnlySet<string> planned)
    {
        var graded = matrix.Classify(Facts(gap, planned));
        var priority = GapPriority.Score(new PriorityFactors(gap.InherentRisk, gap.RegulatoryExposure, gap.CustomerTrust, gap.Complexity), matrix.Weights);
        var grade = EnumText.Of(graded.Class);
        if (gap.PredictedClass == grade && gap.ClassRule == graded.Rule && gap.Priority == priority && gap.Remediation == graded.Remediation && gap.CertificationImpact == graded.CertificationImpact)
        {
            return;
        }

        gap.PredictedClass = grade;
        gap.ClassRule = graded.Rule;
        gap.CertificationImpact = graded.CertificationImpact;
        gap.Remediation = graded.Remediation;
        gap.Priority = priority;
    }

    public static AuditClass ClassOf(Gap gap) => EnumText.TryParse<AuditClass>(gap.PredictedClass, out var c) ? c : AuditClass.Observation;
}
