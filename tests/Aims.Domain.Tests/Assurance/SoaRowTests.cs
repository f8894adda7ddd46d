using Aims.Domain.Assurance;

namespace Aims.Domain.Tests.Assurance;

public sealed class SoaRowTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static readonly SoaDecision Complete = new(ApplicabilityDecision.Derived, [], "", ImplementationStatus.Implemented, null,
        "PROC-7 model release procedure", "EV-12 release log", "ML lead");

    private static SoaRow Row(IReadOnlyList<string> risks, SoaDecision? decision) => SoaRow.Derive("A.6.2.4", "AI system verification and validation", "A.6", risks, decision);

    [Fact]
    public void A_control_chosen_by_a_risk_treatment_is_applicable()
    {
        var row = Row(["RISK-3"], null);
        Assert.True(row.Applicable);
        Assert.Equal(ApplicabilityDecision.Derived, row.Decision.Decision);
    }

    [Fact]
    public void A_control_required_by_another_driver_is_applicable_without_a_risk() =>
        Assert.True(Row([], SoaDecision.None with { Drivers = [ApplicabilityDriver.Legal] }).Applicable);

    [Fact]
    public void A_control_nothing_chose_is_derived_as_excluded_and_needs_a_justification()
    {
        var row = Row([], null);
        Assert.False(row.Applicable);
        Assert.False(row.AuditReady);
        Assert.Equal(["excluded without a justification"], row.NotReadyBecause);
    }

    [Fact]
    public void An_exclusion_with_a_justification_is_audit_ready()
    {
        var row = Row([], SoaDecision.None with { Decision = ApplicabilityDecision.Excluded, Justification = "No AI system in scope is trained in-house." });
        Assert.False(row.Applicable);
        Assert.True(row.AuditReady);
    }

    [Fact]
    public void Excluding_a_control_the_risk_treatment_chose_is_not_audit_ready_and_names_the_risks()
    {
        var row = Row(["RISK-3", "RISK-9"], SoaDecision.None with { Decision = ApplicabilityDecision.Excluded, Justification = "Covered elsewhere." });
        Assert.False(row.Applicable);
        var reason = Assert.Single(row.NotReadyBecause);
        Assert.Equal("excluded although the treatment of RISK-3, RISK-9 chose it", reason);
    }

    [Fact]
    public void Excluding_without_justification_a_control_risks_chose_gives_both_reasons() =>
        Assert.Equal(
            ["excluded without a justification", "excluded although the treatment of RISK-3 chose it"],
            Row(["RISK-3"], SoaDecision.None with { Decision = ApplicabilityDecision.Excluded }).NotReadyBecause);

    [Fact]
    public void An_explicit_decision_overrides_what_the_risks_would_derive() =>
        Assert.True(Row([], Complete with { Decision = ApplicabilityDecision.Applicable, Justification = "Customer contract clause 14." }).Applicable);

    [Fact]
    public void A_complete_applicable_row_is_audit_ready()
    {
        var row = Row(["RISK-3"], Complete);
        Assert.True(row.Applicable);
        Assert.Empty(row.NotReadyBecause);
        Assert.True(row.AuditReady);
    }

    [Fact]
    public void An_applicable_row_with_nothing_recorded_names_every_missing_part()
    {
        var row = Row([], SoaDecision.None with { Decision = ApplicabilityDecision.Applicable });
        Assert.Equal(
            [
                "no justification for inclusion (no risk chose it, no other driver)",
                "no procedure",
                "no evidence",
                "no responsible role or person",
                "neither implemented nor planned with a date",
            ],
            row.NotReadyBecause);
    }

    [Fact]
    public void Each_missing_part_of_an_applicable_row_is_named_on_its_own()
    {
        Assert.Equal(["no procedure"], Row(["RISK-3"], Complete with { Procedure = "" }).NotReadyBecause);
        Assert.Equal(["no evidence"], Row(["RISK-3"], Complete with { Evidence = "" }).NotReadyBecause);
        Assert.Equal(["no responsible role or person"], Row(["RISK-3"], Complete with { Responsible = "" }).NotReadyBecause);
        Assert.Equal(["neither implemented nor planned with a date"], Row(["RISK-3"], Complete with { Status = ImplementationStatus.NotStarted }).NotReadyBecause);
        Assert.Equal(["neither implemented nor planned with a date"], Row(["RISK-3"], Complete with { Status = ImplementationStatus.Planned }).NotReadyBecause);
        Assert.Equal(["no justification for inclusion (no risk chose it, no other driver)"], Row([], Complete with { Decision = ApplicabilityDecision.Applicable }).NotReadyBecause);
    }

    [Fact]
    public void The_organizations_own_words_justify_an_inclusion_no_risk_chose() =>
        Assert.True(Row([], Complete with { Decision = ApplicabilityDecision.Applicable, Justification = "Board decision 2026-03." }).AuditReady);

    [Fact]
    public void A_planned_or_partly_implemented_control_with_a_date_is_audit_ready()
    {
        Assert.True(Row(["RISK-3"], Complete with { Status = ImplementationStatus.Planned, PlannedOn = Today.AddDays(40) }).AuditReady);
        Assert.True(Row(["RISK-3"], Complete with { Status = ImplementationStatus.PartiallyImplemented, PlannedOn = Today.AddDays(40) }).AuditReady);
    }

    [Fact]
    public void Implemented_or_planned_needs_a_responsible_person_and_a_date_unless_implemented()
    {
        Assert.True(Row(["RISK-3"], Complete).ImplementedOrPlanned);
        Assert.True(Row(["RISK-3"], Complete with { Responsible = "" }).ImplementedOrPlanned);
        var planned = Complete with { Status = ImplementationStatus.Planned, PlannedOn = Today.AddDays(40) };
        Assert.True(Row(["RISK-3"], planned).ImplementedOrPlanned);
        Assert.True(Row(["RISK-3"], planned with { Status = ImplementationStatus.PartiallyImplemented }).ImplementedOrPlanned);
        Assert.False(Row(["RISK-3"], planned with { PlannedOn = null }).ImplementedOrPlanned);
        Assert.False(Row(["RISK-3"], planned with { Responsible = "" }).ImplementedOrPlanned);
        Assert.False(Row(["RISK-3"], planned with { Status = ImplementationStatus.NotStarted }).ImplementedOrPlanned);
    }

    [Fact]
    public void The_justification_lists_the_risks_then_the_drivers_then_the_organizations_words()
    {
        var row = Row(["RISK-3", "RISK-9"], Complete with { Drivers = [ApplicabilityDriver.Legal, ApplicabilityDriver.Contractual], Justification = "EU AI Act Art. 15" });
        Assert.Equal("Risk treatment: RISK-3, RISK-9. Required by: legal, contractual. EU AI Act Art. 15", row.JustificationText);
    }

    [Fact]
    public void The_justification_of_an_exclusion_is_only_the_organizations_words()
    {
        var row = Row([], SoaDecision.None with { Decision = ApplicabilityDecision.Excluded, Drivers = [ApplicabilityDriver.Policy], Justification = "No third-party data." });
        Assert.Equal("No third-party data.", row.JustificationText);
        Assert.Equal("", Row([], null).JustificationText);
    }
}
