namespace Aims.Domain.Assurance;

/// <summary>An open gap as the plan sees it.</summary>
public sealed record PlanGap(string Reference, string RequirementId, string Title, GapCategory Category, AuditClass Class);

/// <summary>The certification targets and the dated records the plan checks (report references live with them).</summary>
public sealed record CertificationDates(DateOnly? Stage1, DateOnly? Stage2, DateOnly? InternalAuditCompletedOn, DateOnly? ManagementReviewCompletedOn);

public sealed record PlanItem(string Text, string? Reference, bool Done);

public sealed record PlanPhase(ActionPhase Phase, string Title, DateOnly From, DateOnly To, IReadOnlyList<PlanItem> Items);

public sealed record CountdownPlan(DateOnly? Start, int? DaysToStage2, IReadOnlyList<PlanPhase> Phases, IReadOnlyList<string> Warnings);

/// <summary>
/// The 90 days before Stage 2: days 1–30 documentation, 31–60 process hardening with the internal audit and the
/// management review, 61–90 corrective actions on what they found, evidence collection and rehearsal.
/// </summary>
public static class Countdown
{
    public const int Days = 90;
    public const int InternalAuditLeadDays = 60;

    private static readonly string[] DocumentationRequirements = ["4.3", "5.2", "5.3", "6.1.3", "6.2", "7.5"];
    private static readonly string[] ProcessRequirements = ["6.1.1", "6.1.2", "6.1.4", "7.2", "8", "9.1", "A.5"];

    /// <summary>Policy, SoA traceability and objectives first; risk, impact and competence work in the middle.</summary>
    public static ActionPhase PhaseOf(string requirementId, GapCategory category)
    {
        static bool Under(string id, string[] roots) => roots.Any(r => id == r || id.StartsWith(r + ".", StringComparison.Ordinal));
        if (Under(requirementId, DocumentationRequirements))
        {
            return ActionPhase.Documentation;
        }

        if (Under(requirementId, ProcessRequirements))
        {
            return ActionPhase.ProcessHardening;
        }

        return category is GapCategory.Policy or GapCategory.Compliance ? ActionPhase.Documentation : ActionPhase.ProcessHardening;
    }

    public static CountdownPlan Build(DateOnly today, CertificationDates dates, IReadOnlyList<PlanGap> openGaps, int openMajorNonconformities, int soaRowsNotReady)
    {
        var warnings = new List<string>();
        if (dates.Stage2 is not { } stage2)
        {
            warnings.Add("Set a target Stage 2 date to get the 90-day plan.");
            Common(warnings, openMajorNonconformities, soaRowsNotReady);
            return new CountdownPlan(null, null, [], warnings);
        }

        var start = stage2.AddDays(-Days);
        var daysLeft = stage2.DayNumber - today.DayNumber;
        if (dates.Stage1 is { } stage1 && stage1 >= stage2)
        {
            warnings.Add($"Stage 1 ({stage1:yyyy-MM-dd}) must come before Stage 2 ({stage2:yyyy-MM-dd}).");
        }

        var auditBy = stage2.AddDays(-InternalAuditLeadDays);
        if (dates.InternalAuditCompletedOn is not { } audited || audited > auditBy)
        {
            warnings.Add($"The internal audit is not completed at least {InternalAuditLeadDays} days before Stage 2 (by {auditBy:yyyy-MM-dd}).");
        }

        if (dates.ManagementReviewCompletedOn is null)
        {
            warnings.Add("The management review is not completed.");
        }

        if (daysLeft < 0)
        {
            warnings.Add($"The Stage 2 date ({stage2:yyyy-MM-dd}) has passed.");
        }
        else if (daysLeft < Days)
        {
            warnings.Add($"Only {daysLeft} days remain before Stage 2; the countdown started on {start:yyyy-MM-dd}.");
        }

        Common(warnings, openMajorNonconformities, soaRowsNotReady);
        var gaps = openGaps.OrderByDescending(g => g.Class).ThenBy(g => Number(g.Reference)).ThenBy(g => g.Reference, StringComparer.Ordinal).ToList();
        List<PlanItem> Of(ActionPhase phase) => [.. gaps.Where(g => PhaseOf(g.RequirementId, g.Category) == phase).Select(g => new PlanItem($"{g.RequirementId} {g.Title}", g.Reference, false))];

        var documentation = Of(ActionPhase.Documentation);
        documentation.Add(new PlanItem("Every applicable SoA row traceable to a procedure, evidence and a responsible person", null, soaRowsNotReady == 0));
        var process = Of(ActionPhase.ProcessHardening);
        process.Add(new PlanItem($"Internal audit (9.2) completed with its report by {auditBy:yyyy-MM-dd}, {InternalAuditLeadDays} days before Stage 2 (the start of this phase)", null, dates.InternalAuditCompletedOn is { } a && a <= auditBy));
        process.Add(new PlanItem("Management review (9.3) completed with its minutes", null, dates.ManagementReviewCompletedOn is not null));
        var correction = new List<PlanItem>
        {
            new("Corrective actions on the internal audit and management review findings", null, openMajorNonconformities == 0 && dates.InternalAuditCompletedOn is not null),
            new("Evidence collected for every applicable control", null, soaRowsNotReady == 0),
            new("Rehearsal: mock auditor interviews with control owners", null, false),
            new("Top-management briefing on the audit and their part in it", null, false),
        };
        return new CountdownPlan(start, daysLeft, [
            new(ActionPhase.Documentation, "Days 1–30: documentation", start, start.AddDays(29), documentation),
            new(ActionPhase.ProcessHardening, "Days 31–60: process hardening, internal audit and management review", start.AddDays(30), start.AddDays(59), process),
            new(ActionPhase.CorrectionAndRehearsal, "Days 61–90: corrective actions, evidence and rehearsal", start.AddDays(60), stage2.AddDays(-1), correction),
        ], warnings);
    }

    private static long Number(string reference) =>
        long.TryParse(reference.AsSpan(reference.LastIndexOf('-') + 1), out var n) ? n : long.MaxValue;

    private static void Common(List<string> warnings, int openMajor, int notReady)
    {
        if (openMajor > 0)
        {
            warnings.Add($"{openMajor} major nonconformit{(openMajor == 1 ? "y is" : "ies are")} open.");
        }

        if (notReady > 0)
        {
            warnings.Add($"{notReady} SoA row{(notReady == 1 ? " is" : "s are")} not audit-ready.");
        }
    }
}
