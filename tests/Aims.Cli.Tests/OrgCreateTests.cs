using Aims.Testing;

namespace Aims.Cli.Tests;

/// <summary>
/// `aims org create` on a new database (a real deployment, no demo): the organization and its administrator, whose
/// one-time password is the last line; then the other verbs work inside it without --org.
/// </summary>
public sealed class OrgCreateTests
{
    private static readonly string[] Create = ["org", "create"];

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_new_database_gets_its_first_organization_and_the_verbs_work_inside_it(Provider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var created = (await Cli.RunAsync(db, Create, "--slug", "acme", "--name", "Acme Credit", "--admin-email", "chief@acme.example", "--admin-name", "Ada Chief"))
            .Expect(Cli.Ok);
        Assert.Contains("acme", created.Stderr, StringComparison.Ordinal);
        var password = created.LastLine;
        Assert.True(password.Length >= 12 && !password.Contains(' ', StringComparison.Ordinal), "the one-time password should be the last line:\n" + created);
        Assert.DoesNotContain(password, created.Stderr, StringComparison.Ordinal);

        var list = (await Cli.RunAsync(db, ["org", "list"])).Expect(Cli.Ok);
        var rows = Cli.Lines(list.Stdout).Skip(1).ToList();
        Assert.StartsWith("acme ", Assert.Single(rows), StringComparison.Ordinal);
        Assert.Contains("Acme Credit", rows[0], StringComparison.Ordinal);

        // One organization: --org may be left out.
        var token = (await Cli.RunAsync(db, ["token", "create"], "--email", "chief@acme.example", "--scope", "admin")).Expect(Cli.Ok);
        Assert.StartsWith("aims_", token.LastLine, StringComparison.Ordinal);
        var export = (await Cli.RunAsync(db, ["ledger", "export"])).Expect(Cli.Ok);
        var events = Cli.ParseExport(export.Stdout);
        Assert.Contains(events, e => e.Type == "organization" && e.Action == "create");
        Assert.Contains(events, e => e.Reference?.StartsWith("PAT-", StringComparison.Ordinal) == true);
        Assert.DoesNotContain("chief@acme.example", export.Stdout, StringComparison.OrdinalIgnoreCase); // people are named by id
        var verify = (await Cli.RunAsync(db, ["verify"])).Expect(Cli.Ok);
        Assert.Equal(["system", "acme"], Cli.Lines(verify.Stdout).Select(l => l.Split(':')[0]).ToArray());

        // The same slug again is refused; the existing administrator can head a second organization.
        (await Cli.RunAsync(db, Create, "--slug", "acme", "--name", "Acme Again", "--admin-email", "other@acme.example")).Fails(Cli.Usage, "acme");
        var second = (await Cli.RunAsync(db, Create, "--slug", "acme-labs", "--name", "Acme Labs", "--admin-email", "chief@acme.example")).Expect(Cli.Ok);
        Assert.NotEqual(password, second.LastLine);

        // Two organizations now: verbs inside one need --org, and say which there are.
        (await Cli.RunAsync(db, ["ledger", "export"])).Fails(Cli.Usage, "--org", "acme", "acme-labs");
        (await Cli.RunAsync(db, ["ledger", "export"], "--org", "acme-labs")).Expect(Cli.Ok);
        var labsToken = (await Cli.RunAsync(db, ["token", "create"], "--email", "chief@acme.example", "--org", "acme-labs")).Expect(Cli.Ok);
        Assert.StartsWith("aims_", labsToken.LastLine, StringComparison.Ordinal);
        Assert.Equal(3, Cli.Lines((await Cli.RunAsync(db, ["verify"])).Expect(Cli.Ok).Stdout).Length);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Bad_slugs_names_and_emails_are_refused_and_nothing_is_created(Provider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        (await Cli.RunAsync(db, Create, "--slug", "Not A Slug", "--name", "Acme", "--admin-email", "a@acme.example")).Fails(Cli.Usage, "slug");
        (await Cli.RunAsync(db, Create, "--slug", "-acme", "--name", "Acme", "--admin-email", "a@acme.example")).Fails(Cli.Usage, "slug");
        (await Cli.RunAsync(db, Create, "--slug", "acme", "--name", "A", "--admin-email", "a@acme.example")).Fails(Cli.Usage, "name");
        (await Cli.RunAsync(db, Create, "--slug", "acme", "--name", "Acme", "--admin-email", "not-an-email")).Fails(Cli.Usage);
        var list = (await Cli.RunAsync(db, ["org", "list"])).Expect(Cli.Ok);
        Assert.Single(Cli.Lines(list.Stdout));
    }

    [Theory]
    [InlineData("--name", "Acme", "--admin-email", "a@acme.example")]
    [InlineData("--slug", "acme", "--admin-email", "a@acme.example")]
    [InlineData("--slug", "acme", "--name", "Acme")]
    public async Task Missing_required_options_are_usage_errors(params string[] options)
    {
        using var temp = new TempFolder();
        (await Cli.RunAsync(["org", "create", "--data", temp.Path, .. options])).Fails(Cli.Usage, "required");
        Assert.False(File.Exists(temp.File("aims.db")), "a usage error should not create the database");
    }
}
