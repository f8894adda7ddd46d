using Aims.Domain.People;
using Aims.Domain.Risk;

namespace Aims.Domain.Tests.Risk;

/// <summary>The organization's impact assessment procedure: its criteria, triggers and escalation path, and the checks over it.</summary>
public sealed class ImpactProcedureTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static UseCaseProfile Profile(bool highRisk = false, bool transparency = false, bool automated = false, bool people = false, bool special = false) =>
        new(highRisk, transparency, automated, people, special);

    [Fact]
    public void The_criteria_are_the_organization_s_own_not_only_the_eu_ai_act_result()
    {
        var p = ImpactProcedure.Default;
        Assert.True(p.Requires(Profile(highRisk: true)));
        Assert.True(p.Requires(Profile(automated: true)));
        Assert.True(p.Requires(Profile(special: true)));
        Assert.False(p.Requires(Profile(transparency: true, people: true)));
        var strict = p with { RequiredWhen = [AssessmentCriterion.AffectsPeople] };
        Assert.True(strict.Requires(Profile(people: true)));
        Assert.False(strict.Requires(Profile(highRisk: true)));
        Assert.True((p with { RequiredWhen = [AssessmentCriterion.Always] }).Requires(Profile()));
    }

    [Fact]
    public void Only_the_triggers_the_procedure_names_fire()
    {
        var p = ImpactProcedure.Default with { Triggers = [AssessmentTrigger.NewUseCase, AssessmentTrigger.PeriodicReview] };
        Assert.True(p.Fires(AssessmentTrigger.NewUseCase));
        Assert.False(p.Fires(AssessmentTrigger.NewAiSystem));
        Assert.False(p.Fires(AssessmentTrigger.ModelChange));
    }

    [Fact]
    public void An_unacceptable_residual_goes_up_the_escalation_path()
    {
        var p = ImpactProcedure.Default with { EscalationPath = [Role.ControlOwner, Role.AimsLead, Role.Administrator] };
        Assert.Equal(Role.AimsLead, p.EscalateFrom(Role.ControlOwner));
        Assert.Equal(Role.Administrator, p.EscalateFrom(Role.AimsLead));
        Assert.Null(p.EscalateFrom(Role.Administrator));
        Assert.Equal(Role.ControlOwner, p.EscalateFrom(Role.Contributor));
    }

    [Fact]
    public void A_procedure_without_criteria_roles_or_a_sensible_interval_is_refused()
    {
        var errors = new ImpactProcedure([], [], 0, 61, [], []).Validate();
        Assert.Equal(["decidedBy", "dueInDays", "escalationPath", "requiredWhen", "reviewEveryMonths"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(ImpactProcedure.Default.Validate());
    }

    [Theory]
    [InlineData(true, true, "5(b)", false, true)]
    [InlineData(true, true, "5(c)", false, true)]
    [InlineData(true, true, "4(a)", false, false)]
    [InlineData(true, true, "4(a)", true, true)]
    [InlineData(true, true, "2", true, false)]
    [InlineData(false, true, "5(b)", false, false)]
    [InlineData(true, false, "5(b)", false, false)]
    public void Art_27_binds_public_deployers_and_deployers_of_credit_and_insurance_systems(bool deploys, bool highRisk, string point, bool publicBody, bool binds) =>
        Assert.Equal(binds, ImpactRules.Art27Binds(deploys, highRisk, point, publicBody));

    [Fact]
    public void Checks_flag_a_required_assessment_missing_a_review_overdue_and_privacy_only_harms()
    {
        UseCaseNeed[] useCases =
        [
            new("UC-1", "Loans", "SYS-1", Profile(highRisk: true)),
            new("UC-2", "Chat", "SYS-2", Profile(transparency: true)),
            new("UC-3", "Hiring", "SYS-3", Profile(special: true)),
            new("UC-4", "Collections", "SYS-4", Profile(automated: true)),
        ];
        AssessmentFacts[] assessments =
        [
            // UC-1: an old revision past review, then a current one that holds.
            new("IA-1", 1, "SYS-1", "UC-1", AssessmentStatus.Completed, null, Today.AddDays(-10), [HarmArea.LifeOpportunities]),
            new("IA-2", 2, "SYS-1", "UC-1", AssessmentStatus.Planned, Today.AddDays(5), null, [HarmArea.LifeOpportunities]),
            // UC-3 is covered by an assessment of its whole system, which only looks at privacy.
            new("IA-3", 3, "SYS-3", null, AssessmentStatus.Completed, null, Today.AddMonths(6), [HarmArea.Privacy]),
            // UC-4's assessment is past its review date.
            new("IA-4", 4, "SYS-4", "UC-4", AssessmentStatus.Completed, null, Today.AddDays(-1), [HarmArea.PsychologicalWellbeing, HarmArea.Privacy]),
        ];
        var findings = ImpactChecks.Run(ImpactProcedure.Default, useCases, assessments, Today);
        Assert.Equal(
            [("impact-assessment-missing", "UC-4", "6.1.4"), ("impact-assessment-review-overdue", "IA-4", "8.4"), ("impact-assessment-privacy-only", "IA-3", "A.5.4")],
            findings.Select(f => (f.Check, f.Reference, f.Clause)));
        Assert.All(findings, f => Assert.Equal("risk", f.Area));
        Assert.Contains("IA-4", findings[0].Message, StringComparison.Ordinal);
    }
}
