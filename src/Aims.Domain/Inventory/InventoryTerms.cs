namespace Aims.Domain.Inventory;

/// <summary>The AI system life cycle stages of ISO/IEC 22989.</summary>
public enum LifecycleStage
{
    Inception,
    DesignAndDevelopment,
    VerificationAndValidation,
    Deployment,
    OperationAndMonitoring,
    ReEvaluation,
    Retirement,
}

/// <summary>Whether the organization builds the system or obtains it from a third party.</summary>
public enum Sourcing
{
    InHouse,
    ThirdParty,
}

/// <summary>The AI roles of ISO/IEC 22989 (5.19); kept apart from the EU AI Act's <see cref="OperatorRole"/>.</summary>
public enum AiRole
{
    AiProvider,
    AiProducer,
    AiCustomer,
    AiPartner,
    AiSubject,
    RelevantAuthority,
}

/// <summary>What the system does with its output, from informing a person to acting on its own.</summary>
public enum AutonomyLevel
{
    Perception,
    Recommendation,
    Decision,
    Action,
}

public enum OversightMode
{
    HumanInTheLoop,
    HumanOnTheLoop,
    HumanOutOfTheLoop,
}

public enum DatasetPurpose
{
    Training,
    Validation,
    Test,
    Production,
}

/// <summary>Annex A.4.5 tooling and A.4.4 computing resources.</summary>
public enum ResourceKind
{
    Computing,
    Tooling,
}
