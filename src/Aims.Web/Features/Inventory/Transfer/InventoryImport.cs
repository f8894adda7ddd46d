using Aims.Data;
using Aims.Data.Entities;
using Aims.Data.Ledger;
using Aims.Web.Infrastructure.Registers;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Inventory.Transfer;

/// <summary>
/// Imports an inventory file into the current organization: every row is checked, and either all rows are saved or
/// none. Rows keep their references (a reference that exists updates that record), may point at rows of the same
/// file, and are saved in batches inside one transaction so that a file of any size takes constant memory.
/// </summary>
public sealed class InventoryImport(RegisterService service, TransferSet set)
{
    public const int BatchSize = 1000;

    /// <summary>Listed problems stop here; the rest are counted (a wrong file would otherwise list a row per line).</summary>
    public const int MaxListedErrors = 200;

    private readonly AimsDbContext db = service.Db;
    private readonly List<ImportError> errors = [];
    private readonly HashSet<string> people = new(StringComparer.Ordinal);
    private readonly HashSet<string> preloaded = new(StringComparer.Ordinal);
    private int moreErrors;
    private int created;
    private int updated;
    private int unchanged;
    private int pendingSaves;

    /// <summary>New records of the batch, kept out of the change tracker: they are inserted in bulk (ADR 0010).</summary>
    private readonly List<RegisterRecord> fresh = [];
    private readonly LedgerBulkInsert bulk = new(service.Db);
    private bool bulkable;

    /// <summary>Where the rows with a link to their own register were, to name a lineage cycle's row.</summary>
    private readonly Dictionary<string, string> selfLinked = new(StringComparer.Ordinal);

    public async Task<ImportResult> RunAsync(Stream file, string fileName, RegisterDefinition? csvEntity, CancellationToken ct)
    {
        var (sheets, problems) = await ImportSources.ReadAsync(set, file, fileName, csvEntity, ct);
        problems.ForEach(Add);
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        // Links are looked up in the change tracker per row; detecting changes on every lookup would make a batch quadratic.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var transaction = await db.BeginOrganizationWriteAsync(ct);
            foreach (var sheet in sheets.OrderBy(s => set.ImportOrder.ToList().IndexOf(s.Definition)))
            {
                await ImportSheetAsync(sheet, ct);
            }

            if (Ok && await service.CheckGraphAsync(ct) is { } graph)
            {
                var where = graph.Rule.Split(' ', ',', ':').Select(w => selfLinked.GetValueOrDefault(w)).FirstOrDefault(w => w is not null);
                Add(new ImportError(where ?? "file", graph.Field, graph.Rule));
            }

            if (!Ok)
            {
                if (transaction is not null)
                {
                    await transaction.RollbackAsync(ct);
                }

                db.ChangeTracker.Clear();
                return new ImportResult(0, 0, 0, [], errors, moreErrors);
            }

            var invite = await PeopleToInviteAsync(ct);
            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }

            return new ImportResult(created, updated, unchanged, invite, [], 0);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private bool Ok => errors.Count == 0 && moreErrors == 0;

    private void Add(ImportError error)
    {
        if (errors.Count < MaxListedErrors)
        {
            errors.Add(error);
        }
        else
        {
            moreErrors++;
        }
    }

