namespace Aims.Cli.Tests;

/// <summary>Every verb explains itself: `--help` exits 0 and lists the verb's options (or sub-commands).</summary>
public sealed class HelpTests
{
    [Fact]
    public async Task Root_help_lists_every_command()
    {
        var result = (await Cli.RunAsync("--help")).Expect(Cli.Ok);
        foreach (var command in new[] { "serve", "catalog", "org", "token", "verify", "ledger", "soa", "readiness", "lifecycle" })
        {
            Assert.Contains(command, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("serve", "--data --database --urls --demo")]
    [InlineData("catalog", "list show")]
    [InlineData("catalog list", "--format")]
    [InlineData("catalog show", "FRAMEWORK --format")]
    [InlineData("org", "list create")]
    [InlineData("org list", "--data --database")]
    [InlineData("org create", "--slug --name --admin-email --admin-name --data --database")]
    [InlineData("token", "create")]
    [InlineData("token create", "--email --org --scope --data --database --name --expires --ingest")]
    [InlineData("lifecycle", "export prune")]
    [InlineData("lifecycle export", "--data --database --org --system --output")]
    [InlineData("lifecycle prune", "--data --database --org")]
    [InlineData("verify", "--data --database --file --key --org")]
    [InlineData("ledger", "export checkpoint rotate-key key")]
    [InlineData("ledger export", "--data --database --org --from")]
    [InlineData("soa", "export")]
    [InlineData("soa export", "--data --database --org --format --version --output csv xlsx json html")]
    [InlineData("readiness", "--data --database --org --format table json")]
    public async Task Every_verb_has_help_listing_its_options(string verb, string mentions)
    {
        foreach (var flag in new[] { "--help", "-h" })
        {
            var result = (await Cli.RunAsync([.. verb.Split(' '), flag])).Expect(Cli.Ok);
            Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("aims " + verb, result.Stdout, StringComparison.Ordinal);
            foreach (var option in mentions.Split(' '))
            {
                Assert.True(result.Stdout.Contains(option, StringComparison.Ordinal), $"'aims {verb} --help' should list {option}:\n{result}");
            }
        }
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("catalog", "frobnicate")]
    [InlineData("token", "create", "--email", "a@b.c", "--no-such-option")]
    [InlineData("ledger", "export", "--from", "zero")]
    [InlineData("soa", "frobnicate")]
    [InlineData("soa", "export", "--version", "latest")]
    [InlineData("readiness", "--format", "csv")]
    public async Task Unknown_commands_and_options_are_usage_errors(params string[] args) =>
        (await Cli.RunAsync(args)).Fails(Cli.Usage);
}
