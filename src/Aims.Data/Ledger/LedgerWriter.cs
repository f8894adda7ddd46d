using System.Globalization;
using System.Text;
using Aims.Data.Entities;
using Aims.Domain.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;

namespace Aims.Data.Ledger;

/// <summary>
/// Saves a unit of work together with its ledger events, in one transaction:
/// deletes become tombstones, versions rise, references are handed out, and for each chain the next sequence
/// numbers and the previous hash are taken by an atomic update of the chain-head row, which every other writer
/// (another request, another process, another node) must wait for. The unique (organization, sequence) key is the
/// backstop: a writer that somehow raced gets a conflict, rolls back and tries again, so the chain cannot fork.
/// </summary>
internal sealed class LedgerWriter(AimsDbContext db)
{
    private const int MaxAttempts = 3;

    private sealed record Change(EntityEntry Entry, string Action, List<LedgerField>? Before, List<LedgerField>? After);

    public async Task<int> SaveAsync(bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        var now = Clock.Now();
        PrepareEntries(now);
        if (!db.ChangeTracker.Entries().Any(e => e.Entity is ILedgered && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            return await db.SaveWithoutLedgerAsync(acceptAllChangesOnSuccess, ct);
        }

        for (var attempt = 1; ; attempt++)
        {
            var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            var added = new List<LedgerEvent>();
            var referenced = new List<IReferenced>();
            try
            {
                referenced = await AssignReferencesAsync(ct);
                var changes = Collect();
                added = await AppendAsync(changes, now, ct);
                var count = await db.SaveWithoutLedgerAsync(acceptAllChangesOnSuccess, ct);
                if (owned is not null)
                {
                    await owned.CommitAsync(ct);
                }

                return count;
            }
            catch (DbUpdateException e) when (owned is not null && attempt < MaxAttempts && IsLedgerConflict(e))
            {
                await owned.RollbackAsync(ct);
                Forget(added, referenced);
            }
            catch
            {
                if (owned is not null)
                {
                    await owned.RollbackAsync(CancellationToken.None);
                }

                Forget(added, referenced);
                throw;
            }
            finally
            {
                if (owned is not null)
                {
                    await owned.DisposeAsync();
                }
            }
        }
    }

    /// <summary>Turns deletes into tombstones, stamps creation times and raises versions before anything is written.</summary>
    private void PrepareEntries(DateTimeOffset now)
    {
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (entry.State == EntityState.Deleted && entry.Entity is ISoftDeletable soft)
            {
                entry.State = EntityState.Modified;
                soft.DeletedAt = now;
            }
            else if (entry.State == EntityState.Deleted && entry.Entity is ILedgered and not IRemovable)
            {
                throw new InvalidOperationException($"{entry.Metadata.ClrType.Name} records cannot be deleted: they are kept for the ledger.");
            }

            if (entry.Entity is IVersioned versioned)
            {
                if (entry.State == EntityState.Added)
                {
                    versioned.Version = 1;
                }
                else if (entry.State == EntityState.Modified && entry.Properties.Any(p =>
                    p.IsModified && p.Metadata.Name != nameof(IVersioned.Version) && LedgerPolicy.IsRecorded(entry.Metadata.ClrType, p.Metadata.Name)))
                {
                    versioned.Version = (long)entry.Property(nameof(IVersioned.Version)).OriginalValue! + 1;
                }
            }

            if (entry.State == EntityState.Added)
            {
                var created = entry.Metadata.FindProperty("CreatedAt");
                if (created is not null && entry.Property(created.Name).CurrentValue is DateTimeOffset at && at == default)
                {
                    entry.Property(created.Name).CurrentValue = now;
                }
            }
        }
    }

    /// <summary>
    /// Numbers new records per organization and prefix with one counter update per group (an import of thousands of
    /// rows takes one statement, not one per row). A reference given by the caller (an import keeps its references)
    /// is kept, and later records are numbered after it.
    /// </summary>
    private async Task<List<IReferenced>> AssignReferencesAsync(CancellationToken ct)
    {
        var assigned = new List<IReferenced>();
        var added = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && e.Entity is IReferenced)
            .Select(e => (IReferenced)e.Entity).ToList();
        foreach (var group in added.Where(r => !string.IsNullOrEmpty(r.Reference)).GroupBy(r => (r.OrganizationId, r.ReferencePrefix)))
        {
            long highest = 0;
            foreach (var record in group)
            {
                var given = ReferenceNumber(record);
                highest = Math.Max(highest, given);
                if (record is RegisterRecord kept)
                {
                    kept.Number = given;
                }
            }

            await RaiseCounterAsync(db, group.Key.OrganizationId, group.Key.ReferencePrefix, highest, ct);
        }

