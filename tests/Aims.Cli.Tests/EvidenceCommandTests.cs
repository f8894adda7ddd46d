using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aims.Testing;

namespace Aims.Cli.Tests;

/// <summary>`aims evidence add|list|get` on the demo database of each provider: the file goes in hashed and comes back byte for byte.</summary>
[Collection(TokenDemoCollection.Name)]
public sealed class EvidenceCommandTests(DemoDatabases demos)
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_file_added_from_the_command_line_is_listed_linked_and_written_back_unchanged(Provider provider)
    {
        var demo = await demos.GetAsync(provider);
        using var temp = new TempFolder();
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.4\n% evaluation report of the scoring model\n%%EOF\n");
        var source = temp.File("evaluation.pdf");
        await File.WriteAllBytesAsync(source, bytes);

        var added = (await Cli.RunAsync(demo.Database, ["evidence", "add"], source, "--org", "demo", "--title", "Evaluation report Q4",
            "--control", "A.6.2.4", "--control", "A.6.2.8", "--valid-until", "2099-12-31", "--owner", "ml.engineer@example.org")).Expect(Cli.Ok);
        var reference = added.Stdout.Trim();
        Assert.StartsWith("EV-", reference, StringComparison.Ordinal);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Contains(sha, added.Stderr, StringComparison.Ordinal);
        Assert.Contains("application/pdf", added.Stderr, StringComparison.Ordinal);

        var listed = (await Cli.RunAsync(demo.Database, ["evidence", "list"], "--org", "demo", "--format", "json", "--control", "A.6.2.8")).Expect(Cli.Ok);
        using var doc = JsonDocument.Parse(listed.Stdout);
        var item = doc.RootElement.EnumerateArray().Single(i => i.GetProperty("reference").GetString() == reference);
        Assert.Equal(sha, item.GetProperty("sha256").GetString());
        Assert.Equal(["iso42001:A.6.2.4", "iso42001:A.6.2.8"], item.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("target").GetString()));
        Assert.Equal("current", item.GetProperty("freshness").GetString());

        var csv = (await Cli.RunAsync(demo.Database, ["evidence", "list"], "--org", "demo", "--format", "csv")).Expect(Cli.Ok);
        Assert.StartsWith("reference,title,kind,owner,freshness", csv.Stdout, StringComparison.Ordinal);
        Assert.Contains(reference + ",Evaluation report Q4,file,ml.engineer@example.org,current", csv.Stdout, StringComparison.Ordinal);
        var table = (await Cli.RunAsync(demo.Database, ["evidence", "list"], "--org", "demo")).Expect(Cli.Ok);
        Assert.Contains(reference, table.Stdout, StringComparison.Ordinal);

        var back = temp.File("back.pdf");
        (await Cli.RunAsync(demo.Database, ["evidence", "get", reference], "--org", "demo", "--output", back)).Expect(Cli.Ok);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(back));

        var link = (await Cli.RunAsync(demo.Database, ["evidence", "add"], "--org", "demo", "--url", "https://ci.example.org/runs/812", "--title", "CI run 812")).Expect(Cli.Ok);
        (await Cli.RunAsync(demo.Database, ["evidence", "get", link.Stdout.Trim()], "--org", "demo", "--output", temp.File("x"))).Fails(Cli.Usage, "not a file");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    public async Task Bad_input_exits_2_naming_the_rule_and_adds_nothing(Provider provider)
    {
        var demo = await demos.GetAsync(provider);
        using var temp = new TempFolder();
        var source = temp.File("note.txt");
        await File.WriteAllTextAsync(source, "minutes of the model review board\n");
        var before = (await Cli.RunAsync(demo.Database, ["evidence", "list"], "--org", "demo", "--format", "csv")).Expect(Cli.Ok).Stdout;

        (await Cli.RunAsync(demo.Database, ["evidence", "add"], source, "--org", "demo", "--title", "Minutes", "--control", "A.99.9")).Fails(Cli.Usage, "controls", "A.99.9");
        (await Cli.RunAsync(demo.Database, ["evidence", "add"], source, "--org", "demo", "--title", "Minutes", "--valid-until", "31.12.2030")).Fails(Cli.Usage, "--valid-until");
        (await Cli.RunAsync(demo.Database, ["evidence", "add"], "--org", "demo", "--title", "Nothing")).Fails(Cli.Usage, "FILE or --url");
        (await Cli.RunAsync(demo.Database, ["evidence", "add"], temp.File("missing.pdf"), "--org", "demo", "--title", "Missing")).Fails(Cli.Usage, "does not exist");
        (await Cli.RunAsync(demo.Database, ["evidence", "add"], temp.File("empty.txt") is var empty && File.Exists(empty) ? empty : CreateEmpty(empty), "--org", "demo", "--title", "Empty")).Fails(Cli.Usage, "empty");
        (await Cli.RunAsync(demo.Database, ["evidence", "list"], "--org", "demo", "--freshness", "stale")).Fails(Cli.Usage, "freshness");

        var after = (await Cli.RunAsync(demo.Database, ["evidence", "list"], "--org", "demo", "--format", "csv")).Expect(Cli.Ok).Stdout;
        Assert.Equal(before, after);
    }

    private static string CreateEmpty(string path)
    {
        File.WriteAllBytes(path, []);
        return path;
    }
}
