using Aims.Domain.Risk;

namespace Aims.Domain.Tests.Risk;

public sealed class RiskChecksTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static RiskFacts Complete(string reference = "RISK-1") => new(reference, "A risk", true, TreatmentOption.Modify, Today.AddDays(30), "high", "medium",
        "aims-lead", "medium", "", "C.3.4", ["SYS-1"]);

    private static IReadOnlyList<string> Checks(RiskAuditFacts facts) => RiskChecks.Run(facts).Select(f => f.Check).ToList();

    private static RiskAuditFacts Facts(params RiskFacts[] risks) => new(true, RiskCriteria.Default, risks, [], [], Today);

    [Fact]
    public void A_complete_treated_and_reviewed_risk_raises_nothing() => Assert.Empty(Checks(Facts(Complete())));

    [Fact]
    public void Criteria_not_adopted_are_flagged_against_6_1_2()
    {
        var finding = Assert.Single(RiskChecks.Run(Facts() with { CriteriaAdopted = false }));
        Assert.Equal(("criteria-not-documented", "6.1.2"), (finding.Check, finding.Clause));
    }

    [Fact]
    public void A_risk_without_owner_treatment_or_review_date_is_flagged_once_naming_what_is_missing()
    {
        var finding = Assert.Single(RiskChecks.Run(Facts(Complete() with { HasOwner = false, Treatment = null, NextReviewOn = null })));
        Assert.Equal("risk-incomplete", finding.Check);
        Assert.Contains("owner", finding.Message, StringComparison.Ordinal);
        Assert.Contains("treatment", finding.Message, StringComparison.Ordinal);
        Assert.Contains("review date", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_retained_high_risk_needs_acceptance_by_a_role_the_appetite_allows()
    {
        var retained = Complete() with { Treatment = TreatmentOption.Retain, ResidualLevel = "high", AcceptedRole = null, AcceptedLevel = "" };
        Assert.Contains("retained-high-risk-not-accepted", Checks(Facts(retained)));
        var byLead = retained with { AcceptedRole = "aims-lead", AcceptedLevel = "high" };
        Assert.Contains("retained-high-risk-not-accepted", Checks(Facts(byLead)));
        var byAdministrator = retained with { AcceptedRole = "administrator", AcceptedLevel = "high" };
        Assert.DoesNotContain("retained-high-risk-not-accepted", Checks(Facts(byAdministrator)));
        var lowRetained = retained with { ResidualLevel = "low" };
        Assert.DoesNotContain("retained-high-risk-not-accepted", Checks(Facts(lowRetained)));
    }

    [Fact]
    public void Reassessment_marks_and_overdue_reviews_show_up()
    {
        var checks = Checks(Facts(Complete() with { ReassessmentReason = "SYS-1 changed", NextReviewOn = Today.AddDays(-1) }));
        Assert.Equal(["risk-not-reassessed", "risk-review-overdue"], checks);
    }

    [Fact]
    public void An_unaddressed_annex_c_source_is_an_observation_per_system_not_a_nonconformity()
    {
        var facts = Facts(Complete()) with { InScopeSystems = ["SYS-1", "SYS-2"], AnnexCSources = ["C.3.1", "C.3.4"] };
        var findings = RiskChecks.Run(facts);
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(Aims.Domain.Inventory.CheckSeverity.Low, f.Severity));
        Assert.Contains("Observation", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("C.3.1", findings[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("C.3.4", findings[0].Message, StringComparison.Ordinal);
        Assert.Equal("SYS-2", findings[1].Reference);
    }
}
