using Aims.Domain.Approvals;
using Aims.Domain.People;

namespace Aims.Domain.Tests.Approvals;

public sealed class ApprovalRulesTests
{
    private static readonly DateTimeOffset Asked = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Requester = Guid.NewGuid();
    private static readonly Guid Lead = Guid.NewGuid();
    private static readonly Guid Admin = Guid.NewGuid();

    private static RequestTerms Terms(int quorum = 1, bool self = false, DecisionMode mode = DecisionMode.RequiresApproval) =>
        new(mode, [Role.AimsLead], quorum, self, 48, [Role.Administrator]);

    private static RequestFacts Facts(RequestTerms terms, params (Guid, Verdict)[] decisions) => new(ApprovalState.Pending, Requester, Asked, terms, decisions);

    [Fact]
    public void The_quorum_counts_distinct_approvers_and_one_denial_closes_the_request()
    {
        var terms = Terms(quorum: 2);
        Assert.Equal(ApprovalState.Pending, ApprovalRules.StateAfter(Facts(terms, (Lead, Verdict.Approve))));
        Assert.Equal(ApprovalState.Pending, ApprovalRules.StateAfter(Facts(terms, (Lead, Verdict.Approve), (Lead, Verdict.Approve))));
        Assert.Equal(ApprovalState.Approved, ApprovalRules.StateAfter(Facts(terms, (Lead, Verdict.Approve), (Admin, Verdict.Approve))));
        Assert.Equal(ApprovalState.Denied, ApprovalRules.StateAfter(Facts(terms, (Lead, Verdict.Approve), (Admin, Verdict.Deny))));
    }

    [Fact]
    public void Only_the_approver_roles_decide_and_never_the_requester_unless_the_boundary_allows_it()
    {
        var facts = Facts(Terms());
        Assert.Equal("role", ApprovalRules.Check(facts, new Decider(Admin, Role.ControlOwner, Channel.Token), 0)?.Rule);
        Assert.True(ApprovalRules.Check(facts, new Decider(Admin, Role.ControlOwner, Channel.Token), 0)!.Forbidden);
        Assert.Equal("self-approval", ApprovalRules.Check(facts, new Decider(Requester, Role.AimsLead, Channel.Web), 0)?.Rule);
        Assert.Null(ApprovalRules.Check(Facts(Terms(self: true)), new Decider(Requester, Role.AimsLead, Channel.Web), 0));
        Assert.Null(ApprovalRules.Check(facts, new Decider(Lead, Role.AimsLead, Channel.Token), 0));
        Assert.Equal("person", ApprovalRules.Check(facts, new Decider(null, null, Channel.Token), 0)?.Rule);
    }

    [Fact]
    public void Deciding_twice_or_deciding_a_closed_request_is_a_conflict()
    {
        var twice = ApprovalRules.Check(Facts(Terms(quorum: 2), (Lead, Verdict.Approve)), new Decider(Lead, Role.AimsLead, Channel.Web), 0);
        Assert.Equal(("decided-twice", false), (twice?.Rule, twice?.Forbidden));
        var closed = ApprovalRules.Check(Facts(Terms()) with { State = ApprovalState.Denied }, new Decider(Lead, Role.AimsLead, Channel.Web), 0);
        Assert.Equal(("closed", false), (closed?.Rule, closed?.Forbidden));
    }

    [Fact]
    public void A_never_delegated_action_is_asked_and_decided_by_a_person_on_the_web_only()
    {
        var boundary = new DecisionBoundary(ApprovalAction.ChangeAiPolicy, DecisionMode.NeverDelegated, [Role.Administrator], 1, false, 120, []);
        Assert.Equal("never-delegated", ApprovalRules.MayRequest(boundary, new Decider(Lead, Role.AimsLead, Channel.Token))?.Rule);
        Assert.Equal("never-delegated", ApprovalRules.MayRequest(boundary, new Decider(null, null, Channel.Web))?.Rule);
        Assert.Null(ApprovalRules.MayRequest(boundary, new Decider(Lead, Role.AimsLead, Channel.Web)));
        var facts = new RequestFacts(ApprovalState.Pending, Lead, Asked, RequestTerms.Of(boundary), []);
        Assert.Equal("never-delegated", ApprovalRules.Check(facts, new Decider(Admin, Role.Administrator, Channel.Token), 0)?.Rule);
        Assert.Null(ApprovalRules.Check(facts, new Decider(Admin, Role.Administrator, Channel.Web), 0));
    }

