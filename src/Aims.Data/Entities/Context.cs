using Aims.Domain.Context;
using Aims.Domain.Inventory;

namespace Aims.Data.Entities;

/// <summary>An internal or external issue relevant to the AIMS (4.1).</summary>
public sealed class ContextIssue : RegisterRecord
{
    public override string ReferencePrefix => "ISS";

    public Origin Origin { get; set; }

    public required string Title { get; set; }

    public string Description { get; set; } = "";

    /// <summary>How the issue affects the AIMS and its intended results.</summary>
    public string Effect { get; set; } = "";
}

/// <summary>An interested party and its requirements (4.2).</summary>
public sealed class InterestedParty : RegisterRecord
{
    public override string ReferencePrefix => "IP";

    public required string Name { get; set; }

    public Origin Origin { get; set; }

    public string Role { get; set; } = "";

    public string Requirements { get; set; } = "";

    public Level Influence { get; set; }

    public Level Interest { get; set; }

    /// <summary>How the AIMS addresses the requirements.</summary>
    public string Addressed { get; set; } = "";
}

/// <summary>A business unit, location, process or boundary of the AIMS scope (4.3), included or excluded with reason.</summary>
public sealed class ScopeEntry : RegisterRecord
{
    public override string ReferencePrefix => "SCP";

    public ScopeEntryKind Kind { get; set; }

    public BoundaryType? Boundary { get; set; }

    public required string Name { get; set; }

    public string Description { get; set; } = "";

    public bool Included { get; set; } = true;

    public string Justification { get; set; } = "";
}

/// <summary>A role the organization takes overall with respect to AI (4.1), with the reason.</summary>
public sealed class OrganizationAiRole : RegisterRecord
{
    public override string ReferencePrefix => "ROLE";

    public AiRole Role { get; set; }

    public string Reason { get; set; } = "";
}

/// <summary>
/// One version of the scope statement (4.3). A new version is added on every edit, never overwriting the last;
/// approving sets who and when on that version.
/// </summary>
public sealed class ScopeStatement : IOrganizationOwned, ILedgered
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public int Number { get; set; }

    public required string Text { get; set; }

    /// <summary>True when the text is exactly what the registers generated; false once a person edited it.</summary>
    public bool Generated { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Guid? ApprovedById { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }
}
