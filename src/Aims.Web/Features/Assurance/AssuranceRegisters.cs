using Aims.Data.Entities;
using Aims.Domain.Assurance;
using Aims.Web.Infrastructure.Registers;

namespace Aims.Web.Features.Assurance;

/// <summary>
/// The assurance area's registers: gap assessments (GA-n), the gaps they found (GAP-n), the action plan (ACT-n) and
/// nonconformities (NC-n). A gap's predicted audit class and priority are computed on write, never typed.
/// </summary>
public static class AssuranceRegisters
{
    public static readonly RegisterDefinition Assessments = new()
    {
        Name = "assessments", Singular = "gap assessment", Plural = "gap assessments", Prefix = "GA", Area = "assurance", Clauses = "4–10, Annex A",
        Intro = "Campaigns that assess every clause and control of a framework: in place, working, documented.",
        EmptyHint = "Start a gap assessment against ISO/IEC 42001 to see where you stand before the audit.",
        ClrType = typeof(GapAssessment), TitleField = "title",
        Query = db => db.GapAssessments, Create = () => new GapAssessment { Title = "" },
        Fields = new FieldsOf<GapAssessment>()
            .Text(a => a.Title, "Title", required: true, list: true)
            .Text(a => a.Framework, "Framework", required: true, max: 40, list: true, help: "The catalog framework assessed, e.g. iso42001 (clauses 4–10 and Annex A).")
            .Text(a => a.Assessors, "Assessors", max: 300, list: true, help: "Names or roles of the people assessing.")
            .Date(a => a.AssessedOn, "Date", list: true)
            .Enum((GapAssessment a) => a.Status, "Status", list: true)
            .LongText(a => a.Notes, "Notes", max: 4000)
            .All,
        CheckAsync = AssessmentResults.CheckAssessmentAsync,
        Derived = [new("progress", "Progress", AssessmentResults.ProgressAsync)],
    };

    public static readonly RegisterDefinition Gaps = new()
    {
        Name = "gaps", Singular = "gap", Plural = "gaps", Prefix = "GAP", Area = "assurance", Clauses = "6.1.3, 10.2",
        Intro = "Requirements assessed as not or partially compliant, with the audit class they would get if still open at the certification audit.",
        EmptyHint = "Gaps appear here when an assessment marks a requirement not or partially compliant.",
        ClrType = typeof(Gap), TitleField = "title",
        Query = db => db.Gaps, Create = () => new Gap { Title = "", Requirement = "" },
        Fields = new FieldsOf<Gap>()
            .RequiredReference(g => g.AssessmentId, "Assessment", "assessment", "assessments", list: true)
            .Requirement(g => g.Requirement, "Requirement", null, null, list: true, help: "Written framework:id, e.g. iso42001:6.1.2.")
            .Text(g => g.Title, "Title", required: true, max: 300, list: true)
            .Enum((Gap g) => g.Status, "Status", list: true)
            .Enum((Gap g) => g.Compliance, "Assessed as", help: "Not or partially compliant; set from the assessment.")
            .Enum((Gap g) => g.Category, "Category", list: true)
            .Bool(g => g.Severe, "Severe case", help: "Where the severity matrix grades severe cases higher, e.g. an outdated impact assessment of severe impacts.")
            .Number(g => g.InherentRisk, "Inherent risk", 1, 5, help: "1 (low) to 5 (high).")
            .Number(g => g.RegulatoryExposure, "Regulatory exposure", 1, 5)
            .Number(g => g.CustomerTrust, "Customer-trust impact", 1, 5)
            .Number(g => g.Complexity, "Implementation complexity", 1, 5, help: "Complex work starts first: it raises priority.")
            .Bool(g => g.RequiredForCertification, "Required for certification", list: true)
            .Computed(g => g.PredictedClass, "Predicted audit class", list: true)
            .ComputedNumber(g => g.Priority, "Priority", list: true)
            .Computed(g => g.ClassRule, "Rule applied")
            .Computed(g => g.CertificationImpact, "Certification impact")
            .Computed(g => g.Remediation, "Typical remediation")
            .All,
        CheckAsync = GapClassifier.CheckAsync,
        AfterApplyAsync = GapClassifier.AfterApplyAsync,
        Rules = r => ((Gap)r).Compliance is ComplianceStatus.Compliant or ComplianceStatus.NotApplicable
            ? [("compliance", "a gap is a requirement assessed not-compliant or partially-compliant")]
            : [],
    };

