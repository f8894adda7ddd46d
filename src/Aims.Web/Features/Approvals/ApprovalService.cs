using System.Text.Json;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Approvals;
using Aims.Domain.People;
using Aims.Web.Features.Risks;
using Aims.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Approvals;

/// <summary>
/// The one approval mechanism: asking for an action (APR-n), deciding it, escalating it when nobody answers in time,
/// and applying the action when the quorum is reached, in the same transaction as the deciding decision.
/// </summary>
public static class ApprovalService
{
    public const string PolicyKind = "approval-policy";

    public static Task<SettingsView<ApprovalPolicy>> PolicyAsync(AimsDbContext db, CancellationToken ct) =>
        Settings.GetAsync(db, PolicyKind, ApprovalPolicy.Default, ct);

    public static Task<Outcome<SettingsView<ApprovalPolicy>>> SavePolicyAsync(AimsDbContext db, ApprovalPolicy policy, int? expected, CancellationToken ct)
    {
        if (db.Session.Role is not (Role.Administrator or Role.AimsLead))
        {
            return Task.FromResult(Outcome<SettingsView<ApprovalPolicy>>.Forbidden("The decision boundaries are set by the AIMS lead or an administrator."));
        }

        if (policy.Boundaries is null || policy.Boundaries.Any(b => b is null))
        {
            return Task.FromResult(Outcome<SettingsView<ApprovalPolicy>>.Invalid("boundaries", "is required: one boundary (an object) per action"));
        }

        return Settings.SaveAsync(db, PolicyKind, policy with { Boundaries = [.. policy.Boundaries.OrderBy(b => b.Action)] }, p => p.Validate(), expected, null, ct);
    }

    public static Decider Caller(AimsDbContext db, Channel channel) => new(db.Session.PersonId, db.Session.Role, channel);

    /// <summary>Asks for an action. Under an automatic boundary the action is applied at once and the request is recorded as approved.</summary>
    /// <param name="expectedSubjectVersion">When given, the subject's version the requester read (the scope statement's number): checked under the lock, 412 when it moved.</param>
    public static async Task<Outcome<ApprovalView>> RequestAsync(AimsDbContext db, TimeProvider time, NewApprovalRequest body, Channel via, CancellationToken ct, string? expectedSubjectVersion = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EnumText.TryParse<ApprovalAction>(body.Action, out var action))
        {
            errors["action"] = [$"must be one of {EnumText.Allowed<ApprovalAction>()}"];
        }

        var reason = (body.Reason ?? "").Trim();
        if (ApprovalRules.RationaleProblem(reason) is { } problem)
        {
            errors["reason"] = [problem];
        }

        var subjectText = (body.Subject ?? "").Trim();
        if (subjectText.Length > 60)
        {
            errors["subject"] = ["must be at most 60 characters"];
        }

        if (errors.Count > 0)
        {
            return new Outcome<ApprovalView>(OutcomeStatus.Invalid, null, errors, null);
        }

        var policy = (await PolicyAsync(db, ct)).Value;
        var boundary = policy.For(action);
        var requester = Caller(db, via);
        if (ApprovalRules.MayRequest(boundary, requester) is { } refused)
        {
            return Refuse<ApprovalView>(refused);
        }

        await using var transaction = await db.BeginOrganizationWriteAsync(ct);
        var subject = await ApprovalSubjects.ResolveAsync(db, action, subjectText, ct);
        if (!subject.IsOk)
        {
            return new Outcome<ApprovalView>(subject.Status, null, subject.Errors, subject.Detail);
        }

        var s = subject.Value!;
        if (expectedSubjectVersion is not null && expectedSubjectVersion != s.Version)
        {
            return Outcome<ApprovalView>.PreconditionFailed($"{s.Reference} is the latest now, not the version you read ({expectedSubjectVersion}): read it again before asking to approve it.");
        }

