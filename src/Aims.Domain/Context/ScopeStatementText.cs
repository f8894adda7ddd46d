using System.Text;
using Aims.Domain.Inventory;
using Aims.Domain.Ledger;

namespace Aims.Domain.Context;

public sealed record ScopeSystem(long Number, string Reference, string Name, bool InScope, string Justification);

public sealed record ScopeItem(long Number, string Reference, ScopeEntryKind Kind, BoundaryType? Boundary, string Name, string Description, bool Included, string Justification);

public sealed record ScopeRole(long Number, string Reference, AiRole Role, string Reason);

public sealed record ScopeFacts(string OrganizationName, IReadOnlyList<ScopeSystem> Systems, IReadOnlyList<ScopeItem> Entries, IReadOnlyList<ScopeRole> Roles);

/// <summary>
/// Writes the scope statement (4.3) from the registers, as Markdown. Deterministic: no dates, records in reference
/// order, so the same registers always give the same text and "regenerate" adds a version only when they changed.
/// </summary>
public static class ScopeStatementText
{
    public static string Generate(ScopeFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var text = new StringBuilder();
        text.Append("# Scope of the AI management system of ").AppendLine(OneLine(facts.OrganizationName)).AppendLine();
        text.AppendLine("This statement determines the boundaries and applicability of the AI management system (ISO/IEC 42001, clause 4.3).");

        var roles = facts.Roles.OrderBy(r => r.Number).Select(r => $"{Label(r.Role)} ({r.Reference}){(string.IsNullOrWhiteSpace(r.Reason) ? "" : ": " + OneLine(r.Reason))}").ToList();
        Section(text, "AI roles of the organization", roles, "No AI roles are recorded yet.");

        var systems = facts.Systems.OrderBy(s => s.Number).ToList();
        Section(text, "AI systems in scope", systems.Where(s => s.InScope).Select(s => $"{s.Reference} {OneLine(s.Name)}"), "No AI system is in scope yet.");
        Section(text, "AI systems out of scope", systems.Where(s => !s.InScope).Select(s => $"{s.Reference} {OneLine(s.Name)}{Because(s.Justification)}"), null);

        var entries = facts.Entries.OrderBy(e => e.Number).ToList();
        var included = entries.Where(e => e.Included).ToList();
        Section(text, "Business units", Items(included, ScopeEntryKind.BusinessUnit), "No business unit is recorded yet.");
        Section(text, "Locations", Items(included, ScopeEntryKind.Location), "No location is recorded yet.");
        Section(text, "Processes", Items(included, ScopeEntryKind.Process), "No process is recorded yet.");
        var boundaries = included.Where(e => e.Kind == ScopeEntryKind.Boundary)
            .OrderBy(e => e.Boundary).ThenBy(e => e.Number)
            .Select(e => $"{(e.Boundary is { } b ? Label(b) : "Other")}: {Entry(e)}");
        Section(text, "Boundaries", boundaries, "No boundary is recorded yet.");
        Section(text, "Exclusions", entries.Where(e => !e.Included).Select(e => $"{Entry(e)}, {KindLabel(e.Kind)}{Because(e.Justification)}"), "Nothing is excluded.");
        return text.ToString();
    }

    private static IEnumerable<string> Items(IEnumerable<ScopeItem> entries, ScopeEntryKind kind) =>
        entries.Where(e => e.Kind == kind).Select(Entry);

    private static string Entry(ScopeItem e) =>
        $"{OneLine(e.Name)} ({e.Reference}){(string.IsNullOrWhiteSpace(e.Description) ? "" : " — " + OneLine(e.Description))}";

    private static void Section(StringBuilder text, string title, IEnumerable<string> lines, string? whenEmpty)
    {
        var list = lines.ToList();
        if (list.Count == 0 && whenEmpty is null)
        {
            return;
        }

        text.AppendLine().Append("## ").AppendLine(title).AppendLine();
        if (list.Count == 0)
        {
            text.AppendLine(whenEmpty);
        }

        foreach (var line in list)
        {
            text.Append("- ").AppendLine(line);
        }
    }

    /// <summary>Justifications are what an auditor reads first; a missing one is said plainly rather than left blank.</summary>
    private static string Because(string reason) =>
        string.IsNullOrWhiteSpace(reason) ? ": no justification recorded" : ": " + OneLine(reason);

    /// <summary>Free text is folded onto one line so a list item cannot break the Markdown structure.</summary>
    private static string OneLine(string value) =>
        string.Join(' ', value.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim();

    private static string Label<T>(T value) where T : struct, Enum
    {
        var words = KebabCase.Of(value.ToString()).Replace('-', ' ');
        return words.StartsWith("ai ", StringComparison.Ordinal) ? "AI " + words[3..] : char.ToUpperInvariant(words[0]) + words[1..];
    }

    private static string KindLabel(ScopeEntryKind kind) => KebabCase.Of(kind.ToString()).Replace('-', ' ');
}
