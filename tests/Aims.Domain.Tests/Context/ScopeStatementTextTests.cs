using Aims.Domain.Context;
using Aims.Domain.Inventory;

namespace Aims.Domain.Tests.Context;

/// <summary>The generated scope statement, read as the AIMS lead and the auditor read it.</summary>
public sealed class ScopeStatementTextTests
{
    private static ScopeFacts Facts() => new(
        "Harbor Lending Group",
        [
            new ScopeSystem(2, "SYS-2", "Chat assistant", InScope: false, Justification: "Pilot only,\nno customers"),
            new ScopeSystem(1, "SYS-1", "Credit scoring", InScope: true, Justification: ""),
        ],
        [
            new ScopeItem(1, "SCP-1", ScopeEntryKind.BusinessUnit, null, "Retail lending", "", Included: true, Justification: ""),
            new ScopeItem(2, "SCP-2", ScopeEntryKind.Boundary, BoundaryType.Geographic, "European Union", "All EU branches", true, ""),
            new ScopeItem(3, "SCP-3", ScopeEntryKind.Location, null, "Singapore office", "", Included: false, Justification: "Sales only, no AI"),
        ],
        [new ScopeRole(1, "ROLE-1", AiRole.AiProvider, "We build our credit models")]);

    [Fact]
    public void Names_the_organization_the_systems_in_and_out_of_scope_and_the_exclusions_with_their_justification()
    {
        var text = ScopeStatementText.Generate(Facts());
        Assert.StartsWith("# Scope of the AI management system of Harbor Lending Group", text, StringComparison.Ordinal);
        Assert.Contains("- SYS-1 Credit scoring\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("- SYS-2 Chat assistant: Pilot only, no customers", text, StringComparison.Ordinal);
        Assert.Contains("- Singapore office (SCP-3), location: Sales only, no AI", text, StringComparison.Ordinal);
        Assert.Contains("- Geographic: European Union (SCP-2) — All EU branches", text, StringComparison.Ordinal);
        Assert.Contains("- AI provider (ROLE-1): We build our credit models", text, StringComparison.Ordinal);
        Assert.Contains("- Retail lending (SCP-1)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_the_same_for_the_same_registers_whatever_order_they_are_read_in()
    {
        var facts = Facts();
        var shuffled = facts with { Systems = facts.Systems.Reverse().ToList(), Entries = facts.Entries.Reverse().ToList() };
        Assert.Equal(ScopeStatementText.Generate(facts), ScopeStatementText.Generate(shuffled));
    }

    [Fact]
    public void Says_what_is_missing_when_registers_are_empty()
    {
        var text = ScopeStatementText.Generate(new ScopeFacts("Empty Org", [], [], []));
        Assert.Contains("No AI roles are recorded yet.", text, StringComparison.Ordinal);
        Assert.Contains("No AI system is in scope yet.", text, StringComparison.Ordinal);
        Assert.Contains("Nothing is excluded.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("out of scope", text, StringComparison.Ordinal);
    }
}
