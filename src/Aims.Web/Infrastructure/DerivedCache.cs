using Aims.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Aims.Web.Infrastructure;

/// <summary>
/// Derived views (the SoA, readiness) kept per organization until its data changes. The key is the head of the
/// organization's ledger chain (sequence and hash): every write appends an event, so any write gives a new key, on
/// every node, and a rolled-back write cannot leave a stale entry behind (its successor has another hash).
/// </summary>
public static class DerivedCache
{
    private static readonly MemoryCache Cache = new(new MemoryCacheOptions { SizeLimit = 2_000 });

    public static async Task<T> GetAsync<T>(AimsDbContext db, string name, Func<Task<T>> compute, CancellationToken ct) where T : class
    {
        var organization = db.CurrentOrganizationId;
        var head = await db.ChainHeads.AsNoTracking().Where(h => h.OrganizationId == organization).Select(h => new { h.Sequence, h.Hash }).FirstOrDefaultAsync(ct);
        var key = (organization, name, head?.Sequence ?? 0, head?.Hash ?? "");
        if (Cache.TryGetValue(key, out T? cached) && cached is not null)
        {
            return cached;
        }

        var value = await compute();
        Cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return value;
    }
}
