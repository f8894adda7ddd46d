namespace Aims.Domain.Assurance;

/// <summary>
/// The organization's certification targets and the dated records of the internal audit and the management review
/// (with their report references; the audit and review modules will hold the reports themselves later).
/// </summary>
public sealed record CertificationPlan(
    DateOnly? Stage1,
    DateOnly? Stage2,
    DateOnly? AimsOperatingSince,
    DateOnly? InternalAuditCompletedOn,
    string InternalAuditReport,
    DateOnly? ManagementReviewCompletedOn,
    string ManagementReviewReport)
{
    public static CertificationPlan Empty { get; } = new(null, null, null, null, "", null, "");

    public CertificationDates Dates => new(Stage1, Stage2, InternalAuditCompletedOn, ManagementReviewCompletedOn);

    /// <summary>Whether the AIMS operates on the day: from then on, a gap found is a nonconformity.</summary>
    public bool Operates(DateOnly day) => AimsOperatingSince is { } since && since <= day;

    public Dictionary<string, string[]> Validate(DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        Record(errors, "internalAudit", InternalAuditCompletedOn, InternalAuditReport, today);
        Record(errors, "managementReview", ManagementReviewCompletedOn, ManagementReviewReport, today);
        if (AimsOperatingSince > today)
        {
            errors["aimsOperatingSince"] = ["must not be in the future: the AIMS operates from a day that has come"];
        }

        return errors;
    }

    private static void Record(Dictionary<string, string[]> errors, string name, DateOnly? on, string report, DateOnly today)
    {
        if (on is { } done && done > today)
        {
            errors[name + "CompletedOn"] = ["must not be in the future: record it once it is completed"];
        }

        if (on is not null && string.IsNullOrWhiteSpace(report))
        {
            errors[name + "Report"] = ["is required with the completion date: the reference of the report or minutes"];
        }
        else if (report.Length > 200)
        {
            errors[name + "Report"] = ["must be at most 200 characters"];
        }
        else if (on is null && report.Length > 0)
        {
            errors[name + "CompletedOn"] = ["is required with a report reference"];
        }
    }
}
