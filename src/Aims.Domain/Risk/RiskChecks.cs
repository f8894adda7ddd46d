using Aims.Domain.Inventory;

namespace Aims.Domain.Risk;

/// <summary>A risk as the checks see it: references of what it is linked to, its state, its levels.</summary>
public sealed record RiskFacts(
    string Reference,
    string Title,
    bool HasOwner,
    TreatmentOption? Treatment,
    DateOnly? NextReviewOn,
    string InherentLevel,
    string ResidualLevel,
    string? AcceptedRole,
    string AcceptedLevel,
    string ReassessmentReason,
    string RiskSource,
    IReadOnlyList<string> Systems);

public sealed record RiskAuditFacts(bool CriteriaAdopted, RiskCriteria Criteria, IReadOnlyList<RiskFacts> Risks, IReadOnlyList<string> InScopeSystems, IReadOnlyList<string> AnnexCSources, DateOnly Today);

/// <summary>What an auditor flags in the risk register (6.1.1–6.1.3, 8.2). Pure and ordered like its input.</summary>
public static class RiskChecks
{
    public const string Area = "risk";

    public static IReadOnlyList<CheckFinding> Run(RiskAuditFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var findings = new List<CheckFinding>();
        if (!facts.CriteriaAdopted)
        {
            findings.Add(new("criteria-not-documented", "6.1.2", CheckSeverity.High, Area, "criteria", null, "Risk criteria",
                "No risk criteria are adopted: likelihood, impact and acceptance must be documented before risks can be assessed consistently."));
        }

        var upperHalf = facts.Criteria.Levels.Skip(facts.Criteria.Levels.Count / 2).Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var r in facts.Risks)
        {
            var missing = new List<string>();
            if (!r.HasOwner)
            {
                missing.Add("an owner");
            }

            if (r.Treatment is null)
            {
                missing.Add("a treatment");
            }

            if (r.NextReviewOn is null)
            {
                missing.Add("a review date");
            }

            if (missing.Count > 0)
            {
                findings.Add(new("risk-incomplete", r.Treatment is null ? "6.1.3" : "6.1.2", CheckSeverity.High, Area, "risks", r.Reference, r.Title,
                    $"The risk has no {string.Join(", no ", missing.Select(m => m[(m.IndexOf(' ', StringComparison.Ordinal) + 1)..]))}: every AI risk needs {string.Join(", ", missing)}."));
            }

            var level = r.ResidualLevel.Length > 0 ? r.ResidualLevel : r.InherentLevel;
            if (r.Treatment == TreatmentOption.Retain && upperHalf.Contains(level))
            {
                var allowed = r.AcceptedRole is { Length: > 0 } role && r.AcceptedLevel == level
                    && facts.Criteria.Levels.First(l => l.Id == level).AcceptedBy.Any(a => Ledger.KebabCase.Of(a.ToString()) == role);
                if (!allowed)
                {
                    findings.Add(new("retained-high-risk-not-accepted", "6.1.3", CheckSeverity.High, Area, "risks", r.Reference, r.Title,
                        $"A {level} risk is retained without acceptance by a role the risk appetite allows for that level."));
                }
            }

            if (r.ReassessmentReason.Length > 0)
            {
                findings.Add(new("risk-not-reassessed", "8.2", CheckSeverity.Medium, Area, "risks", r.Reference, r.Title,
                    $"Marked for reassessment and not reassessed yet: {r.ReassessmentReason}"));
            }

            if (r.NextReviewOn is { } due && due < facts.Today)
            {
                findings.Add(new("risk-review-overdue", "8.2", CheckSeverity.Medium, Area, "risks", r.Reference, r.Title,
                    $"The review due on {due:yyyy-MM-dd} has not been recorded."));
            }
        }

        var addressed = facts.Risks.SelectMany(r => r.Systems.Select(s => (System: s, Source: r.RiskSource))).Where(x => x.Source.Length > 0).ToHashSet();
        foreach (var system in facts.InScopeSystems)
        {
            var open = facts.AnnexCSources.Where(source => !addressed.Contains((system, source))).ToList();
            if (open.Count > 0)
            {
                findings.Add(new("annex-c-source-not-addressed", "6.1.2, Annex C", CheckSeverity.Low, Area, "ai-systems", system, system,
                    $"Observation (Annex C is informative): no risk of this system addresses the risk sources {string.Join(", ", open)}; consider whether they apply."));
            }
        }

        return findings;
    }
}
