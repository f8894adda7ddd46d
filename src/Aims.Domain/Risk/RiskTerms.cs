namespace Aims.Domain.Risk;

/// <summary>The dimensions an AI risk register must cover; a generic IT register misses most of them.</summary>
public enum RiskDimension
{
    TechnicalPerformance,
    DataQuality,
    EthicalFairness,
    SocietalImpact,
    ThirdPartySupplyChain,
    Explainability,
    Security,
    Privacy,
    LegalRegulatory,
}

/// <summary>STRIDE, plus the threats particular to AI systems.</summary>
public enum ThreatCategory
{
    Spoofing,
    Tampering,
    Repudiation,
    InformationDisclosure,
    DenialOfService,
    ElevationOfPrivilege,
    PromptInjection,
    DataPoisoning,
    ModelInversion,
    ModelExtraction,
    Evasion,
    TrainingDataLeakage,
}

public enum TreatmentOption
{
    Modify,
    Avoid,
    Share,
    Retain,
}

/// <summary>The areas of impact the organization's criteria consider.</summary>
public enum ImpactArea
{
    Financial,
    Reputational,
    LegalRegulatory,
    Ethical,
    HealthAndSafety,
    FundamentalRights,
    Societal,
    Environmental,
}

/// <summary>Where an AI system impact assessment looks for harm (6.1.4, A.5).</summary>
public enum HarmArea
{
    LegalPosition,
    LifeOpportunities,
    PhysicalWellbeing,
    PsychologicalWellbeing,
    HumanRights,
    SocietalNorms,
    Environment,
    Privacy,
}

public enum Reversibility
{
    Reversible,
    PartlyReversible,
    Irreversible,
}

public enum HarmScale
{
    Individual,
    Group,
    Society,
}

/// <summary>What starts an AI system impact assessment.</summary>
public enum AssessmentTrigger
{
    NewAiSystem,
    NewUseCase,
    ModelChange,
    AdverseEvent,
    PeriodicReview,
    Manual,
}

public enum AssessmentStatus
{
    Planned,
    InProgress,
    Completed,
}

public enum AssessmentDecision
{
    Acceptable,
    NotAcceptable,
}
