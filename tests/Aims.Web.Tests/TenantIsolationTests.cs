using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.People;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aims.Web.Tests;

/// <summary>
/// A record of another organization is invisible: every API route that takes an id answers 404 for the other
/// organization's ids, and the data layer refuses a link across organizations.
/// </summary>
public abstract class TenantIsolationTests(WebFixture fixture)
{
    /// <summary>Every API route with a path parameter, and how this test calls it with a sandbox record's id.</summary>
    private static readonly string[] CoveredRoutes =
    [
        .. Features.Registers.AllRegisters.Set.All.SelectMany(r => new[] { "GET", "PATCH", "DELETE" }.Select(m => $"{m} /api/v1/{r.Name}/{{reference}}")),
        "GET /api/v1/use-cases/{reference}/classification",
        "PUT /api/v1/use-cases/{reference}/classification",
        "PUT /api/v1/use-cases/{reference}/classification/override",
        "DELETE /api/v1/use-cases/{reference}/classification/override",
        "POST /api/v1/risks/{reference}/acceptance",
        "DELETE /api/v1/risks/{reference}/acceptance",
        "GET /api/v1/approvals/{reference}",
        "POST /api/v1/approvals/{reference}/decisions",
        "GET /api/v1/risks/{reference}/reviews",
        "POST /api/v1/risks/{reference}/reviews",
        "GET /api/v1/people/{personId:guid}",
        "PATCH /api/v1/people/{personId:guid}",
        "DELETE /api/v1/people/{personId:guid}",
        "DELETE /api/v1/tokens/{tokenId:guid}",
        "GET /api/v1/ledger/{sequence:long}",
        "GET /api/v1/history/{entityType}/{entityId}",
        "GET /api/v1/catalog/frameworks/{frameworkId}",
        "GET /api/v1/catalog/frameworks/{frameworkId}/requirements",
        "GET /api/v1/catalog/frameworks/{frameworkId}/requirements/{requirementId}",
        "GET /api/v1/scope/statement/versions/{number:int}",
        "POST /api/v1/impact-assessments/{reference}/decision",
        "POST /api/v1/impact-assessments/{reference}/review",
        "POST /api/v1/harms/{reference}/risk",
        "GET /api/v1/ai-systems/{reference}/impact-assessments.html",
        "GET /api/v1/assessments/{reference}/results",
        "PUT /api/v1/assessments/{reference}/results/{requirementId}",
        "POST /api/v1/assessments/{reference}/carry-over",
        "GET /api/v1/assessments/{reference}/report",
        "POST /api/v1/gaps/{reference}/action",
        "POST /api/v1/gaps/{reference}/nonconformity",
        "PUT /api/v1/soa/{controlId}",
        "GET /api/v1/soa/versions/{number:int}",
        // Called with another organization's system in Lifecycle/LifecycleApiTests.Another_organizations_system_is_not_found_on_lifecycle_routes.
        "GET /api/v1/ai-systems/{reference}/lifecycle-events/export",
        "GET /api/v1/ai-systems/{reference}/lifecycle-events/verify",
        "GET /api/v1/ai-systems/{reference}/lifecycle-phases",
        "PUT /api/v1/ai-systems/{reference}/lifecycle-phases",
        // Evidence: covered by EvidenceApiTests.Another_organizations_evidence_answers_404.
        "GET /api/v1/evidence/{reference}",
        "PATCH /api/v1/evidence/{reference}",
        "GET /api/v1/evidence/{reference}/versions",
        "POST /api/v1/evidence/{reference}/versions",
        "GET /api/v1/evidence/{reference}/content",
        "GET /api/v1/evidence/{reference}/versions/{number:int}/content",
        "POST /api/v1/evidence/{reference}/links",
        "DELETE /api/v1/evidence/{reference}/links/{linkId:guid}",
        "GET /api/v1/evidence-requests/{reference}",
    ];

