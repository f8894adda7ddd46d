using Aims.Domain.Assurance;

namespace Aims.Data.Entities;

/// <summary>A gap assessment campaign (GA-n) against one framework of the catalog.</summary>
public sealed class GapAssessment : RegisterRecord
{
    public override string ReferencePrefix => "GA";

    public required string Title { get; set; }

    /// <summary>The catalog framework assessed, e.g. "iso42001".</summary>
    public string Framework { get; set; } = "iso42001";

    /// <summary>Who assesses, in words (names, roles or the audit firm).</summary>
    public string Assessors { get; set; } = "";

    public DateOnly? AssessedOn { get; set; }

    public AssessmentState Status { get; set; }

    public string Notes { get; set; } = "";
}

/// <summary>Where the organization stands on one requirement in one assessment, with the auditor's three questions.</summary>
public sealed class AssessmentResult : IOrganizationOwned, ILedgered, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid AssessmentId { get; set; }

    /// <summary>The requirement's id within the assessment's framework, e.g. "6.1.2" or "A.6.2.4".</summary>
    public required string RequirementId { get; set; }

    public ComplianceStatus Status { get; set; }

    public bool? InPlace { get; set; }

    public bool? Working { get; set; }

    public bool? Documented { get; set; }

    public string Notes { get; set; } = "";

    /// <summary>Procedure references (document ids), comma-separated.</summary>
    public string Procedures { get; set; } = "";

    /// <summary>Evidence references (record ids or evidence items), comma-separated.</summary>
    public string Evidence { get; set; } = "";

    public Guid? AssessorId { get; set; }

    public DateOnly? AssessedOn { get; set; }

    /// <summary>The requirement of another framework whose assessment this one started from, e.g. "iso27001:5.2 (GA-1)".</summary>
    public string CarriedOverFrom { get; set; } = "";

    public long Version { get; set; }
}

/// <summary>
/// A gap (GAP-n): a requirement assessed as not or partially compliant. Its predicted audit class, the rule and the
/// priority are kept current on write from the gap severity matrix.
/// </summary>
public sealed class Gap : RegisterRecord
{
    public override string ReferencePrefix => "GAP";

    public Guid AssessmentId { get; set; }

    /// <summary>The requirement, qualified: "iso42001:6.1.2".</summary>
    public required string Requirement { get; set; }

    public required string Title { get; set; }

    public GapState Status { get; set; }

    public ComplianceStatus Compliance { get; set; } = ComplianceStatus.NotCompliant;

    public GapCategory Category { get; set; }

    /// <summary>Whether the case is severe where the matrix grades severe cases higher (e.g. outdated impact assessments).</summary>
    public bool Severe { get; set; }

    public int InherentRisk { get; set; } = 3;

    public int RegulatoryExposure { get; set; } = 3;

    public int CustomerTrust { get; set; } = 3;

    public int Complexity { get; set; } = 3;

    public bool RequiredForCertification { get; set; }

    /// <summary>The predicted audit class as its wire name ("major-nonconformity"), filterable like any computed column.</summary>
    public string PredictedClass { get; set; } = "";

    public string ClassRule { get; set; } = "";

    public string CertificationImpact { get; set; } = "";

    public string Remediation { get; set; } = "";

    public int Priority { get; set; }
}

/// <summary>An action (ACT-n) that closes a gap or a nonconformity: owner, due date, definition of done, closure evidence.</summary>
public sealed class CorrectiveAction : RegisterRecord
{
    public override string ReferencePrefix => "ACT";

    public required string Title { get; set; }

    public Guid? GapId { get; set; }

    public Guid? NonconformityId { get; set; }

    public Guid? OwnerId { get; set; }

    public DateOnly? DueOn { get; set; }

    public ActionStatus Status { get; set; }

    public ActionPhase Phase { get; set; }

    public string DefinitionOfDone { get; set; } = "";

    public string ClosureEvidence { get; set; } = "";

    public DateOnly? CompletedOn { get; set; }
}

/// <summary>A nonconformity (NC-n) with the record 10.2 asks for; it closes only with evidence and an effective review.</summary>
public sealed class Nonconformity : RegisterRecord
{
    public override string ReferencePrefix => "NC";

    public required string Title { get; set; }

    public NonconformitySource Source { get; set; }

    public NonconformityClass Class { get; set; }

    /// <summary>The requirement not met, qualified ("iso42001:7.2"); may be empty for an operational event.</summary>
    public string Requirement { get; set; } = "";

    public Guid? GapId { get; set; }

    public string WhatHappened { get; set; } = "";

    public string Correction { get; set; } = "";

    public string Consequences { get; set; } = "";

    public string RootCause { get; set; } = "";

    public string SimilarElsewhere { get; set; } = "";

    public string CorrectiveActionTaken { get; set; } = "";

    public Guid? OwnerId { get; set; }

    public DateOnly? DueOn { get; set; }

    public DateOnly? ReviewedOn { get; set; }

    public Guid? ReviewerId { get; set; }

    public Effectiveness? Effectiveness { get; set; }

    public string AimsChange { get; set; } = "";

    public string ClosureEvidence { get; set; } = "";

    public NonconformityStatus Status { get; set; }
}

/// <summary>The organization's decision and traceability for one Annex A control in the Statement of Applicability.</summary>
public sealed class SoaEntry : IOrganizationOwned, ILedgered, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    /// <summary>The Annex A control, e.g. "A.6.2.4".</summary>
    public required string ControlId { get; set; }

    public ApplicabilityDecision Decision { get; set; }

    public IReadOnlyList<ApplicabilityDriver> Drivers { get; set; } = [];

    public string Justification { get; set; } = "";

    public ImplementationStatus Status { get; set; }

    public DateOnly? PlannedOn { get; set; }

    public string Procedure { get; set; } = "";

    public string Evidence { get; set; } = "";

    public Guid? ResponsibleId { get; set; }

    public long Version { get; set; }
}

/// <summary>The readiness score of one day, kept for the trend; derived, so not ledgered.</summary>
public sealed class ReadinessSnapshot : IOrganizationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public DateOnly Day { get; set; }

    public int Score { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
