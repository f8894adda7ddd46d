using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Aims.Data.Entities;
using Aims.Domain.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Aims.Data.Ledger;

/// <summary>
/// Inserts many new records with their ledger events without the change tracker (docs/decisions/0010-bulk-import.md):
/// what <see cref="LedgerWriter"/> does for added entities (version 1, creation time, references from the counters,
/// one "create" event per record, the chain head reserved once per chain), then multi-row INSERTs built from the EF
/// model (tables, columns, value converters, provider parameter types). The events are made by the writer's own
/// <see cref="LedgerWriter.Event"/>, so a chain written here verifies exactly like one written by SaveChanges.
/// </summary>
public sealed class LedgerBulkInsert(AimsDbContext db)
{
    /// <summary>Parameters per multi-row statement (PostgreSQL): under SQLite's oldest limit too.</summary>
    private const int MaxParameters = 999;

    private static readonly ConcurrentDictionary<IEntityType, Table> Tables = new();
    private static readonly ConcurrentDictionary<int, string> ParameterNames = new();

    /// <summary>
    /// Whether entities of this type can be inserted here: mapped to one table, every column a CLR property with a
    /// client-side value (no shadow, store-generated, owned or complex properties, no inheritance).
    /// </summary>
    public static bool Supports(AimsDbContext db, Type type) =>
        db.Model.FindEntityType(type) is { } entityType && Plan(entityType) is not null;

    /// <summary>
    /// Inserts the entities, none of which may be tracked or saved yet, in the given order (a record after the
    /// people it names), inside the current transaction or one of its own.
    /// </summary>
    public async Task InsertAsync(IReadOnlyList<object> entities, CancellationToken ct)
    {
        if (entities.Count == 0)
        {
            return;
        }

        var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var now = Clock.Now();
            foreach (var entity in entities)
            {
                Prepare(entity, now);
            }

            await AssignReferencesAsync(entities, ct);
            var events = await AppendAsync(entities, ct);
            foreach (var run in Runs(entities))
            {
                await InsertRowsAsync(run.Table, run.Rows, ct);
            }

            await InsertRowsAsync(Plan(db.Model.FindEntityType(typeof(LedgerEvent))!)!, events, ct);
            if (owned is not null)
            {
                await owned.CommitAsync(ct);
            }
        }
        finally
        {
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
    }

    /// <summary>What <see cref="LedgerWriter"/> does to an added entry before anything is written.</summary>
    private void Prepare(object entity, DateTimeOffset now)
    {
        var table = Plan(db.Model.FindEntityType(entity.GetType())!) ?? throw new InvalidOperationException($"{entity.GetType().Name} cannot be bulk inserted.");
        if (entity is IVersioned versioned)
        {
            versioned.Version = 1;
        }

        if (table.CreatedAt is { } created && created.GetGetter().GetClrValueUsingContainingEntity(entity) is DateTimeOffset at && at == default)
        {
            created.PropertyInfo!.SetValue(entity, now);
        }
    }

    /// <summary>The writer's numbering: given references raise the counter, empty ones take the next numbers, one statement per group.</summary>
    private async Task AssignReferencesAsync(IReadOnlyList<object> entities, CancellationToken ct)
    {
        var referenced = entities.OfType<IReferenced>().ToList();
        foreach (var group in referenced.Where(r => !string.IsNullOrEmpty(r.Reference)).GroupBy(r => (r.OrganizationId, r.ReferencePrefix)))
        {
            long highest = 0;
            foreach (var record in group)
            {
                var given = LedgerWriter.ReferenceNumber(record);
                highest = Math.Max(highest, given);
                if (record is RegisterRecord kept)
                {
                    kept.Number = given;
                }
            }

            await LedgerWriter.RaiseCounterAsync(db, group.Key.OrganizationId, group.Key.ReferencePrefix, highest, ct);
        }

        foreach (var group in referenced.Where(r => string.IsNullOrEmpty(r.Reference)).GroupBy(r => (r.OrganizationId, r.ReferencePrefix)))
        {
            var records = group.ToList();
            var next = await LedgerWriter.TakeCounterAsync(db, group.Key.OrganizationId, group.Key.ReferencePrefix, records.Count, ct) - records.Count;
            foreach (var record in records)
            {
                next++;
                record.Reference = record.ReferencePrefix + "-" + next.ToString(CultureInfo.InvariantCulture);
                if (record is RegisterRecord numbered)
                {
                    numbered.Number = next;
                }
            }
        }
    }

    /// <summary>One "create" event per ledgered entity, chains in id order as the writer takes them.</summary>
    private async Task<List<LedgerEvent>> AppendAsync(IReadOnlyList<object> entities, CancellationToken ct)
    {
        var events = new List<LedgerEvent>(entities.Count);
        foreach (var chain in entities.OfType<ILedgered>().GroupBy(LedgerWriter.ChainOf).OrderBy(g => g.Key))
        {
            var list = chain.ToList();
            var (last, prev) = await LedgerWriter.ReserveAsync(db, chain.Key, list.Count, ct);
            // As in the writer: timed after the lock, so a chain's times never go back against its sequence.
            var now = Clock.Now();
            var seq = last - list.Count;
            foreach (var entity in list)
            {
                seq++;
                var table = Plan(db.Model.FindEntityType(entity.GetType())!)!;
                var after = new List<LedgerField>(table.Columns.Length);
                foreach (var column in table.Columns)
                {
                    if (column.LedgerName is { } name)
                    {
                        after.Add(new LedgerField(name, column.Getter.GetClrValueUsingContainingEntity(entity)));
                    }
                }

                var e = LedgerWriter.Event(db.Session, chain.Key, seq, prev, now, table.ClrType, entity, LedgerActions.Create, null, after);
                events.Add(e);
                prev = e.Hash;
            }

            prev = await LedgerCheckpoints.AfterAppendAsync(db, chain.Key, last, list.Count, prev, events, ct);
            await db.Database.ExecuteSqlAsync($"UPDATE chain_heads SET hash = {prev} WHERE organization_id = {chain.Key}", ct);
        }

        return events;
    }

