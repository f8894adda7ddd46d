namespace Aims.Domain.Inventory;

/// <summary>How hard an auditor would lean on a finding; a hint for ordering, not a nonconformity grade.</summary>
public enum CheckSeverity
{
    High,
    Medium,
    Low,
}

/// <summary>
/// One thing an auditor would flag. <see cref="Area"/> and <see cref="Register"/> name where the record lives
/// (inventory/ai-systems), so a page can link to it; <see cref="Reference"/> is null when the finding concerns the
/// organization's register as a whole (no AI roles recorded) or the scope statement.
/// </summary>
public sealed record CheckFinding(
    string Check, string Clause, CheckSeverity Severity, string Area, string Register, string? Reference, string Title, string Message);

public sealed record SystemFacts(string Reference, string Name, bool HasOwner, bool InScope, string ScopeJustification);

/// <summary>
/// A use case as the checks see it. <see cref="Answers"/> is the questionnaire JSON, null while unanswered.
/// <see cref="ImpactAssessmentRecorded"/>: an impact assessment record exists for the use case or its whole system.
/// </summary>
public sealed record UseCaseFacts(
    string Reference, string Name, string SystemReference, string? Answers, string ComputedRegimes, string? OverrideRegimes, DateOnly? ImpactAssessmentDue,
    bool ImpactAssessmentRecorded = false);

public sealed record DatasetFacts(string Reference, string Name, string Provenance);

public sealed record SupplierFacts(string Reference, string Name, string Responsibilities);

public sealed record ScopeEntryFacts(string Reference, string Name, bool Included, string Justification);

/// <summary>The scope statement's state: whether any version was approved, and whether the registers moved on since.</summary>
public sealed record StatementFacts(bool Exists, int? ApprovedNumber, bool ApprovedIsStale);

public sealed record AuditFacts(
    IReadOnlyList<SystemFacts> Systems,
    IReadOnlyList<UseCaseFacts> UseCases,
    IReadOnlyList<DatasetFacts> Datasets,
    IReadOnlyList<SupplierFacts> Suppliers,
    IReadOnlyList<ScopeEntryFacts> ScopeEntries,
    int AiRoleCount,
    StatementFacts Statement);

/// <summary>
/// The auditor's checks over the inventory and the context (principle 4: flag what an auditor would fail, saying
/// which clause and why). Pure: the same facts always give the same findings in the same order.
/// </summary>
public static class AuditorChecks
{
    public const string Inventory = "inventory";
    public const string Context = "context";

    /// <summary>The "risk" area's checks live with the risk features; this list names every area a caller may ask for.</summary>
    public static readonly IReadOnlyList<string> Areas = [Inventory, Context, "risk"];

    private static readonly HashSet<string> HighRiskRegimes = ["high-risk-product-safety", "high-risk-annex-iii"];

