using Aims.Data;
using Aims.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Infrastructure.Registers;

/// <summary>Creates, updates and deletes register records from a <see cref="RegisterInput"/>, whichever door it came through.</summary>
public sealed class RegisterService(AimsDbContext db, RegisterSet registers)
{
    public AimsDbContext Db => db;

    public RegisterSet Registers => registers;

    public ReferenceIndex References { get; } = new(db);

    public PersonIndex People { get; } = new(db);

    public CatalogIndex Catalog { get; } = new(db);

    private readonly Dictionary<string, object> _cache = [];

    /// <summary>A value read once per service (one request or one import), e.g. the risk criteria in force.</summary>
    public async Task<T> CachedAsync<T>(string key, Func<Task<T>> load) where T : notnull
    {
        if (!_cache.TryGetValue(key, out var value))
        {
            value = await load();
            _cache[key] = value;
        }

        return (T)value;
    }

    public void Forget(string key) => _cache.Remove(key);

    /// <summary>
    /// Saves a record from field -> text pairs, for code that enters data as a person would (the demo seed). A field the
    /// register lacks or a refused value is a mistake in that code, so it throws instead of answering.
    /// </summary>
    public async Task<RegisterRecord> SaveTextsAsync(RegisterDefinition definition, RegisterRecord? existing, IEnumerable<(string Field, string Value)> values, CancellationToken ct)
    {
        var input = new RegisterInput();
        foreach (var (field, value) in values)
        {
            input.SetText(definition.Field(field) ?? throw new InvalidOperationException($"{definition.Name} has no field {field}."), value);
        }

        var outcome = await SaveAsync(definition, existing, input, null, ct);
        return outcome.IsOk ? outcome.Value! : throw new InvalidOperationException($"{definition.Name}: " + string.Join("; ", outcome.Messages));
    }

    public Task<RegisterRecord?> FindAsync(RegisterDefinition definition, string reference, CancellationToken ct) =>
        definition.Query(db).FirstOrDefaultAsync(r => r.Reference == reference, ct);

