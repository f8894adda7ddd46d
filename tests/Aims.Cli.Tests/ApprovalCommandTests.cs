using System.Text.Json;
using Aims.Testing;

namespace Aims.Cli.Tests;

/// <summary>`aims approvals list|request|decide` on the demo database: the same rules as the API, errors on stderr with exit 2.</summary>
[Collection(TokenDemoCollection.Name)]
public sealed class ApprovalCommandTests(DemoDatabases demos)
{
    private static readonly string[] List = ["approvals", "list"];
    private static readonly string[] Request = ["approvals", "request"];
    private static readonly string[] Decide = ["approvals", "decide"];

    private static async Task<JsonElement> JsonAsync(DemoDatabase demo, string[] verb, params string[] rest)
    {
        var result = (await Cli.RunAsync(demo.Database, verb, ["--org", "demo", .. rest])).Expect(Cli.Ok);
        using var doc = JsonDocument.Parse(result.Stdout);
        return doc.RootElement.Clone();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_demo_has_every_state_and_a_request_from_the_command_line_is_decided_by_a_member(Provider provider)
    {
        var demo = await demos.GetAsync(provider);
        var states = (await JsonAsync(demo, List, "--format", "json", "--page-size", "200")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("state").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "pending", "escalated", "approved", "denied" }, states);

        var asked = await JsonAsync(demo, Request, "--action", "retire-ai-system", "--subject", "SYS-1", "--reason", "Replaced by the new onboarding assistant.");
        var apr = asked.GetProperty("reference").GetString()!;
        Assert.Equal("pending", asked.GetProperty("state").GetString());
        Assert.Equal("system:cli", asked.GetProperty("requestedBy").GetString());

        (await Cli.RunAsync(demo.Database, Decide, apr, "--org", "demo", "--verdict", "approve", "--rationale", "ok", "--as", "admin@example.org")).Fails(2, "rationale");
        (await Cli.RunAsync(demo.Database, Decide, apr, "--org", "demo", "--verdict", "approve", "--rationale", "Looks right to me.", "--as", "board@example.org")).Fails(2, "rule role");
        (await Cli.RunAsync(demo.Database, Decide, apr, "--org", "demo", "--verdict", "approve", "--rationale", "Looks right to me.", "--as", "nobody@example.org")).Fails(2, "not a member");
        var decided = await JsonAsync(demo, Decide, apr, "--verdict", "approve", "--rationale", "Replacement confirmed by the system owner.", "--as", "admin@example.org");
        Assert.Equal("approved", decided.GetProperty("state").GetString());
        (await Cli.RunAsync(demo.Database, Decide, apr, "--org", "demo", "--verdict", "deny", "--rationale", "Too late for this one.", "--as", "aims.lead@example.org")).Fails(2, "rule closed");

        var approved = (await Cli.RunAsync(demo.Database, List, "--org", "demo", "--state", "approved", "--format", "csv")).Expect(Cli.Ok);
        Assert.StartsWith("reference,action,subject,state,approvals,quorum,requestedBy,requestedAt,outcome", approved.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{apr},retire-ai-system,SYS-1,approved,1,1,system:cli", approved.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Bad_input_exits_2_naming_the_option_or_rule(Provider provider)
    {
        var demo = await demos.GetAsync(provider);
        (await Cli.RunAsync(demo.Database, Request, "--org", "demo", "--action", "change-ai-policy", "--subject", "policy", "--reason", "A new policy for generative AI.")).Fails(2, "never delegated");
        (await Cli.RunAsync(demo.Database, Request, "--org", "demo", "--action", "fly", "--subject", "SYS-1", "--reason", "A reason long enough.")).Fails(2, "action");
        (await Cli.RunAsync(demo.Database, List, "--org", "demo", "--state", "lost")).Fails(2, "--state");
        (await Cli.RunAsync(demo.Database, List, "--org", "demo", "--page-size", "1000")).Fails(2, "--page-size");
        (await Cli.RunAsync(demo.Database, Decide, "APR-9999", "--org", "demo", "--verdict", "approve", "--rationale", "Looks right to me.", "--as", "admin@example.org")).Fails(2, "APR-9999");
    }
}
