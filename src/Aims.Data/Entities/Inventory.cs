using Aims.Domain.Inventory;

namespace Aims.Data.Entities;

/// <summary>An AI system of the organization (A.4.2, 4.3).</summary>
public sealed class AiSystem : RegisterRecord
{
    public override string ReferencePrefix => "SYS";

    public required string Name { get; set; }

    /// <summary>Purpose and intended use.</summary>
    public string Purpose { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>The business owner: a person, who may not yet be a member (then listed as a person to invite).</summary>
    public Guid? OwnerId { get; set; }

    public string BusinessUnit { get; set; } = "";

    public LifecycleStage Stage { get; set; }

    public Sourcing Sourcing { get; set; }

    /// <summary>EU AI Act operator roles, kept apart from <see cref="AiRoles"/>.</summary>
    public IReadOnlyList<OperatorRole> OperatorRoles { get; set; } = [];

    /// <summary>ISO/IEC 22989 AI roles.</summary>
    public IReadOnlyList<AiRole> AiRoles { get; set; } = [];

    public AutonomyLevel Autonomy { get; set; }

    public OversightMode Oversight { get; set; }

    public bool InScope { get; set; } = true;

    /// <summary>Why a system is outside the AIMS scope; required when <see cref="InScope"/> is false (4.3).</summary>
    public string ScopeJustification { get; set; } = "";

    public int ReviewEveryMonths { get; set; } = 12;

    public DateOnly? LastReviewedOn { get; set; }
}

/// <summary>One use of an AI system; classified under the EU AI Act on its own.</summary>
public sealed class UseCase : RegisterRecord
{
    public override string ReferencePrefix => "UC";

    public Guid AiSystemId { get; set; }

    public required string Name { get; set; }

    public string Description { get; set; } = "";

    /// <summary>Who is affected by the outputs (customers, applicants, employees, the public).</summary>
    public string AffectedPersons { get; set; } = "";

    /// <summary>The questionnaire's answers as JSON; null while the use case is not classified.</summary>
    public string? Answers { get; set; }

    /// <summary>The regimes the rules derived from <see cref="Answers"/>, kept for filtering; recomputed on every answer.</summary>
    public string ComputedRegimes { get; set; } = "";

    public string RulesVersion { get; set; } = "";

    /// <summary>A person's override of the computed regimes; only with <see cref="OverrideJustification"/>.</summary>
    public string? OverrideRegimes { get; set; }

    public string OverrideJustification { get; set; } = "";

    public Guid? OverriddenById { get; set; }

    public DateTimeOffset? OverriddenAt { get; set; }

    /// <summary>When an impact assessment (A.5, 6.1.4) is planned for; a high-risk use case needs one.</summary>
    public DateOnly? ImpactAssessmentDue { get; set; }
}

/// <summary>A model the organization builds, fine-tunes or obtains.</summary>
public sealed class AiModel : RegisterRecord
{
    public override string ReferencePrefix => "MOD";

    public required string Name { get; set; }

    public string Description { get; set; } = "";

    public Guid? SupplierId { get; set; }

    /// <summary>A general-purpose AI model the organization provides (EU AI Act Art. 51–55); not a use-case tier.</summary>
    public bool GeneralPurpose { get; set; }

    /// <summary>A general-purpose model with systemic risk (Art. 51(1)), bringing Art. 55.</summary>
    public bool SystemicRisk { get; set; }
}

/// <summary>A version of a model: what was trained when, with which result, and where the artifact is.</summary>
public sealed class ModelVersion : RegisterRecord
{
    public override string ReferencePrefix => "MV";

    public Guid ModelId { get; set; }

    /// <summary>The version's name, unique within its model, e.g. "3.2.0".</summary>
    public required string Label { get; set; }

    public string Framework { get; set; } = "";

    public DateOnly? TrainedOn { get; set; }

    /// <summary>Metric name -> value as a canonical JSON object, e.g. {"auc":0.81}.</summary>
    public string Metrics { get; set; } = "{}";

    public string ArtifactUri { get; set; } = "";

    /// <summary>"sha256:" and 64 hex digits.</summary>
    public string ArtifactDigest { get; set; } = "";
}

public sealed class Dataset : RegisterRecord
{
    public override string ReferencePrefix => "DS";

    public required string Name { get; set; }

    public string Description { get; set; } = "";

    public IReadOnlyList<DatasetPurpose> Purposes { get; set; } = [];

    public string Source { get; set; } = "";

    public Guid? OwnerId { get; set; }

    public Guid? SupplierId { get; set; }

    public bool PersonalData { get; set; }

    public bool SpecialCategoryData { get; set; }

    /// <summary>Where the data came from and how it was obtained (A.7.5); parents are links.</summary>
    public string Provenance { get; set; } = "";

    public string DataVersion { get; set; } = "";

    public string Digest { get; set; } = "";

    public string QualityChecks { get; set; } = "";
}

/// <summary>A third party supplying AI systems, models, data or services (A.10.2, A.10.3).</summary>
public sealed class Supplier : RegisterRecord
{
    public override string ReferencePrefix => "SUP";

    public required string Name { get; set; }

    public string Supplies { get; set; } = "";

    public string ContractReference { get; set; } = "";

    /// <summary>How responsibilities are allocated between the organization and the supplier (A.10.2).</summary>
    public string Responsibilities { get; set; } = "";

    public DateOnly? LastReviewedOn { get; set; }
}

public sealed class DataFlow : RegisterRecord
{
    public override string ReferencePrefix => "FLOW";

    public Guid? AiSystemId { get; set; }

    public required string Source { get; set; }

    public required string Destination { get; set; }

    public string Data { get; set; } = "";

    public bool PersonalData { get; set; }
}

/// <summary>Computing and tooling resources (A.4.4, A.4.5).</summary>
public sealed class AiResource : RegisterRecord
{
    public override string ReferencePrefix => "RES";

    public ResourceKind Kind { get; set; }

    public required string Name { get; set; }

    public string Description { get; set; } = "";

    public Guid? AiSystemId { get; set; }
}