    [Fact]
    public void A_request_escalates_one_step_per_response_time_up_to_the_end_of_its_path()
    {
        var terms = new RequestTerms(DecisionMode.RequiresApproval, [Role.ControlOwner], 1, false, 48, [Role.AimsLead, Role.Administrator]);
        Assert.Equal(0, ApprovalRules.EscalationLevel(terms, Asked, Asked.AddHours(47.9)));
        Assert.Equal(1, ApprovalRules.EscalationLevel(terms, Asked, Asked.AddHours(48)));
        Assert.Equal(2, ApprovalRules.EscalationLevel(terms, Asked, Asked.AddHours(96)));
        Assert.Equal(2, ApprovalRules.EscalationLevel(terms, Asked, Asked.AddDays(30)));
        Assert.Equal(0, ApprovalRules.EscalationLevel(terms, Asked, Asked.AddHours(-5)));
        Assert.Equal(Asked.AddHours(96), ApprovalRules.NextEscalationAt(terms, Asked, 1));
        Assert.Null(ApprovalRules.NextEscalationAt(terms, Asked, 2));

        // Escalated, the next role of the path may decide too; before, it may not.
        var facts = new RequestFacts(ApprovalState.Pending, Requester, Asked, terms, []);
        Assert.Equal("role", ApprovalRules.Check(facts, new Decider(Lead, Role.AimsLead, Channel.Web), 0)?.Rule);
        Assert.Null(ApprovalRules.Check(facts, new Decider(Lead, Role.AimsLead, Channel.Web), 1));
        Assert.Equal("role", ApprovalRules.Check(facts, new Decider(Admin, Role.Administrator, Channel.Web), 1)?.Rule);
        Assert.Equal([Role.ControlOwner, Role.AimsLead, Role.Administrator], ApprovalRules.EligibleRoles(terms, 2));
    }

    [Fact]
    public void The_default_policy_is_valid_and_bad_boundaries_name_their_field()
    {
        Assert.Empty(ApprovalPolicy.Default.Validate());
        Assert.Equal(Enum.GetValues<ApprovalAction>().Length, ApprovalPolicy.Default.Boundaries.Count);
        Assert.All(ApprovalPolicy.Default.Boundaries.Where(b => b.Mode != DecisionMode.Automatic), b => Assert.False(b.RequesterMayApprove));
        var bad = new ApprovalPolicy([new DecisionBoundary(ApprovalAction.ChangeScope, DecisionMode.RequiresApproval, [], 0, false, 0, [Role.Viewer])]);
        var errors = bad.Validate();
        Assert.Contains("boundaries", errors.Keys);
        Assert.Contains("boundaries[0].approvers", errors.Keys);
        Assert.Contains("boundaries[0].quorum", errors.Keys);
        Assert.Contains("boundaries[0].responseHours", errors.Keys);
        Assert.NotNull(ApprovalRules.RationaleProblem("short"));
        Assert.Null(ApprovalRules.RationaleProblem("Long enough to explain."));
    }

    [Fact]
    public void The_escalation_path_is_walked_the_same_way_as_the_impact_procedure_s()
    {
        IReadOnlyList<Role> path = [Role.AimsLead, Role.Administrator];
        Assert.Equal(Role.Administrator, Escalation.Next(path, Role.AimsLead));
        Assert.Equal(Role.AimsLead, Escalation.Next(path, Role.ControlOwner));
        Assert.Null(Escalation.Next(path, Role.Administrator));
        Assert.Equal(Escalation.Next(path, Role.AimsLead), (Aims.Domain.Risk.ImpactProcedure.Default with { EscalationPath = path }).EscalateFrom(Role.AimsLead));
    }
}
