using Aims.Domain.Ledger;

namespace Aims.Domain.Lifecycle;

/// <summary>
/// A lifecycle stream is a chain of its own per AI system, in the organization ledger's canonical scheme: the same
/// bytes, the same hash, the same export and verifier. Only its chain id differs, so its events can never be
/// mistaken for (or spliced into) the organization's chain.
/// </summary>
public static class LifecycleStream
{
    public const string EventType = "lifecycle-event";
    public const string Action = "record";

    public static string ChainId(Guid systemId) => "lifecycle:" + systemId.ToString("D");

    public static LedgerEventDraft Draft(Guid systemId, string systemReference, long sequence, string previousHash, DateTimeOffset receivedAt, string actor, LifecycleEventRecord e) =>
        new(ChainId(systemId), sequence, previousHash, receivedAt, actor, EventType, e.EventId, systemReference, Action, null, null, e.Fields());

    /// <summary>
    /// What the sender said, without where it landed in the stream: a retried event with the same id is the same event
    /// only when this matches, so a retry is answered and a different event under a used id is refused.
    /// </summary>
    public static string ContentDigest(LifecycleEventRecord e) =>
        LedgerHash.Of(LedgerCanonicalJson.Write(new LedgerEventDraft("", 0, LedgerHash.Genesis, DateTimeOffset.UnixEpoch, "", EventType, e.EventId, e.System, Action, null, null, e.Fields())));
}