    [Fact]
    public void Every_api_route_with_a_parameter_is_covered_by_this_test()
    {
        var routes = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true && e.RoutePattern.Parameters.Count > 0)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(CoveredRoutes.Order(StringComparer.Ordinal), routes);
    }

    [Fact]
    public async Task Another_organizations_records_answer_404_on_every_route()
    {
        // A person only in the sandbox, a sandbox token, and a sandbox-only record in the ledger.
        var sandboxAdmin = await fixture.ClientAsync("aims.lead@example.org", "sandbox");
        var outsider = await (await sandboxAdmin.PostJsonAsync("/api/v1/people",
            new { email = $"sb{Guid.NewGuid():N}"[..12] + "@example.org", displayName = "Sandbox Only", role = "viewer" })).ReadAsync();
        var outsiderId = outsider.GetProperty("member").GetProperty("personId").GetString();
        var sandboxToken = await fixture.Factory.InOrganizationAsync("sandbox", (db, _) => db.AccessTokens.Select(t => t.Id).FirstAsync());
        var sandboxMembership = await fixture.Factory.InOrganizationAsync("sandbox", (db, _) =>
            db.Memberships.Where(m => m.PersonId == Guid.Parse(outsiderId!)).Select(m => m.Id).SingleAsync());
        var sandboxOrg = await fixture.Factory.InOrganizationAsync("sandbox", (db, _) => db.Organizations.Where(o => o.Slug == "sandbox").Select(o => o.Id).SingleAsync());
        var sandboxStatement = await (await sandboxAdmin.PostAsync("/api/v1/scope/statement/generate", null)).ReadAsync();
        var demoStatements = await fixture.Factory.InOrganizationAsync("demo", (db, _) => db.ScopeStatements.CountAsync());
        Assert.True(demoStatements < sandboxStatement.GetProperty("number").GetInt32(), "the demo must not have the sandbox's version number");
        var demoEvents = await fixture.Factory.InOrganizationAsync("demo", (db, _) => db.LedgerEvents.CountAsync());

        var demo = await fixture.ClientAsync("admin@example.org");
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/people/{outsiderId}") { Content = Json.Body("{\"role\":\"administrator\"}") };
        patch.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        (string Route, HttpResponseMessage Response)[] calls =
        [
            ("GET people", await demo.GetAsync($"/api/v1/people/{outsiderId}")),
            ("PATCH people", await demo.SendAsync(patch)),
            ("DELETE people", await demo.DeleteAsync($"/api/v1/people/{outsiderId}")),
            ("DELETE tokens", await demo.DeleteAsync($"/api/v1/tokens/{sandboxToken}")),
            ("GET ledger", await demo.GetAsync($"/api/v1/ledger/{demoEvents + 10_000}")),
            ("GET history membership", await demo.GetAsync($"/api/v1/history/membership/{sandboxMembership}")),
            ("GET history organization", await demo.GetAsync($"/api/v1/history/organization/{sandboxOrg}")),
            ("GET framework", await demo.GetAsync("/api/v1/catalog/frameworks/not-a-framework")),
            ("GET requirements", await demo.GetAsync("/api/v1/catalog/frameworks/not-a-framework/requirements")),
            ("GET requirement", await demo.GetAsync("/api/v1/catalog/frameworks/iso42001/requirements/A.99.9")),
            ("GET scope statement version", await demo.GetAsync($"/api/v1/scope/statement/versions/{sandboxStatement.GetProperty("number").GetInt32()}")),
        ];
        foreach (var (route, response) in calls)
        {
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.NotFound, $"{route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        // And nothing changed in the sandbox.
        var stillViewer = await fixture.Factory.InOrganizationAsync("sandbox", (db, _) => db.Memberships.SingleAsync(m => m.Id == sandboxMembership));
        Assert.Equal(Role.Viewer, stillViewer.Role);
        Assert.Null((await fixture.Factory.InOrganizationAsync("sandbox", (db, _) => db.AccessTokens.SingleAsync(t => t.Id == sandboxToken))).RevokedAt);
    }

    [Fact]
    public async Task Another_organizations_register_records_answer_404_and_stay_unchanged()
    {
        var demo = await fixture.ClientAsync("aims.lead@example.org");
        var sandbox = await fixture.ClientAsync("aims.lead@example.org", "sandbox");
        foreach (var register in Features.Registers.AllRegisters.Set.All)
        {
            var first = (await (await demo.GetAsync($"/api/v1/{register.Name}?pageSize=1")).ReadAsync()).GetProperty("items")[0];
            var reference = first.GetProperty("reference").GetString();
            var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/{register.Name}/{reference}") { Content = Json.Body("{}") };
            patch.Headers.TryAddWithoutValidation("If-Match", "*");
            foreach (var response in new[] { await sandbox.GetAsync($"/api/v1/{register.Name}/{reference}"), await sandbox.SendAsync(patch), await sandbox.DeleteAsync($"/api/v1/{register.Name}/{reference}") })
            {
                Assert.True(response.StatusCode == System.Net.HttpStatusCode.NotFound, $"{register.Name} {reference}: {(int)response.StatusCode}");
            }

            var after = await (await demo.GetAsync($"/api/v1/{register.Name}/{reference}")).ReadAsync();
            Assert.Equal(first.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        }

        var useCase = (await (await demo.GetAsync("/api/v1/use-cases?pageSize=1")).ReadAsync()).GetProperty("items")[0].GetProperty("reference").GetString();
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/use-cases/{useCase}/classification") { Content = Json.Body("""{"role":"provider"}""") };
        put.Headers.TryAddWithoutValidation("If-Match", "*");
        var overrideCall = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/use-cases/{useCase}/classification/override")
        {
            Content = Json.Body("""{"regimes":["minimal"],"justification":"An attempt from another organization to change it."}"""),
        };
        overrideCall.Headers.TryAddWithoutValidation("If-Match", "*");
        var clear = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/use-cases/{useCase}/classification/override");
        clear.Headers.TryAddWithoutValidation("If-Match", "*");
        foreach (var response in new[] { await sandbox.GetAsync($"/api/v1/use-cases/{useCase}/classification"), await sandbox.SendAsync(put), await sandbox.SendAsync(overrideCall), await sandbox.SendAsync(clear) })
        {
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.NotFound, $"classification of {useCase}: {(int)response.StatusCode}");
        }

        var risk = (await (await demo.GetAsync("/api/v1/risks?pageSize=1")).ReadAsync()).GetProperty("items")[0].GetProperty("reference").GetString();
        HttpRequestMessage WithIfMatch(HttpMethod method, string url, string? body) =>
            new(method, url) { Content = body is null ? null : Json.Body(body), Headers = { { "If-Match", "*" } } };
        foreach (var response in new[]
        {
            await sandbox.SendAsync(WithIfMatch(HttpMethod.Post, $"/api/v1/risks/{risk}/acceptance", """{"rationale":"accepted from elsewhere"}""")),
            await sandbox.SendAsync(WithIfMatch(HttpMethod.Delete, $"/api/v1/risks/{risk}/acceptance", null)),
            await sandbox.GetAsync($"/api/v1/risks/{risk}/reviews"),
            await sandbox.SendAsync(WithIfMatch(HttpMethod.Post, $"/api/v1/risks/{risk}/reviews", """{"notes":"reviewed from elsewhere"}""")),
        })
        {
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.NotFound, $"risk {risk}: {(int)response.StatusCode}");
        }

        var assessment = (await (await demo.GetAsync("/api/v1/impact-assessments?pageSize=1&status=planned")).ReadAsync()).GetProperty("items")[0];
        var harm = (await (await demo.GetAsync("/api/v1/harms?pageSize=1")).ReadAsync()).GetProperty("items")[0].GetProperty("reference").GetString();
        var system = assessment.GetProperty("aiSystem").GetString();
        var decision = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/impact-assessments/{assessment.GetProperty("reference").GetString()}/decision")
        {
            Content = Json.Body("""{"decision":"acceptable","rationale":"An attempt from another organization to decide."}"""),
        };
        decision.Headers.TryAddWithoutValidation("If-Match", "*");
        foreach (var (route, response) in new[]
        {
            ("decision", await sandbox.SendAsync(decision)),
            ("review", await sandbox.PostAsync($"/api/v1/impact-assessments/{assessment.GetProperty("reference").GetString()}/review", Json.Body("{}"))),
            ("risk", await sandbox.PostAsync($"/api/v1/harms/{harm}/risk", null)),
            ("export", await sandbox.GetAsync($"/api/v1/ai-systems/{system}/impact-assessments.html")),
        })
        {
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.NotFound, $"impact {route}: {(int)response.StatusCode}");
        }

        var unchanged = await (await demo.GetAsync($"/api/v1/impact-assessments/{assessment.GetProperty("reference").GetString()}")).ReadAsync();
        Assert.Equal(assessment.GetProperty("version").GetInt64(), unchanged.GetProperty("version").GetInt64());

        // Assurance: the demo's gap assessment, its gap and its SoA version are not the sandbox's (the sandbox has none).
        var gapAssessment = (await (await demo.GetAsync("/api/v1/assessments?pageSize=1")).ReadAsync()).GetProperty("items")[0];
        var ga = gapAssessment.GetProperty("reference").GetString();
        var gap = (await (await demo.GetAsync("/api/v1/gaps?pageSize=1")).ReadAsync()).GetProperty("items")[0].GetProperty("reference").GetString();
        var soaVersion = (await (await demo.GetAsync("/api/v1/soa/versions")).ReadAsync())[0].GetProperty("number").GetInt32();
        foreach (var (route, response) in new[]
        {
            ("results", await sandbox.GetAsync($"/api/v1/assessments/{ga}/results")),
            ("result", await sandbox.SendAsync(WithIfMatch(HttpMethod.Put, $"/api/v1/assessments/{ga}/results/5.2", """{"status":"compliant"}"""))),
            ("carry-over", await sandbox.PostAsync($"/api/v1/assessments/{ga}/carry-over", null)),
            ("report", await sandbox.GetAsync($"/api/v1/assessments/{ga}/report")),
            ("action", await sandbox.PostAsync($"/api/v1/gaps/{gap}/action", Json.Body("{}"))),
            ("nonconformity", await sandbox.PostAsync($"/api/v1/gaps/{gap}/nonconformity", null)),
            ("soa row", await sandbox.SendAsync(WithIfMatch(HttpMethod.Put, "/api/v1/soa/A.99.9", """{"decision":"applicable"}"""))),
            ("soa version", await sandbox.GetAsync($"/api/v1/soa/versions/{soaVersion}")),
        })
        {
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.NotFound, $"assurance {route}: {(int)response.StatusCode}");
        }

        Assert.Equal(gapAssessment.GetProperty("version").GetInt64(), (await (await demo.GetAsync($"/api/v1/assessments/{ga}")).ReadAsync()).GetProperty("version").GetInt64());

        // Approvals: the demo's requests are not the sandbox's (the sandbox has none): reading or deciding one is 404.
        var approval = (await (await demo.GetAsync("/api/v1/approvals?box=all&state=pending&pageSize=1")).ReadAsync()).GetProperty("items")[0];
        var apr = approval.GetProperty("reference").GetString();
        foreach (var (route, response) in new[]
        {
            ("approval", await sandbox.GetAsync($"/api/v1/approvals/{apr}")),
            ("decision", await sandbox.SendAsync(WithIfMatch(HttpMethod.Post, $"/api/v1/approvals/{apr}/decisions", """{"verdict":"approve","rationale":"Deciding from another organization."}"""))),
        })
        {
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.NotFound, $"approvals {route}: {(int)response.StatusCode}");
        }

        Assert.Equal(approval.GetProperty("version").GetInt64(), (await (await demo.GetAsync($"/api/v1/approvals/{apr}")).ReadAsync()).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_token_acts_only_in_its_own_organization()
    {
        var demo = await fixture.ClientAsync("admin@example.org");
        var sandbox = await fixture.ClientAsync("admin@example.org", "sandbox");
        Assert.Equal("demo", (await (await demo.GetAsync("/api/v1/organization")).ReadAsync()).GetProperty("slug").GetString());
        Assert.Equal("sandbox", (await (await sandbox.GetAsync("/api/v1/organization")).ReadAsync()).GetProperty("slug").GetString());
        var demoPeople = (await (await demo.GetAsync("/api/v1/people?pageSize=200")).ReadAsync()).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("email").GetString()).ToList();
        Assert.Contains("board@example.org", demoPeople);
        var sandboxPeople = (await (await sandbox.GetAsync("/api/v1/people?pageSize=200")).ReadAsync()).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("email").GetString()).ToList();
        Assert.DoesNotContain("board@example.org", sandboxPeople);
    }

    [Fact]
    public async Task The_data_layer_refuses_a_token_for_someone_outside_the_organization()
    {
        var board = await fixture.Factory.InOrganizationAsync("demo", (db, _) => db.Users.Where(u => u.Email == "board@example.org").Select(u => u.Id).SingleAsync());
        var ex = await Assert.ThrowsAnyAsync<DbUpdateException>(() => fixture.Factory.InOrganizationAsync("sandbox", async (db, _) =>
        {
            db.AccessTokens.Add(new AccessToken
            {
                OrganizationId = db.CurrentOrganizationId, PersonId = board, Name = "cross", Prefix = "aims_x", TokenHash = new string('a', 64),
                ExpiresAt = DateTimeOffset.UtcNow.AddDays(1),
            });
            return await db.SaveChangesAsync();
        }));
        Assert.NotNull(ex);
        var tokens = await fixture.Factory.InOrganizationAsync("sandbox", (db, _) => db.AccessTokens.CountAsync(t => t.PersonId == board));
        Assert.Equal(0, tokens);
    }
}

public sealed class SqliteTenantIsolationTests(SqliteFixture fixture) : TenantIsolationTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresTenantIsolationTests(PostgresFixture fixture) : TenantIsolationTests(fixture), IClassFixture<PostgresFixture>;
