using System.Net;
using System.Text.Json;
using Aims.Data.Entities;
using Aims.Domain.Risk;
using static Aims.Web.Tests.Json;

namespace Aims.Web.Tests.Risks;

/// <summary>AI system impact assessments through the API: triggered tasks, harms, decision and escalation, revisions, risks, export, checks.</summary>
public abstract class ImpactAssessmentApiTests(WebFixture fixture)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static async Task<JsonElement> CreateAsync(HttpClient client, string register, object body)
    {
        var response = await client.PostAsync($"/api/v1/{register}", Body(JsonSerializer.Serialize(body)));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync();
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body, string? etag)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : Body(JsonSerializer.Serialize(body)) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return await client.SendAsync(request);
    }

    private static async Task<string> ETagAsync(HttpClient client, string url) => (await client.GetAsync(url)).Headers.ETag!.Tag;

    /// <summary>A system that decides on its own, owned by the control owner, with a use case: the default procedure requires assessments of both.</summary>
    private static async Task<(string System, string UseCase)> DecidingSystemAsync(HttpClient lead, string name)
    {
        var system = await CreateAsync(lead, "ai-systems", new
        {
            name, owner = "control.owner@example.org", stage = "design-and-development", sourcing = "in-house", operatorRoles = new[] { "provider", "deployer" },
            autonomy = "decision", oversight = "human-on-the-loop",
        });
        var useCase = await CreateAsync(lead, "use-cases", new { aiSystem = system.GetProperty("reference").GetString(), name = name + " for applicants", affectedPersons = "Applicants" });
        return (system.GetProperty("reference").GetString()!, useCase.GetProperty("reference").GetString()!);
    }

    private static async Task<List<JsonElement>> AssessmentsAsync(HttpClient client, string filter) =>
        (await (await client.GetAsync($"/api/v1/impact-assessments?{filter}")).ReadAsync()).GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task A_new_system_and_a_new_use_case_start_assessment_tasks_for_the_system_owner()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var (system, useCase) = await DecidingSystemAsync(lead, "Tenant screening");

        var forSystem = await AssessmentsAsync(lead, $"aiSystem={system}");
        var whole = Assert.Single(forSystem, a => a.GetProperty("useCase").ValueKind == JsonValueKind.Null);
        Assert.Equal(("new-ai-system", "planned", "control.owner@example.org"), (whole.GetProperty("trigger").GetString(), whole.GetProperty("status").GetString(), whole.GetProperty("owner").GetString()));
        var task = Assert.Single(await AssessmentsAsync(lead, $"useCase={useCase}"));
        Assert.Equal(("new-use-case", "planned", "control.owner@example.org"), (task.GetProperty("trigger").GetString(), task.GetProperty("status").GetString(), task.GetProperty("owner").GetString()));
        Assert.Equal(Today.AddDays(30).ToString("yyyy-MM-dd"), task.GetProperty("dueOn").GetString());

        // A new model version starts a model-change assessment once the earlier one is no longer open.
        var model = (await CreateAsync(lead, "models", new { name = "Tenant scorer" })).GetProperty("reference").GetString();
        var read = await lead.GetAsync($"/api/v1/use-cases/{useCase}");
        await SendAsync(lead, HttpMethod.Patch, $"/api/v1/use-cases/{useCase}", new { models = new[] { model } }, read.Headers.ETag!.Tag);
        await CreateAsync(lead, "model-versions", new { model, label = "v1" });
        Assert.Single(await AssessmentsAsync(lead, $"useCase={useCase}"));
        await fixture.Factory.InOrganizationAsync("demo", async (db, _) =>
        {
            var open = db.ImpactAssessments.Single(a => a.Reference == task.GetProperty("reference").GetString());
            open.Status = AssessmentStatus.Completed;
            return await db.SaveChangesAsync();
        });
        await CreateAsync(lead, "model-versions", new { model, label = "v2" });
        Assert.Contains(await AssessmentsAsync(lead, $"useCase={useCase}"), a => a.GetProperty("trigger").GetString() == "model-change" && a.GetProperty("status").GetString() == "planned");
    }

    [Fact]
    public async Task An_assessment_is_completed_by_an_allowed_role_and_an_unacceptable_residual_escalates()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var owner = await fixture.ClientAsync("control.owner@example.org");
        var (system, useCase) = await DecidingSystemAsync(lead, "Overdraft limits");
        var ia = Assert.Single(await AssessmentsAsync(lead, $"useCase={useCase}")).GetProperty("reference").GetString()!;
        var url = $"/api/v1/impact-assessments/{ia}";

        // Bad input: nothing is saved and the answer names the field and the rule.
        var other = (await CreateAsync(lead, "use-cases", new { aiSystem = "SYS-1", name = "Unrelated" })).GetProperty("reference").GetString();
        var wrong = await (await SendAsync(lead, HttpMethod.Patch, url, new { useCase = other }, await ETagAsync(lead, url))).AssertProblemAsync(400, "useCase");
        Assert.Contains($"must be a use case of {system}", wrong.GetProperty("errors").GetProperty("useCase")[0].GetString(), StringComparison.Ordinal);
        await (await SendAsync(lead, HttpMethod.Patch, url, new { status = "completed" }, await ETagAsync(lead, url))).AssertProblemAsync(400, "status");
        await (await lead.PostAsync("/api/v1/harms", Body(JsonSerializer.Serialize(new { impactAssessment = ia, area = "human-rights", description = "x", severity = 6, likelihood = 2, reversibility = "reversible", scale = "group" }))))
            .AssertProblemAsync(400, "severity");

        await SendAsync(lead, HttpMethod.Patch, url, new { status = "in-progress", residualImpact = "Some applicants still get a lower limit than they could carry.", dpiaReference = "DPIA-9" }, await ETagAsync(lead, url));
        var harm = await CreateAsync(lead, "harms", new { impactAssessment = ia, area = "life-opportunities", description = "Limits too low for gig workers", severity = 4, likelihood = 3, reversibility = "partly-reversible", scale = "group" });

        // A contributor may not decide: the procedure names the AIMS lead and administrators.
        var denied = await (await SendAsync(owner, HttpMethod.Post, url + "/decision", new { decision = "acceptable", rationale = "Looks fine to me, ship it." }, await ETagAsync(lead, url))).AssertProblemAsync(403);
        Assert.Contains("decision", denied.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await SendAsync(lead, HttpMethod.Post, url + "/decision", new { rationale = "short" }, await ETagAsync(lead, url))).AssertProblemAsync(400, "decision");
        await (await SendAsync(lead, HttpMethod.Post, url + "/decision", new { decision = "acceptable", rationale = "Fine" }, null)).AssertProblemAsync(428);
        Assert.Equal("in-progress", (await (await lead.GetAsync(url)).ReadAsync()).GetProperty("status").GetString());

        var decided = await (await SendAsync(lead, HttpMethod.Post, url + "/decision",
            new { decision = "not-acceptable", rationale = "Gig workers are systematically limited; the board must decide on redesign." }, await ETagAsync(lead, url))).ReadAsync();
        Assert.Equal("completed", decided.GetProperty("status").GetString());
        Assert.Equal(["not-acceptable"], decided.GetProperty("decision").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(["aims.lead@example.org"], decided.GetProperty("decidedBy").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("administrator", decided.GetProperty("escalatedTo").GetString());
        Assert.Single(decided.GetProperty("escalatedAt").EnumerateArray());
        Assert.Equal(Today.AddMonths(12).ToString("yyyy-MM-dd"), decided.GetProperty("nextReviewOn").GetString());
        await (await SendAsync(lead, HttpMethod.Post, url + "/decision", new { decision = "acceptable", rationale = "Changed my mind about it." }, await ETagAsync(lead, url))).AssertProblemAsync(409);

        // A review starts the next revision with the harms copied; the decided one is kept as it was.
        var review = await lead.PostAsync(url + "/review", Body("{}"));
        Assert.Equal(HttpStatusCode.Created, review.StatusCode);
        var next = await review.ReadAsync();
        Assert.Equal(("periodic-review", "planned", "DPIA-9"), (next.GetProperty("trigger").GetString(), next.GetProperty("status").GetString(), next.GetProperty("dpiaReference").GetString()));
        Assert.Equal(["life-opportunities"], next.GetProperty("harmAreas").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("completed", (await (await lead.GetAsync(url)).ReadAsync()).GetProperty("status").GetString());
        await (await lead.PostAsync(url + "/review", Body("{}"))).AssertProblemAsync(409);

        // The harm raises a risk in one step, linked both ways.
        var raised = await lead.PostAsync($"/api/v1/harms/{harm.GetProperty("reference").GetString()}/risk", null);
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        var risk = await raised.ReadAsync();
        Assert.Equal(("ethical-fairness", 3, 4), (risk.GetProperty("dimension").GetString(), risk.GetProperty("inherentLikelihood").GetInt32(), risk.GetProperty("inherentImpact").GetInt32()));
        Assert.Equal([system], risk.GetProperty("aiSystems").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal([useCase], risk.GetProperty("useCases").EnumerateArray().Select(s => s.GetString()));
        var linked = await (await lead.GetAsync($"/api/v1/harms/{harm.GetProperty("reference").GetString()}")).ReadAsync();
        Assert.Equal(risk.GetProperty("reference").GetString(), linked.GetProperty("risk").GetString());
        await (await lead.PostAsync($"/api/v1/harms/{harm.GetProperty("reference").GetString()}/risk", null)).AssertProblemAsync(409);
    }

    [Fact]
    public async Task Where_art_27_binds_the_fundamental_rights_fields_are_needed_to_complete()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var (_, useCase) = await DecidingSystemAsync(lead, "Mortgage affordability");
        var put = await SendAsync(lead, HttpMethod.Put, $"/api/v1/use-cases/{useCase}/classification", new { role = "deployer", annexIIIPoint = "5(b)", profilesNaturalPersons = true },
            await ETagAsync(lead, $"/api/v1/use-cases/{useCase}/classification"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var ia = Assert.Single(await AssessmentsAsync(lead, $"useCase={useCase}"));
        Assert.Equal(["true"], ia.GetProperty("art27").EnumerateArray().Select(a => a.GetString()));
        var url = $"/api/v1/impact-assessments/{ia.GetProperty("reference").GetString()}";
        await SendAsync(lead, HttpMethod.Patch, url, new { residualImpact = "Within appetite.", friaProcesses = "Mortgage origination" }, await ETagAsync(lead, url));
        await CreateAsync(lead, "harms", new { impactAssessment = ia.GetProperty("reference").GetString(), area = "legal-position", description = "Refusal without reasons", severity = 3, likelihood = 2, reversibility = "reversible", scale = "individual" });

        var problem = await (await SendAsync(lead, HttpMethod.Post, url + "/decision", new { decision = "acceptable", rationale = "Within appetite after review." }, await ETagAsync(lead, url)))
            .AssertProblemAsync(400, "friaPeriod");
        Assert.False(problem.GetProperty("errors").TryGetProperty("friaProcesses", out _));
        Assert.Contains("Art. 27", problem.GetProperty("errors").GetProperty("friaMeasures")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("planned", (await (await lead.GetAsync(url)).ReadAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Checks_flag_a_missing_assessment_an_overdue_review_and_a_privacy_only_assessment()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var checks = (await (await lead.GetAsync("/api/v1/checks?area=risk")).ReadAsync()).GetProperty("items").EnumerateArray().ToList();
        var overdue = Assert.Single(checks, c => c.GetProperty("check").GetString() == "impact-assessment-review-overdue");
        Assert.Equal(("8.4", "risk"), (overdue.GetProperty("clause").GetString(), overdue.GetProperty("area").GetString()));
        Assert.StartsWith("/risk/impact-assessments/IA-", overdue.GetProperty("link").GetString(), StringComparison.Ordinal);

        var (system, useCase) = await DecidingSystemAsync(lead, "Savings nudges");
        var ia = Assert.Single(await AssessmentsAsync(lead, $"useCase={useCase}")).GetProperty("reference").GetString();
        await CreateAsync(lead, "harms", new { impactAssessment = ia, area = "privacy", description = "Account data reused", severity = 2, likelihood = 2, reversibility = "reversible", scale = "individual" });
        checks = (await (await lead.GetAsync("/api/v1/checks?area=risk")).ReadAsync()).GetProperty("items").EnumerateArray().ToList();
        var privacy = Assert.Single(checks, c => c.GetProperty("check").GetString() == "impact-assessment-privacy-only" && c.GetProperty("reference").GetString() == ia);
        Assert.Equal("A.5.4", privacy.GetProperty("clause").GetString());
        Assert.DoesNotContain(checks, c => c.GetProperty("check").GetString() == "impact-assessment-missing" && c.GetProperty("reference").GetString() == useCase);

        // Deleting the tasks leaves a use case the procedure requires an assessment of without one.
        foreach (var a in await AssessmentsAsync(lead, $"aiSystem={system}"))
        {
            foreach (var h in (await (await lead.GetAsync($"/api/v1/harms?impactAssessment={a.GetProperty("reference").GetString()}")).ReadAsync()).GetProperty("items").EnumerateArray())
            {
                Assert.Equal(HttpStatusCode.NoContent, (await lead.DeleteAsync($"/api/v1/harms/{h.GetProperty("reference").GetString()}")).StatusCode);
            }

            Assert.Equal(HttpStatusCode.NoContent, (await lead.DeleteAsync($"/api/v1/impact-assessments/{a.GetProperty("reference").GetString()}")).StatusCode);
        }

        checks = (await (await lead.GetAsync("/api/v1/checks?area=risk")).ReadAsync()).GetProperty("items").EnumerateArray().ToList();
        var missing = Assert.Single(checks, c => c.GetProperty("check").GetString() == "impact-assessment-missing" && c.GetProperty("reference").GetString() == useCase);
        Assert.Equal(("6.1.4", $"/inventory/use-cases/{useCase}"), (missing.GetProperty("clause").GetString(), missing.GetProperty("link").GetString()));
    }

    [Fact]
    public async Task The_procedure_is_versioned_and_only_the_aims_lead_or_an_administrator_adopts_it()
    {
        var sandbox = await fixture.ClientAsync("aims.lead@example.org", "sandbox");
        var read = await sandbox.GetAsync("/api/v1/impact-procedure");
        var current = await read.ReadAsync();
        Assert.False(current.GetProperty("adopted").GetBoolean());
        var procedure = new { requiredWhen = new[] { "always" }, triggers = new[] { "new-use-case" }, dueInDays = 14, reviewEveryMonths = 6, decidedBy = new[] { "administrator" }, escalationPath = new[] { "administrator" } };
        await (await SendAsync(sandbox, HttpMethod.Put, "/api/v1/impact-procedure", procedure, null)).AssertProblemAsync(428);
        await (await SendAsync(sandbox, HttpMethod.Put, "/api/v1/impact-procedure", procedure with { dueInDays = 0 }, "\"0\"")).AssertProblemAsync(400, "dueInDays");
        await (await SendAsync(sandbox, HttpMethod.Put, "/api/v1/impact-procedure", new { requiredWhen = new[] { "always" } }, "\"0\"")).AssertProblemAsync(400, "triggers");
        var adopted = await (await SendAsync(sandbox, HttpMethod.Put, "/api/v1/impact-procedure", procedure, read.Headers.ETag!.Tag)).ReadAsync();
        Assert.Equal(1, adopted.GetProperty("version").GetInt32());
        await (await SendAsync(sandbox, HttpMethod.Put, "/api/v1/impact-procedure", procedure, "\"0\"")).AssertProblemAsync(412);

        // The sandbox's procedure: every use case, 14 days; a new system alone starts nothing.
        var system = await CreateAsync(sandbox, "ai-systems", new { name = "Sandbox bot", owner = "aims.lead@example.org", stage = "inception", sourcing = "in-house", autonomy = "decision", oversight = "human-in-the-loop" });
        var sysRef = system.GetProperty("reference").GetString();
        Assert.Empty(await AssessmentsAsync(sandbox, $"aiSystem={sysRef}"));
        await CreateAsync(sandbox, "use-cases", new { aiSystem = sysRef, name = "Anything" });
        Assert.Equal(Today.AddDays(14).ToString("yyyy-MM-dd"), Assert.Single(await AssessmentsAsync(sandbox, $"aiSystem={sysRef}")).GetProperty("dueOn").GetString());
    }

    [Fact]
    public async Task A_system_s_assessments_export_as_one_self_contained_deterministic_html_document()
    {
        var board = await fixture.ClientAsync("board@example.org");
        var credit = (await (await board.GetAsync("/api/v1/ai-systems?q=Credit%20scoring")).ReadAsync()).GetProperty("items")[0].GetProperty("reference").GetString();
        var first = await board.GetAsync($"/api/v1/ai-systems/{credit}/impact-assessments.html");
        Assert.Equal("text/html", first.Content.Headers.ContentType?.MediaType);
        var html = await first.Content.ReadAsStringAsync();
        Assert.Contains("Consumer loan decisioning", html, StringComparison.Ordinal);
        Assert.Contains("Art. 27(1)(f)", html, StringComparison.Ordinal);
        Assert.Contains("DPIA-2025-03", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Acceptable</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(html, await board.GetStringAsync($"/api/v1/ai-systems/{credit}/impact-assessments.html"));
        await (await board.GetAsync("/api/v1/ai-systems/SYS-9999/impact-assessments.html")).AssertProblemAsync(404);
    }
}

public sealed class SqliteImpactAssessmentApiTests(SqliteFixture fixture) : ImpactAssessmentApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresImpactAssessmentApiTests(PostgresFixture fixture) : ImpactAssessmentApiTests(fixture), IClassFixture<PostgresFixture>;
