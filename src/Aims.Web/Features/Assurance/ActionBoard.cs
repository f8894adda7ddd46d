using Aims.Data;
using Aims.Domain.Assurance;
using Aims.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Assurance;

public sealed record BoardAction(string Reference, string Title, string? Gap, string? Nonconformity, string? Owner, DateOnly? DueOn, ActionStatus Status, ActionPhase Phase, bool Overdue);

public sealed record BoardGroup(string Key, string Title, IReadOnlyList<BoardAction> Actions);

/// <summary>The action plan as a board: actions grouped by countdown phase, by owner or by when they are due.</summary>
public static class ActionBoard
{
    public static readonly IReadOnlyList<string> Groupings = ["phase", "owner", "due"];

    public static async Task<List<BoardGroup>> GroupsAsync(AimsDbContext db, string grouping, bool includeClosed, CancellationToken ct)
    {
        var today = AssuranceSettings.Today;
        var rows = await (from a in db.CorrectiveActions.AsNoTracking()
                          where includeClosed || a.Status == ActionStatus.NotStarted || a.Status == ActionStatus.InProgress
                          join g in db.Gaps on a.GapId equals g.Id into gaps
                          from g in gaps.DefaultIfEmpty()
                          join n in db.Nonconformities on a.NonconformityId equals n.Id into ncs
                          from n in ncs.DefaultIfEmpty()
                          join p in db.Users on a.OwnerId equals p.Id into owners
                          from p in owners.DefaultIfEmpty()
                          orderby a.DueOn, a.Number
                          select new { a.Reference, a.Title, Gap = g == null ? null : g.Reference, Nc = n == null ? null : n.Reference, Owner = p == null ? null : p.Email, a.DueOn, a.Status, a.Phase, a.Number })
            .ToListAsync(ct);
        var actions = rows.OrderBy(r => r.DueOn is null).ThenBy(r => r.DueOn).ThenBy(r => r.Number)
            .Select(r => new BoardAction(r.Reference, r.Title, r.Gap, r.Nc, r.Owner, r.DueOn, r.Status, r.Phase,
                ActionPlan.IsOverdue(r.DueOn, r.Status, today))).ToList();
        return grouping switch
        {
            "owner" => [.. actions.GroupBy(a => a.Owner ?? "").OrderBy(g => g.Key.Length == 0).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new BoardGroup(g.Key, g.Key.Length == 0 ? "No owner" : g.Key, [.. g]))],
            "due" => [.. DueBands(today).Select(b => new BoardGroup(b.Key, b.Title, [.. actions.Where(a => b.Holds(a))]))],
            _ => [.. Enum.GetValues<ActionPhase>().Select(p => new BoardGroup(EnumText.Of(p), PhaseTitle(p), [.. actions.Where(a => a.Phase == p)]))],
        };
    }

    public static string PhaseTitle(ActionPhase phase) => phase switch
    {
        ActionPhase.Documentation => "Days 1–30: documentation",
        ActionPhase.ProcessHardening => "Days 31–60: process hardening",
        _ => "Days 61–90: corrective actions and rehearsal",
    };

    private sealed record Band(string Key, string Title, Func<BoardAction, bool> Holds);

    private static IEnumerable<Band> DueBands(DateOnly today)
    {
        static bool Open(BoardAction a) => a.Status is ActionStatus.NotStarted or ActionStatus.InProgress;
        return
        [
            new("overdue", "Overdue", a => a.Overdue),
            new("week", "Due within 7 days", a => Open(a) && !a.Overdue && a.DueOn is { } d && d <= today.AddDays(7)),
            new("month", "Due within 30 days", a => Open(a) && a.DueOn is { } d && d > today.AddDays(7) && d <= today.AddDays(30)),
            new("later", "Due later", a => Open(a) && a.DueOn is { } d && d > today.AddDays(30)),
            new("none", "No due date", a => Open(a) && a.DueOn is null),
            new("closed", "Done or cancelled", a => !Open(a)),
        ];
    }
}