    /// <summary>Consecutive entities of one type, so the given order (people before the records naming them) holds across tables.</summary>
    private IEnumerable<(Table Table, List<object> Rows)> Runs(IReadOnlyList<object> entities)
    {
        Table? current = null;
        var rows = new List<object>();
        foreach (var entity in entities)
        {
            var table = Plan(db.Model.FindEntityType(entity.GetType())!)!;
            if (current is not null && table != current)
            {
                yield return (current, rows);
                rows = [];
            }

            current = table;
            rows.Add(entity);
        }

        if (current is not null)
        {
            yield return (current, rows);
        }
    }

    private async Task InsertRowsAsync<T>(Table table, IReadOnlyList<T> rows, CancellationToken ct) where T : notnull
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        // SQLite binds parameters by name with a linear search, so a statement of many rows costs the square of its
        // parameters: there one prepared single-row statement is reused. PostgreSQL pays a round trip per statement instead.
        var perStatement = db.IsPostgres ? Math.Max(1, MaxParameters / table.Columns.Length) : 1;
        DbCommand? reused = null;
        try
        {
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - start);
                var command = count == perStatement ? reused ??= connection.CreateCommand() : connection.CreateCommand();
                try
                {
                    command.Transaction = transaction;
                    var sql = count == perStatement ? table.FullStatement(perStatement) : table.Statement(count);
                    if (command.CommandText != sql)
                    {
                        command.CommandText = sql;
                        command.Parameters.Clear();
                    }

                    var fresh = command.Parameters.Count == 0;
                    var n = 0;
                    for (var r = start; r < start + count; r++)
                    {
                        foreach (var column in table.Columns)
                        {
                            var value = column.Getter.GetClrValueUsingContainingEntity(rows[r]);
                            if (fresh)
                            {
                                command.Parameters.Add(column.Mapping.CreateParameter(command, ParameterName(n++), value, column.Property.IsNullable));
                            }
                            else
                            {
                                // What RelationalTypeMapping.CreateParameter does with a value; the parameter's provider type
                                // was set by the mapping when it was made for the first row.
                                command.Parameters[n++].Value = (column.Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
                            }
                        }
                    }

                    await command.ExecuteNonQueryAsync(ct);
                }
                finally
                {
                    if (command != reused)
                    {
                        await command.DisposeAsync();
                    }
                }
            }
        }
        finally
        {
            if (reused is not null)
            {
                await reused.DisposeAsync();
            }
        }
    }

    private static string ParameterName(int n) => ParameterNames.GetOrAdd(n, i => "@p" + i.ToString(CultureInfo.InvariantCulture));

    private static Table? Plan(IEntityType type) => Tables.GetOrAdd(type, Build) is { Columns.Length: > 0 } table ? table : null;

    private static Table Build(IEntityType type)
    {
        var table = type.GetTableName();
        var none = new Table(type.ClrType, "", [], null);
        if (table is null || type.BaseType is not null || type.GetDerivedTypes().Any() || type.GetComplexProperties().Any()
            || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) || type.IsOwned())
        {
            return none;
        }

        var store = StoreObjectIdentifier.Table(table, type.GetSchema());
        var columns = new List<Column>();
        foreach (var property in type.GetProperties())
        {
            if (property.IsShadowProperty() || property.PropertyInfo is null || property.ValueGenerated.HasFlag(ValueGenerated.OnUpdate)
                || property.GetColumnName(store) is not { } name || property.GetRelationalTypeMapping() is not { } mapping)
            {
                return none;
            }

            var recorded = typeof(ILedgered).IsAssignableFrom(type.ClrType) && LedgerPolicy.IsRecorded(type.ClrType, property.Name);
            columns.Add(new Column(property, name, mapping, property.GetGetter(), recorded ? LedgerWriter.FieldName(property.Name) : null));
        }

        var schema = type.GetSchema() is { } s ? Quote(s) + "." : "";
        var prefix = $"INSERT INTO {schema}{Quote(table)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) VALUES ";
        return new Table(type.ClrType, prefix, [.. columns], type.FindProperty("CreatedAt") is { PropertyInfo: not null, ClrType: var t } created && t == typeof(DateTimeOffset) ? created : null);
    }

    /// <summary>Both databases quote identifiers with double quotes; the model's names are snake_case without quotes.</summary>
    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter, string? LedgerName);

    private sealed class Table(Type clrType, string prefix, Column[] columns, IProperty? createdAt)
    {
        private string? full;

        public Type ClrType => clrType;

        public Column[] Columns => columns;

        public IProperty? CreatedAt => createdAt;

        public string FullStatement(int rows) => full ??= Statement(rows);

        public string Statement(int rows)
        {
            var sql = new StringBuilder(prefix, prefix.Length + (rows * columns.Length * 8));
            var n = 0;
            for (var r = 0; r < rows; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Length; c++)
                {
                    sql.Append(c == 0 ? "" : ", ").Append(ParameterName(n++));
                }

                sql.Append(')');
            }

            return sql.ToString();
        }
    }
}
