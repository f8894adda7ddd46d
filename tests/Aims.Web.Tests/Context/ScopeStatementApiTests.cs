using System.Net;
using System.Text.Json;
using static Aims.Web.Tests.Json;

namespace Aims.Web.Tests.Context;

/// <summary>The scope statement (4.3) as the AIMS lead and the auditor use it: generated, edited, approved, gone stale.</summary>
public abstract class ScopeStatementApiTests(WebFixture fixture)
{
    private const string Statement = "/api/v1/scope/statement";

    private static async Task<JsonElement> CreateAsync(HttpClient client, string register, object body)
    {
        var response = await client.PostAsync($"/api/v1/{register}", Body(JsonSerializer.Serialize(body)));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync();
    }

    private static async Task<JsonElement> GenerateAsync(HttpClient client)
    {
        var response = await client.PostAsync($"{Statement}/generate", null);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync();
    }

    private static Task<HttpResponseMessage> ApproveAsync(HttpClient client, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Statement}/approve");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    [Fact]
    public async Task The_generated_text_names_systems_in_scope_and_exclusions_with_their_justification()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var inScope = await CreateAsync(lead, "ai-systems", new { stage = "deployment", sourcing = "in-house", autonomy = "recommendation", oversight = "human-in-the-loop", name = Unique("Loan approval") });
        var outOfScope = await CreateAsync(lead, "ai-systems", new { stage = "deployment", sourcing = "in-house", autonomy = "recommendation", oversight = "human-in-the-loop", name = Unique("Office chatbot"), inScope = false, scopeJustification = "Internal pilot, no customer data" });
        var excluded = await CreateAsync(lead, "scope-entries", new { kind = "location", name = Unique("Singapore"), included = false, justification = "Sales office only" });

        var first = await (await lead.PostAsync($"{Statement}/generate", null)).ReadAsync();
        var text = first.GetProperty("text").GetString()!;
        Assert.True(first.GetProperty("generated").GetBoolean());
        Assert.Contains($"- {inScope.GetProperty("reference").GetString()} {inScope.GetProperty("name").GetString()}", text, StringComparison.Ordinal);
        Assert.Contains($"{outOfScope.GetProperty("name").GetString()}: Internal pilot, no customer data", text, StringComparison.Ordinal);
        Assert.Contains($"{excluded.GetProperty("name").GetString()} ({excluded.GetProperty("reference").GetString()}), location: Sales office only", text, StringComparison.Ordinal);
        Assert.Contains("Harbor Lending Group", text, StringComparison.Ordinal);

