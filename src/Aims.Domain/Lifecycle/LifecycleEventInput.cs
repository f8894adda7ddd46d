using Aims.Domain.Inventory;
using Aims.Domain.Ledger;

namespace Aims.Domain.Lifecycle;

/// <summary>One event as an operating AI system sends it, before any rule is checked; every member may be missing.</summary>
public sealed record LifecycleEventInput(
    string? EventId,
    string? System,
    string? ModelVersion,
    string? Stage,
    string? Type,
    string? DecisionId,
    string? InputDigest,
    string? OutputDigest,
    bool? HumanIntervention,
    string? InterventionBy,
    DateTimeOffset? Timestamp,
    IReadOnlyList<LedgerField>? Attributes);

/// <summary>An event that passed every rule: what is hashed into the stream and kept in the query columns.</summary>
public sealed record LifecycleEventRecord(
    string EventId,
    string System,
    string ModelVersion,
    LifecycleStage Stage,
    string Type,
    string? DecisionId,
    string? InputDigest,
    string? OutputDigest,
    bool HumanIntervention,
    string? InterventionBy,
    DateTimeOffset Timestamp,
    IReadOnlyList<LedgerField> Attributes)
{
    /// <summary>The "after" of the stream event: every field the sender gave, in the ledger's canonical form.</summary>
    public IReadOnlyList<LedgerField> Fields() =>
    [
        new("attributes", Attributes),
        new("decisionId", DecisionId),
        new("eventType", Type),
        new("humanIntervention", HumanIntervention),
        new("inputDigest", InputDigest),
        new("interventionBy", InterventionBy),
        new("modelVersion", ModelVersion),
        new("outputDigest", OutputDigest),
        new("stage", LifecycleStages.Name(Stage)),
        new("timestamp", Timestamp),
    ];
}

/// <summary>The ISO/IEC 22989 stages in the kebab-case the inventory uses (e.g. "operation-and-monitoring").</summary>
public static class LifecycleStages
{
    // Computed once: ingestion names the stage of every event two or three times.
    private static readonly string[] Cached = Enum.GetValues<LifecycleStage>().OrderBy(s => (int)s).Select(s => KebabCase.Of(s.ToString())).ToArray();

    public static readonly IReadOnlyList<string> Names = Cached;

    public static string Name(LifecycleStage stage) =>
        (uint)stage < (uint)Cached.Length ? Cached[(int)stage] : KebabCase.Of(stage.ToString());

    public static bool TryParse(string? text, out LifecycleStage stage)
    {
        for (var i = 0; i < Cached.Length; i++)
        {
            if (string.Equals(Cached[i], text, StringComparison.Ordinal))
            {
                stage = (LifecycleStage)i;
                return true;
            }
        }

        stage = default;
        return false;
    }
}
