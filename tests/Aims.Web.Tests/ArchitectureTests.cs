using System.Text.RegularExpressions;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Testing;
using Microsoft.EntityFrameworkCore;
using NetArchTest.Rules;

namespace Aims.Web.Tests;

/// <summary>Rules of the architecture that a compiler does not check.</summary>
public partial class ArchitectureTests
{
    private static IEnumerable<string> SourceFiles(string project) =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", project), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));

    private static IEnumerable<string> AllSource => new[] { "Aims.Domain", "Aims.Data", "Aims.Web", "Aims.Cli" }
        .SelectMany(SourceFiles).Where(f => !f.Contains("/Migrations/", StringComparison.Ordinal));

    [Fact]
    public void The_domain_depends_on_no_database_and_no_web_framework()
    {
        var result = Types.InAssembly(typeof(Aims.Domain.Catalog.CatalogReader).Assembly)
            .ShouldNot().HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Aims.Data", "Aims.Web", "Npgsql", "Microsoft.Data.Sqlite")
            .GetResult();
        Assert.True(result.IsSuccessful, "Domain types with forbidden dependencies: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Nothing_changes_data_in_bulk_behind_the_ledger()
    {
        var offenders = AllSource.Where(f => BulkWrite().IsMatch(File.ReadAllText(f))).Select(Path.GetFileName).ToList();
        Assert.True(offenders.Count == 0, "ExecuteUpdate/ExecuteDelete bypass the ledger: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Raw_sql_lives_in_the_ledger_writer_and_catalog_loader_and_never_writes_a_ledgered_table()
    {
        // The bulk insert path writes new records with raw SQL, but only beside the events LedgerWriter.Event builds for them.
        // The lifecycle stream writer appends with its own head lock; the evidence store inserts content chunks (not ledgered) with ON CONFLICT DO NOTHING.
        string[] allowed = ["LedgerWriter.cs", "DatabaseInitializer.cs", "LedgerBulkInsert.cs", "EvidenceBlobSql.cs", "LifecycleStreamWriter.cs"];
        var bulk = File.ReadAllText(AllSource.Single(f => Path.GetFileName(f) == "LedgerBulkInsert.cs"));
        Assert.Contains("LedgerWriter.Event(", bulk, StringComparison.Ordinal);
        var withRawSql = AllSource.Where(f => RawSql().IsMatch(File.ReadAllText(f))).Select(f => Path.GetFileName(f)!).ToList();
        Assert.True(withRawSql.All(allowed.Contains), "raw SQL outside the allowed files: " + string.Join(", ", withRawSql.Except(allowed)));

        using var db = DataServiceCollectionExtensions.CreateContext(DatabaseSettings.ForFolder(Path.GetTempPath()), new AimsSession());
        var ledgeredTables = db.Model.GetEntityTypes().Where(t => typeof(ILedgered).IsAssignableFrom(t.ClrType))
            .Select(t => t.GetTableName()!).Append("ledger_events").ToList();
        Assert.Contains("memberships", ledgeredTables);
        foreach (var file in AllSource.Where(f => allowed.Contains(Path.GetFileName(f)) && Path.GetFileName(f) != "LedgerBulkInsert.cs"))
        {
            var text = File.ReadAllText(file);
            foreach (var table in ledgeredTables)
            {
                Assert.DoesNotMatch($@"(?i)(UPDATE|INSERT\s+INTO|DELETE\s+FROM)\s+""?{table}\b", text);
            }
        }
    }

    [Fact]
    public void Handlers_never_add_ledger_events_by_hand()
    {
        var offenders = AllSource.Where(f => Path.GetFileName(f) != "LedgerWriter.cs" && File.ReadAllText(f).Contains("LedgerEvents.Add", StringComparison.Ordinal))
            .Select(Path.GetFileName).ToList();
        Assert.Empty(offenders);
    }

    [GeneratedRegex(@"\bExecute(Update|Delete)(Async)?\s*\(")]
    private static partial Regex BulkWrite();

    [GeneratedRegex(@"\b(ExecuteSql(Raw|Interpolated)?(Async)?|SqlQuery(Raw)?|FromSql(Raw|Interpolated)?)\s*[<(]")]
    private static partial Regex RawSql();
}
