using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Aims.Testing;

namespace Aims.Cli.Tests;

/// <summary>
/// `aims token create` beside a running `aims serve --demo` on the same database: the token is the last line of
/// stdout and works against that server at once; every refusal is exit 2 with a reason and no stack trace.
/// </summary>
[Collection(TokenDemoCollection.Name)]
public sealed class TokenCreateTests(DemoDatabases demos)
{
    private static readonly string[] Create = ["token", "create"];

    private async Task<(DemoDatabase Demo, CliResult Result)> CreateAsync(Provider provider, params string[] options)
    {
        var demo = await demos.GetAsync(provider);
        return (demo, await Cli.RunAsync(demo.Database, Create, options));
    }

    private static async Task<JsonElement> MeAsync(DemoDatabase demo, string token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, demo.Url.TrimEnd('/') + "/api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/v1/me with the new token: {(int)response.StatusCode}\n{body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    private static string Token(CliResult result)
    {
        var token = result.LastLine;
        Assert.StartsWith("aims_", token, StringComparison.Ordinal);
        Assert.DoesNotContain(' ', token);
        Assert.True(token.Length >= 30, "a token should be long enough to be secret: " + token);
        return token;
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Token_is_the_last_line_and_works_against_the_running_server_with_scope_write_by_default(Provider provider)
    {
        var (demo, result) = await CreateAsync(provider, "--email", "admin@example.org");
        var token = Token(result.Expect(Cli.Ok));
        Assert.DoesNotContain(token, result.Stderr, StringComparison.Ordinal);

        var me = await MeAsync(demo, token);
        Assert.Equal("admin@example.org", me.GetProperty("email").GetString());
        Assert.Equal("demo", me.GetProperty("organization").GetProperty("slug").GetString());
        Assert.Equal("write", me.GetProperty("scope").GetString());
        Assert.Equal("administrator", me.GetProperty("role").GetString());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Each_run_prints_a_new_token(Provider provider)
    {
        var (_, first) = await CreateAsync(provider, "--email", "ml.engineer@example.org", "--name", "nightly evaluation", "--expires", "7");
        var (demo, second) = await CreateAsync(provider, "--email", "ml.engineer@example.org", "--name", "nightly evaluation", "--expires", "366");
        var a = Token(first.Expect(Cli.Ok));
        var b = Token(second.Expect(Cli.Ok));
        Assert.NotEqual(a, b);
        foreach (var token in new[] { a, b })
        {
            var me = await MeAsync(demo, token);
            Assert.Equal("ml.engineer@example.org", me.GetProperty("email").GetString());
            Assert.Equal("contributor", me.GetProperty("role").GetString());
            Assert.Equal("write", me.GetProperty("scope").GetString());
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Org_selects_another_organization_of_the_person(Provider provider)
    {
        var (demo, result) = await CreateAsync(provider, "--email", "aims.lead@example.org", "--org", "sandbox", "--scope", "admin");
        var me = await MeAsync(demo, Token(result.Expect(Cli.Ok)));
        Assert.Equal("sandbox", me.GetProperty("organization").GetProperty("slug").GetString());
        Assert.Equal("admin", me.GetProperty("scope").GetString());
        Assert.Equal("administrator", me.GetProperty("role").GetString());

        // In demo the same person is AIMS lead: admin is more than that role allows.
        var (_, refused) = await CreateAsync(provider, "--email", "aims.lead@example.org", "--org", "demo", "--scope", "admin");
        refused.Fails(Cli.Usage, "at most", "write");
        Assert.DoesNotContain("aims_", refused.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_read_only_role_gets_read_by_default_and_can_ask_for_read(Provider provider)
    {
        var (demo, byDefault) = await CreateAsync(provider, "--email", "external.auditor@example.org");
        var me = await MeAsync(demo, Token(byDefault.Expect(Cli.Ok)));
        Assert.Equal("read", me.GetProperty("scope").GetString());
        Assert.Equal("external-auditor", me.GetProperty("role").GetString());

        var (_, asked) = await CreateAsync(provider, "--email", "external.auditor@example.org", "--scope", "read");
        Token(asked.Expect(Cli.Ok));
    }

    [Theory]
    [InlineData(Provider.Sqlite, "admin")]
    [InlineData(Provider.Sqlite, "write")]
    [InlineData(Provider.Postgres, "admin")]
    [InlineData(Provider.Postgres, "write")]
    public async Task A_scope_above_the_role_is_refused_saying_at_most_read(Provider provider, string scope)
    {
        var (_, result) = await CreateAsync(provider, "--email", "external.auditor@example.org", "--scope", scope);
        result.Fails(Cli.Usage, "at most", "read");
        Assert.DoesNotContain("aims_", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_organization_the_person_is_not_in_is_refused_listing_their_organizations(Provider provider)
    {
        var (_, result) = await CreateAsync(provider, "--email", "external.auditor@example.org", "--org", "sandbox");
        result.Fails(Cli.Usage, "sandbox", "demo");
        Assert.DoesNotContain("aims_", result.Stdout, StringComparison.Ordinal);

        var (_, unknown) = await CreateAsync(provider, "--email", "admin@example.org", "--org", "no-such-org");
        unknown.Fails(Cli.Usage, "no-such-org", "demo", "sandbox");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_unknown_email_is_refused(Provider provider)
    {
        var (_, result) = await CreateAsync(provider, "--email", "nobody@example.org");
        result.Fails(Cli.Usage, "nobody@example.org");
        Assert.Equal("", result.Stdout.Trim());
    }

    [Theory]
    [InlineData(Provider.Sqlite, "0")]
    [InlineData(Provider.Sqlite, "400")]
    [InlineData(Provider.Sqlite, "ninety")]
    [InlineData(Provider.Postgres, "0")]
    [InlineData(Provider.Postgres, "400")]
    public async Task Expires_outside_1_to_366_days_is_refused(Provider provider, string days)
    {
        var (_, result) = await CreateAsync(provider, "--email", "admin@example.org", "--expires", days);
        result.Fails(Cli.Usage);
        Assert.DoesNotContain("aims_", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_unknown_scope_is_refused(Provider provider)
    {
        var (_, result) = await CreateAsync(provider, "--email", "admin@example.org", "--scope", "root");
        result.Fails(Cli.Usage, "root");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Missing_email_is_refused(Provider provider)
    {
        var (_, result) = await CreateAsync(provider);
        result.Fails(Cli.Usage, "--email");
        Assert.Equal("", result.Stdout.Trim());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Data_and_database_together_are_refused(Provider provider)
    {
        var demo = await demos.GetAsync(provider);
        using var temp = new TempFolder();
        string[] other = provider == Provider.Sqlite
            ? ["--database", "Host=127.0.0.1;Port=1;Database=none"]
            : ["--data", temp.Path];
        var result = await Cli.RunAsync(demo.Database, Create, ["--email", "admin@example.org", .. other]);
        result.Fails(Cli.Usage, "--data", "--database");
        Assert.DoesNotContain("aims_", result.Stdout, StringComparison.Ordinal);
    }
}
