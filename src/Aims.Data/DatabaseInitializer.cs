using System.Security.Cryptography;
using System.Text;
using Aims.Data.Entities;
using Aims.Domain.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Aims.Data;

/// <summary>Brings a database up to date: migrations, then the catalog. Safe when several processes start at once.</summary>
public static class DatabaseInitializer
{
    public static async Task MigrateAsync(AimsDbContext db, CancellationToken ct = default)
    {
        if (!db.IsPostgres)
        {
            // WAL lets the command line read and write beside a running server; the setting stays with the file.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }

        // Most starts find nothing to do: asking first avoids taking the migration lock.
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await db.Database.MigrateAsync(ct);
        }
    }

    /// <summary>The digest of the catalog's content: a new release is recorded only when it changes.</summary>
    public static string Digest(CatalogSnapshot catalog)
    {
        var sb = new StringBuilder();
        foreach (var f in catalog.Frameworks)
        {
            sb.Append(f.Id).Append('|').Append(f.Title).Append('|').Append(f.DataVersion).Append('\n');
            foreach (var r in f.Requirements)
            {
                sb.Append(r.QualifiedId).Append('|').Append(r.Kind).Append('|').Append(r.ParentId).Append('|').Append(r.Title)
                    .Append('|').Append(r.Summary).Append('|').Append(r.Informative).Append('\n');
            }
        }

        foreach (var c in catalog.Crosswalks)
        {
            sb.Append(c.CrosswalkId).Append('|').Append(c.From).Append('|').Append(c.To).Append('|').Append(c.Relationship)
                .Append('|').Append(c.Confidence).Append('|').Append(c.Source).Append('|').Append(c.Note).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    /// <summary>Upserts the catalog when its digest differs from the last release loaded, and records the release.</summary>
    public static async Task<bool> LoadCatalogAsync(AimsDbContext db, CatalogSnapshot catalog, CancellationToken ct = default)
    {
        var digest = Digest(catalog);
        // Plain SQL: this runs at every start, and compiling the LINQ query costs more than running it.
        var loaded = await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM catalog_releases WHERE digest = {digest}").SingleAsync(ct);
        if (loaded > 0)
        {
            return false;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var position = 0;
        foreach (var f in catalog.Frameworks)
        {
            position++;
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO catalog_frameworks (id, title, name, publisher, edition, data_version, position)
                VALUES ({f.Id}, {f.Title}, {f.Name}, {f.Publisher}, {f.Edition}, {f.DataVersion}, {position})
                ON CONFLICT (id) DO UPDATE SET title = excluded.title, name = excluded.name, publisher = excluded.publisher,
                  edition = excluded.edition, data_version = excluded.data_version, position = excluded.position
                """, ct);
            foreach (var r in f.Requirements)
            {
                var search = (r.Id + " " + r.Title + " " + r.Summary).ToLowerInvariant();
                await db.Database.ExecuteSqlAsync(
                    $"""
                    INSERT INTO catalog_requirements (framework_id, id, kind, parent_id, title, summary, informative, position, search_text)
                    VALUES ({r.FrameworkId}, {r.Id}, {r.Kind}, {r.ParentId}, {r.Title}, {r.Summary}, {r.Informative}, {r.Order}, {search})
                    ON CONFLICT (framework_id, id) DO UPDATE SET kind = excluded.kind, parent_id = excluded.parent_id, title = excluded.title,
                      summary = excluded.summary, informative = excluded.informative, position = excluded.position, search_text = excluded.search_text
                    """, ct);
            }
        }

        foreach (var c in catalog.Crosswalks)
        {
            var relationship = c.Relationship.ToString().ToLowerInvariant();
            var confidence = c.Confidence.ToString().ToLowerInvariant();
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO catalog_crosswalks (crosswalk_id, from_ref, to_ref, relationship, confidence, source, note)
                VALUES ({c.CrosswalkId}, {c.From}, {c.To}, {relationship}, {confidence}, {c.Source}, {c.Note})
                ON CONFLICT (crosswalk_id, from_ref, to_ref) DO UPDATE SET relationship = excluded.relationship,
                  confidence = excluded.confidence, source = excluded.source, note = excluded.note
                """, ct);
        }

        await RemoveWithdrawnAsync(db, catalog, ct);
        db.CatalogReleases.Add(new CatalogRelease
        {
            Version = catalog.Version,
            Digest = digest,
            Frameworks = catalog.Frameworks.Count,
            Requirements = catalog.Frameworks.Sum(f => f.Requirements.Count),
            Crosswalks = catalog.Crosswalks.Count,
            LoadedAt = Clock.Now(),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Rows a newer catalog no longer has; the release event in the ledger records the change of version.</summary>
    private static async Task RemoveWithdrawnAsync(AimsDbContext db, CatalogSnapshot catalog, CancellationToken ct)
    {
        var requirementKeys = catalog.Frameworks.SelectMany(f => f.Requirements).Select(r => r.QualifiedId).ToHashSet(StringComparer.Ordinal);
        var stale = (await db.CatalogRequirements.AsNoTracking().Select(r => new { r.FrameworkId, r.Id }).ToListAsync(ct))
            .Where(r => !requirementKeys.Contains(RequirementRef.Qualify(r.FrameworkId, r.Id)));
        foreach (var r in stale)
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM catalog_requirements WHERE framework_id = {r.FrameworkId} AND id = {r.Id}", ct);
        }

        var crosswalkKeys = catalog.Crosswalks.Select(c => c.CrosswalkId + "|" + c.From + "|" + c.To).ToHashSet(StringComparer.Ordinal);
        var staleLinks = (await db.CatalogCrosswalks.AsNoTracking().ToListAsync(ct))
            .Where(c => !crosswalkKeys.Contains(c.CrosswalkId + "|" + c.FromRef + "|" + c.ToRef));
        foreach (var c in staleLinks)
        {
            await db.Database.ExecuteSqlAsync(
                $"DELETE FROM catalog_crosswalks WHERE crosswalk_id = {c.CrosswalkId} AND from_ref = {c.FromRef} AND to_ref = {c.ToRef}", ct);
        }
    }
}
