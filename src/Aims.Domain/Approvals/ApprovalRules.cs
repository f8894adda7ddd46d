using Aims.Domain.People;

namespace Aims.Domain.Approvals;

/// <summary>The terms a request was asked under: a copy of the boundary at that time, so changing the policy never moves a running request.</summary>
public sealed record RequestTerms(DecisionMode Mode, IReadOnlyList<Role> Approvers, int Quorum, bool RequesterMayApprove, int ResponseHours, IReadOnlyList<Role> EscalationPath)
{
    public static RequestTerms Of(DecisionBoundary b) => new(b.Mode, b.Approvers, b.Quorum, b.RequesterMayApprove, b.ResponseHours, b.EscalationPath);
}

/// <summary>A request as the rules see it.</summary>
public sealed record RequestFacts(ApprovalState State, Guid? RequestedBy, DateTimeOffset RequestedAt, RequestTerms Terms, IReadOnlyList<(Guid Person, Verdict Verdict)> Decisions);

/// <summary>Who wants to decide, with which role, through which channel.</summary>
public sealed record Decider(Guid? Person, Role? Role, Channel Channel);

/// <summary>A rule the decision breaks: its name (for clients), whether it is about the person (403) or the state (409), and what to do.</summary>
public sealed record RuleBreak(string Rule, bool Forbidden, string Message);

/// <summary>The approval rules: who may decide, when the quorum is reached, and when a request escalates.</summary>
public static class ApprovalRules
{
    /// <summary>How many escalation steps have passed at <paramref name="now"/>: one per response time without a decision, at most the path.</summary>
    public static int EscalationLevel(RequestTerms terms, DateTimeOffset requestedAt, DateTimeOffset now)
    {
        if (terms.EscalationPath.Count == 0 || now <= requestedAt)
        {
            return 0;
        }

        var periods = (long)((now - requestedAt).Ticks / TimeSpan.FromHours(terms.ResponseHours).Ticks);
        return (int)Math.Min(periods, terms.EscalationPath.Count);
    }

    /// <summary>When the next escalation step falls due; null when the path is exhausted.</summary>
    public static DateTimeOffset? NextEscalationAt(RequestTerms terms, DateTimeOffset requestedAt, int level) =>
        level >= terms.EscalationPath.Count ? null : requestedAt + TimeSpan.FromHours(terms.ResponseHours * (double)(level + 1));

    /// <summary>The roles that may decide at an escalation level: the approvers and every role the request escalated to.</summary>
    public static IReadOnlyList<Role> EligibleRoles(RequestTerms terms, int level) =>
        [.. terms.Approvers.Concat(Escalation.Reached(terms.EscalationPath, level)).Distinct()];

    public static int Approvals(RequestFacts request) => request.Decisions.Where(d => d.Verdict == Verdict.Approve).Select(d => d.Person).Distinct().Count();

    /// <summary>The state after the decisions: denied at the first denial, approved at the quorum of distinct approvers, pending otherwise.</summary>
    public static ApprovalState StateAfter(RequestFacts request) =>
        request.Decisions.Any(d => d.Verdict == Verdict.Deny) ? ApprovalState.Denied
        : Approvals(request) >= request.Terms.Quorum ? ApprovalState.Approved
        : ApprovalState.Pending;

    /// <summary>The first rule a decision would break, or null when the decider may decide now.</summary>
    public static RuleBreak? Check(RequestFacts request, Decider decider, int level)
    {
        if (request.State != ApprovalState.Pending)
        {
            return new RuleBreak("closed", false, $"The request is already {Kebab(request.State)}; a closed request cannot be decided again.");
        }

        if (decider.Person is not { } person || decider.Role is not { } role)
        {
            return new RuleBreak("person", true, "Only a person decides an approval request; the system cannot.");
        }

        if (request.Terms.Mode == DecisionMode.NeverDelegated && decider.Channel != Channel.Web)
        {
            return new RuleBreak("never-delegated", true, "This action is never delegated: decide it yourself on the web page, not with a token.");
        }

        var eligible = EligibleRoles(request.Terms, level);
        if (!eligible.Contains(role))
        {
            return new RuleBreak("role", true, $"This request is decided by {string.Join(" or ", eligible.Select(r => Roles.DisplayName(r)))}; you are {Roles.DisplayName(role)}.");
        }

        if (!request.Terms.RequesterMayApprove && request.RequestedBy == person)
        {
            return new RuleBreak("self-approval", true, "The decision boundary forbids deciding your own request: another approver must decide it.");
        }

        if (request.Decisions.Any(d => d.Person == person))
        {
            return new RuleBreak("decided-twice", false, "You have already decided this request; each approver decides once.");
        }

        return null;
    }

    /// <summary>Whether a requester may ask for an action through a channel (a never-delegated action is asked for by a person on the web page).</summary>
    public static RuleBreak? MayRequest(DecisionBoundary boundary, Decider requester) =>
        boundary.Mode == DecisionMode.NeverDelegated && (requester.Channel != Channel.Web || requester.Person is null)
            ? new RuleBreak("never-delegated", true, $"{Kebab(boundary.Action)} is never delegated: a person asks for it on the web page; no token or system may.")
            : null;

    public const int MinRationale = 10;
    public const int MaxRationale = 2000;

    /// <summary>The rationale rule, shared by the API's problem details and the form's message.</summary>
    public static string? RationaleProblem(string? rationale) =>
        (rationale ?? "").Trim().Length is < MinRationale or > MaxRationale ? $"is required: say in {MinRationale} to {MaxRationale} characters why" : null;

    private static string Kebab<T>(T value) where T : struct, Enum => Terms.Kebab(value);
}
