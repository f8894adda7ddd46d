namespace Aims.Domain.Assurance;

/// <summary>Where an organization stands on one requirement in a gap assessment.</summary>
public enum ComplianceStatus
{
    Compliant,
    PartiallyCompliant,
    NotCompliant,
    NotApplicable,
}

public enum GapCategory
{
    Operational,
    Technical,
    Policy,
    Compliance,
}

/// <summary>How a certification auditor would grade a gap still open at the audit, least severe first.</summary>
public enum AuditClass
{
    Observation,
    MinorNonconformity,
    MajorNonconformity,
}

public enum AssessmentState
{
    Planned,
    InProgress,
    Completed,
}

public enum GapState
{
    Open,
    Closed,
}

public enum ActionStatus
{
    NotStarted,
    InProgress,
    Done,
    Cancelled,
}

/// <summary>The three stretches of the 90-day countdown to Stage 2.</summary>
public enum ActionPhase
{
    Documentation,
    ProcessHardening,
    CorrectionAndRehearsal,
}

/// <summary>Where a nonconformity was found (10.2).</summary>
public enum NonconformitySource
{
    GapAssessment,
    InternalAudit,
    ExternalAudit,
    Operation,
    Complaint,
}

public enum NonconformityClass
{
    Minor,
    Major,
}

public enum NonconformityStatus
{
    Open,
    CorrectiveActionTaken,
    Closed,
}

/// <summary>How far a Statement of Applicability control is implemented.</summary>
public enum ImplementationStatus
{
    NotStarted,
    Planned,
    PartiallyImplemented,
    Implemented,
}

/// <summary>What makes a control applicable beside the risk treatment (6.1.3).</summary>
public enum ApplicabilityDriver
{
    Legal,
    Contractual,
    Policy,
    Stakeholder,
}

/// <summary>The organization's decision on a control; "derived" follows the risk treatment.</summary>
public enum ApplicabilityDecision
{
    Derived,
    Applicable,
    Excluded,
}

/// <summary>The verdict of a nonconformity's effectiveness review (10.2).</summary>
public enum Effectiveness
{
    Effective,
    NotEffective,
}
