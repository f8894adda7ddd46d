namespace Aims.Domain.Evidence;

public enum EvidenceKind
{
    File,
    Link,
    Record,
}

/// <summary>Derived from valid-until and today, never stored: an item expires by itself when its date passes.</summary>
public enum Freshness
{
    Current,
    Expiring,
    Expired,
}

public enum EvidenceRequestState
{
    Open,
    Closed,
}

/// <summary>What a reminder says about an open request: due within the window, or past its date.</summary>
public enum ReminderState
{
    NotDue,
    DueSoon,
    Overdue,
}

/// <summary>The kinds of record an evidence item can support; requirements cover controls of every framework.</summary>
public enum EvidenceTarget
{
    Requirement,
    Risk,
    ImpactAssessment,
    Action,
    Nonconformity,
}

public static class EvidenceRules
{
    public const int DefaultExpiringWithinDays = 30;
    public const int MaxExpiringWithinDays = 365;
    public const int MaxFileNameLength = 200;

    /// <summary>
    /// Current while valid-until is more than <paramref name="expiringWithinDays"/> away (or there is none), expiring
    /// within that window, expired once the date has passed (valid on its last day).
    /// </summary>
    public static Freshness FreshnessOf(DateOnly? validUntil, DateOnly today, int expiringWithinDays = DefaultExpiringWithinDays)
    {
        if (validUntil is not { } until)
        {
            return Freshness.Current;
        }

        if (until < today)
        {
            return Freshness.Expired;
        }

        return until.DayNumber - today.DayNumber <= expiringWithinDays ? Freshness.Expiring : Freshness.Current;
    }

    public static ReminderState ReminderOf(EvidenceRequestState state, DateOnly dueOn, DateOnly today, int withinDays = DefaultExpiringWithinDays) =>
        state != EvidenceRequestState.Open ? ReminderState.NotDue
        : dueOn < today ? ReminderState.Overdue
        : dueOn.DayNumber - today.DayNumber <= withinDays ? ReminderState.DueSoon
        : ReminderState.NotDue;

    /// <summary>
    /// The rule a file name breaks, or null. Names are shown and offered back on download, so they must not carry a
    /// path (a separator or a ".." segment), control characters or characters that break the Content-Disposition header.
    /// </summary>
    public static string? FileNameProblem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "is required";
        }

        if (name.Length > MaxFileNameLength)
        {
            return $"must be at most {MaxFileNameLength} characters";
        }

        if (name.Contains('/') || name.Contains('\\'))
        {
            return "must be a plain file name without a path (no / or \\)";
        }

        if (name == "." || name.Contains("..", StringComparison.Ordinal))
        {
            return "must not contain '..'";
        }

        if (name.Any(c => char.IsControl(c) || c is '"' || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format))
        {
            return "must not contain control characters or quotes";
        }

        if (name.Trim() != name)
        {
            return "must not start or end with a space";
        }

        return null;
    }

    /// <summary>The SHA-256 as stored: 64 lower-case hexadecimal characters.</summary>
    public static bool IsSha256(string text) => text.Length == 64 && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}

/// <summary>What the vault holds for one control or requirement: linked items and how many have expired.</summary>
public sealed record EvidenceStanding(int Linked, int Expired, int Expiring)
{
    public static EvidenceStanding None { get; } = new(0, 0, 0);

    /// <summary>Some evidence is linked and none of it is still valid: an auditor would not accept it.</summary>
    public bool AllExpired => Linked > 0 && Expired == Linked;

    public bool HasCurrent => Linked > Expired;
}
