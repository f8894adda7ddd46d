using Aims.Domain.Inventory;

namespace Aims.Domain.Risk;

/// <summary>A use case as the impact checks see it: what the procedure's criteria look at.</summary>
public sealed record UseCaseNeed(string Reference, string Name, string SystemReference, UseCaseProfile Profile);

/// <summary>
/// One impact assessment as the checks see it. <see cref="Number"/> orders revisions: of several assessments of the
/// same system and use case, only the highest number is current; the others are kept versions.
/// </summary>
public sealed record AssessmentFacts(
    string Reference,
    long Number,
    string SystemReference,
    string? UseCaseReference,
    AssessmentStatus Status,
    DateOnly? DueOn,
    DateOnly? NextReviewOn,
    IReadOnlyList<HarmArea> HarmAreas);

/// <summary>Rules of the impact assessment part (6.1.4, 8.4, A.5) that pages, the API and checks share.</summary>
public static class ImpactRules
{
    /// <summary>
    /// An assessment whose harms are all privacy harms is a DPIA under another name: 6.1.4 asks for the consequences
    /// for individuals, groups and society, so a DPIA is linked as a reference, never a substitute.
    /// </summary>
    public static bool PrivacyOnly(IReadOnlyCollection<HarmArea> areas) => areas.Count > 0 && areas.All(a => a == HarmArea.Privacy);

    /// <summary>
    /// Whether Art. 27(1) binds the organization for a use case: it deploys a high-risk Annex III system and is a body
    /// governed by public law or a private entity providing public services (except point 2), or the system is under
    /// point 5(b) (creditworthiness) or 5(c) (life and health insurance pricing).
    /// </summary>
    public static bool Art27Binds(bool deploys, bool highRiskAnnexIII, string? annexIIIPoint, bool publicBodyOrPublicService)
    {
        if (!deploys || !highRiskAnnexIII || string.IsNullOrWhiteSpace(annexIIIPoint))
        {
            return false;
        }

        var point = annexIIIPoint.Replace(" ", "", StringComparison.Ordinal);
        return point is "5(b)" or "5(c)" || (publicBodyOrPublicService && !point.StartsWith('2'));
    }

    /// <summary>The current assessments: the latest revision per system and use case.</summary>
    public static IReadOnlyList<AssessmentFacts> Current(IEnumerable<AssessmentFacts> assessments) =>
        assessments.GroupBy(a => (a.SystemReference, a.UseCaseReference)).Select(g => g.MaxBy(a => a.Number)!).OrderBy(a => a.Number).ToList();

    /// <summary>Whether an assessment still holds today: completed and not past its review date, or open and not past its due date.</summary>
    public static bool Holds(AssessmentFacts a, DateOnly today) => a.Status == AssessmentStatus.Completed
        ? a.NextReviewOn is null || a.NextReviewOn >= today
        : a.DueOn is null || a.DueOn >= today;
}

/// <summary>
/// The auditor's checks of the impact assessment part, in the "risk" area. Pure: the same facts and day always give the
/// same findings in the same order.
/// </summary>
public static class ImpactChecks
{
    public const string Area = "risk";

    public static IReadOnlyList<CheckFinding> Run(ImpactProcedure procedure, IReadOnlyList<UseCaseNeed> useCases, IReadOnlyList<AssessmentFacts> assessments, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        var findings = new List<CheckFinding>();
        var current = ImpactRules.Current(assessments);
        foreach (var u in useCases.Where(u => procedure.Requires(u.Profile)))
        {
            // An assessment of the whole system (no use case named) covers each of its use cases.
            var covering = current.Where(a => a.UseCaseReference == u.Reference || (a.UseCaseReference is null && a.SystemReference == u.SystemReference)).ToList();
            if (covering.Any(a => ImpactRules.Holds(a, today)))
            {
                continue;
            }

            var message = covering.Count == 0
                ? "The organization's impact assessment procedure requires an assessment of this use case and there is none (6.1.4, A.5.2)."
                : $"The organization's impact assessment procedure requires an assessment of this use case; {string.Join(", ", covering.Select(c => c.Reference))} no longer holds (past its due or review date) (6.1.4, A.5.2).";
            findings.Add(new("impact-assessment-missing", "6.1.4", CheckSeverity.High, Area, "use-cases", u.Reference, u.Name, message));
        }

        foreach (var a in current.Where(a => a.Status == AssessmentStatus.Completed && a.NextReviewOn is { } next && next < today))
        {
            findings.Add(new("impact-assessment-review-overdue", "8.4", CheckSeverity.Medium, Area, "impact-assessments", a.Reference, Title(a),
                $"Review was due on {a.NextReviewOn:yyyy-MM-dd}: 8.4 and A.5.2 require impact assessments at planned intervals. Start a review."));
        }

        foreach (var a in current.Where(a => a.Status != AssessmentStatus.Completed && a.DueOn is { } due && due < today))
        {
            findings.Add(new("impact-assessment-overdue", "A.5.2", CheckSeverity.Medium, Area, "impact-assessments", a.Reference, Title(a),
                $"Was due on {a.DueOn:yyyy-MM-dd} and is not completed (A.5.2 impact assessment process)."));
        }

        foreach (var a in current.Where(a => ImpactRules.PrivacyOnly(a.HarmAreas)))
        {
            findings.Add(new("impact-assessment-privacy-only", "A.5.4", CheckSeverity.Medium, Area, "impact-assessments", a.Reference, Title(a),
                "Considers only privacy harms: a DPIA is a reference, not a substitute. Assess the consequences for individuals' legal position, life opportunities, wellbeing and human rights, for groups and for society (6.1.4, A.5.4, A.5.5)."));
        }

        return findings;
    }

    private static string Title(AssessmentFacts a) => a.UseCaseReference is null ? $"Impact assessment of {a.SystemReference}" : $"Impact assessment of {a.SystemReference} / {a.UseCaseReference}";
}
