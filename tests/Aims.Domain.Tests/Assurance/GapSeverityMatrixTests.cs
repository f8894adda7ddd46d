using Aims.Domain.Assurance;

namespace Aims.Domain.Tests.Assurance;

public sealed class GapSeverityMatrixTests
{
    private static readonly GapSeverityMatrix D = GapSeverityMatrix.Default;

    private static GapClassification Classify(string requirement, ComplianceStatus status, bool severe = false, bool planned = false) =>
        D.Classify(new GapFacts(requirement, status, severe, planned));

    private static GapRule Rule(string requirement, AuditClass notCompliant, AuditClass partially, int min = 1, int max = 2) =>
        new(requirement, $"Finding for {requirement}", notCompliant, partially, null, "Impact.", min, max);

    [Theory]
    [InlineData("5.2", ComplianceStatus.NotCompliant, AuditClass.MajorNonconformity)]
    [InlineData("5.2", ComplianceStatus.PartiallyCompliant, AuditClass.MajorNonconformity)]
    [InlineData("6.1.2", ComplianceStatus.NotCompliant, AuditClass.MajorNonconformity)]
    [InlineData("6.1.2", ComplianceStatus.PartiallyCompliant, AuditClass.MinorNonconformity)]
    [InlineData("6.2", ComplianceStatus.NotCompliant, AuditClass.MajorNonconformity)]
    [InlineData("6.2", ComplianceStatus.PartiallyCompliant, AuditClass.MajorNonconformity)]
    [InlineData("7.2", ComplianceStatus.NotCompliant, AuditClass.MinorNonconformity)]
    [InlineData("7.2", ComplianceStatus.PartiallyCompliant, AuditClass.MinorNonconformity)]
    [InlineData("6.1.3", ComplianceStatus.NotCompliant, AuditClass.MajorNonconformity)]
    [InlineData("6.1.3", ComplianceStatus.PartiallyCompliant, AuditClass.MinorNonconformity)]
    [InlineData("A.5.2", ComplianceStatus.NotCompliant, AuditClass.MinorNonconformity)]
    [InlineData("A.5.4", ComplianceStatus.PartiallyCompliant, AuditClass.MinorNonconformity)]
    [InlineData("9.3", ComplianceStatus.NotCompliant, AuditClass.MinorNonconformity)]
    [InlineData("9.2", ComplianceStatus.NotCompliant, AuditClass.MajorNonconformity)]
    [InlineData("9.2", ComplianceStatus.PartiallyCompliant, AuditClass.MinorNonconformity)]
    public void Each_default_rule_grades_an_open_gap_as_an_auditor_would(string requirement, ComplianceStatus status, AuditClass expected) =>
        Assert.Equal(expected, Classify(requirement, status).Class);

    [Fact]
    public void An_outdated_impact_assessment_becomes_a_major_when_it_concerns_severe_impacts()
    {
        Assert.Equal(AuditClass.MinorNonconformity, Classify("A.5.3", ComplianceStatus.NotCompliant).Class);
        var severe = Classify("A.5.3", ComplianceStatus.NotCompliant, severe: true);
        Assert.Equal(AuditClass.MajorNonconformity, severe.Class);
        Assert.Contains("major nonconformity for a severe case", severe.Rule, StringComparison.Ordinal);
        Assert.Equal(AuditClass.MajorNonconformity, Classify("A.5.3", ComplianceStatus.PartiallyCompliant, severe: true).Class);
    }

