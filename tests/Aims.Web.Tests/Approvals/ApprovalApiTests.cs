using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using static Aims.Web.Tests.Json;

namespace Aims.Web.Tests.Approvals;

/// <summary>Approval requests through the API: asking, quorum, denial, self-approval, escalation by the product clock, bad input.</summary>
public abstract class ApprovalApiTests(WebFixture fixture)
{
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body, long? version)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : Body(body as string ?? JsonSerializer.Serialize(body)) };
        if (version is { } v)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\""));
        }

        return await client.SendAsync(request);
    }

    private async Task<string> NewSystemAsync(string name)
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var system = await (await lead.PostAsync("/api/v1/ai-systems", Body(JsonSerializer.Serialize(new
        {
            name, stage = "operation-and-monitoring", sourcing = "in-house", autonomy = "recommendation", oversight = "human-in-the-loop",
        })))).ReadAsync();
        return system.GetProperty("reference").GetString()!;
    }

    private static async Task<JsonElement> AskAsync(HttpClient client, string action, string subject, string reason = "The system is replaced by the new triage service.")
    {
        var response = await client.PostAsync("/api/v1/approvals", Body(JsonSerializer.Serialize(new { action, subject, reason })));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync();
    }

    private async Task SetBoundaryAsync(string action, Func<JsonElement, object> change)
    {
        var admin = await fixture.ClientAsync("admin@example.org");
        var current = await admin.GetAsync("/api/v1/approval-policy");
        var version = long.Parse(current.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        var policy = (await current.ReadAsync()).GetProperty("value");
        var boundaries = policy.GetProperty("boundaries").EnumerateArray()
            .Select(b => b.GetProperty("action").GetString() == action ? change(b) : JsonSerializer.Deserialize<object>(b.GetRawText())!).ToList();
        var saved = await SendAsync(admin, HttpMethod.Put, "/api/v1/approval-policy", new { boundaries }, version);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_pipeline_asks_to_retire_a_system_polls_and_the_quorum_of_distinct_approvers_applies_it()
    {
        await SetBoundaryAsync("retire-ai-system", b => new
        {
            action = "retire-ai-system", mode = "requires-approval", approvers = new[] { "aims-lead", "administrator" }, quorum = 2,
            requesterMayApprove = false, responseHours = 48, escalationPath = new[] { "administrator" },
        });
        var system = await NewSystemAsync("Legacy triage scorer");
        var pipeline = await fixture.ClientAsync("ml.engineer@example.org");
        var asked = await AskAsync(pipeline, "retire-ai-system", system);
        var apr = asked.GetProperty("reference").GetString()!;
        Assert.StartsWith("APR-", apr, StringComparison.Ordinal);
        Assert.Equal(2, asked.GetProperty("terms").GetProperty("quorum").GetInt32());

        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var admin = await fixture.ClientAsync("admin@example.org");
        var first = await (await SendAsync(lead, HttpMethod.Post, $"/api/v1/approvals/{apr}/decisions", new { verdict = "approve", rationale = "Replacement is live since Monday." }, 1)).ReadAsync();
        Assert.Equal("pending", first.GetProperty("state").GetString());
        Assert.Equal(1, first.GetProperty("approvals").GetInt32());
        Assert.Equal("operation-and-monitoring", (await (await lead.GetAsync($"/api/v1/ai-systems/{system}")).ReadAsync()).GetProperty("stage").GetString());

        // The same person twice does not make a quorum.
        var twice = await (await SendAsync(lead, HttpMethod.Post, $"/api/v1/approvals/{apr}/decisions", new { verdict = "approve", rationale = "Approving once more." }, 2)).AssertProblemAsync(409);
        Assert.Equal("decided-twice", twice.GetProperty("rule").GetString());
        await (await SendAsync(admin, HttpMethod.Post, $"/api/v1/approvals/{apr}/decisions", new { verdict = "approve", rationale = "Confirmed." }, 1)).AssertProblemAsync(412);

        var polled = await pipeline.GetAsync($"/api/v1/approvals/{apr}");
        var version = long.Parse(polled.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        var done = await (await SendAsync(admin, HttpMethod.Post, $"/api/v1/approvals/{apr}/decisions", new { verdict = "approve", rationale = "Confirmed with the system owner." }, version)).ReadAsync();
        Assert.Equal("approved", done.GetProperty("state").GetString());
        Assert.Equal(2, done.GetProperty("decisions").GetArrayLength());
        Assert.Equal("retirement", (await (await lead.GetAsync($"/api/v1/ai-systems/{system}")).ReadAsync()).GetProperty("stage").GetString());

        var closed = await (await SendAsync(admin, HttpMethod.Post, $"/api/v1/approvals/{apr}/decisions", new { verdict = "deny", rationale = "Changed my mind about it." }, done.GetProperty("version").GetInt64())).AssertProblemAsync(409);
        Assert.Equal("closed", closed.GetProperty("rule").GetString());

        // Every request and decision is in the ledger, through the data layer.
        var history = await (await admin.GetAsync("/api/v1/ledger?pageSize=200")).Content.ReadAsStringAsync();
        Assert.Contains("approval-decision", history, StringComparison.Ordinal);
        Assert.Contains("approval-request", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_registers_refuse_to_retire_a_system_unless_the_boundary_is_automatic_and_the_approval_retires_it()
    {
        await SetBoundaryAsync("retire-ai-system", b => new
        {
            action = "retire-ai-system", mode = "requires-approval", approvers = new[] { "aims-lead", "administrator" }, quorum = 1,
            requesterMayApprove = false, responseHours = 48, escalationPath = new[] { "administrator" },
        });
        var system = await NewSystemAsync("Old fraud rules engine");
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var url = $"/api/v1/ai-systems/{system}";
        var read = await (await lead.GetAsync(url)).ReadAsync();
        var version = read.GetProperty("version").GetInt64();

        // PATCH: 409 naming the field and the rule; nothing saved (the version did not move, so nothing was ledgered).
        var patched = await (await SendAsync(lead, HttpMethod.Patch, url, new { stage = "retirement", name = "Renamed on the way out" }, version)).AssertProblemAsync(409, "stage");
        Assert.Equal("approval-required", patched.GetProperty("rule").GetString());
        Assert.Contains("retire-ai-system", patched.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var after = await (await lead.GetAsync(url)).ReadAsync();
        Assert.Equal(("operation-and-monitoring", "Old fraud rules engine", version), (after.GetProperty("stage").GetString(), after.GetProperty("name").GetString(), after.GetProperty("version").GetInt64()));

        // Other changes still go through; a system recorded as already retired (created so) retires nothing and is allowed.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(lead, HttpMethod.Patch, url, new { businessUnit = "Fraud" }, version)).StatusCode);
        var retiredBefore = await lead.PostAsync("/api/v1/ai-systems", Body(JsonSerializer.Serialize(new
        {
            name = "Mainframe scorecard (2009)", stage = "retirement", sourcing = "in-house", autonomy = "recommendation", oversight = "human-in-the-loop",
        })));
        Assert.Equal(HttpStatusCode.Created, retiredBefore.StatusCode);

        // The approval is the way: asked, approved by another person, retired.
        var apr = (await AskAsync(lead, "retire-ai-system", system)).GetProperty("reference").GetString()!;
        var admin = await fixture.ClientAsync("admin@example.org");
        var done = await (await SendAsync(admin, HttpMethod.Post, $"/api/v1/approvals/{apr}/decisions", new { verdict = "approve", rationale = "Replaced by the new fraud model." }, 1)).ReadAsync();
        Assert.Equal("approved", done.GetProperty("state").GetString());
        Assert.Equal("retirement", (await (await lead.GetAsync(url)).ReadAsync()).GetProperty("stage").GetString());

        // Under an automatic boundary the register may retire directly.
        JsonElement original = default;
        await SetBoundaryAsync("retire-ai-system", b =>
        {
            original = b.Clone();
            return new { action = "retire-ai-system", mode = "automatic", approvers = new[] { "aims-lead" }, quorum = 1, requesterMayApprove = true, responseHours = 48, escalationPath = Array.Empty<string>() };
        });
        try
        {
            var other = await NewSystemAsync("Temporary chatbot");
            var direct = await SendAsync(lead, HttpMethod.Patch, $"/api/v1/ai-systems/{other}", new { stage = "retirement" }, 1);
            Assert.True(direct.StatusCode == HttpStatusCode.OK, await direct.Content.ReadAsStringAsync());
            Assert.Equal("retirement", (await direct.ReadAsync()).GetProperty("stage").GetString());
        }
        finally
        {
            await SetBoundaryAsync("retire-ai-system", _ => JsonSerializer.Deserialize<object>(original.GetRawText())!);
        }
    }

    [Fact]
    public async Task A_denial_closes_the_request_and_changes_nothing_and_bad_decisions_are_refused()
    {
        var system = await NewSystemAsync("Branch footfall forecaster");
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var apr = (await AskAsync(lead, "retire-ai-system", system)).GetProperty("reference").GetString()!;
        var admin = await fixture.ClientAsync("admin@example.org");
        var url = $"/api/v1/approvals/{apr}/decisions";

        await (await SendAsync(admin, HttpMethod.Post, url, new { verdict = "approve", rationale = "" }, 1)).AssertProblemAsync(400, "rationale");
        await (await SendAsync(admin, HttpMethod.Post, url, new { verdict = "maybe", rationale = "Not sure about this one." }, 1)).AssertProblemAsync(400, "verdict");
        await (await SendAsync(admin, HttpMethod.Post, url, new { verdict = "approve", rationale = "Fine by me, go ahead." }, null)).AssertProblemAsync(428);
        var self = await (await SendAsync(lead, HttpMethod.Post, url, new { verdict = "approve", rationale = "My own request is fine." }, 1)).AssertProblemAsync(403);
        Assert.Equal("self-approval", self.GetProperty("rule").GetString());
        var viewer = await fixture.ClientAsync("internal.auditor@example.org");
        Assert.Equal("role", (await (await SendAsync(viewer, HttpMethod.Post, url, new { verdict = "approve", rationale = "Audited and fine." }, 1)).AssertProblemAsync(403)).GetProperty("rule").GetString());
        var unchanged = await (await admin.GetAsync($"/api/v1/approvals/{apr}")).ReadAsync();
        Assert.Equal(0, unchanged.GetProperty("decisions").GetArrayLength());

        var denied = await (await SendAsync(admin, HttpMethod.Post, url, new { verdict = "deny", rationale = "Still used by two branches." }, 1)).ReadAsync();
        Assert.Equal("denied", denied.GetProperty("state").GetString());
        Assert.Equal("operation-and-monitoring", (await (await lead.GetAsync($"/api/v1/ai-systems/{system}")).ReadAsync()).GetProperty("stage").GetString());
        var mine = (await (await lead.GetAsync("/api/v1/approvals?box=mine&state=denied")).ReadAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reference").GetString());
        Assert.Contains(apr, mine);
    }

    [Fact]
    public async Task A_request_nobody_answers_escalates_once_by_the_product_clock_to_the_next_role()
    {
        var system = await NewSystemAsync("Complaint router");
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var asked = await AskAsync(lead, "retire-ai-system", system);
        var apr = asked.GetProperty("reference").GetString()!;
        Assert.Equal("pending", asked.GetProperty("state").GetString());
        var admin = await fixture.ClientAsync("admin@example.org");
        async Task<int> TotalAsync(string url) => (await (await admin.GetAsync(url)).ReadAsync()).GetProperty("total").GetInt32();
        var (eventsBefore, escalatedBefore) = (await TotalAsync("/api/v1/ledger?entityType=approval-escalation&pageSize=1"), await TotalAsync("/api/v1/approvals?box=all&state=escalated&pageSize=1"));

        fixture.Factory.Clock.Advance(TimeSpan.FromHours(asked.GetProperty("terms").GetProperty("responseHours").GetInt32() + 1));
        // Two readers at once (two nodes would be the same): the step is written once.
        var reads = await Task.WhenAll(admin.GetAsync($"/api/v1/approvals/{apr}"), lead.GetAsync($"/api/v1/approvals/{apr}"));
        var escalated = await reads[0].ReadAsync();
        Assert.Equal("escalated", escalated.GetProperty("state").GetString());
        var step = Assert.Single(escalated.GetProperty("escalations").EnumerateArray());
        Assert.Equal("administrator", step.GetProperty("toRole").GetString());
        Assert.Equal("escalated", (await reads[1].ReadAsync()).GetProperty("state").GetString());
        var awaiting = (await (await admin.GetAsync("/api/v1/approvals?box=awaiting&state=escalated")).ReadAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reference").GetString());
        Assert.Contains(apr, awaiting);

        // One escalation event per request that escalated (every path here has one step), however many read it.
        await admin.GetAsync($"/api/v1/approvals/{apr}");
        var escalatedNow = await TotalAsync("/api/v1/approvals?box=all&state=escalated&pageSize=1");
        Assert.True(escalatedNow > escalatedBefore);
        Assert.Equal(escalatedNow - escalatedBefore, await TotalAsync("/api/v1/ledger?entityType=approval-escalation&pageSize=1") - eventsBefore);
    }

    [Fact]
    public async Task Bad_requests_name_the_field_or_rule_and_create_nothing()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var before = (await (await lead.GetAsync("/api/v1/approvals?box=all&pageSize=1")).ReadAsync()).GetProperty("total").GetInt32();
        await (await lead.PostAsync("/api/v1/approvals", Body("""{"action":"launch-rockets","subject":"SYS-1","reason":"Because we can do it."}"""))).AssertProblemAsync(400, "action");
        await (await lead.PostAsync("/api/v1/approvals", Body("""{"action":"retire-ai-system","subject":"SYS-1","reason":"short"}"""))).AssertProblemAsync(400, "reason");
        await (await lead.PostAsync("/api/v1/approvals", Body("""{"action":"retire-ai-system","subject":"SYS-9999","reason":"It is not used any more."}"""))).AssertProblemAsync(400, "subject");
        await (await lead.PostAsync("/api/v1/approvals", Body(JsonSerializer.Serialize(new { action = "retire-ai-system", subject = await ForeignSystemAsync(fixture), reason = "Another organization's system." })))).AssertProblemAsync(400, "subject");
        var never = await (await lead.PostAsync("/api/v1/approvals", Body("""{"action":"change-ai-policy","subject":"policy","reason":"New policy for generative AI."}"""))).AssertProblemAsync(403);
        Assert.Equal("never-delegated", never.GetProperty("rule").GetString());
        await (await lead.GetAsync("/api/v1/approvals?state=lost")).AssertProblemAsync(400, "state");
        await (await lead.GetAsync("/api/v1/approvals?pageSize=1000")).AssertProblemAsync(400, "pageSize");
        await (await lead.GetAsync("/api/v1/approvals?box=everything")).AssertProblemAsync(400, "box");
        var sandbox = await fixture.ClientAsync("admin@example.org", "sandbox");
        var demoRequest = (await (await lead.GetAsync("/api/v1/approvals?box=all&pageSize=1")).ReadAsync()).GetProperty("items")[0].GetProperty("reference").GetString()!;
        var sandboxHas = (await (await sandbox.GetAsync("/api/v1/approvals?box=all&pageSize=200")).ReadAsync()).GetProperty("items").EnumerateArray().Any(i => i.GetProperty("reference").GetString() == demoRequest);
        if (!sandboxHas)
        {
            await (await sandbox.GetAsync($"/api/v1/approvals/{demoRequest}")).AssertProblemAsync(404);
            await (await SendAsync(sandbox, HttpMethod.Post, $"/api/v1/approvals/{demoRequest}/decisions", new { verdict = "approve", rationale = "From another organization." }, 1)).AssertProblemAsync(404);
        }

        var policy = await fixture.ClientAsync("aims.lead@example.org");
        var current = await policy.GetAsync("/api/v1/approval-policy");
        var etag = long.Parse(current.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        await (await SendAsync(policy, HttpMethod.Put, "/api/v1/approval-policy", """{"boundaries":[{"action":"retire-ai-system","mode":"requires-approval","approvers":[],"quorum":0,"requesterMayApprove":false,"responseHours":48,"escalationPath":[]}]}""", etag))
            .AssertProblemAsync(400, "boundaries");
        await (await SendAsync(policy, HttpMethod.Put, "/api/v1/approval-policy", """{"boundaries":[null]}""", etag)).AssertProblemAsync(400, "boundaries");
        await (await SendAsync(policy, HttpMethod.Put, "/api/v1/approval-policy", """{"boundaries":[]}""", etag + 1)).AssertProblemAsync(412);
        var board = await fixture.ClientAsync("board@example.org");
        await (await board.PostAsync("/api/v1/approvals", Body("""{"action":"retire-ai-system","subject":"SYS-1","reason":"A viewer cannot ask."}"""))).AssertProblemAsync(403);
        Assert.Equal(before, (await (await lead.GetAsync("/api/v1/approvals?box=all&pageSize=1")).ReadAsync()).GetProperty("total").GetInt32());
    }
}

public sealed class SqliteApprovalApiTests(SqliteFixture fixture) : ApprovalApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresApprovalApiTests(PostgresFixture fixture) : ApprovalApiTests(fixture), IClassFixture<PostgresFixture>;
