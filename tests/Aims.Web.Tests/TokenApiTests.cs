using System.Net;
using System.Text.Json;
using static Aims.Web.Tests.Json;

namespace Aims.Web.Tests;

/// <summary>Personal access tokens: shown once, scoped, never above the role, revocable, expiring.</summary>
public abstract class TokenApiTests(WebFixture fixture)
{
    [Fact]
    public async Task A_new_token_works_once_shown_and_stops_working_when_revoked()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var created = await lead.PostJsonAsync("/api/v1/tokens", new { name = "pipeline", expiresInDays = 7 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(created.Headers.CacheControl?.NoStore, "a response with a secret must not be cached");
        var body = await created.ReadAsync();
        var secret = body.GetProperty("secret").GetString()!;
        Assert.StartsWith("aims_", secret, StringComparison.Ordinal);
        Assert.Equal("write", body.GetProperty("token").GetProperty("scope").GetString());
        Assert.Matches("^PAT-[0-9]+$", body.GetProperty("token").GetProperty("reference").GetString());

        var pipeline = fixture.Factory.ApiClient(secret);
        var me = await (await pipeline.GetAsync("/api/v1/me")).ReadAsync();
        Assert.Equal("aims-lead", me.GetProperty("role").GetString());
        var listed = await (await lead.GetAsync("/api/v1/tokens")).ReadAsync();
        Assert.DoesNotContain(secret, listed.GetRawText(), StringComparison.Ordinal);
        var used = listed.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "pipeline");
        Assert.NotEqual(JsonValueKind.Null, used.GetProperty("lastUsedAt").ValueKind);

        var id = body.GetProperty("token").GetProperty("id").GetString();
        var revoked = await (await lead.DeleteAsync($"/api/v1/tokens/{id}")).ReadAsync();
        Assert.Equal("revoked", revoked.GetProperty("status").GetString());
        await (await pipeline.GetAsync("/api/v1/me")).AssertProblemAsync(401);
    }

    [Fact]
    public async Task A_token_never_exceeds_the_role_or_the_token_that_mints_it()
    {
        var auditor = await fixture.ClientAsync("external.auditor@example.org");
        await (await auditor.PostJsonAsync("/api/v1/tokens", new { name = "x", scope = "write" })).AssertProblemAsync(400, "scope");
        var readOnly = await (await auditor.PostJsonAsync("/api/v1/tokens", new { name = "read" })).ReadAsync();
        Assert.Equal("read", readOnly.GetProperty("token").GetProperty("scope").GetString());

        var adminRead = fixture.Factory.ApiClient(await fixture.Factory.TokenAsync("admin@example.org", "demo", Domain.People.Scope.Read));
        await (await adminRead.PostJsonAsync("/api/v1/tokens", new { name = "escalate", scope = "admin" })).AssertProblemAsync(400, "scope");
        await (await adminRead.PostJsonAsync("/api/v1/people", new { email = "z@example.org", displayName = "Z", role = "viewer" })).AssertProblemAsync(403);
    }

    [Theory]
    [InlineData("{\"name\":\"\"}", "name")]
    [InlineData("{\"name\":\"x\",\"expiresInDays\":0}", "expiresInDays")]
    [InlineData("{\"name\":\"x\",\"expiresInDays\":400}", "expiresInDays")]
    [InlineData("{\"name\":\"x\",\"expiresInDays\":\"soon\"}", "expiresInDays")]
    [InlineData("{\"name\":\"x\",\"scope\":\"root\"}", "scope")]
    public async Task Invalid_token_requests_name_the_field(string json, string field)
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        await (await lead.PostAsync("/api/v1/tokens", Body(json))).AssertProblemAsync(400, field);
    }

    [Fact]
    public async Task Only_administrators_see_everyone_s_tokens_and_may_revoke_them()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        await (await lead.GetAsync("/api/v1/tokens?all=true")).AssertProblemAsync(403);
        var admin = await fixture.ClientAsync("admin@example.org");
        var all = await (await admin.GetAsync("/api/v1/tokens?all=true&pageSize=200")).ReadAsync();
        var ci = all.GetProperty("items").EnumerateArray().First(t => t.GetProperty("name").GetString() == "credit-scoring CI");
        Assert.Equal("Mei Chen", ci.GetProperty("owner").GetString());
        await (await lead.DeleteAsync($"/api/v1/tokens/{ci.GetProperty("id").GetString()}")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task Public_status_health_and_openapi_need_no_token()
    {
        var anonymous = fixture.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
        var status = await (await anonymous.GetAsync("/api/v1/public/status")).ReadAsync();
        Assert.True(status.GetProperty("ready").GetBoolean());
        var openapi = await (await anonymous.GetAsync("/openapi/v1.json")).ReadAsync();
        Assert.True(openapi.GetProperty("paths").TryGetProperty("/api/v1/people", out _));
        var docs = await anonymous.GetStringAsync("/api/docs");
        Assert.DoesNotMatch(@"https?://(?!localhost|127\.0\.0\.1)[a-z]", docs);
    }
}

public sealed class SqliteTokenApiTests(SqliteFixture fixture) : TokenApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresTokenApiTests(PostgresFixture fixture) : TokenApiTests(fixture), IClassFixture<PostgresFixture>;
