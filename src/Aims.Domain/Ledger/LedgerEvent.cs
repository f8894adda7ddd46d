namespace Aims.Domain.Ledger;

public static class LedgerActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
}

/// <summary>One field of a record as the ledger keeps it: a name and a JSON-ready value.</summary>
public readonly record struct LedgerField(string Name, object? Value);

/// <summary>
/// Everything an event says before it is hashed. <see cref="LedgerCanonicalJson"/> turns it into the exact bytes
/// that are stored and hashed; after that only those bytes count.
/// </summary>
public sealed record LedgerEventDraft(
    string Chain,
    long Sequence,
    string PreviousHash,
    DateTimeOffset At,
    string Actor,
    string EntityType,
    string EntityId,
    string? Reference,
    string Action,
    string? Reason,
    IReadOnlyList<LedgerField>? Before,
    IReadOnlyList<LedgerField>? After);

/// <summary>What a verifier reads back from the canonical bytes of one event.</summary>
public sealed record LedgerEventHeader(
    int Version,
    string Chain,
    long Sequence,
    string PreviousHash,
    string At,
    string Actor,
    string EntityType,
    string EntityId,
    string? Reference,
    string Action,
    string? Reason);