    public static IReadOnlyList<CheckFinding> Run(AuditFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var findings = new List<CheckFinding>();
        var systemsWithUseCase = facts.UseCases.Select(u => u.SystemReference).ToHashSet(StringComparer.Ordinal);

        foreach (var s in facts.Systems)
        {
            if (!s.HasOwner)
            {
                findings.Add(new("system-without-owner", "A.3.2", CheckSeverity.High, Inventory, "ai-systems", s.Reference, s.Name,
                    "No business owner: nobody is accountable for this AI system (A.3.2 roles and responsibilities)."));
            }

            if (!s.InScope && string.IsNullOrWhiteSpace(s.ScopeJustification))
            {
                findings.Add(new("exclusion-without-justification", "4.3", CheckSeverity.High, Inventory, "ai-systems", s.Reference, s.Name,
                    "Out of the AIMS scope with no justification: 4.3 requires every exclusion to be justified."));
            }

            if (s.InScope && !systemsWithUseCase.Contains(s.Reference))
            {
                findings.Add(new("system-without-use-case", "A.9.4", CheckSeverity.Medium, Inventory, "ai-systems", s.Reference, s.Name,
                    "In scope with no use case: its intended use is not documented, so it cannot be classified or assessed (A.9.4)."));
            }
        }

        foreach (var u in facts.UseCases)
        {
            if (!IsClassified(u))
            {
                findings.Add(new("use-case-not-classified", "4.1", CheckSeverity.Medium, Inventory, "use-cases", u.Reference, u.Name,
                    "Not classified under the EU AI Act: the legal requirements that apply to it (4.1) and whether it needs an impact assessment are unknown."));
            }
            else if (IsHighRisk(u) && u.ImpactAssessmentDue is null && !u.ImpactAssessmentRecorded)
            {
                findings.Add(new("high-risk-without-impact-assessment", "A.5.2", CheckSeverity.High, Inventory, "use-cases", u.Reference, u.Name,
                    "High-risk use case with no impact assessment planned (6.1.4, A.5.2)."));
            }
        }

        foreach (var d in facts.Datasets.Where(d => string.IsNullOrWhiteSpace(d.Provenance)))
        {
            findings.Add(new("dataset-without-provenance", "A.7.5", CheckSeverity.Medium, Inventory, "datasets", d.Reference, d.Name,
                "No provenance: where the data came from and how it was obtained is not recorded (A.7.5)."));
        }

        foreach (var s in facts.Suppliers.Where(s => string.IsNullOrWhiteSpace(s.Responsibilities)))
        {
            findings.Add(new("supplier-without-responsibilities", "A.10.2", CheckSeverity.Medium, Inventory, "suppliers", s.Reference, s.Name,
                "No responsibilities allocated between the organization and this supplier (A.10.2)."));
        }

        foreach (var e in facts.ScopeEntries.Where(e => !e.Included && string.IsNullOrWhiteSpace(e.Justification)))
        {
            findings.Add(new("exclusion-without-justification", "4.3", CheckSeverity.High, Context, "scope-entries", e.Reference, e.Name,
                "Excluded from the AIMS scope with no justification: 4.3 requires every exclusion to be justified."));
        }

        if (facts.AiRoleCount == 0)
        {
            findings.Add(new("no-ai-roles", "4.1", CheckSeverity.Medium, Context, "ai-roles", null, "AI roles",
                "No AI roles recorded: 4.1 asks the organization to determine its roles with respect to AI (provider, producer, customer...)."));
        }

        findings.AddRange(Statement(facts.Statement));
        return findings;
    }

    private static IEnumerable<CheckFinding> Statement(StatementFacts s)
    {
        if (s.ApprovedNumber is null)
        {
            yield return new("scope-statement-not-approved", "4.3", CheckSeverity.High, Context, "scope", null, "Scope statement",
                s.Exists
                    ? "The scope statement has never been approved: 4.3 requires the scope to be documented and its approval shows it is the agreed one."
                    : "There is no scope statement: 4.3 requires the scope of the AIMS to be available as documented information.");
        }
        else if (s.ApprovedIsStale)
        {
            yield return new("scope-statement-stale", "4.3", CheckSeverity.Medium, Context, "scope", null, $"Scope statement version {s.ApprovedNumber}",
                "The registers changed since the scope statement was approved: the approved scope no longer matches the systems, entries and roles recorded.");
        }
    }

    /// <summary>A person's override counts as a classification: it is a recorded, justified decision on the tier.</summary>
    public static bool IsClassified(UseCaseFacts useCase)
    {
        ArgumentNullException.ThrowIfNull(useCase);
        return useCase.Answers is not null || useCase.OverrideRegimes is not null;
    }

    /// <summary>High-risk by the effective regimes: the override when a person set one, otherwise the computed ones.</summary>
    public static bool IsHighRisk(UseCaseFacts useCase)
    {
        ArgumentNullException.ThrowIfNull(useCase);
        return EffectiveRegimes(useCase.ComputedRegimes, useCase.OverrideRegimes).Any(HighRiskRegimes.Contains);
    }

    public static IReadOnlyList<string> EffectiveRegimes(string computed, string? overridden) =>
        (overridden ?? computed).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
