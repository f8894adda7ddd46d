using Aims.Data.Entities;
using Aims.Domain.Risk;
using Aims.Web.Infrastructure.Registers;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Risks;

/// <summary>
/// AI system impact assessments (IA-n) and the harms they consider (HARM-n), 6.1.4, 8.4, A.5.2–A.5.5. The decision,
/// its escalation and the completion are not fields: they are set by the decision operation, which checks the role.
/// </summary>
public static class ImpactRegisters
{
    public static readonly RegisterDefinition Assessments = new()
    {
        Name = "impact-assessments", Singular = "impact assessment", Plural = "impact assessments", Prefix = "IA", Area = "risk", Clauses = "6.1.4, 8.4, A.5.2–A.5.5",
        Intro = "Assessments of the consequences of AI systems for individuals, groups and society, with harms, mitigations, residual impact and a decision by an authorized role.",
        EmptyHint = "Adding an AI system or a use case that the impact procedure covers starts an assessment; you can also add one here.",
        ClrType = typeof(ImpactAssessment), TitleField = "intendedPurpose",
        Query = db => db.ImpactAssessments, Create = () => new ImpactAssessment(),
        Fields = new FieldsOf<ImpactAssessment>()
            .RequiredReference(a => a.AiSystemId, "AI system", "aiSystem", "ai-systems", list: true)
            .Reference(a => a.UseCaseId, "Use case", "useCase", "use-cases", list: true, help: "Leave empty to assess the whole system; otherwise a use case of that system.")
            .Enum((ImpactAssessment a) => a.Trigger, "Trigger", list: true, help: "What started the assessment.")
            .Enum((ImpactAssessment a) => a.Status, "Status", list: true, help: "Planned or in progress; a decision completes it.")
            .Person(a => a.OwnerId, "Owner", "owner", list: true)
            .Date(a => a.DueOn, "Due", list: true)
            .LongText(a => a.IntendedPurpose, "Intended purpose", max: 2000)
            .LongText(a => a.ForeseeableMisuse, "Reasonably foreseeable misuse", max: 2000)
            .LongText(a => a.AffectedIndividuals, "Affected individuals", max: 2000)
            .LongText(a => a.AffectedGroups, "Affected groups", max: 2000)
            .LongText(a => a.AffectedSociety, "Effects on society", max: 2000)
            .LongText(a => a.Mitigations, "Mitigations", max: 4000)
            .LongText(a => a.ResidualImpact, "Residual impact", max: 2000, help: "What remains after the mitigations; the decision says whether it is acceptable.")
            .Text(a => a.DpiaReference, "DPIA reference", max: 100, help: "The data protection impact assessment, where one exists: a reference, never a substitute.")
            .Date(a => a.NextReviewOn, "Next review", list: true, help: "Set by the decision from the procedure's review interval; may be brought forward.")
            .LongText(a => a.FriaProcesses, "Art. 27(1)(a) Processes in which the system is used", max: 2000)
            .LongText(a => a.FriaPeriod, "Art. 27(1)(b) Period and frequency of use", max: 2000)
            .LongText(a => a.FriaAffected, "Art. 27(1)(c) Categories of persons and groups affected", max: 2000)
            .LongText(a => a.FriaRisks, "Art. 27(1)(d) Specific risks of harm to them", max: 2000)
            .LongText(a => a.FriaOversight, "Art. 27(1)(e) Human oversight measures", max: 2000)
            .LongText(a => a.FriaMeasures, "Art. 27(1)(f) Measures if the risks materialise (governance, complaints)", max: 2000)
            .Computed(a => a.DecisionRationale, "Decision rationale")
            .Computed(a => a.EscalatedTo, "Escalated to", list: true)
            .All,
        CheckAsync = CheckAssessmentAsync,
        Derived = ImpactAssessments.Derived,
    };

