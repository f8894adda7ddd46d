using System.Buffers;
using System.Text;
using Aims.Data.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Aims.Data.Lifecycle;

/// <summary>
/// Inserts a group's stream rows inside the caller's transaction, by the fastest way each database offers, because this
/// runs for every lifecycle event while the stream's lock is held. On PostgreSQL: binary COPY (multi-row INSERTs were
/// parsed and planned anew for every batch). On SQLite: one statement prepared in the native library, every value bound
/// as UTF-8 or an integer directly (through Microsoft.Data.Sqlite's parameters, a type switch and a fresh UTF-8 copy of
/// each string per column cost more than SQLite's own insert of the row). The values are the ones EF Core writes (on
/// SQLite: GUIDs as upper-case text, times through the model's converter, booleans as 0 and 1); the lifecycle tests
/// read them back through EF Core on both databases.
/// </summary>
internal static class LifecycleRowInsert
{
    private const string Sql =
        "INSERT INTO lifecycle_events (system_id, sequence, organization_id, previous_hash, hash, json, event_id, kind, at, "
        + "occurred_at, stage, event_type, model_version, decision_id, human_intervention, content_digest, batch_id) "
        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)";

    private const string Copy =
        "COPY lifecycle_events (system_id, sequence, organization_id, previous_hash, hash, json, event_id, kind, at, "
        + "occurred_at, stage, event_type, model_version, decision_id, human_intervention, content_digest, batch_id) FROM STDIN (FORMAT BINARY)";

    public static async Task InsertAsync(AimsDbContext db, List<LifecycleEvent> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (db.IsPostgres)
        {
            await CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), rows, ct);
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
                if (row.Utf8 is { Length: > 0 } utf8)
                {
                    Check(raw.sqlite3_bind_text(statement, 6, utf8), null);
                }
                else
                {
                    BindText(statement, 6, row.Json, ref buffer);
                }

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

    private static async Task CopyAsync(NpgsqlConnection connection, List<LifecycleEvent> rows, CancellationToken ct)
    {
        await using var import = await connection.BeginBinaryImportAsync(Copy, ct);
        foreach (var row in rows)
        {
            await import.StartRowAsync(ct);
            await import.WriteAsync(row.SystemId, NpgsqlDbType.Uuid, ct);
            await import.WriteAsync(row.Sequence, NpgsqlDbType.Bigint, ct);
            await import.WriteAsync(row.OrganizationId, NpgsqlDbType.Uuid, ct);
            await import.WriteAsync(row.PreviousHash, NpgsqlDbType.Varchar, ct);
            await import.WriteAsync(row.Hash, NpgsqlDbType.Varchar, ct);
            await import.WriteAsync(row.Json, NpgsqlDbType.Text, ct);
            await import.WriteAsync(row.EventId, NpgsqlDbType.Varchar, ct);
            await import.WriteAsync(row.Kind, NpgsqlDbType.Varchar, ct);
            await import.WriteAsync(row.At, NpgsqlDbType.TimestampTz, ct);
            await WriteOrNullAsync(import, row.OccurredAt, NpgsqlDbType.TimestampTz, ct);
            await WriteOrNullAsync(import, row.Stage, NpgsqlDbType.Varchar, ct);
            await WriteOrNullAsync(import, row.EventType, NpgsqlDbType.Varchar, ct);
            await WriteOrNullAsync(import, row.ModelVersion, NpgsqlDbType.Varchar, ct);
            await WriteOrNullAsync(import, row.DecisionId, NpgsqlDbType.Varchar, ct);
            await import.WriteAsync(row.HumanIntervention, NpgsqlDbType.Boolean, ct);
            await WriteOrNullAsync(import, row.ContentDigest, NpgsqlDbType.Varchar, ct);
            await WriteOrNullAsync(import, row.BatchId, NpgsqlDbType.Uuid, ct);
        }

        await import.CompleteAsync(ct);
    }

    private static async Task WriteOrNullAsync<T>(NpgsqlBinaryImporter import, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct
    {
        if (value is { } present)
        {
            await import.WriteAsync(present, type, ct);
        }
        else
        {
            await import.WriteNullAsync(ct);
        }
    }

    private static async Task WriteOrNullAsync(NpgsqlBinaryImporter import, string? value, NpgsqlDbType type, CancellationToken ct)
    {
        if (value is null)
        {
            await import.WriteNullAsync(ct);
        }
        else
        {
            await import.WriteAsync(value, type, ct);
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
