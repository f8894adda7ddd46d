using Aims.Domain.Inventory;

namespace Aims.Domain.Tests.Inventory;

/// <summary>
/// Each check, read the way an auditor would: a record that should be flagged is, with its clause, and the same
/// record once fixed is not. The baseline organization is clean, so every test changes one thing.
/// </summary>
public sealed class AuditorChecksTests
{
    private static readonly SystemFacts System = new("SYS-1", "Claims triage", HasOwner: true, InScope: true, ScopeJustification: "");

    private static readonly UseCaseFacts UseCase = new("UC-1", "Route claims", "SYS-1", Answers: "{}", ComputedRegimes: "minimal", OverrideRegimes: null, ImpactAssessmentDue: null);

    private static AuditFacts Clean() => new(
        [System], [UseCase], [new DatasetFacts("DS-1", "Claims 2024", "Exported from the claims system under contract C-7")],
        [new SupplierFacts("SUP-1", "Vendor A", "Vendor hosts the model; we validate outputs")],
        [new ScopeEntryFacts("SCP-1", "Claims department", Included: true, Justification: "")],
        AiRoleCount: 1, new StatementFacts(Exists: true, ApprovedNumber: 1, ApprovedIsStale: false));

    private static CheckFinding Single(AuditFacts facts, string check) => Assert.Single(AuditorChecks.Run(facts), f => f.Check == check);

    [Fact]
    public void A_clean_organization_has_no_findings() => Assert.Empty(AuditorChecks.Run(Clean()));

    [Fact]
    public void An_ai_system_without_an_owner_is_flagged_under_A_3_2()
    {
        var f = Single(Clean() with { Systems = [System with { HasOwner = false }] }, "system-without-owner");
        Assert.Equal(("A.3.2", "inventory", "ai-systems", "SYS-1", "Claims triage"), (f.Clause, f.Area, f.Register, f.Reference, f.Title));
        Assert.Contains("owner", f.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_use_case_with_no_answers_and_no_override_is_not_classified()
    {
        var f = Single(Clean() with { UseCases = [UseCase with { Answers = null }] }, "use-case-not-classified");
        Assert.Equal(("4.1", "use-cases", "UC-1"), (f.Clause, f.Register, f.Reference));
        Assert.Empty(AuditorChecks.Run(Clean() with { UseCases = [UseCase with { Answers = null, OverrideRegimes = "minimal" }] }));
    }

    [Theory]
    [InlineData("high-risk-annex-iii,transparency", null)]
    [InlineData("high-risk-product-safety", null)]
    [InlineData("minimal", "high-risk-annex-iii")]
    public void A_high_risk_use_case_without_a_planned_impact_assessment_is_flagged(string computed, string? overridden)
    {
        var risky = UseCase with { ComputedRegimes = computed, OverrideRegimes = overridden };
        var f = Single(Clean() with { UseCases = [risky] }, "high-risk-without-impact-assessment");
        Assert.Equal((CheckSeverity.High, "A.5.2"), (f.Severity, f.Clause));
        Assert.Empty(AuditorChecks.Run(Clean() with { UseCases = [risky with { ImpactAssessmentDue = new DateOnly(2027, 3, 1) }] }));
    }

    [Fact]
    public void An_override_to_a_lower_tier_wins_over_a_computed_high_risk()
    {
        var overridden = UseCase with { ComputedRegimes = "high-risk-annex-iii", OverrideRegimes = "derogation-claimed" };
        Assert.Empty(AuditorChecks.Run(Clean() with { UseCases = [overridden] }));
    }

    [Fact]
    public void A_dataset_without_provenance_is_flagged_under_A_7_5()
    {
        var f = Single(Clean() with { Datasets = [new DatasetFacts("DS-2", "Scraped reviews", "  ")] }, "dataset-without-provenance");
        Assert.Equal(("A.7.5", "datasets", "DS-2"), (f.Clause, f.Register, f.Reference));
    }

    [Fact]
    public void Exclusions_without_justification_are_flagged_under_4_3_for_entries_and_systems()
    {
        var facts = Clean() with
        {
            Systems = [System, new SystemFacts("SYS-2", "Chatbot", true, InScope: false, ScopeJustification: "")],
            ScopeEntries = [new ScopeEntryFacts("SCP-2", "Retail branch", Included: false, Justification: "")],
        };
        var findings = AuditorChecks.Run(facts).Where(f => f.Check == "exclusion-without-justification").ToList();
        Assert.Equal(["SYS-2", "SCP-2"], findings.Select(f => f.Reference));
        Assert.All(findings, f => Assert.Equal("4.3", f.Clause));
        Assert.Equal(["inventory", "context"], findings.Select(f => f.Area));
    }

    [Fact]
    public void A_system_in_scope_with_no_use_case_is_flagged_but_one_out_of_scope_is_not()
    {
        var facts = Clean() with
        {
            Systems = [System, new SystemFacts("SYS-3", "Forecaster", true, true, ""), new SystemFacts("SYS-4", "Old bot", true, false, "Retired in 2024")],
        };
        var f = Single(facts, "system-without-use-case");
        Assert.Equal("SYS-3", f.Reference);
    }

    [Fact]
    public void A_supplier_with_no_allocated_responsibilities_is_flagged_under_A_10_2()
    {
        var f = Single(Clean() with { Suppliers = [new SupplierFacts("SUP-2", "Data broker", "")] }, "supplier-without-responsibilities");
        Assert.Equal(("A.10.2", "SUP-2"), (f.Clause, f.Reference));
    }

    [Fact]
    public void No_ai_roles_is_flagged_under_4_1_without_a_record()
    {
        var f = Single(Clean() with { AiRoleCount = 0 }, "no-ai-roles");
        Assert.Equal(("4.1", "context", "ai-roles", null), (f.Clause, f.Area, f.Register, f.Reference));
    }

    [Fact]
    public void A_scope_statement_missing_never_approved_or_stale_is_flagged_under_4_3()
    {
        var missing = Single(Clean() with { Statement = new(false, null, false) }, "scope-statement-not-approved");
        Assert.Contains("no scope statement", missing.Message, StringComparison.OrdinalIgnoreCase);
        var unapproved = Single(Clean() with { Statement = new(true, null, false) }, "scope-statement-not-approved");
        Assert.Contains("never been approved", unapproved.Message, StringComparison.Ordinal);
        var stale = Single(Clean() with { Statement = new(true, 3, true) }, "scope-statement-stale");
        Assert.Equal(("4.3", "scope", "Scope statement version 3"), (stale.Clause, stale.Register, stale.Title));
    }

    [Fact]
    public void The_same_facts_give_the_same_findings_in_the_same_order()
    {
        var facts = Clean() with
        {
            Systems = [System with { HasOwner = false }, new SystemFacts("SYS-2", "B", false, true, "")],
            Datasets = [new DatasetFacts("DS-1", "A", ""), new DatasetFacts("DS-2", "B", "")],
            AiRoleCount = 0,
        };
        Assert.Equal(AuditorChecks.Run(facts), AuditorChecks.Run(facts));
        Assert.Equal(["SYS-1", "SYS-2", "SYS-2", "DS-1", "DS-2", null, null],
            AuditorChecks.Run(facts with { Statement = new(false, null, false) }).Select(f => f.Reference));
    }
}