    public static readonly RegisterDefinition Actions = new()
    {
        Name = "actions", Singular = "action", Plural = "actions", Prefix = "ACT", Area = "assurance", Clauses = "6.1.3, 10.2",
        Intro = "The action plan: who closes which gap or nonconformity by when, what done means, and the evidence that it is.",
        EmptyHint = "Turn a gap into an action from the gap's page, or add one here.",
        ClrType = typeof(CorrectiveAction), TitleField = "title",
        Query = db => db.CorrectiveActions, Create = () => new CorrectiveAction { Title = "" },
        Fields = new FieldsOf<CorrectiveAction>()
            .Text(a => a.Title, "Title", required: true, max: 300, list: true)
            .Reference(a => a.GapId, "Gap", "gap", "gaps", list: true)
            .Reference(a => a.NonconformityId, "Nonconformity", "nonconformity", "nonconformities", list: true)
            .Person(a => a.OwnerId, "Owner", "owner", list: true)
            .Date(a => a.DueOn, "Due", list: true)
            .Enum((CorrectiveAction a) => a.Status, "Status", list: true)
            .Enum((CorrectiveAction a) => a.Phase, "Phase", list: true, help: "Where it falls in the 90-day countdown to Stage 2.")
            .LongText(a => a.DefinitionOfDone, "Definition of done", max: 2000)
            .LongText(a => a.ClosureEvidence, "Closure evidence", max: 2000, help: "References of the records that show it is done.")
            .Date(a => a.CompletedOn, "Completed")
            .All,
        Derived = [new("overdue", "Overdue", ActionPlan.OverdueAsync)],
        ExtraFilters = [ActionPlan.OverdueFilter],
        Rules = r =>
        {
            var action = (CorrectiveAction)r;
            var rules = new List<(string, string)>();
            if (action.Status == ActionStatus.Done && string.IsNullOrWhiteSpace(action.ClosureEvidence))
            {
                rules.Add(("closureEvidence", "is required to mark the action done"));
            }

            if (action.Status == ActionStatus.Done && action.CompletedOn is null)
            {
                rules.Add(("completedOn", "is required to mark the action done"));
            }

            if (action.CompletedOn > AssuranceSettings.Today)
            {
                rules.Add(("completedOn", "must not be in the future"));
            }

            if (action.Status != ActionStatus.Done && action.CompletedOn is not null)
            {
                rules.Add(("completedOn", "is given only for an action that is done"));
            }

            return rules;
        },
    };

    public static readonly RegisterDefinition Nonconformities = new()
    {
        Name = "nonconformities", Singular = "nonconformity", Plural = "nonconformities", Prefix = "NC", Area = "assurance", Clauses = "10.2",
        Intro = "Nonconformities once the AIMS operates, with correction, root cause, corrective action and a review of its effectiveness.",
        EmptyHint = "Raise a nonconformity from a gap once the AIMS operates, or record one found in operation.",
        ClrType = typeof(Nonconformity), TitleField = "title",
        Query = db => db.Nonconformities, Create = () => new Nonconformity { Title = "" },
        Fields = new FieldsOf<Nonconformity>()
            .Text(n => n.Title, "Title", required: true, max: 300, list: true)
            .Enum((Nonconformity n) => n.Source, "Source", list: true)
            .Enum((Nonconformity n) => n.Class, "Class", list: true)
            .Requirement(n => n.Requirement, "Requirement", null, null, list: true, help: "Written framework:id, e.g. iso42001:7.2.")
            .Reference(n => n.GapId, "Gap", "gap", "gaps")
            .LongText(n => n.WhatHappened, "What happened", required: true, max: 4000)
            .LongText(n => n.Correction, "Correction and consequences dealt with", max: 4000)
            .LongText(n => n.Consequences, "Consequences", max: 2000)
            .LongText(n => n.RootCause, "Root cause", max: 4000)
            .LongText(n => n.SimilarElsewhere, "Similar nonconformities elsewhere", max: 2000, help: "Whether similar ones exist or could occur.")
            .LongText(n => n.CorrectiveActionTaken, "Corrective action", max: 4000)
            .Person(n => n.OwnerId, "Owner", "owner", list: true)
            .Date(n => n.DueOn, "Due", list: true)
            .Date(n => n.ReviewedOn, "Effectiveness reviewed on")
            .Person(n => n.ReviewerId, "Effectiveness reviewer", "reviewer")
            .OptionalEnum((Nonconformity n) => n.Effectiveness, "Effectiveness")
            .LongText(n => n.AimsChange, "Change to the AIMS", max: 2000)
            .LongText(n => n.ClosureEvidence, "Closure evidence", max: 2000)
            .Enum((Nonconformity n) => n.Status, "Status", list: true)
            .All,
        CheckAsync = NonconformityRules.CheckAsync,
        Rules = NonconformityRules.Rules,
    };

    public static readonly IReadOnlyList<RegisterDefinition> All = [Assessments, Gaps, Actions, Nonconformities];
}