    /// <summary>Creates a record (<paramref name="existing"/> null) or updates one, in one transaction with its links.</summary>
    public async Task<Outcome<RegisterRecord>> SaveAsync(
        RegisterDefinition definition, RegisterRecord? existing, RegisterInput input, long? expectedVersion, CancellationToken ct)
    {
        if (existing is not null && expectedVersion is { } v && v != existing.Version)
        {
            return Outcome<RegisterRecord>.PreconditionFailed($"{existing.Reference} has changed since you read it (version {existing.Version}); read it again and reapply your change.");
        }

        var record = existing ?? definition.Create();
        record.OrganizationId = db.CurrentOrganizationId;
        var errors = await ApplyAsync(definition, record, input, existing is null, ct);
        if (Conflict is { } conflict)
        {
            return new Outcome<RegisterRecord>(OutcomeStatus.Conflict, null, new() { [conflict.Field] = [conflict.Message], ["rule"] = [conflict.Rule] }, conflict.Message);
        }

        if (errors.Count > 0)
        {
            return new Outcome<RegisterRecord>(OutcomeStatus.Invalid, null, errors, null);
        }

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (existing is null)
        {
            db.Add(record);
        }

        await db.SaveChangesAsync(ct);
        var problem = await CheckGraphAsync(ct);
        if (problem is { } p)
        {
            if (transaction is not null)
            {
                await transaction.RollbackAsync(ct);
            }

            db.ChangeTracker.Clear();
            return Outcome<RegisterRecord>.Invalid(p.Field, p.Rule);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return Outcome<RegisterRecord>.Ok(record);
    }

    public async Task<(string Field, string Rule)?> CheckGraphAsync(CancellationToken ct)
    {
        foreach (var rule in registers.GraphRules)
        {
            if (await rule(db, ct) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>
    /// The rule of another mechanism the last <see cref="ApplyAsync"/> broke (its problems then also name the field),
    /// so <see cref="SaveAsync"/> answers a conflict rather than bad input.
    /// </summary>
    public RegisterConflict? Conflict { get; private set; }

    /// <summary>
    /// Parses the input, checks it and sets it on the tracked record and its links (nothing is saved). Returns the
    /// problems, field -> rules; when there are any, the record must not be saved.
    /// </summary>
    public async Task<Dictionary<string, string[]>> ApplyAsync(RegisterDefinition definition, RegisterRecord record, RegisterInput input, bool creating, CancellationToken ct)
    {
        Conflict = null;
        var errors = new Dictionary<string, string[]>(input.Errors);
        var parsed = new List<(RegisterField Field, object? Value)>();
        foreach (var field in definition.Fields.Where(f => !f.ReadOnly))
        {
            if (!input.Values.TryGetValue(field.Name, out var values))
            {
                if (creating && field.Required)
                {
                    errors[field.Name] = ["is required"];
                }

                continue;
            }

            if (!FieldText.TryParse(field, values, out var value, out var error))
            {
                errors[field.Name] = [error!];
                continue;
            }

            parsed.Add((field, value));
        }

        // The fields that parsed are set even when others did not, so rules across fields are reported in the same answer.
        var links = new List<(RegisterField Field, List<Guid> Targets)>();
        foreach (var (field, value) in parsed)
        {
            switch (field.Kind)
            {
                case FieldKind.Reference:
                    if (value is string reference)
                    {
                        var target = registers.Get(field.Target!);
                        var id = await References.FindAsync(target, reference, ct);
                        if (id is null)
                        {
                            errors[field.Name] = [$"{reference} is not {Article(target.Singular)} {target.Singular} of this organization"];
                            continue;
                        }

                        field.Set(record, id.Value);
                    }
                    else
                    {
                        field.Set(record, null);
                    }

                    break;
                case FieldKind.ReferenceSet:
                    var targetSet = registers.Get(field.Target!);
                    var ids = new List<Guid>();
                    foreach (var linked in (List<string>)value!)
                    {
                        var id = await References.FindAsync(targetSet, linked, ct);
                        if (id is null)
                        {
                            errors[field.Name] = [$"{linked} is not {Article(targetSet.Singular)} {targetSet.Singular} of this organization"];
                            break;
                        }

                        ids.Add(id.Value);
                    }

                    links.Add((field, ids));
                    break;
                case FieldKind.Person:
                    field.Set(record, value is string email ? await People.ResolveAsync(email, ct) : null);
                    break;
                case FieldKind.EnumSet:
                    field.Set(record, ToTypedList(field.EnumType!, (List<object>)value!));
                    break;
                case FieldKind.Requirement or FieldKind.RequirementSet:
                    List<string> cited = value switch { string one => [one], List<string> many => many, _ => [] };
                    var (canonical, unknown) = await Catalog.CheckAsync(field, cited, ct);
                    if (unknown is not null)
                    {
                        errors[field.Name] = [unknown];
                    }
                    else
                    {
                        field.Set(record, canonical);
                    }

                    break;
                case FieldKind.Enum when value is null:
                    if (field.Required)
                    {
                        errors[field.Name] = ["is required"];
                    }
                    else
                    {
                        field.Set(record, null);
                    }

                    break;
                default:
                    field.Set(record, value ?? field.Empty);
                    break;
            }
        }

        foreach (var (field, rule) in definition.Rules(record))
        {
            errors.TryAdd(field, [rule]);
        }

        if (errors.Count == 0)
        {
            foreach (var (field, rule) in await definition.CheckAsync(this, record, ct))
            {
                errors.TryAdd(field, [rule]);
            }
        }

        if (errors.Count == 0 && await definition.GuardAsync(this, record, creating, ct) is { } conflict)
        {
            Conflict = conflict;
            errors[conflict.Field] = [conflict.Message];
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        foreach (var (field, targets) in links)
        {
            await ReplaceLinksAsync(field.LinkKind!, record.Id, targets, creating, ct);
        }

        record.UpdatedAt = Data.Entities.Clock.Now();
        await definition.AfterApplyAsync(this, record, creating, ct);
        foreach (var react in registers.Reactions)
        {
            await react(this, definition, record, creating, ct);
        }

        return errors;
    }

    private async Task ReplaceLinksAsync(string kind, Guid from, List<Guid> targets, bool creating, CancellationToken ct)
    {
        // Links added earlier in this unit of work (an import) count as current, as do saved ones (not for a new record).
        var current = db.RegisterLinks.Local.Where(l => l.Kind == kind && l.FromId == from).ToList();
        if (!creating)
        {
            current = current.Union(await db.RegisterLinks.Where(l => l.Kind == kind && l.FromId == from).ToListAsync(ct)).ToList();
        }

        current.RemoveAll(l => db.Entry(l).State == EntityState.Deleted);
        foreach (var link in current.Where(l => !targets.Contains(l.ToId)))
        {
            db.RegisterLinks.Remove(link);
        }

        foreach (var target in targets.Where(t => current.All(l => l.ToId != t)))
        {
            db.RegisterLinks.Add(new RegisterLink { OrganizationId = db.CurrentOrganizationId, Kind = kind, FromId = from, ToId = target });
        }
    }

    public async Task<Outcome<RegisterRecord>> DeleteAsync(RegisterDefinition definition, RegisterRecord record, long? expectedVersion, CancellationToken ct)
    {
        if (expectedVersion is { } v && v != record.Version)
        {
            return Outcome<RegisterRecord>.PreconditionFailed($"{record.Reference} has changed since you read it; read it again.");
        }

        var usedBy = await UsedByAsync(definition, record.Id, ct);
        if (usedBy is not null)
        {
            return Outcome<RegisterRecord>.Conflict($"{record.Reference} cannot be deleted: {usedBy} point at it. Change or delete those first.");
        }

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        foreach (var link in await db.RegisterLinks.Where(l => l.FromId == record.Id).ToListAsync(ct))
        {
            db.RegisterLinks.Remove(link);
        }

        db.Remove(record);
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return Outcome<RegisterRecord>.Ok(record);
    }

    /// <summary>Which records still point at this one (a deleted record must not leave references behind).</summary>
    private async Task<string?> UsedByAsync(RegisterDefinition definition, Guid id, CancellationToken ct)
    {
        var users = new List<string>();
        foreach (var other in registers.All)
        {
            foreach (var field in other.Fields.Where(f => f.Kind == FieldKind.Reference && f.Target == definition.Name))
            {
                var property = field.Property!.Name;
                var query = field.Property.PropertyType == typeof(Guid)
                    ? other.Query(db).Where(r => EF.Property<Guid>(r, property) == id)
                    : other.Query(db).Where(r => EF.Property<Guid?>(r, property) == id);
                users.AddRange(await query.Select(r => r.Reference).Take(3).ToListAsync(ct));
            }

            foreach (var field in other.Fields.Where(f => f.Kind == FieldKind.ReferenceSet && f.Target == definition.Name))
            {
                var from = db.RegisterLinks.Where(l => l.Kind == field.LinkKind && l.ToId == id).Select(l => l.FromId);
                users.AddRange(await other.Query(db).Where(r => from.Contains(r.Id)).Select(r => r.Reference).Take(3).ToListAsync(ct));
            }
        }

        return users.Count == 0 ? null : string.Join(", ", users.Distinct().Take(5));
    }

    private static object ToTypedList(Type enumType, List<object> values)
    {
        var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(enumType))!;
        foreach (var v in values.OrderBy(v => (int)v))
        {
            list.Add(v);
        }

        return list;
    }

    public static string Article(string noun) => noun.Length > 0 && "aeiouAEIO".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";
}
