using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using static Aims.Web.Tests.Json;

namespace Aims.Web.Tests.Inventory;

/// <summary>The register endpoints, exercised through AI systems, use cases, models and datasets.</summary>
public abstract class RegisterApiTests(WebFixture fixture)
{
    private static async Task<JsonElement> CreateAsync(HttpClient client, string register, object body)
    {
        var response = await client.PostAsync($"/api/v1/{register}", Body(JsonSerializer.Serialize(body)));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync();
    }

    [Fact]
    public async Task A_system_is_registered_read_changed_with_if_match_and_listed()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var system = await CreateAsync(lead, "ai-systems", new
        {
            name = "Claims triage", purpose = "Routes insurance claims", owner = "control.owner@example.org", stage = "deployment",
            sourcing = "in-house", operatorRoles = new[] { "deployer", "provider" }, aiRoles = new[] { "ai-customer" },
            autonomy = "recommendation", oversight = "human-in-the-loop",
        });
        var reference = system.GetProperty("reference").GetString()!;
        Assert.Matches("^SYS-[0-9]+$", reference);
        Assert.Equal("control.owner@example.org", system.GetProperty("owner").GetString());
        // Sets come back in the enum's order, whatever order they were sent in.
        Assert.Equal(["provider", "deployer"], system.GetProperty("operatorRoles").EnumerateArray().Select(e => e.GetString()));
        Assert.True(system.GetProperty("inScope").GetBoolean());

        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/ai-systems/{reference}") { Content = Body("""{"stage":"operation-and-monitoring"}""") };
        await (await lead.SendAsync(patch)).AssertProblemAsync(428, "If-Match");
        patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/ai-systems/{reference}") { Content = Body("""{"stage":"operation-and-monitoring"}""") };
        patch.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var changed = await (await lead.SendAsync(patch)).ReadAsync();
        Assert.Equal("operation-and-monitoring", changed.GetProperty("stage").GetString());
        Assert.Equal(2, changed.GetProperty("version").GetInt64());
        Assert.Equal("Claims triage", changed.GetProperty("name").GetString());

        var listed = await (await lead.GetAsync("/api/v1/ai-systems?q=claims&stage=operation-and-monitoring")).ReadAsync();
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), i => i.GetProperty("reference").GetString() == reference);
        var history = await (await lead.GetAsync($"/api/v1/history/ai-system/{system.GetProperty("id").GetString()}")).ReadAsync();
        Assert.Equal(2, history.GetArrayLength());
    }

    [Fact]
    public async Task Bad_values_are_refused_naming_the_field_and_nothing_is_saved()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var before = (await (await lead.GetAsync("/api/v1/ai-systems?pageSize=1")).ReadAsync()).GetProperty("total").GetInt32();
        await (await lead.PostAsync("/api/v1/ai-systems", Body("""{"name":"X","stage":"launched","autonomy":"decision","oversight":"human-in-the-loop","sourcing":"in-house"}""")))
            .AssertProblemAsync(400, "stage");
        await (await lead.PostAsync("/api/v1/ai-systems", Body("""{"name":"X","stage":"deployment","autonomy":"decision","oversight":"human-in-the-loop","sourcing":"in-house","colour":"red"}""")))
            .AssertProblemAsync(400, "colour");
        await (await lead.PostAsync("/api/v1/ai-systems", Body("""{"name":"X","stage":"deployment","autonomy":"decision","oversight":"human-in-the-loop","sourcing":"in-house","inScope":false}""")))
            .AssertProblemAsync(400, "scopeJustification");
        await (await lead.PostAsync("/api/v1/ai-systems", Body("""{"stage":"deployment"}"""))).AssertProblemAsync(400, "name");
        await (await lead.PostAsync("/api/v1/use-cases", Body("""{"aiSystem":"SYS-999999","name":"Y"}"""))).AssertProblemAsync(400, "aiSystem");
        var after = (await (await lead.GetAsync("/api/v1/ai-systems?pageSize=1")).ReadAsync()).GetProperty("total").GetInt32();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Dataset_lineage_cannot_become_a_cycle()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var raw = (await CreateAsync(lead, "datasets", new { name = "Raw applications" })).GetProperty("reference").GetString()!;
        var clean = (await CreateAsync(lead, "datasets", new { name = "Clean applications", derivedFrom = new[] { raw } })).GetProperty("reference").GetString()!;
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/datasets/{raw}") { Content = Body($$"""{"derivedFrom":["{{clean}}"]}""") };
        patch.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var problem = await (await lead.SendAsync(patch)).AssertProblemAsync(400, "derivedFrom");
        Assert.Contains(raw, problem.GetProperty("errors").GetProperty("derivedFrom")[0].GetString(), StringComparison.Ordinal);
        var unchanged = await (await lead.GetAsync($"/api/v1/datasets/{raw}")).ReadAsync();
        Assert.Equal(0, unchanged.GetProperty("derivedFrom").GetArrayLength());
        Assert.Equal(1, unchanged.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_record_in_use_cannot_be_deleted_and_a_deleted_one_is_gone_from_lists()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var supplier = (await CreateAsync(lead, "suppliers", new { name = "Vendor A" })).GetProperty("reference").GetString()!;
        var model = (await CreateAsync(lead, "models", new { name = "Scorer", supplier })).GetProperty("reference").GetString()!;
        await (await lead.DeleteAsync($"/api/v1/suppliers/{supplier}")).AssertProblemAsync(409);
        Assert.Equal(HttpStatusCode.NoContent, (await lead.DeleteAsync($"/api/v1/models/{model}")).StatusCode);
        await (await lead.GetAsync($"/api/v1/models/{model}")).AssertProblemAsync(404);
        Assert.Equal(HttpStatusCode.NoContent, (await lead.DeleteAsync($"/api/v1/suppliers/{supplier}")).StatusCode);
    }

    [Fact]
    public async Task Viewers_read_but_cannot_write_and_other_organizations_see_nothing()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var reference = (await CreateAsync(lead, "suppliers", new { name = "Private vendor" })).GetProperty("reference").GetString()!;
        var board = await fixture.ClientAsync("board@example.org");
        Assert.Equal(HttpStatusCode.OK, (await board.GetAsync($"/api/v1/suppliers/{reference}")).StatusCode);
        await (await board.PostAsync("/api/v1/suppliers", Body("""{"name":"x"}"""))).AssertProblemAsync(403);
        var sandbox = await fixture.ClientAsync("admin@example.org", "sandbox");
        await (await sandbox.GetAsync($"/api/v1/suppliers/{reference}")).AssertProblemAsync(404);
    }
}

public sealed class SqliteRegisterApiTests(SqliteFixture fixture) : RegisterApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresRegisterApiTests(PostgresFixture fixture) : RegisterApiTests(fixture), IClassFixture<PostgresFixture>;