        // Nothing changed in the registers: regenerating adds no version.
        var again = await lead.PostAsync($"{Statement}/generate", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.GetProperty("number").GetInt32(), (await again.ReadAsync()).GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task Editing_keeps_the_old_version_approval_names_who_and_a_register_change_makes_it_stale()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var generated = await GenerateAsync(lead);
        var number = generated.GetProperty("number").GetInt32();
        var edited = await lead.PostJsonAsync(Statement, new { text = generated.GetProperty("text").GetString() + "\nThe AIMS covers consumer lending only.", reason = "Board wording" });
        Assert.Equal(HttpStatusCode.Created, edited.StatusCode);
        var version = await edited.ReadAsync();
        Assert.Equal(number + 1, version.GetProperty("number").GetInt32());
        Assert.False(version.GetProperty("generated").GetBoolean());
        Assert.Equal("aims.lead@example.org", version.GetProperty("createdBy").GetProperty("email").GetString());
        var recorded = (await (await lead.GetAsync("/api/v1/ledger?entityType=scope-statement&pageSize=1")).ReadAsync()).GetProperty("items")[0];
        Assert.Equal(("create", "Board wording"), (recorded.GetProperty("action").GetString(), recorded.GetProperty("reason").GetString()));
        var old = await (await lead.GetAsync($"{Statement}/versions/{number}")).ReadAsync();
        Assert.Equal(generated.GetProperty("text").GetString(), old.GetProperty("text").GetString());

        var edit = $"\"{number + 1}\"";
        await (await ApproveAsync(lead, null)).AssertProblemAsync(428, "If-Match");
        await (await ApproveAsync(lead, $"\"{number}\"")).AssertProblemAsync(412, "If-Match");
        await (await ApproveAsync(await fixture.ClientAsync("board@example.org"), edit)).AssertProblemAsync(403);
        await (await ApproveAsync(await fixture.ClientAsync("control.owner@example.org"), edit)).AssertProblemAsync(403);
        var approved = await (await ApproveAsync(lead, edit)).ReadAsync();
        Assert.Equal("aims.lead@example.org", approved.GetProperty("approvedBy").GetProperty("email").GetString());
        Assert.Equal("Priya Raman", approved.GetProperty("approvedBy").GetProperty("name").GetString());
        Assert.True(approved.GetProperty("approvedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        await (await ApproveAsync(lead, edit)).AssertProblemAsync(409);

        var current = await (await lead.GetAsync(Statement)).ReadAsync();
        Assert.Equal(number + 1, current.GetProperty("approved").GetProperty("number").GetInt32());
        Assert.False(current.GetProperty("stale").GetBoolean());
        Assert.Contains(current.GetProperty("versions").EnumerateArray(), v => v.GetProperty("number").GetInt32() == number);

        await CreateAsync(lead, "ai-systems", new { stage = "deployment", sourcing = "in-house", autonomy = "recommendation", oversight = "human-in-the-loop", name = Unique("Fraud screening") });
        var stale = await (await lead.GetAsync(Statement)).ReadAsync();
        Assert.True(stale.GetProperty("stale").GetBoolean());

        // A new generated version needs its own approval; until then the old approval stays, stale.
        var regenerated = await GenerateAsync(lead);
        Assert.Equal(number + 2, regenerated.GetProperty("number").GetInt32());
        var pending = await (await lead.GetAsync(Statement)).ReadAsync();
        Assert.Equal(number + 1, pending.GetProperty("approved").GetProperty("number").GetInt32());
        Assert.True(pending.GetProperty("stale").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await ApproveAsync(lead, $"\"{number + 2}\"")).StatusCode);
        Assert.False((await (await lead.GetAsync(Statement)).ReadAsync()).GetProperty("stale").GetBoolean());
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_field_and_adds_no_version()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        await GenerateAsync(lead);
        var before = (await (await lead.GetAsync(Statement)).ReadAsync()).GetProperty("versions").GetArrayLength();
        await (await lead.PostAsync(Statement, Body("""{"text":"   "}"""))).AssertProblemAsync(400, "text");
        await (await lead.PostAsync(Statement, Body("{}"))).AssertProblemAsync(400, "text");
        await (await lead.PostJsonAsync(Statement, new { text = new string('x', 20_001) })).AssertProblemAsync(400, "text");
        await (await lead.PostJsonAsync(Statement, new { text = "ok", reason = new string('r', 501) })).AssertProblemAsync(400, "reason");
        await (await lead.PostAsync(Statement, Body("""{"text":"ok","approved":true}"""))).AssertProblemAsync(400, "approved");
        await (await lead.PostAsync(Statement, Body("""{"text":"a\u0000b"}"""))).AssertProblemAsync(400);
        await (await ApproveAsync(lead, "\"latest\"")).AssertProblemAsync(400, "If-Match");
        await (await lead.GetAsync($"{Statement}/versions/99999")).AssertProblemAsync(404);
        await (await (await fixture.ClientAsync("board@example.org")).PostAsync($"{Statement}/generate", null)).AssertProblemAsync(403);
        var after = (await (await lead.GetAsync(Statement)).ReadAsync()).GetProperty("versions").GetArrayLength();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Another_organization_sees_none_of_it()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var secret = Unique("Secret system");
        await CreateAsync(lead, "ai-systems", new { stage = "deployment", sourcing = "in-house", autonomy = "recommendation", oversight = "human-in-the-loop", name = secret });
        await GenerateAsync(lead);
        var sandbox = await fixture.ClientAsync("admin@example.org", "sandbox");
        var view = await (await sandbox.GetAsync(Statement)).ReadAsync();
        Assert.DoesNotContain(secret, view.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, view.GetProperty("versions").GetArrayLength());
        await (await sandbox.GetAsync($"{Statement}/versions/1")).AssertProblemAsync(404);
    }
}

public sealed class SqliteScopeStatementApiTests(SqliteFixture fixture) : ScopeStatementApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresScopeStatementApiTests(PostgresFixture fixture) : ScopeStatementApiTests(fixture), IClassFixture<PostgresFixture>;
