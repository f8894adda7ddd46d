using Aims.Domain.Assurance;

namespace Aims.Domain.Tests.Assurance;

public sealed class ReadinessTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static readonly Dictionary<string, string> Titles = new() { ["6"] = "Planning", ["A.6"] = "AI system life cycle" };

    private static RequirementStanding Req(string id, ComplianceStatus? status) => new(id, status);

    private static SoaRow Ready(string controlId) => SoaRow.Derive(controlId, controlId, Readiness.GroupOf(controlId), ["RISK-1"],
        new SoaDecision(ApplicabilityDecision.Derived, [], "", ImplementationStatus.Planned, Today.AddDays(30), "PROC-1", "EV-1", "ML lead"));

    private static SoaRow NotReady(string controlId) => SoaRow.Derive(controlId, controlId, Readiness.GroupOf(controlId), ["RISK-1"], null);

    private static ReadinessReport Compute(IReadOnlyList<RequirementStanding> requirements, IReadOnlyList<SoaRow>? soa = null, IReadOnlyList<OpenNonconformity>? ncs = null, int overdue = 0) =>
        Readiness.Compute(requirements, soa ?? [], ncs ?? [], overdue, Titles);

    private static GroupScore Group(ReadinessReport report, string id) => report.Clauses.Concat(report.Areas).Single(g => g.Id == id);

    [Theory]
    [InlineData("6.1.2", "6")]
    [InlineData("A.6.2.4", "A.6")]
    [InlineData("10.2", "10")]
    [InlineData("A.10.3", "A.10")]
    [InlineData("4", "4")]
    public void A_requirement_belongs_to_its_clause_or_annex_a_area(string requirement, string group) => Assert.Equal(group, Readiness.GroupOf(requirement));

    [Fact]
    public void Everything_compliant_with_every_soa_row_ready_scores_100()
    {
        var report = Compute(
            [Req("5.2", ComplianceStatus.Compliant), Req("6.1.2", ComplianceStatus.Compliant), Req("A.6.2.4", ComplianceStatus.Compliant)],
            [Ready("A.6.2.4"), Ready("A.6.2.5")]);
        Assert.Equal(100, report.Score);
        Assert.All(report.Clauses.Concat(report.Areas), g => Assert.Equal(100, g.Score));
        Assert.Equal(0, report.Penalty);
    }

    [Fact]
    public void Nothing_assessed_scores_0()
    {
        var report = Compute([Req("5.2", null), Req("6.1.2", null), Req("A.6.2.4", null)], [NotReady("A.6.2.4")]);
        Assert.Equal(0, report.Score);
        Assert.All(report.Clauses.Concat(report.Areas), g => Assert.Equal(0, g.Assessed));
    }

    [Fact]
    public void Not_compliant_earns_nothing_and_partially_compliant_earns_half()
    {
        Assert.Equal(0, Compute([Req("6.1.2", ComplianceStatus.NotCompliant)]).Score);
        Assert.Equal(50, Compute([Req("6.1.2", ComplianceStatus.PartiallyCompliant)]).Score);
        var report = Compute([Req("6.1.1", ComplianceStatus.Compliant), Req("6.1.2", ComplianceStatus.PartiallyCompliant), Req("6.2", ComplianceStatus.NotCompliant)]);
        Assert.Equal(50, Group(report, "6").Score);
        Assert.Equal((3, 3), (Group(report, "6").Assessed, Group(report, "6").Requirements));
    }

    [Fact]
    public void A_not_applicable_requirement_is_left_out_of_the_mean()
    {
        var report = Compute([Req("6.1.1", ComplianceStatus.Compliant), Req("6.1.4", ComplianceStatus.NotApplicable)]);
        Assert.Equal(100, Group(report, "6").Score);
        Assert.Equal(100, report.Score);
    }

    [Fact]
    public void Overall_is_the_mean_over_requirements_so_a_larger_clause_weighs_more()
    {
        var report = Compute([Req("4.1", ComplianceStatus.Compliant), Req("6.1.1", ComplianceStatus.NotCompliant), Req("6.1.2", ComplianceStatus.NotCompliant), Req("6.2", ComplianceStatus.NotCompliant)]);
        Assert.Equal(25, report.Score);
    }

    [Fact]
    public void Not_applicable_requirements_add_no_weight_to_their_clause()
    {
        var report = Compute([Req("4.1", ComplianceStatus.Compliant), Req("4.2", ComplianceStatus.NotApplicable), Req("4.3", ComplianceStatus.NotApplicable), Req("6.1.2", ComplianceStatus.NotCompliant)]);
        Assert.Equal(50, report.Score);
    }

    [Fact]
    public void A_wholly_not_applicable_group_does_not_lift_the_overall_score()
    {
        var report = Compute([Req("A.10.2", ComplianceStatus.NotApplicable), Req("6.1.2", ComplianceStatus.NotCompliant)]);
        Assert.Equal(0, report.Score);
    }

    [Fact]
    public void An_annex_a_area_is_half_its_assessment_and_half_its_soa_readiness()
    {
        var half = Compute([Req("A.6.2.4", ComplianceStatus.Compliant)], [Ready("A.6.2.4"), NotReady("A.6.2.5")]);
        var area = Group(half, "A.6");
        Assert.Equal(75, area.Score);
        Assert.Equal((1, 2), (area.SoaReady, area.SoaRows));
        Assert.Equal(50, Group(Compute([Req("A.6.2.4", ComplianceStatus.NotCompliant)], [Ready("A.6.2.4")]), "A.6").Score);
        Assert.Equal(50, Group(Compute([Req("A.6.2.4", ComplianceStatus.Compliant)], [NotReady("A.6.2.4")]), "A.6").Score);
        Assert.Equal(50, Group(Compute([Req("A.6.2.4", ComplianceStatus.Compliant)]), "A.6").Score);
    }

    [Fact]
    public void Soa_readiness_does_not_touch_a_clause()
    {
        var report = Compute([Req("6.1.3", ComplianceStatus.Compliant), Req("A.6.2.4", ComplianceStatus.Compliant)], [NotReady("A.6.2.4")]);
        Assert.Equal(100, Group(report, "6").Score);
        Assert.Equal(50, Group(report, "A.6").Score);
    }

    [Fact]
    public void An_open_major_takes_10_and_a_minor_3_off_the_group_of_its_requirement()
    {
        var requirements = new[] { Req("4.1", ComplianceStatus.Compliant), Req("6.1.2", ComplianceStatus.Compliant), Req("A.6.2.4", ComplianceStatus.Compliant) };
        var report = Compute(requirements, [Ready("A.6.2.4")], [new("6.1.2", NonconformityClass.Major), new("A.6.2.4", NonconformityClass.Minor)]);
        Assert.Equal((90, 10), (Group(report, "6").Score, Group(report, "6").Penalty));
        Assert.Equal((97, 3), (Group(report, "A.6").Score, Group(report, "A.6").Penalty));
        Assert.Equal((100, 0), (Group(report, "4").Score, Group(report, "4").Penalty));
        Assert.Equal((1, 1, 13), (report.OpenMajor, report.OpenMinor, report.Penalty));
    }

    [Fact]
    public void An_open_nonconformity_without_a_requirement_takes_its_points_off_overall_only()
    {
        var requirements = new[] { Req("4.1", ComplianceStatus.Compliant), Req("6.1.2", ComplianceStatus.Compliant) };
        var major = Compute(requirements, ncs: [new(null, NonconformityClass.Major)]);
        Assert.Equal(90, major.Score);
        Assert.All(major.Clauses, g => Assert.Equal(100, g.Score));
        Assert.Equal(97, Compute(requirements, ncs: [new(null, NonconformityClass.Minor)]).Score);
    }

    [Fact]
    public void An_open_major_on_a_requirement_takes_10_off_overall_not_more()
    {
        var requirements = new[] { Req("4.1", ComplianceStatus.Compliant), Req("6.1.2", ComplianceStatus.Compliant) };
        var report = Compute(requirements, ncs: [new("6.1.2", NonconformityClass.Major)]);
        Assert.Equal(90, Group(report, "6").Score);
        Assert.Equal(90, report.Score);
    }

    [Fact]
    public void Each_overdue_action_takes_a_point_off_overall_up_to_20()
    {
        var requirements = new[] { Req("6.1.2", ComplianceStatus.Compliant) };
        Assert.Equal(95, Compute(requirements, overdue: 5).Score);
        var many = Compute(requirements, overdue: 25);
        Assert.Equal((80, 20, 25), (many.Score, many.Penalty, many.OverdueActions));
        Assert.Equal(100, Group(many, "6").Score);
    }

    [Fact]
    public void Scores_never_go_below_0()
    {
        var majors = Enumerable.Range(0, 6).Select(_ => new OpenNonconformity("6.1.2", NonconformityClass.Major)).ToList();
        var report = Compute([Req("6.1.2", ComplianceStatus.PartiallyCompliant), Req("4.1", ComplianceStatus.NotCompliant)], ncs: majors, overdue: 40);
        Assert.Equal(0, Group(report, "6").Score);
        Assert.Equal(0, report.Score);
        Assert.Equal(80, report.Penalty);
    }

    [Fact]
    public void Clauses_run_4_to_10_and_areas_A_2_to_A_10_in_numeric_order()
    {
        var report = Compute(
            [
                Req("10.1", ComplianceStatus.Compliant), Req("A.10.2", ComplianceStatus.Compliant), Req("9.2", ComplianceStatus.Compliant),
                Req("A.2.2", ComplianceStatus.Compliant), Req("4.1", ComplianceStatus.Compliant), Req("A.6.1.2", ComplianceStatus.Compliant),
                Req("5.2", ComplianceStatus.Compliant), Req("A.9.3", ComplianceStatus.Compliant),
            ]);
        Assert.Equal(["4", "5", "9", "10"], report.Clauses.Select(g => g.Id));
        Assert.Equal(["A.2", "A.6", "A.9", "A.10"], report.Areas.Select(g => g.Id));
    }

    [Fact]
    public void Groups_carry_their_titles_or_their_id_when_untitled()
    {
        var report = Compute([Req("6.1.2", ComplianceStatus.Compliant), Req("A.6.2.4", ComplianceStatus.Compliant), Req("7.2", ComplianceStatus.Compliant)]);
        Assert.Equal("Planning", Group(report, "6").Title);
        Assert.Equal("AI system life cycle", Group(report, "A.6").Title);
        Assert.Equal("7", Group(report, "7").Title);
    }
}