    public static readonly RegisterDefinition Harms = new()
    {
        Name = "harms", Singular = "harm", Plural = "harms", Prefix = "HARM", Area = "risk", Clauses = "6.1.4, A.5.4, A.5.5",
        Intro = "Harms considered in impact assessments, across legal position, life opportunities, wellbeing, human rights, societal norms and the environment.",
        EmptyHint = "Open an impact assessment and add the harms it considers.",
        ClrType = typeof(ImpactHarm), TitleField = "description",
        Query = db => db.ImpactHarms, Create = () => new ImpactHarm { Description = "" },
        Fields = new FieldsOf<ImpactHarm>()
            .RequiredReference(h => h.ImpactAssessmentId, "Impact assessment", "impactAssessment", "impact-assessments", list: true)
            .Enum((ImpactHarm h) => h.Area, "Area", list: true)
            .Text(h => h.Description, "Description", required: true, max: 500, list: true)
            .Number(h => h.Severity, "Severity", 1, 5, help: "On the impact scale of the risk criteria.")
            .Number(h => h.Likelihood, "Likelihood", 1, 5, help: "On the likelihood scale of the risk criteria.")
            .Enum((ImpactHarm h) => h.Reversibility, "Reversibility", list: true)
            .Enum((ImpactHarm h) => h.Scale, "Scale", list: true, help: "An individual, a group, or society.")
            .LongText(h => h.Mitigation, "Mitigation", max: 2000)
            .Reference(h => h.RiskId, "Risk raised", "risk", "risks", list: true, help: "The risk in the register this harm raised (6.1.4 feeds 6.1.2).")
            .All,
        CheckAsync = CheckHarmAsync,
    };

    public static readonly IReadOnlyList<RegisterDefinition> All = [Assessments, Harms];

    private static async Task<IEnumerable<(string Field, string Rule)>> CheckAssessmentAsync(RegisterService service, RegisterRecord record, CancellationToken ct)
    {
        var assessment = (ImpactAssessment)record;
        var rules = new List<(string, string)>();
        if (assessment.UseCaseId is { } useCaseId)
        {
            var owner = await service.Db.UseCases.Where(u => u.Id == useCaseId).Select(u => new { u.AiSystemId, u.Reference }).FirstOrDefaultAsync(ct);
            if (owner is not null && owner.AiSystemId != assessment.AiSystemId)
            {
                var systems = await service.Db.AiSystems.Where(s => s.Id == owner.AiSystemId || s.Id == assessment.AiSystemId).ToDictionaryAsync(s => s.Id, s => s.Reference, ct);
                rules.Add(("useCase", $"must be a use case of {systems.GetValueOrDefault(assessment.AiSystemId)}: {owner.Reference} belongs to {systems.GetValueOrDefault(owner.AiSystemId)}"));
            }
        }

        var entry = service.Db.Entry(assessment);
        var wasCompleted = entry.State != EntityState.Detached && entry.Property(a => a.Status).OriginalValue == AssessmentStatus.Completed;
        if (assessment.Status == AssessmentStatus.Completed && !wasCompleted)
        {
            rules.Add(("status", "is set to completed by a decision (POST /api/v1/impact-assessments/{reference}/decision), not by editing"));
        }
        else if (wasCompleted && assessment.Status != AssessmentStatus.Completed)
        {
            rules.Add(("status", "a completed assessment stays completed; start a review for a new revision (POST /api/v1/impact-assessments/{reference}/review)"));
        }

        return rules;
    }

    /// <summary>Severity and likelihood are on the scales of the risk criteria in force, so a harm can become a risk as it is.</summary>
    private static async Task<IEnumerable<(string Field, string Rule)>> CheckHarmAsync(RegisterService service, RegisterRecord record, CancellationToken ct)
    {
        var harm = (ImpactHarm)record;
        var criteria = (await service.CachedAsync("risk-criteria", () => RiskScoring.CriteriaAsync(service.Db, ct))).Value;
        var rules = new List<(string, string)>();
        if (!criteria.InImpact(harm.Severity))
        {
            rules.Add(("severity", $"must be on the impact scale of the risk criteria: 1 to {criteria.Impact.Count}"));
        }

        if (!criteria.InLikelihood(harm.Likelihood))
        {
            rules.Add(("likelihood", $"must be on the likelihood scale of the risk criteria: 1 to {criteria.Likelihood.Count}"));
        }

        return rules;
    }
}
