using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Approvals;
using Aims.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Approvals;

/// <summary>The request list and inbox: filters, search, sorting and paging, the same for the API, the pages and the command line.</summary>
public static class ApprovalQueries
{
    public static readonly IReadOnlyList<string> SortKeys = ["requestedAt", "action", "state"];

    public static Dictionary<string, string[]> Validate(ApprovalFilter filter, PageQuery paging)
    {
        var errors = paging.Validate([.. SortKeys]);
        if (filter.State is not null && !ApprovalText.States.Contains(filter.State))
        {
            errors["state"] = [$"must be one of {string.Join(", ", ApprovalText.States)}"];
        }

        if (filter.Action is not null && !EnumText.TryParse<ApprovalAction>(filter.Action, out _))
        {
            errors["action"] = [$"must be one of {EnumText.Allowed<ApprovalAction>()}"];
        }

        if (filter.Box is not null && !ApprovalText.Boxes.Contains(filter.Box))
        {
            errors["box"] = [$"must be one of {string.Join(", ", ApprovalText.Boxes)}"];
        }

        return errors;
    }

    /// <summary>One page of requests; escalations that fell due are recorded first, so the states read are current.</summary>
    public static async Task<PagedList<ApprovalView>> ListAsync(AimsDbContext db, TimeProvider time, ApprovalFilter filter, PageQuery paging, CancellationToken ct)
    {
        await ApprovalService.EscalateDueAsync(db, time, ct);
        var me = db.Session.PersonId;
        IQueryable<ApprovalRequest> query = db.ApprovalRequests.AsNoTracking();
        query = filter.State switch
        {
            "pending" => query.Where(r => r.State == ApprovalState.Pending && r.EscalationLevel == 0),
            "escalated" => query.Where(r => r.State == ApprovalState.Pending && r.EscalationLevel > 0),
            "approved" => query.Where(r => r.State == ApprovalState.Approved),
            "denied" => query.Where(r => r.State == ApprovalState.Denied),
            _ => query,
        };
        if (filter.Action is not null && EnumText.TryParse<ApprovalAction>(filter.Action, out var action))
        {
            query = query.Where(r => r.Action == action);
        }

        if (paging.Search is { } q)
        {
            query = query.Where(r => r.Reference.ToLower().Contains(q) || r.Title.ToLower().Contains(q) || r.SubjectReference.ToLower().Contains(q) || r.Reason.ToLower().Contains(q));
        }

        query = filter.Box switch
        {
            "mine" => query.Where(r => r.RequestedById == me),
            "decided" => query.Where(r => db.ApprovalDecisions.Any(d => d.RequestId == r.Id && d.DeciderId == me)),
            "awaiting" => Awaiting(db, query, me),
            _ => query,
        };

        var sorted = false;
        query = query.SortBy(paging.Sort, "action", r => r.Action, ref sorted).SortBy(paging.Sort, "state", r => r.State, ref sorted);
        query = sorted
            ? ((IOrderedQueryable<ApprovalRequest>)query).ThenByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id)
            : paging.Sort == "requestedAt" ? query.OrderBy(r => r.RequestedAt).ThenBy(r => r.Id) : query.OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id);

        PagedList<ApprovalRequest> page;
        if (filter.Box == "awaiting")
        {
            // Whether the person's role may decide depends on the request's roles and escalation level: decided here, on pending requests only.
            var role = db.Session.Role;
            var all = (await query.ToListAsync(ct)).Where(r => role is { } x && MayDecide(r, x, r.EscalationLevel)).ToList();
            page = new PagedList<ApprovalRequest>([.. all.Skip((paging.PageNumber - 1) * paging.Size).Take(paging.Size)], all.Count, paging.PageNumber, paging.Size);
        }
        else
        {
            page = await query.ToPageAsync(paging, ct);
        }

        var views = await ViewsAsync(db, page.Items, ct);
        return new PagedList<ApprovalView>(views, page.Total, page.Page, page.PageSize);
    }

    /// <summary>
    /// How many requests await the signed-in person (the inbox's "awaiting" box), for the navigation. Read only: the
    /// escalation level is derived from the product clock here and recorded when requests are next read or decided.
    /// </summary>
    public static async Task<int> AwaitingCountAsync(AimsDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (db.Session is not { PersonId: { } me, Role: { } role })
        {
            return 0;
        }

        var now = Clock.Now(time);
        var pending = await Awaiting(db, db.ApprovalRequests.AsNoTracking(), me).ToListAsync(ct);
        return pending.Count(r => MayDecide(r, role, Math.Max(r.EscalationLevel, ApprovalRules.EscalationLevel(ApprovalService.Terms(r), r.RequestedAt, now))));
    }

    /// <summary>Pending requests the person has not decided and may decide as far as the requester rule goes (roles are checked by <see cref="MayDecide"/>).</summary>
    private static IQueryable<ApprovalRequest> Awaiting(AimsDbContext db, IQueryable<ApprovalRequest> query, Guid? me) =>
        query.Where(r => r.State == ApprovalState.Pending && !db.ApprovalDecisions.Any(d => d.RequestId == r.Id && d.DeciderId == me)
            && (r.RequesterMayApprove || r.RequestedById == null || r.RequestedById != me));

    private static bool MayDecide(ApprovalRequest r, Aims.Domain.People.Role role, int level) => ApprovalRules.EligibleRoles(ApprovalService.Terms(r), level).Contains(role);

    public static async Task<ApprovalView?> GetAsync(AimsDbContext db, TimeProvider time, string reference, CancellationToken ct)
    {
        await ApprovalService.EscalateDueAsync(db, time, ct);
        var request = await db.ApprovalRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Reference == reference, ct);
        return request is null ? null : await ApprovalService.ViewAsync(db, time, request, ct);
    }

    /// <summary>Views of many requests with three queries, not three per request.</summary>
    private static async Task<List<ApprovalView>> ViewsAsync(AimsDbContext db, IReadOnlyList<ApprovalRequest> requests, CancellationToken ct)
    {
        var ids = requests.Select(r => r.Id).ToList();
        var decisions = await db.ApprovalDecisions.AsNoTracking().Where(d => ids.Contains(d.RequestId)).OrderBy(d => d.DecidedAt).ToListAsync(ct);
        var escalations = await db.ApprovalEscalations.AsNoTracking().Where(e => ids.Contains(e.RequestId)).OrderBy(e => e.Level).ToListAsync(ct);
        var people = decisions.Select(d => d.DeciderId).Concat(requests.Select(r => r.RequestedById).OfType<Guid>()).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return [.. requests.Select(r => ApprovalService.View(r,
            r.RequestedById is { } id ? names.GetValueOrDefault(id) ?? r.RequestedBy : r.RequestedBy,
            [.. decisions.Where(d => d.RequestId == r.Id).Select(d => new ApprovalDecisionView(names.GetValueOrDefault(d.DeciderId) ?? "", EnumText.Of(d.DeciderRole), EnumText.Of(d.Verdict), d.Rationale, d.DecidedAt, EnumText.Of(d.Via)))],
            [.. escalations.Where(e => e.RequestId == r.Id).Select(e => new ApprovalEscalationView(e.Level, EnumText.Of(e.ToRole), e.DueAt))]))];
    }
}
