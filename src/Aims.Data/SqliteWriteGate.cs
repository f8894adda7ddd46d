using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Aims.Data;

/// <summary>
/// Lets the writers of one SQLite file in this process take turns before they open their transaction. SQLite admits one
/// writer at a time, and Microsoft.Data.Sqlite answers a busy database by sleeping 150 ms before it tries again, so
/// concurrent batches that collide on the lock leave the CPU idle; waiting here hands the lock on at once instead.
/// PostgreSQL writers need no gate (row locks), nor does a second process on one SQLite file (the busy retry still applies).
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Null for PostgreSQL; otherwise a turn on the database's gate, released when disposed.</summary>
    public static async Task<IDisposable?> EnterAsync(AimsDbContext db, CancellationToken ct)
    {
        if (db.IsPostgres || db.Database.CurrentTransaction is not null)
        {
            return null; // inside an open transaction the caller already holds the write lock (or will wait for it there)
        }

        var gate = Gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Turn(gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
