using Aims.Domain.Assurance;

namespace Aims.Domain.Tests.Assurance;

public sealed class CountdownTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DateOnly Stage2 = Today.AddDays(120);

    /// <summary>Stage 1 a month before Stage 2, internal audit and management review done in time.</summary>
    private static readonly CertificationDates OnTrack = new(Stage2.AddDays(-30), Stage2, Stage2.AddDays(-70), Stage2.AddDays(-65));

    private static CountdownPlan Build(CertificationDates dates, IReadOnlyList<PlanGap>? gaps = null, int openMajor = 0, int soaNotReady = 0) =>
        Countdown.Build(Today, dates, gaps ?? [], openMajor, soaNotReady);

    private static PlanGap Gap(string reference, string requirement, AuditClass grade = AuditClass.MinorNonconformity, GapCategory category = GapCategory.Operational) =>
        new(reference, requirement, $"Gap on {requirement}", category, grade);

    private static PlanPhase Phase(CountdownPlan plan, ActionPhase phase) => plan.Phases.Single(p => p.Phase == phase);

    private static List<string?> References(CountdownPlan plan, ActionPhase phase) => [.. Phase(plan, phase).Items.Where(i => i.Reference is not null).Select(i => i.Reference)];

    [Fact]
    public void Without_a_stage_2_date_there_is_no_plan_only_a_warning()
    {
        var plan = Build(new CertificationDates(Today.AddDays(10), null, null, null));
        Assert.Null(plan.Start);
        Assert.Null(plan.DaysToStage2);
        Assert.Empty(plan.Phases);
        Assert.Equal(["Set a target Stage 2 date to get the 90-day plan."], plan.Warnings);
    }

    [Fact]
    public void Without_a_stage_2_date_open_majors_and_unready_soa_rows_are_still_warned_about()
    {
        var plan = Build(new CertificationDates(null, null, null, null), openMajor: 1, soaNotReady: 2);
        Assert.Contains("1 major nonconformity is open.", plan.Warnings);
        Assert.Contains("2 SoA rows are not audit-ready.", plan.Warnings);
    }

    [Fact]
    public void The_three_phases_are_days_1_to_30_31_to_60_and_61_to_90_ending_the_day_before_stage_2()
    {
        var plan = Build(OnTrack);
        var start = Stage2.AddDays(-90);
        Assert.Equal(start, plan.Start);
        Assert.Equal(120, plan.DaysToStage2);
        Assert.Equal([ActionPhase.Documentation, ActionPhase.ProcessHardening, ActionPhase.CorrectionAndRehearsal], plan.Phases.Select(p => p.Phase));
        Assert.Equal(
            [(start, start.AddDays(29)), (start.AddDays(30), start.AddDays(59)), (start.AddDays(60), Stage2.AddDays(-1))],
            plan.Phases.Select(p => (p.From, p.To)));
        Assert.All(plan.Phases, p => Assert.Equal(30, p.To.DayNumber - p.From.DayNumber + 1));
        Assert.All(plan.Phases.Zip(plan.Phases.Skip(1)), pair => Assert.Equal(pair.First.To.AddDays(1), pair.Second.From));
    }

    [Fact]
    public void A_plan_on_track_raises_no_warning() => Assert.Empty(Build(OnTrack).Warnings);

    [Theory]
    [InlineData("5.2", GapCategory.Operational, ActionPhase.Documentation)]
    [InlineData("5.2.1", GapCategory.Technical, ActionPhase.Documentation)]
    [InlineData("6.1.3", GapCategory.Technical, ActionPhase.Documentation)]
    [InlineData("6.2", GapCategory.Operational, ActionPhase.Documentation)]
    [InlineData("4.3", GapCategory.Technical, ActionPhase.Documentation)]
    [InlineData("7.5.3", GapCategory.Operational, ActionPhase.Documentation)]
    [InlineData("6.1.2", GapCategory.Policy, ActionPhase.ProcessHardening)]
    [InlineData("A.5.2", GapCategory.Compliance, ActionPhase.ProcessHardening)]
    [InlineData("A.5.4", GapCategory.Policy, ActionPhase.ProcessHardening)]
    [InlineData("7.2", GapCategory.Compliance, ActionPhase.ProcessHardening)]
    [InlineData("8.4", GapCategory.Policy, ActionPhase.ProcessHardening)]
    [InlineData("A.6.2.3", GapCategory.Policy, ActionPhase.Documentation)]
    [InlineData("A.6.2.3", GapCategory.Compliance, ActionPhase.Documentation)]
    [InlineData("A.6.2.3", GapCategory.Technical, ActionPhase.ProcessHardening)]
    [InlineData("A.7.4", GapCategory.Operational, ActionPhase.ProcessHardening)]
    [InlineData("6.2.1", GapCategory.Technical, ActionPhase.Documentation)]
    [InlineData("6.20", GapCategory.Technical, ActionPhase.ProcessHardening)]
    [InlineData("A.50", GapCategory.Policy, ActionPhase.Documentation)]
    public void Each_gap_goes_to_the_phase_its_requirement_or_category_calls_for(string requirement, GapCategory category, ActionPhase phase) =>
        Assert.Equal(phase, Countdown.PhaseOf(requirement, category));

    [Fact]
    public void The_plan_puts_each_open_gap_in_its_phase_and_none_in_the_last_one()
    {
        var plan = Build(OnTrack, [Gap("GAP-1", "5.2"), Gap("GAP-2", "6.1.2"), Gap("GAP-3", "A.5.3"), Gap("GAP-4", "6.1.3"), Gap("GAP-5", "7.2"), Gap("GAP-6", "A.2.2", category: GapCategory.Policy)]);
        Assert.Equal(["GAP-1", "GAP-4", "GAP-6"], References(plan, ActionPhase.Documentation));
        Assert.Equal(["GAP-2", "GAP-3", "GAP-5"], References(plan, ActionPhase.ProcessHardening));
        Assert.Empty(References(plan, ActionPhase.CorrectionAndRehearsal));
        var policy = Phase(plan, ActionPhase.Documentation).Items[0];
        Assert.Equal(("5.2 Gap on 5.2", false), (policy.Text, policy.Done));
    }

    [Fact]
    public void Within_a_phase_majors_come_before_minors_and_minors_before_observations()
    {
        var plan = Build(OnTrack,
        [
            Gap("GAP-1", "6.2", AuditClass.MinorNonconformity),
            Gap("GAP-2", "6.2", AuditClass.Observation),
            Gap("GAP-3", "5.2", AuditClass.MajorNonconformity),
            Gap("GAP-4", "6.1.3", AuditClass.MinorNonconformity),
            Gap("GAP-5", "6.1.3", AuditClass.MajorNonconformity),
        ]);
        Assert.Equal(["GAP-3", "GAP-5", "GAP-1", "GAP-4", "GAP-2"], References(plan, ActionPhase.Documentation));
    }

    [Fact]
    public void Stage_1_on_or_after_stage_2_is_warned_about()
    {
        Assert.Contains(Build(OnTrack with { Stage1 = Stage2 }).Warnings, w => w.StartsWith("Stage 1 (", StringComparison.Ordinal) && w.Contains("must come before Stage 2", StringComparison.Ordinal));
        Assert.Contains(Build(OnTrack with { Stage1 = Stage2.AddDays(3) }).Warnings, w => w.Contains("must come before Stage 2", StringComparison.Ordinal));
        Assert.DoesNotContain(Build(OnTrack with { Stage1 = Stage2.AddDays(-1) }).Warnings, w => w.Contains("must come before Stage 2", StringComparison.Ordinal));
    }

    [Fact]
    public void An_internal_audit_completed_60_days_before_stage_2_is_in_time()
    {
        var plan = Build(OnTrack with { InternalAuditCompletedOn = Stage2.AddDays(-60) });
        Assert.DoesNotContain(plan.Warnings, w => w.Contains("internal audit", StringComparison.Ordinal));
        Assert.True(Phase(plan, ActionPhase.ProcessHardening).Items.Single(i => i.Text.StartsWith("Internal audit (9.2)", StringComparison.Ordinal)).Done);
    }

    [Fact]
    public void An_internal_audit_completed_later_than_60_days_before_stage_2_is_warned_about()
    {
        var late = Build(OnTrack with { InternalAuditCompletedOn = Stage2.AddDays(-59) });
        var warning = Assert.Single(late.Warnings);
        Assert.Equal($"The internal audit is not completed at least 60 days before Stage 2 (by {Stage2.AddDays(-60):yyyy-MM-dd}).", warning);
        Assert.False(Phase(late, ActionPhase.ProcessHardening).Items.Single(i => i.Text.StartsWith("Internal audit (9.2)", StringComparison.Ordinal)).Done);
        Assert.Single(Build(OnTrack with { InternalAuditCompletedOn = null }).Warnings, w => w.Contains("internal audit", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_management_review_is_warned_about_and_left_undone()
    {
        var plan = Build(OnTrack with { ManagementReviewCompletedOn = null });
        Assert.Equal(["The management review is not completed."], plan.Warnings);
        Assert.False(Phase(plan, ActionPhase.ProcessHardening).Items.Single(i => i.Text.StartsWith("Management review (9.3)", StringComparison.Ordinal)).Done);
        Assert.True(Phase(Build(OnTrack), ActionPhase.ProcessHardening).Items.Single(i => i.Text.StartsWith("Management review (9.3)", StringComparison.Ordinal)).Done);
    }

    [Fact]
    public void Open_majors_are_warned_about_and_keep_the_corrective_actions_open()
    {
        Assert.Equal(["1 major nonconformity is open."], Build(OnTrack, openMajor: 1).Warnings);
        var plan = Build(OnTrack, openMajor: 2);
        Assert.Equal(["2 major nonconformities are open."], plan.Warnings);
        Assert.False(Phase(plan, ActionPhase.CorrectionAndRehearsal).Items[0].Done);
        Assert.True(Phase(Build(OnTrack), ActionPhase.CorrectionAndRehearsal).Items[0].Done);
    }

    [Fact]
    public void Soa_rows_not_audit_ready_are_warned_about_and_keep_the_traceability_and_evidence_items_open()
    {
        Assert.Equal(["1 SoA row is not audit-ready."], Build(OnTrack, soaNotReady: 1).Warnings);
        var plan = Build(OnTrack, soaNotReady: 3);
        Assert.Equal(["3 SoA rows are not audit-ready."], plan.Warnings);
        Assert.False(Phase(plan, ActionPhase.Documentation).Items.Single(i => i.Text.StartsWith("Every applicable SoA row", StringComparison.Ordinal)).Done);
        Assert.False(Phase(plan, ActionPhase.CorrectionAndRehearsal).Items.Single(i => i.Text.StartsWith("Evidence collected", StringComparison.Ordinal)).Done);
        var ready = Build(OnTrack);
        Assert.True(Phase(ready, ActionPhase.Documentation).Items.Single(i => i.Text.StartsWith("Every applicable SoA row", StringComparison.Ordinal)).Done);
        Assert.True(Phase(ready, ActionPhase.CorrectionAndRehearsal).Items.Single(i => i.Text.StartsWith("Evidence collected", StringComparison.Ordinal)).Done);
    }

    [Fact]
    public void Fewer_than_90_days_left_is_warned_about_with_the_days_and_the_start()
    {
        var stage2 = Today.AddDays(45);
        var dates = new CertificationDates(stage2.AddDays(-20), stage2, stage2.AddDays(-70), stage2.AddDays(-65));
        var plan = Build(dates);
        Assert.Equal(45, plan.DaysToStage2);
        Assert.Equal([$"Only 45 days remain before Stage 2; the countdown started on {stage2.AddDays(-90):yyyy-MM-dd}."], plan.Warnings);
    }

    [Fact]
    public void Exactly_90_days_left_is_not_late_and_89_is()
    {
        CertificationDates At(int days) => new(Today.AddDays(days - 20), Today.AddDays(days), Today.AddDays(days - 70), Today.AddDays(days - 65));
        Assert.Empty(Build(At(90)).Warnings);
        Assert.Contains(Build(At(89)).Warnings, w => w.StartsWith("Only 89 days remain", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stage_2_date_in_the_past_is_warned_about_as_passed_not_as_days_remaining()
    {
        var stage2 = Today.AddDays(-5);
        var plan = Build(new CertificationDates(stage2.AddDays(-20), stage2, stage2.AddDays(-70), stage2.AddDays(-65)));
        Assert.Equal(-5, plan.DaysToStage2);
        Assert.Equal([$"The Stage 2 date ({stage2:yyyy-MM-dd}) has passed."], plan.Warnings);
    }
}
