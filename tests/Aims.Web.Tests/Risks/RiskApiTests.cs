using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using static Aims.Web.Tests.Json;

namespace Aims.Web.Tests.Risks;

/// <summary>The risk register through the API: scoring against the criteria, treatment, acceptance, reviews, heat maps.</summary>
public abstract class RiskApiTests(WebFixture fixture)
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

    private async Task<JsonElement> NewRiskAsync(HttpClient client, object body)
    {
        var response = await client.PostAsync("/api/v1/risks", Body(JsonSerializer.Serialize(body)));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync();
    }

    [Fact]
    public async Task A_risk_is_scored_treated_with_annex_a_controls_and_its_residual_accepted_by_an_allowed_role()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var risk = await NewRiskAsync(lead, new
        {
            title = "Model leaks training records through its answers", dimension = "security", threat = "training-data-leakage", riskSource = "C.3.4",
            objectives = new[] { "C.2.7", "C.2.10" }, aiSystems = new[] { "SYS-3" }, owner = "aims.lead@example.org", inherentLikelihood = 3, inherentImpact = 4,
        });
        Assert.Equal("high", risk.GetProperty("inherentLevel").GetString());
        Assert.Equal(["untreated"], risk.GetProperty("status").EnumerateArray().Select(s => s.GetString()));
        var reference = risk.GetProperty("reference").GetString()!;

        var treated = await (await SendAsync(lead, HttpMethod.Patch, $"/api/v1/risks/{reference}",
            new { treatment = "modify", treatmentPlan = "Output filter and membership-inference tests.", annexAControls = new[] { "A.7.5", "A.6.2.4" }, residualLikelihood = 2, residualImpact = 4 }, 1)).ReadAsync();
        Assert.Equal(["A.6.2.4", "A.7.5"], treated.GetProperty("annexAControls").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("medium", treated.GetProperty("residualLevel").GetString());
        Assert.Equal(["awaiting acceptance"], treated.GetProperty("status").EnumerateArray().Select(s => s.GetString()));

        // Accepting is an approval request: the AIMS lead asks, a role the appetite and the boundary allow approves.
        await (await SendAsync(lead, HttpMethod.Post, $"/api/v1/risks/{reference}/acceptance", new { rationale = "" }, 2)).AssertProblemAsync(400, "rationale");
        await (await SendAsync(lead, HttpMethod.Post, $"/api/v1/risks/{reference}/acceptance", new { rationale = "Within appetite." }, 1)).AssertProblemAsync(412);
        var asked = await SendAsync(lead, HttpMethod.Post, $"/api/v1/risks/{reference}/acceptance", new { rationale = "Within appetite after the output filter; committee 2026-11." }, 2);
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var request = await asked.ReadAsync();
        Assert.Equal("pending", request.GetProperty("state").GetString());
        Assert.Equal([reference], request.GetProperty("context").GetProperty("risks").EnumerateArray().Select(r => r.GetString()));
        var apr = request.GetProperty("reference").GetString()!;
        Assert.Equal(JsonValueKind.Null, (await (await lead.GetAsync($"/api/v1/risks/{reference}")).ReadAsync()).GetProperty("acceptance").ValueKind);

        var owner = await fixture.ClientAsync("control.owner@example.org");
        var decision = new { verdict = "approve", rationale = "Looks fine to me after the filter." };
        var refused = await (await SendAsync(owner, HttpMethod.Post, $"/api/v1/approvals/{apr}/decisions", decision, 1)).AssertProblemAsync(403);
        Assert.Equal("role", refused.GetProperty("rule").GetString());
        var own = await (await SendAsync(lead, HttpMethod.Post, $"/api/v1/approvals/{apr}/decisions", decision, 1)).AssertProblemAsync(403);
        Assert.Equal("self-approval", own.GetProperty("rule").GetString());
        var admin = await fixture.ClientAsync("admin@example.org");
        var approved = await (await SendAsync(admin, HttpMethod.Post, $"/api/v1/approvals/{apr}/decisions", decision, 1)).ReadAsync();
        Assert.Equal("approved", approved.GetProperty("state").GetString());
        var accepted = await (await lead.GetAsync($"/api/v1/risks/{reference}")).ReadAsync();
        Assert.Equal("administrator", accepted.GetProperty("acceptance").GetProperty("role").GetString());
        Assert.Equal(["accepted"], accepted.GetProperty("status").EnumerateArray().Select(s => s.GetString()));

        // A different residual level needs a new decision.
        var rescored = await (await SendAsync(lead, HttpMethod.Patch, $"/api/v1/risks/{reference}", new { residualImpact = 5 }, accepted.GetProperty("version").GetInt64())).ReadAsync();
        Assert.Equal("high", rescored.GetProperty("residualLevel").GetString());
        Assert.Equal(JsonValueKind.Null, rescored.GetProperty("acceptance").ValueKind);
    }

    [Fact]
    public async Task Scores_outside_the_scale_unknown_controls_and_foreign_systems_are_refused_and_nothing_is_saved()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var before = (await (await lead.GetAsync("/api/v1/risks?pageSize=1")).ReadAsync()).GetProperty("total").GetInt32();
        var valid = new Dictionary<string, object> { ["title"] = "x", ["dimension"] = "privacy", ["inherentLikelihood"] = 2, ["inherentImpact"] = 2 };
        async Task Refused(string field, object value)
        {
            var body = new Dictionary<string, object>(valid) { [field] = value };
            await (await lead.PostAsync("/api/v1/risks", Body(JsonSerializer.Serialize(body)))).AssertProblemAsync(400, field);
        }

        await Refused("inherentLikelihood", 6);
        await Refused("inherentImpact", 0);
        await Refused("annexAControls", new[] { "A.6.2.99" });
        await Refused("annexAControls", new[] { "6.1.2" });
        await Refused("riskSource", "C.2.5");
        await Refused("dimension", "vibes");
        await Refused("aiSystems", new[] { await ForeignSystemAsync(fixture) });

        Assert.Equal(before, (await (await lead.GetAsync("/api/v1/risks?pageSize=1")).ReadAsync()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_change_to_a_linked_system_marks_the_risk_for_reassessment_and_a_review_clears_it()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var system = await (await lead.PostAsync("/api/v1/ai-systems", Body("""{"name":"Branch queue predictor","stage":"deployment","sourcing":"in-house","autonomy":"recommendation","oversight":"human-in-the-loop"}"""))).ReadAsync();
        var sys = system.GetProperty("reference").GetString()!;
        var risk = await NewRiskAsync(lead, new { title = "Queue predictions wrong on holidays", dimension = "technical-performance", aiSystems = new[] { sys }, inherentLikelihood = 3, inherentImpact = 2 });
        var reference = risk.GetProperty("reference").GetString()!;
        await (await SendAsync(lead, HttpMethod.Patch, $"/api/v1/ai-systems/{sys}", new { stage = "operation-and-monitoring" }, 1)).ReadAsync();

        var marked = await (await lead.GetAsync($"/api/v1/risks/{reference}")).ReadAsync();
        Assert.Contains(sys, marked.GetProperty("reassessmentReason").GetString(), StringComparison.Ordinal);
        Assert.Contains("stage", marked.GetProperty("reassessmentReason").GetString(), StringComparison.Ordinal);
        var filtered = (await (await lead.GetAsync($"/api/v1/risks?aiSystems={sys}")).ReadAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reference").GetString());
        Assert.Equal([reference], filtered);

        await (await SendAsync(lead, HttpMethod.Post, $"/api/v1/risks/{reference}/reviews", new { notes = "x" }, marked.GetProperty("version").GetInt64())).AssertProblemAsync(400, "notes");
        var reviewed = await (await SendAsync(lead, HttpMethod.Post, $"/api/v1/risks/{reference}/reviews",
            new { notes = "Holiday calendar feature added; scores unchanged.", nextReviewOn = DateTime.UtcNow.AddDays(90).ToString("yyyy-MM-dd") }, marked.GetProperty("version").GetInt64())).ReadAsync();
        Assert.Equal(JsonValueKind.Null, reviewed.GetProperty("reassessmentReason").ValueKind);
        var reviews = await (await lead.GetAsync($"/api/v1/risks/{reference}/reviews")).ReadAsync();
        var review = Assert.Single(reviews.EnumerateArray());
        Assert.Equal("Priya Raman", review.GetProperty("reviewedBy").GetString());
        Assert.Contains(sys, review.GetProperty("changes").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heat_maps_count_risks_per_cell_and_follow_the_filters()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var all = await (await lead.GetAsync("/api/v1/risks/heat-map")).ReadAsync();
        var total = (await (await lead.GetAsync("/api/v1/risks?pageSize=1")).ReadAsync()).GetProperty("total").GetInt32();
        Assert.Equal(total, all.GetProperty("total").GetInt32());
        Assert.Equal(total, all.GetProperty("cells").EnumerateArray().SelectMany(r => r.EnumerateArray()).Sum(c => c.GetInt32()) + all.GetProperty("unscored").GetInt32());
        Assert.Equal(5, all.GetProperty("likelihood").GetArrayLength());

        var privacy = await (await lead.GetAsync("/api/v1/risks/heat-map?kind=residual&dimension=privacy")).ReadAsync();
        var privacyTotal = (await (await lead.GetAsync("/api/v1/risks?dimension=privacy&pageSize=1")).ReadAsync()).GetProperty("total").GetInt32();
        Assert.Equal(privacyTotal, privacy.GetProperty("total").GetInt32());
        var medium = await (await lead.GetAsync("/api/v1/risks/heat-map?kind=residual&residualLevel=medium")).ReadAsync();
        var mediumTotal = (await (await lead.GetAsync("/api/v1/risks?residualLevel=medium&pageSize=1")).ReadAsync()).GetProperty("total").GetInt32();
        Assert.True(mediumTotal > 0, "the demo has medium residual risks");
        Assert.Equal(mediumTotal, medium.GetProperty("total").GetInt32());
        // Every counted cell is a medium cell of the criteria.
        var levels = medium.GetProperty("levels");
        var cells = medium.GetProperty("cells");
        for (var l = 0; l < cells.GetArrayLength(); l++)
        {
            for (var i = 0; i < cells[l].GetArrayLength(); i++)
            {
                Assert.True(cells[l][i].GetInt32() == 0 || levels[l][i].GetString() == "medium", $"cell {l + 1}×{i + 1} counted outside the medium level");
            }
        }

        await (await lead.GetAsync("/api/v1/risks/heat-map?kind=sideways")).AssertProblemAsync(400, "kind");
        await (await lead.GetAsync("/api/v1/risks/heat-map?dimension=vibes")).AssertProblemAsync(400, "dimension");
    }

    [Fact]
    public async Task Criteria_are_versioned_validated_and_rescore_every_risk()
    {
        var admin = await fixture.ClientAsync("admin@example.org", "sandbox");
        var defaults = await (await admin.GetAsync("/api/v1/risk-criteria")).ReadAsync();
        Assert.False(defaults.GetProperty("adopted").GetBoolean());
        var checks = await (await admin.GetAsync("/api/v1/checks?area=risk")).ReadAsync();
        Assert.Contains(checks.GetProperty("items").EnumerateArray(), c => c.GetProperty("check").GetString() == "criteria-not-documented");

        var value = defaults.GetProperty("value");
        var risk = await NewRiskAsync(admin, new { title = "Sandbox risk", dimension = "privacy", inherentLikelihood = 5, inherentImpact = 5 });
        Assert.Equal("very-high", risk.GetProperty("inherentLevel").GetString());
        await (await SendAsync(admin, HttpMethod.Put, "/api/v1/risk-criteria", value.GetRawText(), null)).AssertProblemAsync(428);

        // Three steps of likelihood: the 5 is now outside the scale and the risk is marked for reassessment.
        var three = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(value.GetRawText())!;
        var likelihood = value.GetProperty("likelihood").EnumerateArray().Take(3).ToList();
        var matrix = value.GetProperty("matrix").EnumerateArray().Take(3).ToList();
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["likelihood"] = likelihood, ["impact"] = three["impact"], ["impactAreas"] = three["impactAreas"], ["levels"] = three["levels"], ["matrix"] = matrix,
        });
        var adopted = await (await SendAsync(admin, HttpMethod.Put, "/api/v1/risk-criteria", body, 0)).ReadAsync();
        Assert.Equal(1, adopted.GetProperty("version").GetInt32());
        var rescored = await (await admin.GetAsync($"/api/v1/risks/{risk.GetProperty("reference").GetString()}")).ReadAsync();
        Assert.Equal("", rescored.GetProperty("inherentLevel").GetString());
        Assert.Contains("criteria changed", rescored.GetProperty("reassessmentReason").GetString(), StringComparison.Ordinal);

        var badMatrix = body.Replace("[[\"low\"", "[[\"ultra\"", StringComparison.Ordinal);
        await (await SendAsync(admin, HttpMethod.Put, "/api/v1/risk-criteria", badMatrix, 1)).AssertProblemAsync(400, "matrix");
        await (await SendAsync(admin, HttpMethod.Put, "/api/v1/risk-criteria", body, 0)).AssertProblemAsync(412);
    }
}

public sealed class SqliteRiskApiTests(SqliteFixture fixture) : RiskApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresRiskApiTests(PostgresFixture fixture) : RiskApiTests(fixture), IClassFixture<PostgresFixture>;
