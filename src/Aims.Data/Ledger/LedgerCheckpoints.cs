using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aims.Data.Entities;
using Aims.Domain.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Aims.Data.Ledger;

/// <summary>How a context signs its organizations' chains: the key files and every how many events a checkpoint is due.</summary>
public sealed record LedgerSigning(ILedgerKeys Keys, int Interval)
{
    public const int DefaultInterval = 1000;

    public static LedgerSigning For(DatabaseSettings settings) =>
        new(LedgerKeys.For(settings, settings.LedgerKeyDirectory), settings.CheckpointInterval);
}

/// <summary>What one checkpoint (or rotation) event vouches for, as the pages, the API and the command line show it.</summary>
public sealed record CheckpointView(long Sequence, DateTimeOffset At, string Actor, string Action, long HeadSequence, string Head, string KeyId, string? NewKeyId);

/// <summary>
/// Checkpoint events written by the data layer: automatically when a chain crosses a multiple of the interval (in the
/// transaction of the write that crossed it), on demand, and as the event of a key rotation.
/// </summary>
public static class LedgerCheckpoints
{
    /// <summary>The key the chain's latest checkpoint says should sign next (its new key after a rotation); null before any.</summary>
    public static async Task<string?> ExpectedKeyIdAsync(AimsDbContext db, Guid chain, CancellationToken ct, long? upToSequence = null)
    {
        var query = db.LedgerEvents.IgnoreQueryFilters()
            .Where(e => e.OrganizationId == chain && e.EntityType == LedgerCheckpoint.EntityType);
        if (upToSequence is { } last)
        {
            query = query.Where(e => e.Sequence <= last);
        }

        var json = await query.OrderByDescending(e => e.Sequence).Select(e => e.Json).FirstOrDefaultAsync(ct);
        return json is null ? null : NextKeyId(json);
    }

    /// <summary>The key a stored checkpoint hands on: newKeyId for a rotation, keyId otherwise.</summary>
    public static string NextKeyId(string checkpointJson)
    {
        using var doc = JsonDocument.Parse(checkpointJson);
        var after = doc.RootElement.GetProperty("after");
        return (after.TryGetProperty("newKeyId", out var next) ? next : after.GetProperty("keyId")).GetString()!;
    }

    /// <summary>
    /// Called by the writers after they appended <paramref name="count"/> events ending at <paramref name="last"/>:
    /// when that crossed a multiple of the interval, appends a checkpoint (one more sequence number) and returns its
    /// hash as the chain's new head; otherwise returns <paramref name="prev"/>.
    /// </summary>
    internal static async Task<string> AfterAppendAsync(AimsDbContext db, Guid chain, long last, int count, string prev, List<LedgerEvent> events, CancellationToken ct)
    {
        if (db.Signing is not { Interval: > 0 } signing || chain == Guid.Empty || last / signing.Interval == (last - count) / signing.Interval)
        {
            return prev;
        }

        var (seq, _) = await LedgerWriter.ReserveAsync(db, chain, 1, ct);
        var expected = await ExpectedKeyIdAsync(db, chain, ct);
        using var key = signing.Keys.SigningKey(chain, expected);
        var e = Event(db.Session, chain, seq, prev, Clock.Now(), key, null, "system:ledger");
        events.Add(e);
        return e.Hash;
    }

