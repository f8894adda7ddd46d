using System.Text;
using Aims.Testing;

namespace Aims.Cli.Tests;

/// <summary>
/// `aims inventory export` and `aims inventory import`: a round trip into a new data folder gives the same bytes, and a
/// refused file names the line, the column and the rule and leaves the data as it was.
/// </summary>
public sealed class InventoryTransferTests
{
    private static readonly string[] Export = ["inventory", "export"];
    private static readonly string[] Import = ["inventory", "import"];

    private const string Inventory = """
        {"format":"aims-inventory","version":1,"organization":"acme",
         "suppliers":[{"reference":"SUP-2","name":"Bureau data ltd","supplies":"credit files"}],
         "datasets":[{"reference":"DS-3","name":"Clean applications","derivedFrom":["DS-1"],"purposes":["training","validation"]},
                     {"reference":"DS-1","name":"Raw applications, \"v1\"","owner":"steward@acme.example","supplier":"SUP-2","personalData":true}],
         "models":[{"reference":"MOD-1","name":"Scorer","supplier":"SUP-2","datasets":["DS-3"]}],
         "model-versions":[{"reference":"MV-1","model":"MOD-1","label":"1.0","metrics":{"auc":0.81,"ks":0.42},"trainedOn":"2026-02-01"}],
         "ai-systems":[{"reference":"SYS-10","name":"Chat assistant","stage":"design-and-development","sourcing":"third-party","autonomy":"recommendation",
                        "oversight":"human-on-the-loop","inScope":false,"scopeJustification":"pilot only"},
                       {"reference":"SYS-2","name":"Credit scoring","owner":"chief@acme.example","stage":"deployment","sourcing":"in-house",
                        "autonomy":"recommendation","oversight":"human-in-the-loop","operatorRoles":["provider"],"suppliers":["SUP-2"],"lastReviewedOn":"2026-01-15"}],
         "use-cases":[{"reference":"UC-1","aiSystem":"SYS-2","name":"Consumer loans","models":["MOD-1"]}],
         "data-flows":[{"reference":"FLOW-1","aiSystem":"SYS-2","source":"CRM","destination":"Scorer","data":"applications","personalData":true}],
         "resources":[]}
        """;

