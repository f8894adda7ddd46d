using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using static Aims.Web.Tests.Json;

namespace Aims.Web.Tests.Inventory;

/// <summary>The EU AI Act questionnaire of a use case: answers stored, result derived, overrides justified.</summary>
public abstract class ClassificationApiTests(WebFixture fixture)
{
    private async Task<(HttpClient Lead, string UseCase)> NewUseCaseAsync()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var system = await (await lead.PostAsync("/api/v1/ai-systems", Body("""
            {"name":"Tenant screening","stage":"design-and-development","sourcing":"in-house","operatorRoles":["deployer"],"autonomy":"recommendation","oversight":"human-in-the-loop"}
            """))).ReadAsync();
        var useCase = await (await lead.PostAsync("/api/v1/use-cases", Body(JsonSerializer.Serialize(new { aiSystem = system.GetProperty("reference").GetString(), name = "Rank rental applicants" })))).ReadAsync();
        return (lead, useCase.GetProperty("reference").GetString()!);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string? body, long version)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : Body(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Answers_give_a_set_of_regimes_with_articles_and_the_role_s_obligations()
    {
        var (lead, uc) = await NewUseCaseAsync();
        var before = await (await lead.GetAsync($"/api/v1/use-cases/{uc}/classification")).ReadAsync();
        Assert.False(before.GetProperty("classified").GetBoolean());
        Assert.Equal("deployer", before.GetProperty("answers").GetProperty("role").GetString());

        var result = await (await SendAsync(lead, HttpMethod.Put, $"/api/v1/use-cases/{uc}/classification",
            """{"role":"deployer","annexIIIPoint":"5(b)","transparency":["interacts-with-people"]}""", 1)).ReadAsync();
        var findings = result.GetProperty("computed").GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(["high-risk-annex-iii", "transparency"], findings.Select(f => f.GetProperty("regime").GetString()));
        Assert.Contains("Annex III point 5(b)", findings[0].GetProperty("annexPoints").EnumerateArray().Select(a => a.GetString()));
        var obligations = result.GetProperty("computed").GetProperty("obligations").EnumerateArray().Select(o => o.GetProperty("article").GetString()).ToList();
        Assert.Contains("Art. 26", obligations);
        Assert.DoesNotContain("Art. 9", obligations);
        Assert.Equal(["high-risk-annex-iii", "transparency"], result.GetProperty("effectiveRegimes").EnumerateArray().Select(r => r.GetString()));

        // Changing an answer recomputes: the deployer puts its own name on it and becomes the provider (Art. 25).
        result = await (await SendAsync(lead, HttpMethod.Put, $"/api/v1/use-cases/{uc}/classification",
            """{"role":"deployer","annexIIIPoint":"5(b)","putsOwnNameOrTrademark":true}""", 2)).ReadAsync();
        Assert.Equal("provider", result.GetProperty("computed").GetProperty("effectiveRole").GetString());
        Assert.Contains("Art. 9", result.GetProperty("computed").GetProperty("obligations").EnumerateArray().Select(o => o.GetProperty("article").GetString()));
        var listed = await (await lead.GetAsync($"/api/v1/use-cases/{uc}")).ReadAsync();
        Assert.Equal(3, listed.GetProperty("version").GetInt64());
        Assert.Equal(["high-risk-annex-iii"], listed.GetProperty("euAiAct").EnumerateArray().Select(r => r.GetString()));
        var system = await (await lead.GetAsync($"/api/v1/ai-systems/{listed.GetProperty("aiSystem").GetString()}")).ReadAsync();
        Assert.Equal(["high-risk-annex-iii"], system.GetProperty("euAiAct").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task An_override_needs_a_justification_and_is_shown_beside_the_computed_result()
    {
        var (lead, uc) = await NewUseCaseAsync();
        await (await SendAsync(lead, HttpMethod.Put, $"/api/v1/use-cases/{uc}/classification/override", """{"regimes":["minimal"],"justification":""}""", 1))
            .AssertProblemAsync(400, "answers");
        await (await SendAsync(lead, HttpMethod.Put, $"/api/v1/use-cases/{uc}/classification", """{"role":"deployer","annexIIIPoint":"5(b)"}""", 1)).ReadAsync();
        await (await SendAsync(lead, HttpMethod.Put, $"/api/v1/use-cases/{uc}/classification/override", """{"regimes":["minimal"],"justification":"too short"}""", 2))
            .AssertProblemAsync(400, "justification");
        await (await SendAsync(lead, HttpMethod.Put, $"/api/v1/use-cases/{uc}/classification/override", """{"regimes":["low"],"justification":"x"}""", 2))
            .AssertProblemAsync(400);

        var justification = "Legal review LR-2026-17: the scores are not used for creditworthiness, only for routing.";
        var view = await (await SendAsync(lead, HttpMethod.Put, $"/api/v1/use-cases/{uc}/classification/override",
            JsonSerializer.Serialize(new { regimes = new[] { "minimal" }, justification }), 2)).ReadAsync();
        Assert.Equal("high-risk-annex-iii", view.GetProperty("computed").GetProperty("findings")[0].GetProperty("regime").GetString());
        Assert.Equal(justification, view.GetProperty("override").GetProperty("justification").GetString());
        Assert.Equal("Priya Raman", view.GetProperty("override").GetProperty("by").GetString());
        Assert.Equal(["minimal"], view.GetProperty("effectiveRegimes").EnumerateArray().Select(r => r.GetString()));

        var useCase = await (await lead.GetAsync($"/api/v1/use-cases/{uc}")).ReadAsync();
        var history = await (await lead.GetAsync($"/api/v1/history/use-case/{useCase.GetProperty("id").GetString()}")).ReadAsync();
        var last = history.EnumerateArray().Last();
        Assert.Equal(justification, last.GetProperty("reason").GetString());

        var cleared = await (await SendAsync(lead, HttpMethod.Delete, $"/api/v1/use-cases/{uc}/classification/override", null, 3)).ReadAsync();
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("override").ValueKind);
        Assert.Equal(["high-risk-annex-iii"], cleared.GetProperty("effectiveRegimes").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Contradicting_or_malformed_answers_are_refused_and_nothing_changes()
    {
        var (lead, uc) = await NewUseCaseAsync();
        await (await SendAsync(lead, HttpMethod.Put, $"/api/v1/use-cases/{uc}/classification", """{"role":"deployer","annexIIIPoint":"9(z)"}""", 1))
            .AssertProblemAsync(400, "annexIIIPoint");
        await (await SendAsync(lead, HttpMethod.Put, $"/api/v1/use-cases/{uc}/classification", """{"role":"deployer","exceptions":["medical-or-safety-reasons"]}""", 1))
            .AssertProblemAsync(400, "exceptions");
        await (await SendAsync(lead, HttpMethod.Put, $"/api/v1/use-cases/{uc}/classification", """{"role":"overlord"}""", 1)).AssertProblemAsync(400);
        await (await SendAsync(lead, HttpMethod.Put, $"/api/v1/use-cases/{uc}/classification", """{"role":"deployer","mood":"happy"}""", 1)).AssertProblemAsync(400);
        await (await SendAsync(lead, HttpMethod.Put, $"/api/v1/use-cases/{uc}/classification", """{"role":"deployer"}""", 7)).AssertProblemAsync(412);
        var view = await (await lead.GetAsync($"/api/v1/use-cases/{uc}/classification")).ReadAsync();
        Assert.False(view.GetProperty("classified").GetBoolean());
        Assert.Equal(1, view.GetProperty("version").GetInt64());

        var viewer = await fixture.ClientAsync("board@example.org");
        await (await SendAsync(viewer, HttpMethod.Put, $"/api/v1/use-cases/{uc}/classification", """{"role":"deployer"}""", 1)).AssertProblemAsync(403);
    }

    [Fact]
    public async Task The_demo_catches_a_prohibited_practice_and_separates_two_uses_of_one_system()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var useCases = (await (await lead.GetAsync("/api/v1/use-cases?pageSize=200")).ReadAsync()).GetProperty("items").EnumerateArray().ToList();
        var regimes = new Dictionary<string, List<string>>();
        foreach (var u in useCases)
        {
            var view = await (await lead.GetAsync($"/api/v1/use-cases/{u.GetProperty("reference").GetString()}/classification")).ReadAsync();
            regimes[u.GetProperty("name").GetString()!] = view.GetProperty("effectiveRegimes").EnumerateArray().Select(r => r.GetString()!).ToList();
        }

        Assert.Contains("prohibited", regimes["Coaching from agents' voice"]);
        Assert.Contains("high-risk-annex-iii", regimes["Consumer loan decisioning"]);
        Assert.Contains("high-risk-annex-iii", regimes["Shortlisting branch staff"]);
        Assert.Contains("transparency", regimes["Website and app chat"]);
        Assert.Equal(["minimal"], regimes["Daily liquidity forecast"]);
        Assert.Equal(["derogation-claimed"], regimes["Reading supporting documents"]);
        // The same language model, two uses, two profiles.
        Assert.Equal(["minimal"], regimes["Internal document translation"]);
        Assert.Equal(["transparency"], regimes["Drafting customer letters"]);
        var systems = (await (await lead.GetAsync("/api/v1/ai-systems?pageSize=200")).ReadAsync()).GetProperty("total").GetInt32();
        Assert.True(systems >= 12, $"the demo has a dozen AI systems, found {systems}");
    }
}

public sealed class SqliteClassificationApiTests(SqliteFixture fixture) : ClassificationApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresClassificationApiTests(PostgresFixture fixture) : ClassificationApiTests(fixture), IClassFixture<PostgresFixture>;
