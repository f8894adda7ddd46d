using System.Diagnostics;
using System.Globalization;
using System.Text;
using Aims.Data;
using Aims.Domain.Catalog;
using Aims.Web.Features.Inventory.Transfer;
using Aims.Web.Features.Organizations;
using Aims.Web.Features.Registers;
using Aims.Web.Infrastructure.Registers;
using Microsoft.Data.Sqlite;

namespace Aims.Bench;

/// <summary>
/// `import-speed`: a CSV of N AI systems imported through the real import (validation, references, people, ledger, one
/// transaction) into a new SQLite organization, against a bare loop that reads the same CSV and inserts its rows with a
/// prepared INSERT in one transaction. Run once per size in its own process, so the peak working set is that size's.
/// </summary>
public static class ImportSpeed
{
    private static readonly string[] Stages = ["inception", "design-and-development", "verification-and-validation", "deployment", "operation-and-monitoring"];

    public static async Task<int> RunAsync(Arguments a)
    {
        var rows = (int)a.Number("rows", 100_000);
        var work = a.Get("dir") ?? Path.Combine(Path.GetTempPath(), "aims-import-bench");
        var mode = a.Get("only") ?? "both";
        a.RejectUnknown();
        Directory.CreateDirectory(work);
        var csv = Path.Combine(work, $"ai-systems-{rows}.csv");
        if (!File.Exists(csv))
        {
            Generate(csv, rows);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"file: {csv} ({rows} rows, {new FileInfo(csv).Length / 1024.0 / 1024.0:F1} MiB)"));
        double? bare = null;
        if (mode is "both" or "bare")
        {
            var clock = Stopwatch.StartNew();
            await BareAsync(csv, Path.Combine(work, $"bare-{rows}-{Guid.NewGuid():N}.db"));
            bare = rows / clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bare SQLite insert loop: {clock.Elapsed.TotalSeconds,7:F2} s  {bare,9:F0} rows/s"));
        }

        if (mode is "both" or "import")
        {
            var folder = Path.Combine(work, $"aims-{rows}-{Guid.NewGuid():N}");
            var (seconds, result) = await ImportAsync(csv, folder);
            var speed = rows / seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"aims inventory import:   {seconds,7:F2} s  {speed,9:F0} rows/s  (created {result.Created}, errors {result.Errors.Count})"));
            if (bare is { } b)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio import/bare: {speed / b:F3} (target >= 0.2)"));
            }
        }

        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set: {self.PeakWorkingSet64 / 1024.0 / 1024.0:F0} MiB"));
        return 0;
    }

    private static void Generate(string path, int rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        CsvCells.WriteRow(writer, ["reference", "name", "purpose", "owner", "businessUnit", "stage", "sourcing", "operatorRoles", "autonomy", "oversight", "inScope", "reviewEveryMonths"]);
        for (var i = 1; i <= rows; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            CsvCells.WriteRow(writer,
            [
                "SYS-" + n, "System " + n, $"Scores applications of portfolio {i % 97}, with a human review of declines", $"owner{i % 50}@bench.example",
                "Unit " + (i % 12).ToString(CultureInfo.InvariantCulture), Stages[i % Stages.Length], i % 3 == 0 ? "third-party" : "in-house",
                i % 2 == 0 ? "provider, deployer" : "deployer", "recommendation", "human-in-the-loop", "true", "12",
            ]);
        }
    }

    private static async Task<(double Seconds, ImportResult Result)> ImportAsync(string csv, string folder)
    {
        var settings = DatabaseSettings.ForFolder(folder);
        var session = new AimsSession();
        session.ActAsSystem("bench");
        await using var db = DataServiceCollectionExtensions.CreateContext(settings, session);
        await DatabaseInitializer.MigrateAsync(db);
        await DatabaseInitializer.LoadCatalogAsync(db, CatalogReader.Load());
        var org = await OrganizationService.CreateWithoutMembersAsync(db, "bench", "Bench", CancellationToken.None);
        session.ActAsSystem("bench", org.Value);
        db.ChangeTracker.Clear();

        var clock = Stopwatch.StartNew();
        await using var file = File.OpenRead(csv);
        var result = await new InventoryImport(new RegisterService(db, AllRegisters.Set), TransferSet.Inventory).RunAsync(file, "ai-systems.csv", null, CancellationToken.None);
        return (clock.Elapsed.TotalSeconds, result);
    }

    /// <summary>The floor: read the same CSV, insert each row with one prepared statement, one transaction, no checks.</summary>
    private static async Task BareAsync(string csv, string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE ai_systems (id TEXT PRIMARY KEY, reference TEXT NOT NULL, name TEXT NOT NULL, purpose TEXT, owner TEXT, "
                + "business_unit TEXT, stage TEXT, sourcing TEXT, operator_roles TEXT, autonomy TEXT, oversight TEXT, in_scope INTEGER, review_every_months INTEGER);";
            await create.ExecuteNonQueryAsync();
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO ai_systems VALUES ($id, $p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11)";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var cells = Enumerable.Range(0, 12).Select(i => insert.Parameters.Add("$p" + i.ToString(CultureInfo.InvariantCulture), SqliteType.Text)).ToArray();
        insert.Prepare();
        using var reader = new StreamReader(csv);
        var header = true;
        await foreach (var record in CsvCells.ReadAsync(reader))
        {
            if (header)
            {
                header = false;
                continue;
            }

            id.Value = Guid.CreateVersion7().ToString();
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i].Value = record.Cells[i];
            }

            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
