namespace Aims.Domain.People;

/// <summary>
/// An escalation path: roles, lowest first. The impact procedure climbs it when a residual impact is not acceptable;
/// approvals climb it when approvers do not answer in time. One way to walk it for both.
/// </summary>
public static class Escalation
{
    /// <summary>The next role on the path above <paramref name="from"/>; the first role when <paramref name="from"/> is not on it; null at its end.</summary>
    public static Role? Next(IReadOnlyList<Role> path, Role? from)
    {
        var index = from is { } r ? path.ToList().IndexOf(r) : -1;
        return index >= 0 && index + 1 < path.Count ? path[index + 1] : index < 0 && path.Count > 0 ? path[0] : null;
    }

    /// <summary>The roles reached after <paramref name="steps"/> steps from the start of the path (at most the whole path).</summary>
    public static IReadOnlyList<Role> Reached(IReadOnlyList<Role> path, int steps) => [.. path.Take(Math.Clamp(steps, 0, path.Count))];
}
