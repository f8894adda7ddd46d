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

    private static Task<HttpResponseMessage> ApproveAsync(HttpClient client, string? ifMatch, string? reason = "Reviewed with the board; ready to approve.")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Statement}/approve") { Content = reason is null ? null : Body(JsonSerializer.Serialize(new { reason })) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    /// <summary>Asking answers 202 with a change-scope request; another approver decides it.</summary>
    private static async Task<JsonElement> AskAndApproveAsync(HttpClient asker, HttpClient approver, string ifMatch)
    {
        var asked = await ApproveAsync(asker, ifMatch);
        Assert.True(asked.StatusCode == HttpStatusCode.Accepted, await asked.Content.ReadAsStringAsync());
        var request = await asked.ReadAsync();
        var reference = request.GetProperty("reference").GetString()!;
        Assert.Equal($"/api/v1/approvals/{reference}", asked.Headers.Location?.OriginalString);
        var decide = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/approvals/{reference}/decisions") { Content = Body(JsonSerializer.Serialize(new { verdict = "approve", rationale = "The wording matches the registers." })) };
        decide.Headers.TryAddWithoutValidation("If-Match", $"\"{request.GetProperty("version").GetInt64()}\"");
        var decided = await approver.SendAsync(decide);
        Assert.True(decided.StatusCode == HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());
        return await decided.ReadAsync();
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
        await (await ApproveAsync(lead, edit, null)).AssertProblemAsync(400, "reason");
        await (await ApproveAsync(lead, edit, "ok")).AssertProblemAsync(400, "reason");

        // One approval mechanism: asking is a change-scope request; the version is approved when the request is.
        var asked = await ApproveAsync(lead, edit);
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var request = await asked.ReadAsync();
        Assert.Equal(("change-scope", "pending"), (request.GetProperty("action").GetString(), request.GetProperty("state").GetString()));
        Assert.Equal($"scope statement v{number + 1}", request.GetProperty("subject").GetString());
        Assert.Null((await (await lead.GetAsync(Statement)).ReadAsync()).GetProperty("current").GetProperty("approvedAt").GetString());
        Assert.Equal("already-requested", (await (await ApproveAsync(await fixture.ClientAsync("control.owner@example.org"), edit)).AssertProblemAsync(409)).GetProperty("rule").GetString());
        var reference = request.GetProperty("reference").GetString()!;
        var decide = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/approvals/{reference}/decisions") { Content = Body(JsonSerializer.Serialize(new { verdict = "approve", rationale = "My own request is fine." })) };
        decide.Headers.TryAddWithoutValidation("If-Match", $"\"{request.GetProperty("version").GetInt64()}\"");
        Assert.Equal("self-approval", (await (await lead.SendAsync(decide)).AssertProblemAsync(403)).GetProperty("rule").GetString());
        var admin = await fixture.ClientAsync("admin@example.org");
        var decideAdmin = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/approvals/{reference}/decisions") { Content = Body(JsonSerializer.Serialize(new { verdict = "approve", rationale = "The wording matches the registers." })) };
        decideAdmin.Headers.TryAddWithoutValidation("If-Match", $"\"{request.GetProperty("version").GetInt64()}\"");
        Assert.Equal("approved", (await (await admin.SendAsync(decideAdmin)).ReadAsync()).GetProperty("state").GetString());
        var approved = (await (await lead.GetAsync(Statement)).ReadAsync()).GetProperty("current");
        Assert.Equal("admin@example.org", approved.GetProperty("approvedBy").GetProperty("email").GetString());
        Assert.Equal("Dana Admin", approved.GetProperty("approvedBy").GetProperty("name").GetString());
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
        Assert.Equal("approved", (await AskAndApproveAsync(lead, admin, $"\"{number + 2}\"")).GetProperty("state").GetString());
        Assert.False((await (await lead.GetAsync(Statement)).ReadAsync()).GetProperty("stale").GetBoolean());
    }

    [Fact]
    public async Task Under_an_automatic_boundary_asking_approves_at_once_and_the_request_records_it()
    {
        var admin = await fixture.ClientAsync("admin@example.org");
        var current = await admin.GetAsync("/api/v1/approval-policy");
        var etag = current.Headers.ETag!.Tag;
        var boundaries = (await current.ReadAsync()).GetProperty("value").GetProperty("boundaries").EnumerateArray().ToList();
        object Boundary(JsonElement b, bool automatic) => b.GetProperty("action").GetString() == "change-scope" && automatic
            ? new { action = "change-scope", mode = "automatic", approvers = new[] { "aims-lead" }, quorum = 1, requesterMayApprove = true, responseHours = 48, escalationPath = Array.Empty<string>() }
            : JsonSerializer.Deserialize<object>(b.GetRawText())!;
        async Task<string> PutAsync(bool automatic, string tag)
        {
            var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/approval-policy") { Content = Body(JsonSerializer.Serialize(new { boundaries = boundaries.Select(b => Boundary(b, automatic)) })) };
            put.Headers.TryAddWithoutValidation("If-Match", tag);
            var saved = await admin.SendAsync(put);
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
            return saved.Headers.ETag!.Tag;
        }

        etag = await PutAsync(true, etag);
        try
        {
            var lead = await fixture.ClientAsync("aims.lead@example.org");
            await CreateAsync(lead, "ai-systems", new { stage = "deployment", sourcing = "in-house", autonomy = "recommendation", oversight = "human-in-the-loop", name = Unique("Collections") });
            var generated = await GenerateAsync(lead);
            var asked = await ApproveAsync(lead, $"\"{generated.GetProperty("number").GetInt32()}\"");
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
            var request = await asked.ReadAsync();
            Assert.Equal("approved", request.GetProperty("state").GetString());
            Assert.Contains("automatic", request.GetProperty("outcome").GetString(), StringComparison.Ordinal);
            var view = await (await lead.GetAsync(Statement)).ReadAsync();
            Assert.Equal(generated.GetProperty("number").GetInt32(), view.GetProperty("approved").GetProperty("number").GetInt32());
            Assert.Equal("Priya Raman", view.GetProperty("approved").GetProperty("approvedBy").GetProperty("name").GetString());
        }
        finally
        {
            await PutAsync(false, etag);
        }
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
