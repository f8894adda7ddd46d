namespace Aims.Domain.Assurance;

/// <summary>A requirement of the framework and its latest assessed status (none: not assessed yet).</summary>
public sealed record RequirementStanding(string RequirementId, ComplianceStatus? Status);

public sealed record OpenNonconformity(string? RequirementId, NonconformityClass Class);

/// <summary>A clause (4–10) or an Annex A area (A.2–A.10) and its score 0–100.</summary>
public sealed record GroupScore(string Id, string Title, int Score, int Assessed, int Requirements, int SoaReady, int SoaRows, int Penalty);

public sealed record ReadinessReport(int Score, IReadOnlyList<GroupScore> Clauses, IReadOnlyList<GroupScore> Areas, int OpenMajor, int OpenMinor, int OverdueActions, int Penalty);

/// <summary>
/// The readiness score. Each requirement earns credit from its latest assessment (compliant 1, partially 0.5, not
/// compliant or not assessed 0; not applicable leaves it out). A clause scores its mean credit; an Annex A area scores
/// half its mean credit and half the share of its SoA rows that are audit-ready. Overall is the mean over all
/// requirements of those group scores. Open nonconformities take 10 (major) or 3 (minor) points off overall and off
/// the group of their requirement, and each overdue action 1 point off overall (at most 20); scores stay within 0–100.
/// </summary>
public static class Readiness
{
    public const int MajorPenalty = 10;
    public const int MinorPenalty = 3;
    public const int OverdueActionPenalty = 1;
    public const int MaxOverduePenalty = 20;

    /// <summary>"6.1.2" → "6"; "A.6.2.4" → "A.6".</summary>
    public static string GroupOf(string requirementId)
    {
        var parts = requirementId.Split('.');
        return parts[0] == "A" && parts.Length > 1 ? "A." + parts[1] : parts[0];
    }

    public static ReadinessReport Compute(
        IReadOnlyList<RequirementStanding> requirements,
        IReadOnlyList<SoaRow> soa,
        IReadOnlyList<OpenNonconformity> nonconformities,
        int overdueActions,
        IReadOnlyDictionary<string, string> groupTitles)
    {
        var soaByArea = soa.GroupBy(r => r.Area).ToDictionary(g => g.Key, g => (Ready: g.Count(r => r.AuditReady), Rows: g.Count()));
        var penaltyByGroup = nonconformities.Where(n => n.RequirementId is not null)
            .GroupBy(n => GroupOf(n.RequirementId!))
            .ToDictionary(g => g.Key, g => g.Sum(Penalty));
        var groups = new List<(GroupScore Score, int Weight, double Raw)>();
        foreach (var group in requirements.GroupBy(r => GroupOf(r.RequirementId)))
        {
            var counted = group.Where(r => r.Status != ComplianceStatus.NotApplicable).ToList();
            var credit = counted.Count == 0 ? 1.0 : counted.Sum(r => Credit(r.Status)) / counted.Count;
            var isArea = group.Key.StartsWith("A.", StringComparison.Ordinal);
            var (ready, rows) = soaByArea.GetValueOrDefault(group.Key);
            var raw = isArea ? (0.5 * credit) + (0.5 * (rows == 0 ? 0 : (double)ready / rows)) : credit;
            var penalty = penaltyByGroup.GetValueOrDefault(group.Key);
            var score = Clamp((int)Math.Round(raw * 100, MidpointRounding.AwayFromZero) - penalty);
            // A group wholly not applicable weighs nothing; penalties are taken once, from overall, not through the groups.
            groups.Add((new GroupScore(group.Key, groupTitles.GetValueOrDefault(group.Key, group.Key), score, group.Count(r => r.Status is not null), group.Count(), ready, rows, penalty), counted.Count, raw * 100));
        }

        var weight = groups.Sum(g => g.Weight);
        var baseScore = weight == 0 ? 0 : groups.Sum(g => g.Raw * g.Weight) / weight;
        var majors = nonconformities.Count(n => n.Class == NonconformityClass.Major);
        var minors = nonconformities.Count - majors;
        var overall = (majors * MajorPenalty) + (minors * MinorPenalty) + Math.Min(MaxOverduePenalty, overdueActions * OverdueActionPenalty);
        var ordered = groups.Select(g => g.Score).OrderBy(g => g.Id.StartsWith("A.", StringComparison.Ordinal)).ThenBy(g => SortKey(g.Id)).ToList();
        return new ReadinessReport(
            Clamp((int)Math.Round(baseScore, MidpointRounding.AwayFromZero) - overall),
            [.. ordered.Where(g => !g.Id.StartsWith("A.", StringComparison.Ordinal))],
            [.. ordered.Where(g => g.Id.StartsWith("A.", StringComparison.Ordinal))],
            majors,
            minors,
            overdueActions,
            overall);
    }

    private static int Penalty(OpenNonconformity n) => n.Class == NonconformityClass.Major ? MajorPenalty : MinorPenalty;

    private static double Credit(ComplianceStatus? status) => status switch
    {
        ComplianceStatus.Compliant => 1,
        ComplianceStatus.PartiallyCompliant => 0.5,
        _ => 0,
    };

    private static int SortKey(string id) => int.TryParse(id.StartsWith("A.", StringComparison.Ordinal) ? id[2..] : id, out var n) ? n : int.MaxValue;

    private static int Clamp(int score) => Math.Clamp(score, 0, 100);
}
