using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Assurance;
using Aims.Web.Infrastructure.Registers;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Assurance;

/// <summary>What the action plan derives: which actions are overdue (due before today and neither done nor cancelled).</summary>
public static class ActionPlan
{
    public static bool IsOverdue(CorrectiveAction a, DateOnly today) => IsOverdue(a.DueOn, a.Status, today);

    public static bool IsOverdue(DateOnly? dueOn, ActionStatus status, DateOnly today) =>
        dueOn is { } due && due < today && status is ActionStatus.NotStarted or ActionStatus.InProgress;

    public static Task<Dictionary<Guid, IReadOnlyList<string>>> OverdueAsync(AimsDbContext db, IReadOnlyList<RegisterRecord> records, CancellationToken ct)
    {
        var today = AssuranceSettings.Today;
        return Task.FromResult(records.Cast<CorrectiveAction>().ToDictionary(a => a.Id, a => (IReadOnlyList<string>)(IsOverdue(a, today) ? ["overdue"] : [])));
    }

    public static readonly ExtraFilter OverdueFilter = new("overdue", "Overdue", ["true", "false"], (_, query, value) =>
    {
        var today = AssuranceSettings.Today;
        var open = new[] { ActionStatus.NotStarted, ActionStatus.InProgress };
        return value == "true"
            ? query.Where(a => EF.Property<DateOnly?>(a, nameof(CorrectiveAction.DueOn)) < today && open.Contains(EF.Property<ActionStatus>(a, nameof(CorrectiveAction.Status))))
            : query.Where(a => !(EF.Property<DateOnly?>(a, nameof(CorrectiveAction.DueOn)) < today && open.Contains(EF.Property<ActionStatus>(a, nameof(CorrectiveAction.Status)))));
    });

    public static Task<int> OverdueCountAsync(AimsDbContext db, CancellationToken ct)
    {
        var today = AssuranceSettings.Today;
        return db.CorrectiveActions.CountAsync(a => a.DueOn < today && (a.Status == ActionStatus.NotStarted || a.Status == ActionStatus.InProgress), ct);
    }
}