        var open = await db.ApprovalRequests.AsNoTracking()
            .Where(r => r.Action == action && r.SubjectType == s.Type && r.SubjectId == s.Id && r.State == ApprovalState.Pending).Select(r => r.Reference).FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            return Refuse<ApprovalView>(new RuleBreak("already-requested", false, $"{open} already asks for this and is still open: decide it (or deny it) first."));
        }

        var now = Clock.Now(time);
        var terms = RequestTerms.Of(boundary);
        var request = new ApprovalRequest
        {
            OrganizationId = db.CurrentOrganizationId, Action = action, SubjectType = s.Type, SubjectId = s.Id, SubjectReference = s.Reference,
            SubjectVersion = s.Version, Title = s.Title, Reason = reason, Context = JsonSerializer.Serialize(s.Context, ApiJson.Options),
            RequestedById = db.Session.PersonId, RequestedBy = db.Session.Actor, RequestedVia = via, RequestedAt = now,
            Mode = terms.Mode, Approvers = terms.Approvers, Quorum = terms.Quorum, RequesterMayApprove = terms.RequesterMayApprove,
            ResponseHours = terms.ResponseHours, EscalationPath = terms.EscalationPath, State = ApprovalState.Pending,
        };
        db.ApprovalRequests.Add(request);
        db.Session.Reason ??= Cut(reason, 500);
        if (terms.Mode == DecisionMode.Automatic)
        {
            // The requester stands in for the approver: a residual risk is still accepted only by a role the appetite allows.
            if (db.Session.Role is { } role && await ApprovalSubjects.DeciderRuleAsync(db, request, role, ct) is { } appetite)
            {
                db.ChangeTracker.Clear();
                return Refuse<ApprovalView>(appetite);
            }

            var applied = await ApprovalSubjects.ApplyAsync(db, request, db.Session.PersonId, db.Session.Role, now, ct);
            if (!applied.IsOk)
            {
                db.ChangeTracker.Clear();
                return new Outcome<ApprovalView>(applied.Status, null, applied.Errors, applied.Detail);
            }

            request.State = ApprovalState.Approved;
            request.ClosedAt = now;
            request.Outcome = Cut(applied.Value! + " (automatic under the decision boundary)", 300);
        }

        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return Outcome<ApprovalView>.Ok(await ViewAsync(db, time, request, ct));
    }

    /// <summary>Records one approver's decision; at the quorum (or a denial) closes the request, and an approval applies the action.</summary>
    public static async Task<Outcome<ApprovalView>> DecideAsync(AimsDbContext db, TimeProvider time, string reference, DecideRequest body, long? expectedVersion, Channel via, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EnumText.TryParse<Verdict>(body.Verdict, out var verdict))
        {
            errors["verdict"] = ["must be approve or deny"];
        }

        var rationale = (body.Rationale ?? "").Trim();
        if (ApprovalRules.RationaleProblem(rationale) is { } problem)
        {
            errors["rationale"] = [problem];
        }

        await EscalateDueAsync(db, time, ct);
        await using var transaction = await db.BeginOrganizationWriteAsync(ct);
        var request = await db.ApprovalRequests.FirstOrDefaultAsync(r => r.Reference == reference, ct);
        if (request is null)
        {
            return Outcome<ApprovalView>.NotFound(reference);
        }

        if (errors.Count > 0)
        {
            return new Outcome<ApprovalView>(OutcomeStatus.Invalid, null, errors, null);
        }

        if (expectedVersion is { } expected && expected != request.Version)
        {
            return Outcome<ApprovalView>.PreconditionFailed($"{request.Reference} changed since you read it (version {request.Version}); read it again.");
        }

        var decisions = await db.ApprovalDecisions.AsNoTracking().Where(d => d.RequestId == request.Id).Select(d => new { d.DeciderId, d.Verdict }).ToListAsync(ct);
        var facts = Facts(request, [.. decisions.Select(d => (d.DeciderId, d.Verdict))]);
        var decider = Caller(db, via);
        if (ApprovalRules.Check(facts, decider, request.EscalationLevel) is { } broken)
        {
            return Refuse<ApprovalView>(broken);
        }

        var role = decider.Role!.Value;
        if (verdict == Verdict.Approve && await ApprovalSubjects.DeciderRuleAsync(db, request, role, ct) is { } appetite)
        {
            return Refuse<ApprovalView>(appetite);
        }

        var now = Clock.Now(time);
        db.ApprovalDecisions.Add(new ApprovalDecision
        {
            OrganizationId = db.CurrentOrganizationId, RequestId = request.Id, DeciderId = decider.Person!.Value, DeciderRole = role, Verdict = verdict,
            Rationale = rationale, Via = via, DecidedAt = now,
        });
        var after = ApprovalRules.StateAfter(facts with { Decisions = [.. facts.Decisions, (decider.Person!.Value, verdict)] });
        if (after == ApprovalState.Approved)
        {
            var applied = await ApprovalSubjects.ApplyAsync(db, request, decider.Person, role, now, ct);
            if (!applied.IsOk)
            {
                db.ChangeTracker.Clear();
                return new Outcome<ApprovalView>(applied.Status, null, applied.Errors, applied.Detail);
            }

            request.Outcome = Cut(applied.Value!, 300);
        }
        else if (after == ApprovalState.Denied)
        {
            request.Outcome = "denied: nothing was changed";
        }

        if (after != ApprovalState.Pending)
        {
            request.State = after;
            request.ClosedAt = now;
        }
        else
        {
            // A decision that does not close the request still changes it (its version), so a stale reader is told.
            request.Outcome = $"{ApprovalRules.Approvals(facts) + 1} of {request.Quorum} approvals";
        }

        db.Session.Reason ??= Cut(rationale, 500);
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return Outcome<ApprovalView>.Ok(await ViewAsync(db, time, request, ct));
    }

    /// <summary>
    /// Records every escalation step that has fallen due by the product clock, once: under the organization's write
    /// lock the levels are read again, and a unique (request, level) index backs it up, so several nodes noticing the
    /// same step at the same moment write it once. Recorded by the system, not by whoever happened to read.
    /// </summary>
    public static async Task EscalateDueAsync(AimsDbContext db, TimeProvider time, CancellationToken ct)
    {
        var now = Clock.Now(time);
        var pending = await db.ApprovalRequests.AsNoTracking().Where(r => r.State == ApprovalState.Pending)
            .Select(r => new { r.Id, r.RequestedAt, r.ResponseHours, r.EscalationLevel, r.EscalationPath, r.Mode, r.Approvers, r.Quorum, r.RequesterMayApprove }).ToListAsync(ct);
        var due = pending.Where(r => ApprovalRules.EscalationLevel(new RequestTerms(r.Mode, r.Approvers, r.Quorum, r.RequesterMayApprove, r.ResponseHours, r.EscalationPath), r.RequestedAt, now) > r.EscalationLevel)
            .Select(r => r.Id).ToList();
        if (due.Count == 0 || db.Session.OrganizationId is not { } org)
        {
            return;
        }

        var (person, role, scope, reason) = (db.Session.PersonId, db.Session.Role, db.Session.Scope, db.Session.Reason);
        db.Session.ActAsSystem("approvals", org);
        db.Session.Reason = "no decision within the response time";
        try
        {
            await using var transaction = await db.BeginOrganizationWriteAsync(ct);
            foreach (var request in await db.ApprovalRequests.Where(r => due.Contains(r.Id) && r.State == ApprovalState.Pending).ToListAsync(ct))
            {
                var terms = Terms(request);
                var level = ApprovalRules.EscalationLevel(terms, request.RequestedAt, now);
                for (var step = request.EscalationLevel + 1; step <= level; step++)
                {
                    db.ApprovalEscalations.Add(new ApprovalEscalation
                    {
                        OrganizationId = org, RequestId = request.Id, Level = step, ToRole = request.EscalationPath[step - 1],
                        DueAt = request.RequestedAt + TimeSpan.FromHours(request.ResponseHours * (double)step), RecordedAt = now,
                    });
                }

                request.EscalationLevel = Math.Max(request.EscalationLevel, level);
            }

            await db.SaveChangesAsync(ct);
            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }
        }
        catch (DbUpdateException)
        {
            // Another node recorded the same step first (unique index); what it wrote is what we would have written.
            db.ChangeTracker.Clear();
        }
        finally
        {
            if (person is { } p && role is { } r && scope is { } s)
            {
                db.Session.SignIn(p, org, r, s);
            }

            db.Session.Reason = reason;
        }
    }

    public static RequestTerms Terms(ApprovalRequest r) => new(r.Mode, r.Approvers, r.Quorum, r.RequesterMayApprove, r.ResponseHours, r.EscalationPath);

    public static RequestFacts Facts(ApprovalRequest r, IReadOnlyList<(Guid, Verdict)> decisions) => new(r.State, r.RequestedById, r.RequestedAt, Terms(r), decisions);

    public static async Task<ApprovalView> ViewAsync(AimsDbContext db, TimeProvider time, ApprovalRequest r, CancellationToken ct)
    {
        var decisions = await (from d in db.ApprovalDecisions.AsNoTracking()
                               where d.RequestId == r.Id
                               orderby d.DecidedAt
                               select new { d, Name = db.Users.Where(u => u.Id == d.DeciderId).Select(u => u.DisplayName).FirstOrDefault() }).ToListAsync(ct);
        var escalations = await db.ApprovalEscalations.AsNoTracking().Where(e => e.RequestId == r.Id).OrderBy(e => e.Level).ToListAsync(ct);
        var requester = r.RequestedById is { } id ? await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? r.RequestedBy : r.RequestedBy;
        return View(r, requester, [.. decisions.Select(x => new ApprovalDecisionView(x.Name ?? "", EnumText.Of(x.d.DeciderRole), EnumText.Of(x.d.Verdict), x.d.Rationale, x.d.DecidedAt, EnumText.Of(x.d.Via)))],
            [.. escalations.Select(e => new ApprovalEscalationView(e.Level, EnumText.Of(e.ToRole), e.DueAt))]);
    }

    public static ApprovalView View(ApprovalRequest r, string requester, IReadOnlyList<ApprovalDecisionView> decisions, IReadOnlyList<ApprovalEscalationView> escalations) => new(
        r.Reference, EnumText.Of(r.Action), ApprovalText.State(r.State, r.EscalationLevel), r.SubjectType, r.SubjectReference, r.Title, r.Reason,
        JsonSerializer.Deserialize<ApprovalContext>(r.Context, ApiJson.Options) ?? ApprovalContext.Empty, requester, EnumText.Of(r.RequestedVia), r.RequestedAt,
        new ApprovalTermsView(EnumText.Of(r.Mode), [.. r.Approvers.Select(x => EnumText.Of(x))], r.Quorum, r.RequesterMayApprove, r.ResponseHours, [.. r.EscalationPath.Select(x => EnumText.Of(x))]),
        decisions.Count(d => d.Verdict == "approve"), r.EscalationLevel, [.. decisions.Select(d => d.By)],
        r.State == ApprovalState.Pending ? ApprovalRules.NextEscalationAt(Terms(r), r.RequestedAt, r.EscalationLevel) : null, r.ClosedAt, r.Outcome,
        decisions, escalations, r.Version);

    public static Outcome<T> Refuse<T>(RuleBreak rule) =>
        new(rule.Forbidden ? OutcomeStatus.Forbidden : OutcomeStatus.Conflict, default, new() { ["rule"] = [rule.Rule] }, rule.Message);

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;
}
