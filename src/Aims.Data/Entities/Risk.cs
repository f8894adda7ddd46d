using Aims.Domain.Risk;

namespace Aims.Data.Entities;

/// <summary>
/// One version of an organization-wide settings document (the risk criteria, the impact assessment procedure). Each
/// change adds a version; the newest is in force, and records say which version scored them.
/// </summary>
public sealed class SettingsVersion : IOrganizationOwned, ILedgered
{
    public const string RiskCriteria = "risk-criteria";
    public const string ImpactProcedure = "impact-procedure";

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public required string Kind { get; set; }

    public int Number { get; set; }

    /// <summary>The document as JSON (the API's shape).</summary>
    public required string Json { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A control of the organization's own (CTL-n), optionally mapped to Annex A or another framework.</summary>
public sealed class OwnControl : RegisterRecord
{
    public override string ReferencePrefix => "CTL";

    public required string Name { get; set; }

    public string Description { get; set; } = "";

    public Guid? OwnerId { get; set; }

    /// <summary>Catalog requirements it answers, "framework:id" comma-separated, e.g. "iso42001:A.6.2.4,iso27001:A.8.1".</summary>
    public string Mapping { get; set; } = "";
}

/// <summary>An AI risk (6.1.2) with its treatment (6.1.3) and the acceptance of what remains.</summary>
public sealed class Risk : RegisterRecord
{
    public override string ReferencePrefix => "RISK";

    public required string Title { get; set; }

    public string Description { get; set; } = "";

    public RiskDimension Dimension { get; set; }

    /// <summary>Annex C risk source, e.g. "C.3.4".</summary>
    public string RiskSource { get; set; } = "";

    /// <summary>Annex C objectives affected, comma-separated, e.g. "C.2.5,C.2.7".</summary>
    public string Objectives { get; set; } = "";

    public ThreatCategory? Threat { get; set; }

    public Guid? OwnerId { get; set; }

    public int InherentLikelihood { get; set; }

    public int InherentImpact { get; set; }

    /// <summary>The criteria level of the inherent cell, kept current on write for filters and heat maps.</summary>
    public string InherentLevel { get; set; } = "";

    public TreatmentOption? Treatment { get; set; }

    public string TreatmentPlan { get; set; } = "";

    /// <summary>Annex A controls chosen, comma-separated ("A.6.2.4,A.7.4"); they feed the Statement of Applicability.</summary>
    public string AnnexAControls { get; set; } = "";

    public int? ResidualLikelihood { get; set; }

    public int? ResidualImpact { get; set; }

    public string ResidualLevel { get; set; } = "";

    /// <summary>The criteria version the levels were computed with.</summary>
    public int CriteriaVersion { get; set; }

    public DateOnly? NextReviewOn { get; set; }

    public DateTimeOffset? LastReviewedAt { get; set; }

    /// <summary>Why the risk must be reassessed (a linked record changed); empty once reviewed.</summary>
    public string ReassessmentReason { get; set; } = "";

    public Guid? AcceptedById { get; set; }

    public string AcceptedRole { get; set; } = "";

    public string AcceptedLevel { get; set; } = "";

    public DateTimeOffset? AcceptedAt { get; set; }

    public string AcceptanceRationale { get; set; } = "";
}

/// <summary>A review of a risk: who, when, what changed, what next (8.2).</summary>
public sealed class RiskReview : IOrganizationOwned, ILedgered
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid RiskId { get; set; }

    public Guid? ReviewedById { get; set; }

    public DateTimeOffset ReviewedAt { get; set; }

    public string Notes { get; set; } = "";

    /// <summary>What changed since the previous review, in words ("residual 3×4 → 2×4; controls A.7.4 added").</summary>
    public string Changes { get; set; } = "";

    public DateOnly? NextReviewOn { get; set; }
}

/// <summary>An AI system impact assessment (6.1.4, 8.4, A.5.2–A.5.5), with the Art. 27 FRIA fields where they bind.</summary>
public sealed class ImpactAssessment : RegisterRecord
{
    public override string ReferencePrefix => "IA";

    public Guid AiSystemId { get; set; }

    public Guid? UseCaseId { get; set; }

    public AssessmentTrigger Trigger { get; set; }

    public AssessmentStatus Status { get; set; }

    public Guid? OwnerId { get; set; }

    public DateOnly? DueOn { get; set; }

    public string IntendedPurpose { get; set; } = "";

    public string ForeseeableMisuse { get; set; } = "";

    public string AffectedIndividuals { get; set; } = "";

    public string AffectedGroups { get; set; } = "";

    public string AffectedSociety { get; set; } = "";

    public string Mitigations { get; set; } = "";

    public string ResidualImpact { get; set; } = "";

    /// <summary>Reference of a data protection impact assessment, never a substitute for this one.</summary>
    public string DpiaReference { get; set; } = "";

    public AssessmentDecision? Decision { get; set; }

    public Guid? DecidedById { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string DecisionRationale { get; set; } = "";

    /// <summary>The role an unacceptable residual impact was escalated to, when and why.</summary>
    public string EscalatedTo { get; set; } = "";

    public DateTimeOffset? EscalatedAt { get; set; }

    public DateOnly? CompletedOn { get; set; }

    public DateOnly? NextReviewOn { get; set; }

    // Art. 27(1)(a)–(f): the fundamental rights impact assessment of a deployer it binds.
    public string FriaProcesses { get; set; } = "";

    public string FriaPeriod { get; set; } = "";

    public string FriaAffected { get; set; } = "";

    public string FriaRisks { get; set; } = "";

    public string FriaOversight { get; set; } = "";

    public string FriaMeasures { get; set; } = "";
}

/// <summary>A harm considered in an impact assessment; it can raise a risk in the register, linked both ways.</summary>
public sealed class ImpactHarm : RegisterRecord
{
    public override string ReferencePrefix => "HARM";

    public Guid ImpactAssessmentId { get; set; }

    public HarmArea Area { get; set; }

    public required string Description { get; set; }

    public int Severity { get; set; }

    public int Likelihood { get; set; }

    public Reversibility Reversibility { get; set; }

    public HarmScale Scale { get; set; }

    public string Mitigation { get; set; } = "";

    public Guid? RiskId { get; set; }
}