        foreach (var group in added.Where(r => string.IsNullOrEmpty(r.Reference)).GroupBy(r => (r.OrganizationId, r.ReferencePrefix)))
        {
            var records = group.ToList();
            var next = await TakeCounterAsync(db, group.Key.OrganizationId, group.Key.ReferencePrefix, records.Count, ct) - records.Count;
            foreach (var record in records)
            {
                next++;
                record.Reference = record.ReferencePrefix + "-" + next.ToString(CultureInfo.InvariantCulture);
                if (record is RegisterRecord numbered)
                {
                    numbered.Number = next;
                }

                assigned.Add(record);
            }
        }

        return assigned;
    }

    private List<Change> Collect()
    {
        var changes = new List<Change>();
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is ILedgered))
        {
            var type = entry.Metadata.ClrType;
            var recorded = entry.Properties.Where(p => LedgerPolicy.IsRecorded(type, p.Metadata.Name)).ToList();
            switch (entry.State)
            {
                case EntityState.Added:
                    changes.Add(new Change(entry, LedgerActions.Create, null, recorded.Select(p => Field(p, p.CurrentValue)).ToList()));
                    break;
                case EntityState.Modified:
                    var modified = recorded.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)).ToList();
                    if (modified.Count == 0 || modified.All(p => p.Metadata.Name == nameof(IVersioned.Version)))
                    {
                        break;
                    }

                    var deleted = entry.Entity is ISoftDeletable { DeletedAt: not null } && modified.Any(p => p.Metadata.Name == nameof(ISoftDeletable.DeletedAt) && p.OriginalValue is null);
                    changes.Add(deleted
                        ? new Change(entry, LedgerActions.Delete, recorded.Select(p => Field(p, p.OriginalValue)).ToList(), null)
                        : new Change(entry, LedgerActions.Update, modified.Select(p => Field(p, p.OriginalValue)).ToList(), modified.Select(p => Field(p, p.CurrentValue)).ToList()));
                    break;
                case EntityState.Deleted:
                    changes.Add(new Change(entry, LedgerActions.Delete, recorded.Select(p => Field(p, p.OriginalValue)).ToList(), null));
                    break;
            }
        }

        return changes;
    }

    private static LedgerField Field(PropertyEntry p, object? value) => new(FieldName(p.Metadata.Name), value);

    /// <summary>The name a property has in an event's before/after.</summary>
    internal static string FieldName(string property) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property);

    private async Task<List<LedgerEvent>> AppendAsync(List<Change> changes, DateTimeOffset now, CancellationToken ct)
    {
        var events = new List<LedgerEvent>();
        // Chains are locked in id order, so two units of work touching the same chains cannot deadlock.
        foreach (var chain in changes.GroupBy(c => ChainOf(c.Entry.Entity)).OrderBy(g => g.Key))
        {
            var list = chain.ToList();
            var (last, prev) = await ReserveAsync(db, chain.Key, list.Count, ct);
            // Timed after the lock: events of a chain never go back in time against their sequence.
            now = Clock.Now();
            var seq = last - list.Count;
            foreach (var change in list)
            {
                seq++;
                var e = Event(db.Session, chain.Key, seq, prev, now, change.Entry.Metadata.ClrType, (ILedgered)change.Entry.Entity, change.Action, change.Before, change.After);
                events.Add(e);
                prev = e.Hash;
            }

            prev = await LedgerCheckpoints.AfterAppendAsync(db, chain.Key, last, list.Count, prev, events, ct);
            await db.Database.ExecuteSqlAsync($"UPDATE chain_heads SET hash = {prev} WHERE organization_id = {chain.Key}", ct);
        }

        db.LedgerEvents.AddRange(events);
        return events;
    }

    /// <summary>
    /// Appends one event made elsewhere in the data layer (a checkpoint, <see cref="LedgerCheckpoints"/>) at the sequence
    /// number the caller reserved with <see cref="ReserveAsync"/> in this transaction, and moves the chain head to it.
    /// </summary>
    internal static async Task AppendPreparedAsync(AimsDbContext db, LedgerEvent e, CancellationToken ct)
    {
        db.LedgerEvents.Add(e);
        await db.Database.ExecuteSqlAsync($"UPDATE chain_heads SET hash = {e.Hash} WHERE organization_id = {e.OrganizationId}", ct);
    }

    /// <summary>One event of a chain, hashed; the bulk insert builds its events here too, so both write the same bytes.</summary>
    internal static LedgerEvent Event(
        AimsSession session, Guid chain, long seq, string prev, DateTimeOffset now, Type type, ILedgered entity, string action,
        List<LedgerField>? before, List<LedgerField>? after)
    {
        var draft = new LedgerEventDraft(
            chain == Guid.Empty ? "system" : chain.ToString("D"),
            seq,
            prev,
            now,
            session.Actor,
            LedgerPolicy.TypeName(type),
            entity.Id.ToString("D"),
            (entity as IReferenced)?.Reference,
            action,
            session.Reason,
            before,
            after);
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
            Reference = draft.Reference,
            Action = draft.Action,
        };
    }

    internal static Guid ChainOf(object entity) => entity switch
    {
        IOrganizationOwned owned => owned.OrganizationId,
        Organization organization => organization.Id,
        _ => Guid.Empty,
    };

    /// <summary>
    /// Locks the organization's chain head until the transaction ends: a rule that reads several records before it
    /// writes (e.g. "keep one administrator") sees no concurrent change of that organization meanwhile.
    /// </summary>
    internal static async Task LockChainAsync(AimsDbContext db, Guid chain, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO chain_heads (organization_id, sequence, hash) VALUES ({chain}, 0, {LedgerHash.Genesis}) ON CONFLICT (organization_id) DO NOTHING", ct);
        await db.Database.ExecuteSqlAsync($"UPDATE chain_heads SET sequence = sequence WHERE organization_id = {chain}", ct);
    }

    /// <summary>Takes <paramref name="count"/> sequence numbers of a chain: returns the last one and the hash before the first.</summary>
    internal static async Task<(long Last, string PreviousHash)> ReserveAsync(AimsDbContext db, Guid chain, int count, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO chain_heads (organization_id, sequence, hash) VALUES ({chain}, 0, {LedgerHash.Genesis}) ON CONFLICT (organization_id) DO NOTHING", ct);
        var rows = await db.Database
            .SqlQuery<HeadRow>($"UPDATE chain_heads SET sequence = sequence + {count} WHERE organization_id = {chain} RETURNING sequence AS \"Sequence\", hash AS \"Hash\"")
            .ToListAsync(ct);
        var head = rows.Single();
        return (head.Sequence, head.Hash);
    }

    /// <summary>Takes <paramref name="count"/> numbers of a counter; returns the last one.</summary>
    internal static async Task<long> TakeCounterAsync(AimsDbContext db, Guid organization, string name, int count, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO counters (organization_id, name, value) VALUES ({organization}, {name}, 0) ON CONFLICT (organization_id, name) DO NOTHING", ct);
        var rows = await db.Database
            .SqlQuery<long>($"UPDATE counters SET value = value + {count} WHERE organization_id = {organization} AND name = {name} RETURNING value AS \"Value\"")
            .ToListAsync(ct);
        return rows.Single();
    }

    internal static long ReferenceNumber(IReferenced record) =>
        record.Reference.StartsWith(record.ReferencePrefix + "-", StringComparison.Ordinal)
        && long.TryParse(record.Reference.AsSpan(record.ReferencePrefix.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new InvalidOperationException($"{record.Reference} is not a {record.ReferencePrefix}-n reference.");

    internal static async Task RaiseCounterAsync(AimsDbContext db, Guid organization, string name, long atLeast, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO counters (organization_id, name, value) VALUES ({organization}, {name}, 0) ON CONFLICT (organization_id, name) DO NOTHING", ct);
        await db.Database.ExecuteSqlAsync(
            $"UPDATE counters SET value = {atLeast} WHERE organization_id = {organization} AND name = {name} AND value < {atLeast}", ct);
    }

    /// <summary>Undoes what a failed attempt added to the unit of work, so a retry or a later save starts clean.</summary>
    private void Forget(List<LedgerEvent> added, List<IReferenced> referenced)
    {
        foreach (var e in added)
        {
            db.Entry(e).State = EntityState.Detached;
        }

        foreach (var record in referenced)
        {
            record.Reference = "";
        }
    }

    private static bool IsLedgerConflict(DbUpdateException e) =>
        e.InnerException?.Message.Contains("ledger_events", StringComparison.OrdinalIgnoreCase) == true;

    private sealed class HeadRow
    {
        public long Sequence { get; set; }

        public string Hash { get; set; } = "";
    }
}
