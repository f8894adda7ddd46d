using Aims.Domain.People;

namespace Aims.Domain.Approvals;

/// <summary>The actions whose decision an organization places on a boundary (who decides, and how).</summary>
public enum ApprovalAction
{
    PromoteModelVersion,
    ChangeAiPolicy,
    ApproveSoaVersion,
    AcceptResidualRisk,
    RetireAiSystem,
    ChangeScope,
}

/// <summary>Where the decision of an action lies (see docs/decisions/0016-approvals.md for the exact meaning).</summary>
public enum DecisionMode
{
    /// <summary>Applied as soon as it is asked; the request is recorded as approved by the boundary.</summary>
    Automatic,

    /// <summary>Applied when a quorum of distinct people with the approver roles approve; one denial closes it.</summary>
    RequiresApproval,

    /// <summary>Like <see cref="RequiresApproval"/>, but only a signed-in person on the web page may ask or decide: never a token.</summary>
    NeverDelegated,
}

/// <summary>The stored state of a request; "escalated" is a pending request whose escalation level is above zero.</summary>
public enum ApprovalState
{
    Pending,
    Approved,
    Denied,
}

public enum Verdict
{
    Approve,
    Deny,
}

/// <summary>How a person or system reached the product: the channel decides what a never-delegated action allows.</summary>
public enum Channel
{
    Web,
    Token,
}

/// <summary>
/// One action's boundary: the mode, the roles that approve, how many distinct approvers make a quorum, whether the
/// requester may be one of them, how long approvers have before the request escalates, and the escalation path
/// (roles, lowest first; the same shape as the impact procedure's path).
/// </summary>
public sealed record DecisionBoundary(
    ApprovalAction Action,
    DecisionMode Mode,
    IReadOnlyList<Role> Approvers,
    int Quorum,
    bool RequesterMayApprove,
    int ResponseHours,
    IReadOnlyList<Role> EscalationPath)
{
    public const int MaxQuorum = 10;
    public const int MaxResponseHours = 24 * 90;

    public Dictionary<string, string[]> Validate(string prefix = "")
    {
        var errors = new Dictionary<string, string[]>();
        if (Approvers is null || EscalationPath is null)
        {
            errors[prefix + (Approvers is null ? "approvers" : "escalationPath")] = ["is required (a list of roles; [] for none)"];
            return errors;
        }

        if (Mode != DecisionMode.Automatic && Approvers.Count == 0)
        {
            errors[prefix + "approvers"] = ["name at least one role that approves (or make the action automatic)"];
        }

        if (Approvers is not null && Approvers.Distinct().Count() != Approvers.Count)
        {
            errors[prefix + "approvers"] = ["names a role twice"];
        }

        if (Quorum is < 1 or > MaxQuorum)
        {
            errors[prefix + "quorum"] = [$"must be from 1 to {MaxQuorum} distinct approvers"];
        }

        if (ResponseHours is < 1 or > MaxResponseHours)
        {
            errors[prefix + "responseHours"] = [$"must be from 1 to {MaxResponseHours} hours"];
        }

        if (EscalationPath is not null && EscalationPath.Distinct().Count() != EscalationPath.Count)
        {
            errors[prefix + "escalationPath"] = ["names a role twice"];
        }

        if ((Approvers ?? []).Concat(EscalationPath ?? []).Any(r => r is Role.Viewer or Role.ExternalAuditor))
        {
            errors[prefix + "approvers"] = ["a read-only role (viewer, external auditor) cannot approve"];
        }

        return errors;
    }
}

/// <summary>The organization's decision boundaries, one per action; a versioned settings document.</summary>
public sealed record ApprovalPolicy(IReadOnlyList<DecisionBoundary> Boundaries)
{
    public DecisionBoundary For(ApprovalAction action) =>
        Boundaries.FirstOrDefault(b => b.Action == action) ?? Default.Boundaries.First(b => b.Action == action);

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Boundaries is null || Boundaries.Count == 0)
        {
            errors["boundaries"] = ["name the boundary of every action"];
            return errors;
        }

        if (Boundaries.Select(b => b.Action).Distinct().Count() != Boundaries.Count)
        {
            errors["boundaries"] = ["names an action twice"];
        }

        var missing = Enum.GetValues<ApprovalAction>().Where(a => Boundaries.All(b => b.Action != a)).ToList();
        if (missing.Count > 0)
        {
            errors["boundaries"] = [$"misses the action(s) {string.Join(", ", missing.Select(Terms.Kebab))}"];
        }

        for (var i = 0; i < Boundaries.Count; i++)
        {
            foreach (var (field, messages) in Boundaries[i].Validate($"boundaries[{i}]."))
            {
                errors[field] = messages;
            }
        }

        return errors;
    }

    private static readonly IReadOnlyList<Role> Leads = [Role.AimsLead, Role.Administrator];

    /// <summary>
    /// Defaults: every action needs one approver who is not the requester; the AI policy is never delegated (top
    /// management decides in person); approvers have two working days, then the request goes to the administrator.
    /// </summary>
    public static ApprovalPolicy Default { get; } = new(
    [
        new(ApprovalAction.PromoteModelVersion, DecisionMode.RequiresApproval, Leads, 1, false, 48, [Role.Administrator]),
        new(ApprovalAction.ChangeAiPolicy, DecisionMode.NeverDelegated, [Role.Administrator], 1, false, 120, []),
        new(ApprovalAction.ApproveSoaVersion, DecisionMode.RequiresApproval, Leads, 1, false, 48, [Role.Administrator]),
        new(ApprovalAction.AcceptResidualRisk, DecisionMode.RequiresApproval, Leads, 1, false, 48, [Role.Administrator]),
        new(ApprovalAction.RetireAiSystem, DecisionMode.RequiresApproval, Leads, 1, false, 48, [Role.Administrator]),
        new(ApprovalAction.ChangeScope, DecisionMode.RequiresApproval, Leads, 1, false, 48, [Role.Administrator]),
    ]);
}

internal static class Terms
{
    public static string Kebab<T>(T value) where T : struct, Enum => Ledger.KebabCase.Of(value.ToString());
}
