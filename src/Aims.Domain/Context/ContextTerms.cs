namespace Aims.Domain.Context;

/// <summary>Clause 4.1 issues and 4.2 interested parties are internal or external to the organization.</summary>
public enum Origin
{
    Internal,
    External,
}

public enum Level
{
    Low,
    Medium,
    High,
}

/// <summary>What a scope entry (clause 4.3) names; AI systems are in or out of scope on their own record.</summary>
public enum ScopeEntryKind
{
    BusinessUnit,
    Location,
    Process,
    Boundary,
}

public enum BoundaryType
{
    Geographic,
    Organizational,
    Technical,
    Outsourced,
}