    private async Task ImportSheetAsync(ImportSheet sheet, CancellationToken ct)
    {
        var definition = sheet.Definition;
        foreach (var target in definition.Fields.Where(f => f.Target is not null).Select(f => f.Target!).Append(definition.Name).Distinct())
        {
            if (preloaded.Add(target))
            {
                await service.References.PreloadAsync(service.Registers.Get(target), ct);
            }
        }

        var existing = await ExistingAsync(definition, ct);
        bulkable = LedgerBulkInsert.Supports(db, definition.ClrType) && LedgerBulkInsert.Supports(db, typeof(Person));
        // Numbers only (references of one register): one small entry per row keeps a large import's memory nearly flat.
        var seen = new HashSet<long>();
        var deferredFields = definition.Fields.Where(f => f.Target == definition.Name && f.Kind == FieldKind.ReferenceSet).ToList();
        var deferred = new List<(Guid Id, string Where, RegisterInput Input)>();
        await foreach (var row in RowPrefetch.AheadAsync(sheet.Rows, BatchSize, ct))
        {
            var reference = string.IsNullOrWhiteSpace(row.Reference) ? null : row.Reference.Trim().ToUpperInvariant();
            if (reference is not null && !IsReference(definition, reference))
            {
                Add(new(row.Where, "reference", $"must be {definition.Prefix}-n (n a whole number from 1), e.g. {definition.Prefix}-12"));
                continue;
            }

            if (reference is not null && !seen.Add(ReferenceIndex.Key(reference)!.Value.Number))
            {
                Add(new(row.Where, "reference", $"{reference} appears twice in the file (an earlier row has it too)"));
                continue;
            }

            var links = new RegisterInput();
            foreach (var field in deferredFields.Where(f => row.Input.Values.GetValueOrDefault(f.Name) is { Count: > 0 }))
            {
                links.Set(field.Name, row.Input.Values[field.Name]);
                row.Input.Values.Remove(field.Name);
            }

            var record = await ApplyRowAsync(definition, row, reference, existing, ct);
            if (record is not null && links.Values.Count > 0)
            {
                deferred.Add((record.Id, row.Where, links));
                selfLinked[record.Reference] = row.Where;
            }

            if (++pendingSaves >= BatchSize)
            {
                await FlushAsync(ct);
            }
        }

        errors.AddRange(sheet.Problems.Take(Math.Max(0, MaxListedErrors - errors.Count)));
        moreErrors += Math.Max(0, sheet.Problems.Count - MaxListedErrors);
        await FlushAsync(ct);
        foreach (var (id, where, links) in deferred)
        {
            await LinkAsync(definition, id, where, links, ct);
        }

        await FlushAsync(ct);
    }

    private async Task<RegisterRecord?> ApplyRowAsync(RegisterDefinition definition, ImportRow row, string? reference, Dictionary<string, (Guid Id, bool Deleted)> existing, CancellationToken ct)
    {
        RegisterRecord record;
        var creating = true;
        if (reference is not null && existing.TryGetValue(reference, out var found))
        {
            if (found.Deleted)
            {
                Add(new(row.Where, "reference", $"{reference} was deleted; a deleted reference is not reused. Leave the reference empty to add a new record"));
                return null;
            }

            record = await definition.Query(db).FirstAsync(r => r.Id == found.Id, ct);
            creating = false;
        }
        else
        {
            record = definition.Create();
            record.OrganizationId = db.CurrentOrganizationId;
            record.Reference = reference ?? "";
            if (reference is not null)
            {
                service.References.Add(reference, record.Id);
            }
        }

        var problems = await service.ApplyAsync(definition, record, row.Input, creating, ct);
        if (problems.Count > 0)
        {
            foreach (var (field, rules) in problems)
            {
                foreach (var rule in rules)
                {
                    Add(new(row.Where, field, rule));
                }
            }

            return null;
        }

        foreach (var field in definition.Fields.Where(f => f.Kind == FieldKind.Person))
        {
            if (row.Input.Values.GetValueOrDefault(field.Name) is [{ Length: > 0 } email])
            {
                people.Add(email.Trim().ToLowerInvariant());
            }
        }

        if (creating)
        {
            if (bulkable)
            {
                fresh.Add(record);
            }
            else
            {
                db.Add(record);
            }

            created++;
        }
        else if (Changed(record))
        {
            updated++;
        }
        else
        {
            unchanged++;
        }

        return record;
    }

    /// <summary>An update that changes nothing is not saved: no new version, no ledger event, just "unchanged".</summary>
    private bool Changed(RegisterRecord record)
    {
        var entry = db.Entry(record);
        entry.DetectChanges();
        var links = db.ChangeTracker.Entries<RegisterLink>().Any(l => l.Entity.FromId == record.Id && l.State is EntityState.Added or EntityState.Deleted);
        if (links || entry.Properties.Any(p => p.IsModified && p.Metadata.Name != nameof(RegisterRecord.UpdatedAt)))
        {
            return true;
        }

        var updatedAt = entry.Property(r => r.UpdatedAt);
        updatedAt.CurrentValue = updatedAt.OriginalValue;
        entry.State = EntityState.Unchanged;
        return false;
    }

