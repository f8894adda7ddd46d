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
    public static string ContentDigest(LifecycleEventRecord e) => LedgerHash.Of(LedgerCanonicalJson.Write(ContentDraft(e.EventId, e.System, e.Fields())));

    /// <summary>
    /// <see cref="ContentDigest(LifecycleEventRecord)"/> from the event's prepared bytes, which hold the same members from
    /// "type" on: ingestion writes each event once instead of twice.
    /// </summary>
    public static string ContentDigest(LifecycleEventRecord e, CanonicalTemplate prepared)
    {
        // The stream names the system by its reference, the sender may have spelled it in another case: then the
        // "ref" members differ and the event is written in full.
        var tail = prepared.FromType();
        if (tail.IsEmpty || prepared.Draft.EntityId != e.EventId || prepared.Draft.Reference != e.System)
        {
            return ContentDigest(e);
        }

        var length = ContentHead.Length + tail.Length;
        var rented = length > 2048 ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
        var bytes = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        ContentHead.CopyTo(bytes);
        tail.CopyTo(bytes[ContentHead.Length..]);
        var digest = LedgerHash.Of(bytes);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }

        return digest;
    }

    private static LedgerEventDraft ContentDraft(string eventId, string system, IReadOnlyList<LedgerField> fields) =>
        new("", 0, LedgerHash.Genesis, DateTimeOffset.UnixEpoch, "", EventType, eventId, system, Action, null, null, fields);

    /// <summary>The content draft's bytes before its "type" member: the same for every event.</summary>
    private static readonly byte[] ContentHead = Head();

    private static byte[] Head()
    {
        var bytes = LedgerCanonicalJson.Write(ContentDraft("x", "x", []));
        return bytes.AsSpan(0, bytes.AsSpan().IndexOf(",\"type\":\""u8)).ToArray();
    }
}
