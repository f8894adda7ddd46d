using Aims.Testing;

namespace Aims.Cli.Tests;

/// <summary>`aims org list` on a new, empty database: created and migrated, and nothing in it but the header.</summary>
public sealed class OrgListTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Org_list_on_a_new_database_creates_and_migrates_it_and_prints_only_the_header(Provider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        if (db.Folder is { } folder)
        {
            Assert.False(File.Exists(Path.Combine(folder, "aims.db")));
        }

        var result = (await Cli.RunAsync(db, ["org", "list"])).Expect(Cli.Ok);
        var lines = Cli.Lines(result.Stdout);
        Assert.Single(lines);
        Assert.Equal(["SLUG", "NAME", "ID"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));

        if (db.Folder is { } created)
        {
            var file = new FileInfo(Path.Combine(created, "aims.db"));
            Assert.True(file.Exists && file.Length > 0, "aims.db should exist after the first verb");
        }

        // Migrated: the model's tables are there and the second run finds nothing to do.
        await using (var context = db.CreateContext())
        {
            Assert.Empty(await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetPendingMigrationsAsync(context.Database));
        }

        var again = (await Cli.RunAsync(db, ["org", "list"])).Expect(Cli.Ok);
        Assert.Equal(result.Stdout, again.Stdout);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Verbs_inside_an_organization_on_an_empty_database_say_there_is_none(Provider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        (await Cli.RunAsync(db, ["ledger", "export"])).Fails(Cli.Usage, "organization");
        (await Cli.RunAsync(db, ["token", "create"], "--email", "admin@example.org")).Fails(Cli.Usage, "admin@example.org");
        var verify = (await Cli.RunAsync(db, ["verify"])).Expect(Cli.Ok);
        Assert.StartsWith("system:", Cli.Lines(verify.Stdout).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_and_database_together_are_a_usage_error()
    {
        using var temp = new TempFolder();
        (await Cli.RunAsync("org", "list", "--data", temp.Path, "--database", "Host=127.0.0.1;Port=1;Database=none")).Fails(Cli.Usage, "--data", "--database");
    }

    [Fact]
    public async Task An_unreachable_database_is_an_error_without_a_stack_trace()
    {
        var result = await Cli.RunAsync("org", "list", "--database", "Host=127.0.0.1;Port=1;Database=none;Timeout=2");
        Assert.NotEqual(Cli.Ok, result.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Stderr));
        Cli.NoStackTrace(result);
    }
}