    /// <summary>Links of a register to itself (dataset lineage), set once every row of the file exists.</summary>
    private async Task LinkAsync(RegisterDefinition definition, Guid id, string where, RegisterInput links, CancellationToken ct)
    {
        if (!Ok)
        {
            // Rows were not saved; the links are only checked.
            foreach (var (name, values) in links.Values)
            {
                foreach (var linked in values.Select(v => v.Trim().ToUpperInvariant()).Where(v => v.Length > 0))
                {
                    if (await service.References.FindAsync(definition, linked, ct) is null)
                    {
                        Add(new(where, name, $"{linked} is not {RegisterService.Article(definition.Singular)} {definition.Singular} of this organization"));
                    }
                }
            }

            return;
        }

        var record = await definition.Query(db).FirstAsync(r => r.Id == id, ct);
        var updatedAt = record.UpdatedAt;
        var problems = await service.ApplyAsync(definition, record, links, creating: false, ct);
        foreach (var (field, rules) in problems)
        {
            foreach (var rule in rules)
            {
                Add(new(where, field, rule));
            }
        }

        // The row's own save already stamped it; linking is part of the same change, not a second one.
        var entry = db.Entry(record);
        entry.Property(r => r.UpdatedAt).CurrentValue = updatedAt;
        entry.DetectChanges();
        if (!entry.Properties.Any(p => p.IsModified))
        {
            entry.State = EntityState.Unchanged;
        }

        if (++pendingSaves >= BatchSize)
        {
            await FlushAsync(ct);
        }
    }

    /// <summary>Saves the batch (or, once a row was refused, only forgets it: nothing will be committed).</summary>
    private async Task FlushAsync(CancellationToken ct)
    {
        if (Ok)
        {
            if (fresh.Count > 0)
            {
                // People first named in this batch go in before the records that point at them; links, updates and
                // whatever reactions added are saved after, as they may point at the new records.
                var people = db.ChangeTracker.Entries<Person>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
                people.ForEach(p => db.Entry(p).State = EntityState.Detached);
                await bulk.InsertAsync([.. people, .. fresh], ct);
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
        }

        db.ChangeTracker.Clear();
        fresh.Clear();
        pendingSaves = 0;
    }

    private async Task<Dictionary<string, (Guid Id, bool Deleted)>> ExistingAsync(RegisterDefinition definition, CancellationToken ct)
    {
        var existing = new Dictionary<string, (Guid, bool)>(StringComparer.Ordinal);
        await foreach (var row in definition.Query(db).IgnoreQueryFilters([AimsDbContext.SoftDeleteFilter]).AsNoTracking()
            .Select(r => new { r.Reference, r.Id, r.DeletedAt }).AsAsyncEnumerable().WithCancellation(ct))
        {
            existing[row.Reference] = (row.Id, row.DeletedAt is not null);
        }

        return existing;
    }

    private static bool IsReference(RegisterDefinition definition, string reference) =>
        reference.StartsWith(definition.Prefix + "-", StringComparison.Ordinal)
        && long.TryParse(reference.AsSpan(definition.Prefix.Length + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
        && n > 0 && reference == $"{definition.Prefix}-{n}";

    /// <summary>People named in the file who are not members of the organization: someone should invite them.</summary>
    private async Task<List<string>> PeopleToInviteAsync(CancellationToken ct)
    {
        var members = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in people.Select(p => p.ToUpperInvariant()).Chunk(500))
        {
            members.UnionWith(await db.Memberships.Where(m => chunk.Contains(m.Person!.NormalizedEmail!))
                .Select(m => m.Person!.NormalizedEmail!).ToListAsync(ct));
        }

        return people.Where(p => !members.Contains(p.ToUpperInvariant())).Order(StringComparer.Ordinal).ToList();
    }
}