    private static async Task<string> WriteAsync(TempFolder temp, string name, string text)
    {
        var path = temp.File(name);
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false));
        return path;
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Export_import_into_a_new_organization_export_gives_the_same_bytes(Provider provider)
    {
        using var temp = new TempFolder();
        await using var first = await TestDatabase.CreateAsync(provider);
        var imported = (await Cli.RunAsync(first, Import, "--org", "acme", await WriteAsync(temp, "inventory.json", Inventory))).Expect(Cli.Ok);
        Assert.Contains("created: 9", imported.Stdout, StringComparison.Ordinal);
        Assert.Contains("people to invite: chief@acme.example, steward@acme.example", imported.Stdout, StringComparison.Ordinal);

        foreach (var format in new[] { "json", "xlsx" })
        {
            var exported = temp.File("first." + format);
            (await Cli.RunAsync(first, Export, "--format", format, "--output", exported)).Expect(Cli.Ok);
            var again = temp.File("again." + format);
            (await Cli.RunAsync(first, Export, "--format", format, "--output", again)).Expect(Cli.Ok);
            Assert.Equal(await File.ReadAllBytesAsync(exported), await File.ReadAllBytesAsync(again));

            // A new data folder: the import creates the organization named by --org.
            await using var second = await TestDatabase.CreateAsync(provider);
            (await Cli.RunAsync(second, Import, "--org", "acme", exported)).Expect(Cli.Ok);
            var roundTrip = temp.File("round-trip." + format);
            (await Cli.RunAsync(second, Export, "--format", format, "--output", roundTrip)).Expect(Cli.Ok);
            var original = await File.ReadAllBytesAsync(exported);
            var copy = await File.ReadAllBytesAsync(roundTrip);
            Assert.True(original.AsSpan().SequenceEqual(copy), $"{format} round trip differs");
        }

        var json = (await Cli.RunAsync(first, Export, "--format", "json")).Expect(Cli.Ok).Stdout;
        Assert.True(json.IndexOf("\"SYS-2\"", StringComparison.Ordinal) < json.IndexOf("\"SYS-10\"", StringComparison.Ordinal), "sorted by reference");
        Assert.Contains("\"derivedFrom\": [\n        \"DS-1\"\n      ]", json, StringComparison.Ordinal);

        var csv = (await Cli.RunAsync(first, Export, "--format", "csv")).Expect(Cli.Ok).Stdout;
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("reference,name,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("SYS-2,Credit scoring,,,chief@acme.example,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",SUP-2", lines[1], StringComparison.Ordinal);
        var datasets = (await Cli.RunAsync(first, Export, "--format", "csv", "--entity", "datasets")).Expect(Cli.Ok).Stdout;
        Assert.Contains("DS-1,\"Raw applications, \"\"v1\"\"\",", datasets, StringComparison.Ordinal);

        // The same file again changes nothing; its CSV export, imported back, neither.
        var unchanged = (await Cli.RunAsync(first, Import, await WriteAsync(temp, "inventory.json", Inventory))).Expect(Cli.Ok);
        Assert.Contains("unchanged: 9", unchanged.Stdout, StringComparison.Ordinal);
        var systems = await WriteAsync(temp, "ai-systems.csv", csv);
        Assert.Contains("unchanged: 2", (await Cli.RunAsync(first, Import, systems)).Expect(Cli.Ok).Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_large_csv_is_inserted_in_bulk_and_the_ledger_verifies(Provider provider)
    {
        using var temp = new TempFolder();
        await using var db = await TestDatabase.CreateAsync(provider);
        (await Cli.RunAsync(db, Import, "--org", "acme", await WriteAsync(temp, "inventory.json", Inventory))).Expect(Cli.Ok);

        // More rows than a batch; the last ones without a reference (numbered by the counter after the given ones),
        // new owners (accounts made in the same batch as the records that name them), and an existing system updated.
        var csv = new StringBuilder("reference,name,owner,stage,sourcing,operatorRoles,autonomy,oversight,inScope,scopeJustification\n");
        csv.Append("SYS-2,Credit scoring v2,chief@acme.example,deployment,in-house,provider,recommendation,human-in-the-loop,true,\n");
        for (var i = 1; i <= 2_300; i++)
        {
            var reference = i > 2_200 ? "" : "SYS-" + (100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{reference},System {i},owner{i % 7}@bulk.example,deployment,in-house,\"provider, deployer\",recommendation,human-in-the-loop,{(i % 5 != 0 ? "true" : "false")},{(i % 5 == 0 ? "pilot" : "")}\n");
        }

        var imported = (await Cli.RunAsync(db, Import, await WriteAsync(temp, "ai-systems.csv", csv.ToString()))).Expect(Cli.Ok);
        Assert.Contains("created: 2300", imported.Stdout, StringComparison.Ordinal);
        Assert.Contains("updated: 1", imported.Stdout, StringComparison.Ordinal);
        Assert.Contains("owner0@bulk.example", imported.Stdout, StringComparison.Ordinal);

        var verify = (await Cli.RunAsync(db, ["verify"])).Expect(Cli.Ok);
        Assert.All(Cli.Lines(verify.Stdout), l => Assert.Contains("intact", l, StringComparison.Ordinal));

        var exported = (await Cli.RunAsync(db, Export, "--format", "csv")).Expect(Cli.Ok).Stdout;
        var lines = exported.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2 + 2_300 + 1, lines.Length);
        // The 100 rows without a reference are numbered after the highest given one (SYS-2300), in file order.
        Assert.Contains(lines, l => l.StartsWith("SYS-2301,System 2201,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("SYS-2400,System 2300,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("SYS-105,System 5,,,owner5@bulk.example,", StringComparison.Ordinal) && l.Contains(",false,pilot,", StringComparison.Ordinal));

        // The same file again: rows with a reference are unchanged, rows without one are new again.
        var again = (await Cli.RunAsync(db, Import, await WriteAsync(temp, "ai-systems.csv", csv.ToString()))).Expect(Cli.Ok);
        Assert.Contains("created: 100", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("unchanged: 2201", again.Stdout, StringComparison.Ordinal);
        (await Cli.RunAsync(db, ["verify"])).Expect(Cli.Ok);
    }

    [Theory]
    [InlineData(Provider.Sqlite, "ai-systems.csv", "reference,name,stage,sourcing,autonomy,oversight\nSYS-20,A,deployment,in-house,recommendation,human-in-the-loop\nSYS-21,\"B,deployment,in-house,recommendation,human-in-the-loop\n",
        "ai-systems.csv line 3: name", "quote")]
    [InlineData(Provider.Sqlite, "ai-systems.csv", "reference,name,stage,sourcing,autonomy\nSYS-20,A,deployment,in-house,recommendation\n", "ai-systems.csv line 1: oversight", "required column")]
    [InlineData(Provider.Sqlite, "ai-systems.csv", "reference,name,stage,sourcing,autonomy,oversight\nSYS-20,A,deployment,in-house,recommendation,human-in-the-loop\nSYS-21,B,launched,in-house,recommendation,human-in-the-loop\n",
        "ai-systems.csv line 3: stage", "must be one of")]
    [InlineData(Provider.Sqlite, "use-cases.csv", "reference,aiSystem,name\nUC-20,SYS-99,Orphan\n", "use-cases.csv line 2: aiSystem", "SYS-99 is not an AI system")]
    [InlineData(Provider.Sqlite, "datasets.csv", "reference,name,derivedFrom\nDS-1,Raw,DS-3\n", "datasets.csv line 2: derivedFrom", "cycle")]
    [InlineData(Provider.Postgres, "datasets.csv", "reference,name,derivedFrom\nDS-1,Raw,DS-3\n", "datasets.csv line 2: derivedFrom", "cycle")]
    [InlineData(Provider.Postgres, "ai-systems.csv", "reference,name,stage,sourcing,autonomy,oversight\nSYS-20,A,deployment,in-house,recommendation,human-in-the-loop\nSYS-21,B,launched,in-house,recommendation,human-in-the-loop\n",
        "ai-systems.csv line 3: stage", "must be one of")]
    public async Task A_refused_file_exits_2_naming_line_column_and_rule_and_changes_nothing(Provider provider, string name, string csv, string where, string rule)
    {
        using var temp = new TempFolder();
        await using var db = await TestDatabase.CreateAsync(provider);
        (await Cli.RunAsync(db, Import, "--org", "acme", await WriteAsync(temp, "inventory.json", Inventory))).Expect(Cli.Ok);
        var before = (await Cli.RunAsync(db, Export, "--format", "json")).Expect(Cli.Ok).Stdout;

        var refused = (await Cli.RunAsync(db, Import, await WriteAsync(temp, name, csv))).Fails(Cli.Usage, where, rule, "nothing was changed");
        Assert.Equal("", refused.Stdout);
        Assert.Equal(before, (await Cli.RunAsync(db, Export, "--format", "json")).Expect(Cli.Ok).Stdout);
    }

    [Fact]
    public async Task Usage_errors_name_the_option()
    {
        using var temp = new TempFolder();
        await using var db = await TestDatabase.CreateAsync(Provider.Sqlite);
        (await Cli.RunAsync(db, Import, "--org", "acme", await WriteAsync(temp, "inventory.json", Inventory))).Expect(Cli.Ok);
        (await Cli.RunAsync(db, Export, "--format", "pdf")).Fails(Cli.Usage, "--format");
        (await Cli.RunAsync(db, Export, "--format", "csv", "--entity", "risks")).Fails(Cli.Usage, "--entity", "ai-systems");
        (await Cli.RunAsync(db, Import, temp.File("missing.csv"))).Fails(Cli.Usage, "missing.csv");
        (await Cli.RunAsync(db, Import, await WriteAsync(temp, "bad.json", "{\"format\":\"aims-inventory\",\"version\":1,\"risks\":[]}"))).Fails(Cli.Usage, "risks");
    }
}
