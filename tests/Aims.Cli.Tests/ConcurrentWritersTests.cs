using System.Text.RegularExpressions;
using Aims.Testing;

namespace Aims.Cli.Tests;

/// <summary>
/// Writers in separate processes on one database: sixteen `aims token create` at once still give one valid chain,
/// with contiguous sequence numbers and distinct references, beside the `aims serve` that seeded the database.
/// </summary>
[Collection(WritersDemoCollection.Name)]
public sealed class ConcurrentWritersTests(DemoDatabases demos)
{
    private static readonly string[] Create = ["token", "create"];
    private static readonly string[] Export = ["ledger", "export", "--org", "demo"];

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Two_batches_of_writers_in_parallel_processes_give_one_valid_chain(Provider provider)
    {
        var db = (await demos.GetAsync(provider)).Database;
        var initial = Cli.ParseExport((await Cli.RunAsync(db, Export)).Expect(Cli.Ok).Stdout);
        Assert.NotEmpty(initial);

        const int perBatch = 8;
        var batchA = Enumerable.Range(1, perBatch).Select(i => Cli.RunAsync(db, Create, "--email", "admin@example.org", "--org", "demo", "--name", $"batch A {i}"));
        var batchB = Enumerable.Range(1, perBatch).Select(i => Cli.RunAsync(db, Create, "--email", "aims.lead@example.org", "--org", "demo", "--name", $"batch B {i}"));
        var batches = await Task.WhenAll(Task.WhenAll(batchA), Task.WhenAll(batchB));
        var results = batches.SelectMany(b => b).ToList();

        Assert.All(results, r => r.Expect(Cli.Ok));
        var tokens = results.Select(r => r.LastLine).ToList();
        Assert.All(tokens, t => Assert.StartsWith("aims_", t, StringComparison.Ordinal));
        Assert.Equal(2 * perBatch, tokens.Distinct(StringComparer.Ordinal).Count());
        var announced = results.Select(r => Regex.Match(r.Stderr, @"\bPAT-\d+\b").Value).ToList();
        Assert.All(announced, a => Assert.NotEqual("", a));
        Assert.Equal(2 * perBatch, announced.Distinct().Count());

        var verify = (await Cli.RunAsync(db, ["verify"])).Expect(Cli.Ok);
        Assert.All(Cli.Lines(verify.Stdout), l => Assert.Contains("intact", l, StringComparison.Ordinal));

        var after = Cli.ParseExport((await Cli.RunAsync(db, Export)).Expect(Cli.Ok).Stdout);
        Assert.Equal(initial.Count + 2 * perBatch, after.Count);
        Assert.Equal(Enumerable.Range(1, after.Count).Select(i => (long)i), after.Select(e => e.Sequence));
        Assert.Equal(initial, after.Take(initial.Count));
        for (var i = 1; i < after.Count; i++)
        {
            Assert.Equal(after[i - 1].Hash, after[i].Previous);
        }

        var added = after.Skip(initial.Count).ToList();
        Assert.All(added, e => Assert.Equal("create", e.Action));
        var references = added.Select(e => e.Reference).ToList();
        Assert.All(references, r => Assert.Matches(@"^PAT-\d+$", r));
        Assert.Equal(added.Count, references.Distinct().Count());
        Assert.Equal(announced.Order(StringComparer.Ordinal), references.Order(StringComparer.Ordinal)!);

        var allTokenReferences = after.Where(e => e.Reference?.StartsWith("PAT-", StringComparison.Ordinal) == true && e.Action == "create").Select(e => e.Reference).ToList();
        Assert.Equal(allTokenReferences.Count, allTokenReferences.Distinct().Count());
    }
}
