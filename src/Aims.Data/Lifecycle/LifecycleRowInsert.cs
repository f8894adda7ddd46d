using System.Buffers;
using System.Text;
using Aims.Data.Entities;
using Aims.Data.Ledger;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SQLitePCL;

namespace Aims.Data.Lifecycle;

/// <summary>
/// Inserts a batch's stream rows inside the caller's transaction. On PostgreSQL these are the model-built statements of
/// <see cref="LedgerBulkInsert"/>. On SQLite one statement is prepared in the native library and every value is bound
/// as UTF-8 or an integer directly: through Microsoft.Data.Sqlite's parameters, binding (a type switch and a fresh
/// UTF-8 copy of each string per column) cost more than SQLite's own insert of the row, and this runs for every
/// lifecycle event while the database's write lock is held. The values are the ones EF writes (Guids as upper-case
/// text, times through the model's converter, booleans as 0 and 1), which the lifecycle tests read back through EF.
/// </summary>
internal static class LifecycleRowInsert
{
    private const string Sql =
        "INSERT INTO lifecycle_events (system_id, sequence, organization_id, previous_hash, hash, json, event_id, kind, at, "
        + "occurred_at, stage, event_type, model_version, decision_id, human_intervention, content_digest, batch_id) "
        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)";

    public static async Task InsertAsync(AimsDbContext db, List<LifecycleEvent> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (db.IsPostgres)
        {
            await new LedgerBulkInsert(db).InsertUntrackedAsync(rows, ct);
            return;
        }

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var handle = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var time = TimeConverter(db);
        Check(raw.sqlite3_prepare_v2(handle, Sql, out var statement), handle);
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            // Ids repeat on every row of a batch: their text is made once.
            var ids = new Dictionary<Guid, byte[]>();
            foreach (var row in rows)
            {
                BindId(statement, 1, row.SystemId, ids);
                raw.sqlite3_bind_int64(statement, 2, row.Sequence);
                BindId(statement, 3, row.OrganizationId, ids);
                BindText(statement, 4, row.PreviousHash, ref buffer);
                BindText(statement, 5, row.Hash, ref buffer);
                BindText(statement, 6, row.Json, ref buffer);
                BindText(statement, 7, row.EventId, ref buffer);
                BindText(statement, 8, row.Kind, ref buffer);
                raw.sqlite3_bind_int64(statement, 9, time(row.At));
                if (row.OccurredAt is { } occurred)
                {
                    raw.sqlite3_bind_int64(statement, 10, time(occurred));
                }
                else
                {
                    raw.sqlite3_bind_null(statement, 10);
                }

                BindText(statement, 11, row.Stage, ref buffer);
                BindText(statement, 12, row.EventType, ref buffer);
                BindText(statement, 13, row.ModelVersion, ref buffer);
                BindText(statement, 14, row.DecisionId, ref buffer);
                raw.sqlite3_bind_int64(statement, 15, row.HumanIntervention ? 1 : 0);
                BindText(statement, 16, row.ContentDigest, ref buffer);
                if (row.BatchId is { } batch)
                {
                    BindId(statement, 17, batch, ids);
                }
                else
                {
                    raw.sqlite3_bind_null(statement, 17);
                }

                var rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(rc, handle);
                }

                raw.sqlite3_reset(statement);
                ct.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            statement.Dispose();
        }
    }

    private static Func<DateTimeOffset, long> TimeConverter(AimsDbContext db) =>
        db.Model.FindEntityType(typeof(LifecycleEvent))!.FindProperty(nameof(LifecycleEvent.At))!.GetTypeMapping().Converter
            is ValueConverter<DateTimeOffset, long> converter
            ? converter.ConvertToProviderTyped
            : throw new InvalidOperationException("lifecycle_events.at is expected to be stored as a number on SQLite.");

    private static void BindId(sqlite3_stmt statement, int index, Guid id, Dictionary<Guid, byte[]> ids)
    {
        if (!ids.TryGetValue(id, out var text))
        {
            ids[id] = text = Encoding.ASCII.GetBytes(id.ToString("D").ToUpperInvariant());
        }

        Check(raw.sqlite3_bind_text(statement, index, text), null);
    }

    private static void BindText(sqlite3_stmt statement, int index, string? value, ref byte[] buffer)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(statement, index), null);
            return;
        }

        if (value.Length == 0)
        {
            Check(raw.sqlite3_bind_text(statement, index, ""), null); // an empty span would be bound as NULL
            return;
        }

        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (length > buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(length);
        }

        var written = Encoding.UTF8.GetBytes(value, buffer);
        Check(raw.sqlite3_bind_text(statement, index, buffer.AsSpan(0, written)), null);
    }

    private static void Check(int rc, sqlite3? handle)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, handle);
        }
    }
}