    /// <summary>
    /// Appends a checkpoint now (or, with <paramref name="rotate"/>, a key rotation signed by the old key, after which
    /// the new key is current). Null when the chain has no event to vouch for yet.
    /// </summary>
    public static async Task<CheckpointView?> CreateAsync(AimsDbContext db, bool rotate, CancellationToken ct)
    {
        var chain = db.CurrentOrganizationId;
        var signing = db.Signing ?? throw new InvalidOperationException("This context has no ledger signing configured.");
        if (chain == Guid.Empty)
        {
            throw new InvalidOperationException("Checkpoints are signed per organization; enter one first.");
        }

        if (db.ChangeTracker.HasChanges())
        {
            throw new InvalidOperationException("Save pending changes before a checkpoint: it is written on its own.");
        }

        if (rotate && db.Database.CurrentTransaction is not null)
        {
            // The new key file becomes current right after the commit, so the rotation must own its transaction.
            throw new InvalidOperationException("A key rotation runs in a transaction of its own.");
        }

        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var (seq, prev) = await LedgerWriter.ReserveAsync(db, chain, 1, ct); // locks the chain head until commit
        if (seq == 1)
        {
            return null;
        }

        var expected = await ExpectedKeyIdAsync(db, chain, ct);
        LedgerEvent e;
        LedgerKeyRotation? rotation = null;
        try
        {
            if (rotate)
            {
                using (signing.Keys.SigningKey(chain, expected))
                {
                    // checks the current key is the chain's before a new one is made
                }

                rotation = signing.Keys.Rotate(chain);
                e = Event(db.Session, chain, seq, prev, Clock.Now(), rotation.OldKey, rotation.NewKey, null);
            }
            else
            {
                using var key = signing.Keys.SigningKey(chain, expected);
                e = Event(db.Session, chain, seq, prev, Clock.Now(), key, null, null);
            }

            await LedgerWriter.AppendPreparedAsync(db, e, ct);
            await db.SaveWithoutLedgerAsync(true, ct);
            if (tx is not null)
            {
                await tx.CommitAsync(ct);
            }

            rotation?.Complete();
        }
        finally
        {
            rotation?.Dispose();
        }

        db.Entry(e).State = EntityState.Detached;
        return View(e);
    }

    /// <summary>
    /// The organization's current public key (SubjectPublicKeyInfo PEM) and its id: the key its chain names, created on
    /// first use only while the chain names none.
    /// </summary>
    public static async Task<(string KeyId, string Pem)> PublicKeyAsync(AimsDbContext db, CancellationToken ct)
    {
        var signing = db.Signing ?? throw new InvalidOperationException("No ledger signing is configured for this context.");
        var expected = await ExpectedKeyIdAsync(db, db.CurrentOrganizationId, ct);
        using var key = signing.Keys.SigningKey(db.CurrentOrganizationId, expected);
        return (LedgerCheckpoint.KeyId(key), key.ExportSubjectPublicKeyInfoPem());
    }

    /// <summary>The organization's checkpoints, newest first.</summary>
    public static async Task<List<CheckpointView>> ListAsync(AimsDbContext db, int take, CancellationToken ct)
    {
        var rows = await db.LedgerEvents.AsNoTracking().Where(e => e.EntityType == LedgerCheckpoint.EntityType)
            .OrderByDescending(e => e.Sequence).Take(take).ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    public static async Task<int> CountAsync(AimsDbContext db, CancellationToken ct) =>
        await db.LedgerEvents.CountAsync(e => e.EntityType == LedgerCheckpoint.EntityType, ct);

    public static CheckpointView View(LedgerEvent e)
    {
        using var doc = JsonDocument.Parse(e.Json);
        var after = doc.RootElement.GetProperty("after");
        return new CheckpointView(e.Sequence, e.At, e.Actor, e.Action, after.GetProperty("headSeq").GetInt64(), after.GetProperty("head").GetString()!,
            after.GetProperty("keyId").GetString()!, after.TryGetProperty("newKeyId", out var next) ? next.GetString() : null);
    }

    /// <summary>
    /// The checkpoint event itself; the entity id is the organization's (its checkpoints are its chain's history).
    /// An automatic one names the ledger as actor; one on demand names who asked.
    /// </summary>
    private static LedgerEvent Event(AimsSession session, Guid chain, long seq, string prev, DateTimeOffset now, ECDsa key, ECDsa? newKey, string? actor)
    {
        var chainText = chain.ToString("D");
        var draft = LedgerCheckpoint.Draft(chainText, seq, prev, now, actor ?? session.Actor, chainText, actor is null ? session.Reason : null, key, newKey);
        var bytes = LedgerCanonicalJson.Write(draft);
        return new LedgerEvent
        {
            OrganizationId = chain,
            Sequence = seq,
            PreviousHash = prev,
            Hash = LedgerHash.Of(bytes),
            Json = Encoding.UTF8.GetString(bytes),
            At = now,
            Actor = draft.Actor,
            EntityType = draft.EntityType,
            EntityId = draft.EntityId,
            Reference = null,
            Action = draft.Action,
        };
    }
}
