using System.Globalization;
using Aims.Domain.Inventory;

namespace Aims.Domain.Lifecycle;

/// <summary>A stage a system must log, and how long it may stay silent.</summary>
public sealed record PhaseRule(LifecycleStage Stage, int IntervalHours);

/// <summary>Where one required stage stands: the last event received for it, and whether it is overdue.</summary>
public sealed record PhaseStatus(LifecycleStage Stage, int IntervalHours, DateTimeOffset? LastLoggedAt, DateTimeOffset DueBy, bool Overdue)
{
    public string StageName => LifecycleStages.Name(Stage);
}

/// <summary>
/// Which stages a system must log and how often, written as "stage=hours" pairs (e.g. "operation-and-monitoring=24");
/// and the check that flags a stage with nothing logged within its interval.
/// </summary>
public static class LifecyclePhases
{
    public const int MinIntervalHours = 1;
    public const int MaxIntervalHours = 24 * 366;

    public static string Format(IEnumerable<PhaseRule> rules) =>
        string.Join(",", rules.OrderBy(r => r.Stage).Select(r => LifecycleStages.Name(r.Stage) + "=" + r.IntervalHours.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Reads what <see cref="Format"/> wrote; the stored text is only ever written from validated rules.</summary>
    public static List<PhaseRule> Parse(string? text)
    {
        var rules = new List<PhaseRule>();
        foreach (var pair in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=');
            if (parts.Length == 2 && LifecycleStages.TryParse(parts[0], out var stage)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var hours))
            {
                rules.Add(new PhaseRule(stage, hours));
            }
        }

        return rules;
    }

    /// <summary>Checks phases as a sender gives them (stage name, hours); errors keyed "phases[i].member".</summary>
    public static (List<PhaseRule> Rules, Dictionary<string, string[]> Errors) Validate(IReadOnlyList<(string? Stage, int? IntervalHours)>? phases)
    {
        var errors = new Dictionary<string, string[]>();
        var rules = new List<PhaseRule>();
        if (phases is null)
        {
            errors["phases"] = ["is required (an empty list means no stage must be logged)"];
            return (rules, errors);
        }

        for (var i = 0; i < phases.Count; i++)
        {
            var (name, hours) = phases[i];
            if (!LifecycleStages.TryParse(name, out var stage))
            {
                errors[$"phases[{i}].stage"] = [$"must be one of {string.Join(", ", LifecycleStages.Names)}"];
                continue;
            }

            if (rules.Any(r => r.Stage == stage))
            {
                errors[$"phases[{i}].stage"] = [$"'{name}' is listed twice"];
                continue;
            }

            if (hours is not (>= MinIntervalHours and <= MaxIntervalHours))
            {
                errors[$"phases[{i}].intervalHours"] = [$"must be between {MinIntervalHours} and {MaxIntervalHours} hours"];
                continue;
            }

            rules.Add(new PhaseRule(stage, hours.Value));
        }

        return (errors.Count == 0 ? rules : [], errors);
    }

    /// <summary>
    /// A stage is overdue when nothing was logged for it within its interval. The clock starts when the rule was set
    /// (<paramref name="configuredAt"/>), so a newly configured system is not flagged before it had a chance to log.
    /// </summary>
    public static List<PhaseStatus> Evaluate(IEnumerable<PhaseRule> rules, IReadOnlyDictionary<LifecycleStage, DateTimeOffset> lastLogged, DateTimeOffset configuredAt, DateTimeOffset now) =>
        rules.OrderBy(r => r.Stage).Select(r =>
        {
            DateTimeOffset? last = lastLogged.TryGetValue(r.Stage, out var at) ? at : null;
            var start = last is { } l && l > configuredAt ? l : configuredAt;
            var due = start.AddHours(r.IntervalHours);
            return new PhaseStatus(r.Stage, r.IntervalHours, last, due, due < now);
        }).ToList();
}
