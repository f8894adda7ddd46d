using Aims.Domain.Approvals;

namespace Aims.Data.Entities;

/// <summary>
/// An approval request (APR-n): an action on a subject record, asked for with a reason, decided under the terms of the
/// decision boundary copied when it was asked. Never deleted; each change is ledgered.
/// </summary>
public sealed class ApprovalRequest : IReferenced, ILedgered, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public string ReferencePrefix => "APR";

    public string Reference { get; set; } = "";

    public ApprovalAction Action { get; set; }

    /// <summary>The subject's record type in the ledger's words (risk, model-version, ai-system, soa, scope-statement).</summary>
    public string SubjectType { get; set; } = "";

    public Guid? SubjectId { get; set; }

    /// <summary>What people call the subject: RISK-4, MV-2, SYS-1, "SoA", "scope statement v3".</summary>
    public string SubjectReference { get; set; } = "";

    /// <summary>The subject's version when asked; approving a subject that changed since is refused.</summary>
    public string SubjectVersion { get; set; } = "";

    public string Title { get; set; } = "";

    public string Reason { get; set; } = "";

    /// <summary>Linked risks and assessments at the time of asking, as JSON (the API's shape).</summary>
    public string Context { get; set; } = "{}";

    /// <summary>Null when a system asked (never for a never-delegated action).</summary>
    public Guid? RequestedById { get; set; }

    /// <summary>The ledger's actor of the requester ("person:…", "system:…").</summary>
    public string RequestedBy { get; set; } = "";

    public Channel RequestedVia { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DecisionMode Mode { get; set; }

    public IReadOnlyList<Domain.People.Role> Approvers { get; set; } = [];

    public int Quorum { get; set; }

    public bool RequesterMayApprove { get; set; }

    public int ResponseHours { get; set; }

    public IReadOnlyList<Domain.People.Role> EscalationPath { get; set; } = [];

    public ApprovalState State { get; set; }

    /// <summary>The escalation steps recorded so far (each one also an <see cref="ApprovalEscalation"/> row).</summary>
    public int EscalationLevel { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>What applying the action did, e.g. "RISK-4 accepted", "SoA version 3 approved and frozen".</summary>
    public string Outcome { get; set; } = "";

    public long Version { get; set; }
}

/// <summary>One approver's decision on a request, with the rationale; at most one per person and request.</summary>
public sealed class ApprovalDecision : IOrganizationOwned, ILedgered
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid RequestId { get; set; }

    public Guid DeciderId { get; set; }

    public Domain.People.Role DeciderRole { get; set; }

    public Verdict Verdict { get; set; }

    public string Rationale { get; set; } = "";

    public Channel Via { get; set; }

    public DateTimeOffset DecidedAt { get; set; }
}

/// <summary>A request passing to the next role of its escalation path, written once per level (unique), whichever node sees it first.</summary>
public sealed class ApprovalEscalation : IOrganizationOwned, ILedgered
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid RequestId { get; set; }

    public int Level { get; set; }

    public Domain.People.Role ToRole { get; set; }

    /// <summary>When the step fell due (from the request's time and terms), not when a node noticed it.</summary>
    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A model version put into production by an approved request; a model's production version is its latest promotion.</summary>
public sealed class ModelPromotion : IOrganizationOwned, ILedgered
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid ModelId { get; set; }

    public Guid ModelVersionId { get; set; }

    public Guid ApprovalRequestId { get; set; }

    public DateTimeOffset PromotedAt { get; set; }
}
