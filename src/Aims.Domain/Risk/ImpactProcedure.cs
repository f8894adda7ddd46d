using Aims.Domain.People;

namespace Aims.Domain.Risk;

/// <summary>The organization's own reasons for requiring an AI system impact assessment of a use case, beyond the EU AI Act.</summary>
public enum AssessmentCriterion
{
    /// <summary>The use case is high-risk under the EU AI Act.</summary>
    EuHighRisk,

    /// <summary>Art. 50 transparency obligations apply.</summary>
    EuTransparency,

    /// <summary>The system decides or acts on its own (autonomy decision or action).</summary>
    AutomatedDecisions,

    /// <summary>The use case names people affected by its outputs.</summary>
    AffectsPeople,

    /// <summary>A dataset of the use case's models holds special-category personal data.</summary>
    SpecialCategoryData,

    /// <summary>Every use case.</summary>
    Always,
}

/// <summary>What is known of a use case when deciding whether the procedure requires an assessment.</summary>
public sealed record UseCaseProfile(bool HighRisk, bool Transparency, bool AutomatedDecisions, bool AffectsPeople, bool SpecialCategoryData);

/// <summary>
/// The impact assessment procedure (6.1.4, A.5.2): when an assessment is required, which events start one, how long the
/// owner has, how often it is reviewed, who decides and the escalation path for an unacceptable residual impact.
/// </summary>
public sealed record ImpactProcedure(
    IReadOnlyList<AssessmentCriterion> RequiredWhen,
    IReadOnlyList<AssessmentTrigger> Triggers,
    int DueInDays,
    int ReviewEveryMonths,
    IReadOnlyList<Role> DecidedBy,
    IReadOnlyList<Role> EscalationPath)
{
    public bool Requires(UseCaseProfile p) => RequiredWhen.Any(c => c switch
    {
        AssessmentCriterion.EuHighRisk => p.HighRisk,
        AssessmentCriterion.EuTransparency => p.Transparency,
        AssessmentCriterion.AutomatedDecisions => p.AutomatedDecisions,
        AssessmentCriterion.AffectsPeople => p.AffectsPeople,
        AssessmentCriterion.SpecialCategoryData => p.SpecialCategoryData,
        _ => true,
    });

    public bool Fires(AssessmentTrigger trigger) => Triggers.Contains(trigger);

    /// <summary>The next role on the escalation path above the one that decided; null at its end.</summary>
    public Role? EscalateFrom(Role decidedBy) => Escalation.Next(EscalationPath, decidedBy);

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (RequiredWhen.Count == 0)
        {
            errors["requiredWhen"] = ["name at least one criterion (\"always\" for every use case)"];
        }

        if (DueInDays is < 1 or > 365)
        {
            errors["dueInDays"] = ["must be from 1 to 365"];
        }

        if (ReviewEveryMonths is < 1 or > 60)
        {
            errors["reviewEveryMonths"] = ["must be from 1 to 60"];
        }

        if (DecidedBy.Count == 0)
        {
            errors["decidedBy"] = ["name at least one role that may decide"];
        }

        if (EscalationPath.Count == 0)
        {
            errors["escalationPath"] = ["name at least one role to escalate an unacceptable residual impact to"];
        }

        return errors;
    }

    public static ImpactProcedure Default { get; } = new(
        [AssessmentCriterion.EuHighRisk, AssessmentCriterion.AutomatedDecisions, AssessmentCriterion.SpecialCategoryData],
        [AssessmentTrigger.NewAiSystem, AssessmentTrigger.NewUseCase, AssessmentTrigger.ModelChange, AssessmentTrigger.AdverseEvent, AssessmentTrigger.PeriodicReview],
        30,
        12,
        [Role.AimsLead, Role.Administrator],
        [Role.AimsLead, Role.Administrator]);
}
