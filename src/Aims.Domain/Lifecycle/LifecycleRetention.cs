namespace Aims.Domain.Lifecycle;

/// <summary>
/// How long lifecycle events are kept, and which of them may go. Logs of a high-risk system must be kept at least six
/// months, so no organization can configure less. Pruning removes only whole segments that end just before a signed
/// checkpoint, so what remains starts at a checkpoint whose signature anchors the rest of the stream.
/// </summary>
public static class LifecycleRetention
{
    public const int MinimumMonths = 6;
    public const int DefaultMonths = 6;
    public const int MaximumMonths = 120;

    public static string? Check(int? months) => months is >= MinimumMonths and <= MaximumMonths
        ? null
        : $"must be between {MinimumMonths} months (the legal minimum for keeping these logs) and {MaximumMonths} months";

    public static DateTimeOffset Cutoff(DateTimeOffset now, int months) => now.AddMonths(-Math.Max(months, MinimumMonths));

    /// <summary>
    /// The checkpoint the stream may be cut before: the latest one written before <paramref name="cutoff"/> (so every
    /// event before it is older than the cutoff, events being numbered in time order) and after the stream's current
    /// start; null when nothing may be pruned.
    /// </summary>
    public static long? PruneBefore(IEnumerable<(long Sequence, DateTimeOffset At)> checkpoints, long firstSequence, DateTimeOffset cutoff)
    {
        long? best = null;
        foreach (var (sequence, at) in checkpoints)
        {
            if (sequence > firstSequence && at < cutoff && (best is null || sequence > best))
            {
                best = sequence;
            }
        }

        return best;
    }
}
