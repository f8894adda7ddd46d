using Aims.Domain.Approvals;

namespace Aims.Web.Features.Approvals;

/// <summary>What systems and people send to ask for an action.</summary>
public sealed class NewApprovalRequest
{
    /// <summary>The action, kebab-case: promote-model-version, change-ai-policy, approve-soa-version, accept-residual-risk, retire-ai-system, change-scope.</summary>
    public string? Action { get; set; }

    /// <summary>The subject's reference: RISK-4, MV-2, SYS-1; "soa" for the SoA; "scope" for the latest scope statement version.</summary>
    public string? Subject { get; set; }

    /// <summary>Why the action is asked for (10 to 2000 characters).</summary>
    public string? Reason { get; set; }
}

public sealed class DecideRequest
{
    /// <summary>approve or deny.</summary>
    public string? Verdict { get; set; }

    public string? Rationale { get; set; }
}

public sealed record ApprovalContext(IReadOnlyList<string> Risks, IReadOnlyList<string> Assessments, IReadOnlyList<string> Other)
{
    public static ApprovalContext Empty { get; } = new([], [], []);
}

public sealed record ApprovalTermsView(string Mode, IReadOnlyList<string> Approvers, int Quorum, bool RequesterMayApprove, int ResponseHours, IReadOnlyList<string> EscalationPath);

public sealed record ApprovalDecisionView(string By, string Role, string Verdict, string Rationale, DateTimeOffset At, string Via);

public sealed record ApprovalEscalationView(int Level, string ToRole, DateTimeOffset DueAt);

/// <summary>An approval request as the API, the pages and the command line show it.</summary>
public sealed record ApprovalView(
    string Reference, string Action, string State, string SubjectType, string Subject, string Title, string Reason, ApprovalContext Context,
    string RequestedBy, string RequestedVia, DateTimeOffset RequestedAt, ApprovalTermsView Terms, int Approvals, int EscalationLevel,
    IReadOnlyList<string> DecidedBy, DateTimeOffset? NextEscalationAt, DateTimeOffset? ClosedAt, string Outcome,
    IReadOnlyList<ApprovalDecisionView> Decisions, IReadOnlyList<ApprovalEscalationView> Escalations, long Version);

/// <summary>What the request list filters on; every filter is optional.</summary>
public sealed record ApprovalFilter(string? State, string? Action, string? Box, string? Q);

public static class ApprovalText
{
    /// <summary>The state people see: a pending request that escalated reads "escalated".</summary>
    public static string State(ApprovalState state, int escalationLevel) =>
        state == ApprovalState.Pending && escalationLevel > 0 ? "escalated" : Infrastructure.EnumText.Of(state);

    public static readonly IReadOnlyList<string> States = ["pending", "escalated", "approved", "denied"];

    /// <summary>Inbox boxes: awaiting me, asked by me, decided by me; "all" is every request.</summary>
    public static readonly IReadOnlyList<string> Boxes = ["awaiting", "mine", "decided", "all"];
}