    [Fact]
    public void Severity_does_not_raise_a_gap_whose_rule_has_no_severe_grade()
    {
        var competence = Classify("7.2", ComplianceStatus.NotCompliant, severe: true);
        Assert.Equal(AuditClass.MinorNonconformity, competence.Class);
        Assert.DoesNotContain("severe", competence.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_severe_grade_lower_than_the_normal_grade_never_lowers_it()
    {
        var matrix = new GapSeverityMatrix([new GapRule("6.1.2", "Risk assessment missing", AuditClass.MajorNonconformity, AuditClass.MajorNonconformity, AuditClass.MinorNonconformity, "", 1, 2)], PriorityWeights.Default);
        Assert.Equal(AuditClass.MajorNonconformity, matrix.Classify(new GapFacts("6.1.2", ComplianceStatus.NotCompliant, true, false)).Class);
    }

    [Fact]
    public void An_annex_a_control_is_graded_by_its_area_rule_not_the_catch_all()
    {
        var control = Classify("A.5.3", ComplianceStatus.PartiallyCompliant);
        Assert.StartsWith("A.5:", control.Rule, StringComparison.Ordinal);
        Assert.Equal(AuditClass.MinorNonconformity, control.Class);
        Assert.Equal("2–4 weeks", control.Remediation);
    }

    [Fact]
    public void A_clause_with_its_own_rule_is_graded_by_it_not_the_catch_all()
    {
        var risk = Classify("6.1.2", ComplianceStatus.PartiallyCompliant);
        Assert.StartsWith("6.1.2:", risk.Rule, StringComparison.Ordinal);
        Assert.Equal("Blocks certification: the SoA and the treatment rest on it.", risk.CertificationImpact);
        Assert.Equal(6, risk.RemediationWeeksMax);
    }

    [Fact]
    public void A_requirement_without_a_rule_falls_back_to_the_catch_all()
    {
        var notCompliant = Classify("8.3", ComplianceStatus.NotCompliant);
        Assert.Equal(AuditClass.MinorNonconformity, notCompliant.Class);
        Assert.StartsWith("*:", notCompliant.Rule, StringComparison.Ordinal);
        Assert.Equal("1–4 weeks", notCompliant.Remediation);
        Assert.Equal(AuditClass.Observation, Classify("A.7.4", ComplianceStatus.PartiallyCompliant).Class);
    }

    [Fact]
    public void The_longest_matching_rule_wins_whatever_the_order_of_the_rules()
    {
        var matrix = new GapSeverityMatrix(
            [
                Rule("*", AuditClass.Observation, AuditClass.Observation),
                Rule("6.1.2", AuditClass.MajorNonconformity, AuditClass.MajorNonconformity),
                Rule("6", AuditClass.Observation, AuditClass.Observation),
                Rule("6.1", AuditClass.MinorNonconformity, AuditClass.MinorNonconformity),
            ],
            PriorityWeights.Default);
        AuditClass Of(string id) => matrix.Classify(new GapFacts(id, ComplianceStatus.NotCompliant, false, false)).Class;
        Assert.Equal(AuditClass.MajorNonconformity, Of("6.1.2"));
        Assert.Equal(AuditClass.MajorNonconformity, Of("6.1.2.1"));
        Assert.Equal(AuditClass.MinorNonconformity, Of("6.1.4"));
        Assert.Equal(AuditClass.Observation, Of("6.3"));
        Assert.StartsWith("6.1:", matrix.Classify(new GapFacts("6.1.4", ComplianceStatus.NotCompliant, false, false)).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_covers_only_whole_segments_so_A_1_does_not_cover_A_10()
    {
        var matrix = new GapSeverityMatrix(
            [Rule("A.1", AuditClass.MajorNonconformity, AuditClass.MajorNonconformity), Rule("*", AuditClass.Observation, AuditClass.Observation)],
            PriorityWeights.Default);
        Assert.Equal(AuditClass.Observation, matrix.Classify(new GapFacts("A.10.2", ComplianceStatus.NotCompliant, false, false)).Class);
        Assert.Equal(AuditClass.Observation, Classify("6.1.20", ComplianceStatus.PartiallyCompliant).Class);
    }

    [Fact]
    public void A_matrix_without_a_matching_rule_still_classifies_with_a_built_in_catch_all()
    {
        var matrix = new GapSeverityMatrix([Rule("5.2", AuditClass.MajorNonconformity, AuditClass.MajorNonconformity)], PriorityWeights.Default);
        var gap = matrix.Classify(new GapFacts("8.4", ComplianceStatus.NotCompliant, false, false));
        Assert.Equal(AuditClass.MinorNonconformity, gap.Class);
        Assert.StartsWith("*:", gap.Rule, StringComparison.Ordinal);
        Assert.Equal(AuditClass.Observation, matrix.Classify(new GapFacts("8.4", ComplianceStatus.PartiallyCompliant, false, false)).Class);
    }

    [Theory]
    [InlineData("6.1.3", ComplianceStatus.NotCompliant, false)]
    [InlineData("5.2", ComplianceStatus.PartiallyCompliant, false)]
    [InlineData("6.2", ComplianceStatus.NotCompliant, false)]
    [InlineData("A.5.2", ComplianceStatus.NotCompliant, true)]
    public void A_gap_planned_with_an_owner_and_a_date_is_never_a_major(string requirement, ComplianceStatus status, bool severe)
    {
        Assert.Equal(AuditClass.MajorNonconformity, Classify(requirement, status, severe).Class);
        var planned = Classify(requirement, status, severe, planned: true);
        Assert.Equal(AuditClass.MinorNonconformity, planned.Class);
        Assert.EndsWith("planned with an owner and a date, so not a major", planned.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Planning_does_not_change_a_gap_that_was_not_a_major()
    {
        var competence = Classify("7.2", ComplianceStatus.NotCompliant, planned: true);
        Assert.Equal(AuditClass.MinorNonconformity, competence.Class);
        Assert.DoesNotContain("planned", competence.Rule, StringComparison.Ordinal);
        Assert.Equal(AuditClass.Observation, Classify("8.3", ComplianceStatus.PartiallyCompliant, planned: true).Class);
    }

    [Fact]
    public void The_rule_text_names_the_requirement_the_finding_the_class_and_the_status()
    {
        var risk = Classify("6.1.2", ComplianceStatus.NotCompliant);
        Assert.Equal("6.1.2: AI risk assessment not conducted → major nonconformity when not compliant", risk.Rule);
        var partial = Classify("6.1.2", ComplianceStatus.PartiallyCompliant);
        Assert.Equal("6.1.2: AI risk assessment not conducted → minor nonconformity when partially compliant", partial.Rule);
        Assert.Contains("→ observation", Classify("8.3", ComplianceStatus.PartiallyCompliant).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Remediation_reads_as_a_range_of_weeks_or_a_single_week()
    {
        Assert.Equal("1–2 weeks", Classify("5.2", ComplianceStatus.NotCompliant).Remediation);
        Assert.Equal("1 week", Classify("7.2", ComplianceStatus.NotCompliant).Remediation);
        Assert.Equal("1 week", Classify("9.3", ComplianceStatus.NotCompliant).Remediation);
        Assert.Equal("3 weeks", Rule("x", AuditClass.Observation, AuditClass.Observation, 3, 3).Remediation);
    }

    [Fact]
    public void The_default_matrix_validates_clean() => Assert.Empty(D.Validate());

    [Fact]
    public void Weights_that_do_not_add_up_to_100_are_refused()
    {
        var errors = (D with { Weights = new PriorityWeights(35, 30, 20, 10) }).Validate();
        Assert.Equal(["weights"], errors.Keys);
        Assert.Contains("95", Assert.Single(errors["weights"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_weight_is_refused_even_when_the_total_is_100() =>
        Assert.Contains("weights", (D with { Weights = new PriorityWeights(60, 45, 10, -15) }).Validate().Keys);

    [Fact]
    public void Two_rules_for_the_same_requirement_are_refused()
    {
        var errors = (D with { Rules = [.. D.Rules, Rule("7.2", AuditClass.MajorNonconformity, AuditClass.MinorNonconformity)] }).Validate();
        Assert.Equal(["rules"], errors.Keys);
        Assert.Contains(errors["rules"], e => e.Contains("7.2", StringComparison.Ordinal) && e.Contains("more than one rule", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(-1, 2)]
    [InlineData(3, 2)]
    [InlineData(1, 105)]
    public void Remediation_weeks_must_be_an_ordered_range_within_two_years(int min, int max)
    {
        var errors = (D with { Rules = [.. D.Rules, Rule("8.4", AuditClass.MinorNonconformity, AuditClass.Observation, min, max)] }).Validate();
        Assert.Equal(["rules"], errors.Keys);
        var problem = Assert.Single(errors["rules"]);
        Assert.StartsWith($"rule {D.Rules.Count + 1}:", problem, StringComparison.Ordinal);
        Assert.Contains("remediation weeks", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("6 .1")]
    public void A_rule_must_name_a_requirement_id(string requirement) =>
        Assert.Contains("rules", (D with { Rules = [Rule(requirement, AuditClass.MinorNonconformity, AuditClass.Observation)] }).Validate().Keys);

    [Fact]
    public void A_rule_must_state_its_finding() =>
        Assert.Contains("rules", (D with { Rules = [Rule("8.4", AuditClass.MinorNonconformity, AuditClass.Observation) with { Finding = " " }] }).Validate().Keys);

    [Fact]
    public void A_matrix_without_rules_is_refused()
    {
        var errors = (D with { Rules = [] }).Validate();
        Assert.Equal(["rules"], errors.Keys);
        Assert.Equal(["must have 1 to 200 rules"], errors["rules"]);
    }

    [Fact]
    public void Too_many_rules_is_reported_alongside_a_broken_rule()
    {
        var many = Enumerable.Range(1, 200).Select(i => Rule($"X.{i}", AuditClass.MinorNonconformity, AuditClass.Observation)).ToList();
        Assert.Equal(["must have 1 to 200 rules"], (D with { Rules = [.. many, Rule("X.201", AuditClass.MinorNonconformity, AuditClass.Observation)] }).Validate()["rules"]);
        var errors = (D with { Rules = [.. many, Rule("X.201", AuditClass.MinorNonconformity, AuditClass.Observation, 3, 2)] }).Validate();
        Assert.Contains("must have 1 to 200 rules", errors["rules"]);
        Assert.Contains(errors["rules"], e => e.StartsWith("rule 201:", StringComparison.Ordinal));
    }
}
