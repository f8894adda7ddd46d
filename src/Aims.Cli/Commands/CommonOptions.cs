using System.CommandLine;
using Aims.Data;
using Aims.Domain.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Aims.Cli.Commands;

/// <summary>The options every data verb shares, and how they become a migrated database and an organization.</summary>
public sealed class DataOptions
{
    public Option<string?> Data { get; } = new("--data") { Description = "Folder of the SQLite database (created and migrated when new). Default: a per-user folder." };

    public Option<string?> Database { get; } = new("--database") { Description = "PostgreSQL connection string (or set AIMS_DATABASE) instead of SQLite." };

    public Option<string?> Org { get; } = new("--org") { Description = "Organization slug; may be left out when the database holds one organization." };

    public void AddTo(Command command, bool withOrg = true)
    {
        command.Options.Add(Data);
        command.Options.Add(Database);
        if (withOrg)
        {
            command.Options.Add(Org);
        }

        command.Validators.Add(r =>
        {
            if (r.GetValue(Data) is not null && r.GetValue(Database) is not null)
            {
                r.AddError("Use either --data or --database, not both.");
            }
        });
    }

    public DatabaseSettings Settings(ParseResult r) => DatabaseSettings.Resolve(r.GetValue(Database), r.GetValue(Data));

    /// <summary>Opens the database, migrating it (and loading the catalog) when it is new or older than this build.</summary>
    public async Task<AimsDbContext> OpenAsync(ParseResult r, AimsSession session, CancellationToken ct)
    {
        var db = DataServiceCollectionExtensions.CreateContext(Settings(r), session);
        try
        {
            if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                await DatabaseInitializer.MigrateAsync(db, ct);
            }

            await DatabaseInitializer.LoadCatalogAsync(db, CatalogReader.Load(), ct);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>The organization named by --org, or the only one; otherwise a clear error listing them.</summary>
    public async Task<Aims.Data.Entities.Organization> ResolveOrganizationAsync(ParseResult r, AimsDbContext db, CancellationToken ct)
    {
        var slug = r.GetValue(Org);
        var all = await db.Organizations.AsNoTracking().OrderBy(o => o.Slug).ToListAsync(ct);
        if (slug is not null)
        {
            return all.FirstOrDefault(o => o.Slug == slug)
                ?? throw new CliException($"no organization '{slug}'. Organizations: {List(all)}");
        }

        return all.Count switch
        {
            1 => all[0],
            0 => throw new CliException("the database holds no organization yet. Start `aims serve --demo` or create one first."),
            _ => throw new CliException($"the database holds {all.Count} organizations; choose one with --org. Organizations: {List(all)}"),
        };
    }

    private static string List(List<Aims.Data.Entities.Organization> all) =>
        all.Count == 0 ? "(none)" : string.Join(", ", all.Select(o => $"{o.Slug} ({o.Name})"));
}

public enum OutputFormat
{
    Table,
    Json,
    Csv,
}

public static class Output
{
    public static Option<OutputFormat> FormatOption() => new("--format") { Description = "table, json or csv", DefaultValueFactory = _ => OutputFormat.Table };

    public static string Csv(string? value)
    {
        value ??= "";
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>Columns padded to their widest cell; the last column is not padded.</summary>
    public static async Task TableAsync(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var all = rows.Select(r => r.Select(c => (c ?? "").ReplaceLineEndings(" ")).ToList()).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length))).ToList();
        await output.WriteLineAsync(Line(headers.ToList(), widths));
        foreach (var row in all)
        {
            await output.WriteLineAsync(Line(row, widths));
        }
    }

    private static string Line(List<string> cells, List<int> widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
