namespace Aims.Domain.Assurance;

/// <summary>
/// One row of the gap severity matrix: how an auditor grades a gap on a requirement (an id such as "6.1.2", every
/// requirement under it such as "A.5", or "*" for any) if it were still open at the certification audit.
/// </summary>
public sealed record GapRule(
    string Requirement,
    string Finding,
    AuditClass NotCompliant,
    AuditClass PartiallyCompliant,
    AuditClass? WhenSevere,
    string CertificationImpact,
    int RemediationWeeksMin,
    int RemediationWeeksMax)
{
    public bool Matches(string requirementId) =>
        Requirement == "*" || requirementId == Requirement || requirementId.StartsWith(Requirement + ".", StringComparison.Ordinal);

    public string Remediation => RemediationWeeksMin == RemediationWeeksMax
        ? $"{RemediationWeeksMin} week{(RemediationWeeksMin == 1 ? "" : "s")}"
        : $"{RemediationWeeksMin}–{RemediationWeeksMax} weeks";
}

/// <summary>What the matrix needs to know about a gap.</summary>
public sealed record GapFacts(string RequirementId, ComplianceStatus Status, bool Severe, bool PlannedWithOwnerAndDate);

/// <summary>The predicted audit class of a gap, with the rule that gave it, shown to the user as it is.</summary>
public sealed record GapClassification(AuditClass Class, string Rule, string CertificationImpact, string Remediation, int RemediationWeeksMax);

/// <summary>How much each factor weighs in a gap's priority, in percent (they add up to 100).</summary>
public sealed record PriorityWeights(int InherentRisk, int RegulatoryExposure, int CustomerTrust, int Complexity)
{
    public static PriorityWeights Default { get; } = new(35, 30, 20, 15);

    public int Total => InherentRisk + RegulatoryExposure + CustomerTrust + Complexity;
}

/// <summary>
/// The organization's gap severity matrix (editable; <see cref="Default"/> holds the rules certification auditors
/// commonly apply) and the priority weights. The most specific matching rule wins.
/// </summary>
public sealed record GapSeverityMatrix(IReadOnlyList<GapRule> Rules, PriorityWeights Weights)
{
    public GapClassification Classify(GapFacts gap)
    {
        var rule = Rules.Where(r => r.Matches(gap.RequirementId)).OrderByDescending(r => r.Requirement == "*" ? -1 : r.Requirement.Length).FirstOrDefault()
            ?? new GapRule("*", "Requirement not met", AuditClass.MinorNonconformity, AuditClass.Observation, null, "Must be corrected before certification can be recommended.", 1, 4);
        var grade = gap.Status == ComplianceStatus.PartiallyCompliant ? rule.PartiallyCompliant : rule.NotCompliant;
        var why = $"{rule.Requirement}: {rule.Finding} → {Name(grade)} when {(gap.Status == ComplianceStatus.PartiallyCompliant ? "partially compliant" : "not compliant")}";
        if (gap.Severe && rule.WhenSevere is { } severe && severe > grade)
        {
            grade = severe;
            why += $"; {Name(severe)} for a severe case";
        }

        if (grade == AuditClass.MajorNonconformity && gap.PlannedWithOwnerAndDate)
        {
            grade = AuditClass.MinorNonconformity;
            why += "; planned with an owner and a date, so not a major";
        }

        return new GapClassification(grade, why, rule.CertificationImpact, rule.Remediation, rule.RemediationWeeksMax);
    }

    public static string Name(AuditClass grade) => grade switch
    {
        AuditClass.MajorNonconformity => "major nonconformity",
        AuditClass.MinorNonconformity => "minor nonconformity",
        _ => "observation",
    };

    /// <summary>What is wrong with the matrix (field -> rules).</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        var problems = new List<string>();
        if (Rules.Count is 0 or > 200)
        {
            problems.Add("must have 1 to 200 rules");
        }

        foreach (var (rule, i) in Rules.Select((r, i) => (r, i)))
        {
            if (rule is null)
            {
                problems.Add($"rule {i + 1}: is empty");
                continue;
            }

            if (string.IsNullOrWhiteSpace(rule.Requirement) || rule.Requirement.Length > 40 || rule.Requirement.Any(char.IsWhiteSpace))
            {
                problems.Add($"rule {i + 1}: requirement must be an id such as 6.1.2 or A.5, or *");
            }

            if (string.IsNullOrWhiteSpace(rule.Finding) || rule.Finding.Length > 200 || rule.CertificationImpact is null || rule.CertificationImpact.Length > 500)
            {
                problems.Add($"rule {i + 1}: finding is required (≤ 200 characters); certification impact ≤ 500");
            }

            if (rule.RemediationWeeksMin < 0 || rule.RemediationWeeksMax < rule.RemediationWeeksMin || rule.RemediationWeeksMax > 104)
            {
                problems.Add($"rule {i + 1}: remediation weeks must satisfy 0 ≤ min ≤ max ≤ 104");
            }
        }

        if (Rules.Where(r => r is not null).GroupBy(r => r.Requirement).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            problems.Add($"requirement {twice.Key} has more than one rule");
        }

        if (problems.Count > 0)
        {
            errors["rules"] = [.. problems.Take(10)];
        }

        if (Weights is null)
        {
            errors["weights"] = ["is required"];
        }
        else if (new[] { Weights.InherentRisk, Weights.RegulatoryExposure, Weights.CustomerTrust, Weights.Complexity }.Any(w => w is < 0 or > 100) || Weights.Total != 100)
        {
            errors["weights"] = [$"must be percentages from 0 to 100 that add up to 100 (they add up to {(long)Weights.InherentRisk + Weights.RegulatoryExposure + Weights.CustomerTrust + Weights.Complexity})"];
        }

        return errors;
    }

    public static GapSeverityMatrix Default { get; } = new(
        [
            new("5.2", "AI policy missing or inadequate", AuditClass.MajorNonconformity, AuditClass.MajorNonconformity, null, "Certification cannot be recommended without an AI policy.", 1, 2),
            new("6.1.2", "AI risk assessment not conducted", AuditClass.MajorNonconformity, AuditClass.MinorNonconformity, null, "Blocks certification: the SoA and the treatment rest on it.", 3, 6),
            new("6.2", "No measurable AI objectives", AuditClass.MajorNonconformity, AuditClass.MajorNonconformity, null, "Blocks certification: performance cannot be evaluated.", 1, 2),
            new("7.2", "Competence records incomplete", AuditClass.MinorNonconformity, AuditClass.MinorNonconformity, null, "Correction plan needed before the certificate is issued.", 1, 1),
            new("6.1.3", "Applicable SoA controls neither implemented nor planned with an owner and date", AuditClass.MajorNonconformity, AuditClass.MinorNonconformity, null, "Blocks certification until every applicable control is implemented or planned.", 4, 8),
            new("A.5", "Impact assessment outdated", AuditClass.MinorNonconformity, AuditClass.MinorNonconformity, AuditClass.MajorNonconformity, "Minor; major where the outdated assessment concerns severe impacts.", 2, 4),
            new("9.3", "Management review records weak", AuditClass.MinorNonconformity, AuditClass.MinorNonconformity, null, "Correction plan needed before the certificate is issued.", 1, 1),
            new("9.2", "Internal audit not completed", AuditClass.MajorNonconformity, AuditClass.MinorNonconformity, null, "Stage 2 needs a completed internal audit cycle.", 3, 6),
            new("*", "Requirement not met", AuditClass.MinorNonconformity, AuditClass.Observation, null, "Must be corrected or planned before certification.", 1, 4),
        ],
        PriorityWeights.Default);
}
