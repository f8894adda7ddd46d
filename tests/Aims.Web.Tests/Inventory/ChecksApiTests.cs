using System.Net;
using System.Text.Json;
using Aims.Data.Entities;
using Microsoft.EntityFrameworkCore;
using static Aims.Web.Tests.Json;

namespace Aims.Web.Tests.Inventory;

/// <summary>
/// The auditor's checks through the API: a record made to trigger a check shows up with its clause and a link,
/// and is gone once fixed the way a person would fix it.
/// </summary>
public abstract class ChecksApiTests(WebFixture fixture)
{
    private static async Task<string> CreateAsync(HttpClient client, string register, object body)
    {
        var response = await client.PostAsync($"/api/v1/{register}", Body(JsonSerializer.Serialize(body)));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadAsync()).GetProperty("reference").GetString()!;
    }

    private static async Task PatchAsync(HttpClient client, string register, string reference, object body)
    {
        var read = await client.GetAsync($"/api/v1/{register}/{reference}");
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/{register}/{reference}") { Content = Body(JsonSerializer.Serialize(body)) };
        patch.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
        var response = await client.SendAsync(patch);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<List<JsonElement>> ChecksAsync(HttpClient client, string? area = null)
    {
        var body = await (await client.GetAsync("/api/v1/checks" + (area is null ? "" : "?area=" + area))).ReadAsync();
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(items.Count, body.GetProperty("total").GetInt32());
        return items;
    }

    private static JsonElement? Find(List<JsonElement> items, string check, string? reference) =>
        items.Cast<JsonElement?>().FirstOrDefault(i => i!.Value.GetProperty("check").GetString() == check
            && (i.Value.GetProperty("reference").ValueKind == JsonValueKind.Null ? null : i.Value.GetProperty("reference").GetString()) == reference);

    private async Task AssertFlaggedAsync(HttpClient client, string check, string? reference, string clause)
    {
        var finding = Find(await ChecksAsync(client), check, reference);
        Assert.True(finding is not null, $"{check} should flag {reference}");
        Assert.Equal(clause, finding.Value.GetProperty("clause").GetString());
        Assert.False(string.IsNullOrWhiteSpace(finding.Value.GetProperty("message").GetString()));
    }

    private async Task AssertClearAsync(HttpClient client, string check, string? reference) =>
        Assert.Null(Find(await ChecksAsync(client), check, reference));

    private Task SetAsync<T>(string reference, Action<T> change) where T : RegisterRecord =>
        fixture.Factory.InOrganizationAsync("demo", async (db, _) =>
        {
            change(await db.Set<T>().SingleAsync(r => r.Reference == reference));
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task Inventory_checks_appear_for_a_record_that_triggers_them_and_disappear_when_fixed()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var system = await CreateAsync(lead, "ai-systems", new { stage = "deployment", sourcing = "in-house", autonomy = "recommendation", oversight = "human-in-the-loop", name = "Unowned scorer" });
        var finding = Find(await ChecksAsync(lead, "inventory"), "system-without-owner", system);
        Assert.NotNull(finding);
        Assert.Equal(("A.3.2", "high", $"/inventory/ai-systems/{system}", "Unowned scorer"),
            (finding.Value.GetProperty("clause").GetString(), finding.Value.GetProperty("severity").GetString(),
             finding.Value.GetProperty("link").GetString(), finding.Value.GetProperty("title").GetString()));
        await AssertFlaggedAsync(lead, "system-without-use-case", system, "A.9.4");
        await PatchAsync(lead, "ai-systems", system, new { owner = "control.owner@example.org" });
        await AssertClearAsync(lead, "system-without-owner", system);

        var useCase = await CreateAsync(lead, "use-cases", new { aiSystem = system, name = "Score applicants" });
        await AssertClearAsync(lead, "system-without-use-case", system);
        await AssertFlaggedAsync(lead, "use-case-not-classified", useCase, "4.1");
        // The questionnaire lives elsewhere; its result is what the data layer stores.
        await SetAsync<UseCase>(useCase, u => (u.Answers, u.ComputedRegimes) = ("{}", "high-risk-annex-iii,transparency"));
        await AssertClearAsync(lead, "use-case-not-classified", useCase);
        await AssertFlaggedAsync(lead, "high-risk-without-impact-assessment", useCase, "A.5.2");
        await PatchAsync(lead, "use-cases", useCase, new { impactAssessmentDue = "2027-03-31" });
        await AssertClearAsync(lead, "high-risk-without-impact-assessment", useCase);

        var dataset = await CreateAsync(lead, "datasets", new { name = "Applications 2025" });
        await AssertFlaggedAsync(lead, "dataset-without-provenance", dataset, "A.7.5");
        await PatchAsync(lead, "datasets", dataset, new { provenance = "Exported from the loan system, consent clause 4" });
        await AssertClearAsync(lead, "dataset-without-provenance", dataset);

        var supplier = await CreateAsync(lead, "suppliers", new { name = "Bureau data" });
        await AssertFlaggedAsync(lead, "supplier-without-responsibilities", supplier, "A.10.2");
        await PatchAsync(lead, "suppliers", supplier, new { responsibilities = "Supplier keeps the data accurate; we validate monthly" });
        await AssertClearAsync(lead, "supplier-without-responsibilities", supplier);
    }

    [Fact]
    public async Task Context_checks_flag_unjustified_exclusions_missing_roles_and_the_statement_until_approved()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var context = await ChecksAsync(lead, "context");
        Assert.All(context, f => Assert.Equal("context", f.GetProperty("area").GetString()));

        // The API refuses an unjustified exclusion; one can still arrive by import or from older data.
        var entry = await CreateAsync(lead, "scope-entries", new { kind = "process", name = "Collections", included = true });
        await SetAsync<ScopeEntry>(entry, e => e.Included = false);
        await AssertFlaggedAsync(lead, "exclusion-without-justification", entry, "4.3");
        await PatchAsync(lead, "scope-entries", entry, new { justification = "Outsourced to an agency without AI" });
        await AssertClearAsync(lead, "exclusion-without-justification", entry);

        if (Find(context, "no-ai-roles", null) is not null)
        {
            await CreateAsync(lead, "ai-roles", new { role = "ai-provider", reason = "We build our own credit models" });
        }

        await AssertClearAsync(lead, "no-ai-roles", null);

        await lead.PostAsync("/api/v1/scope/statement/generate", null);
        var statement = await (await lead.GetAsync("/api/v1/scope/statement")).ReadAsync();
        if (statement.GetProperty("current").GetProperty("approvedAt").ValueKind == JsonValueKind.Null)
        {
            var finding = Find(await ChecksAsync(lead, "context"), "scope-statement-not-approved", null)
                ?? Find(await ChecksAsync(lead, "context"), "scope-statement-stale", null);
            Assert.NotNull(finding);
            Assert.Equal("/context/scope", finding.Value.GetProperty("link").GetString());
            var approve = new HttpRequestMessage(HttpMethod.Post, "/api/v1/scope/statement/approve") { Content = Body(JsonSerializer.Serialize(new { reason = "The scope reads as the registers say." })) };
            approve.Headers.TryAddWithoutValidation("If-Match", $"\"{statement.GetProperty("current").GetProperty("number").GetInt32()}\"");
            var asked = await lead.SendAsync(approve);
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
            var request = await asked.ReadAsync();
            var decide = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/approvals/{request.GetProperty("reference").GetString()}/decisions")
            {
                Content = Body(JsonSerializer.Serialize(new { verdict = "approve", rationale = "Checked against the registers." })),
            };
            decide.Headers.TryAddWithoutValidation("If-Match", $"\"{request.GetProperty("version").GetInt64()}\"");
            Assert.Equal(HttpStatusCode.OK, (await (await fixture.ClientAsync("admin@example.org")).SendAsync(decide)).StatusCode);
        }

        await AssertClearAsync(lead, "scope-statement-not-approved", null);
        await AssertClearAsync(lead, "scope-statement-stale", null);
        await CreateAsync(lead, "ai-systems", new { stage = "deployment", sourcing = "in-house", autonomy = "recommendation", oversight = "human-in-the-loop", name = "Late arrival", owner = "control.owner@example.org" });
        await AssertFlaggedAsync(lead, "scope-statement-stale", null, "4.3");
    }

    [Fact]
    public async Task Anyone_may_read_the_checks_a_bad_area_is_refused_and_another_organization_sees_none_of_them()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var name = $"Hidden {Guid.NewGuid():N}";
        await CreateAsync(lead, "datasets", new { name });
        var board = await fixture.ClientAsync("board@example.org");
        Assert.Contains(await ChecksAsync(board, "inventory"), f => f.GetProperty("title").GetString() == name);
        await (await board.GetAsync("/api/v1/checks?area=everything")).AssertProblemAsync(400, "area");
        var sandbox = await fixture.ClientAsync("admin@example.org", "sandbox");
        Assert.DoesNotContain(await ChecksAsync(sandbox), f => f.GetProperty("title").GetString() == name);
        Assert.DoesNotContain(await ChecksAsync(sandbox), f => f.GetProperty("area").GetString() == "inventory");
    }
}

public sealed class SqliteChecksApiTests(SqliteFixture fixture) : ChecksApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresChecksApiTests(PostgresFixture fixture) : ChecksApiTests(fixture), IClassFixture<PostgresFixture>;
