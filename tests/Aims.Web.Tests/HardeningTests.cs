using System.Net;
using System.Net.Http.Headers;
using Aims.Domain.People;
using Microsoft.EntityFrameworkCore;
using static Aims.Web.Tests.Json;

namespace Aims.Web.Tests;

/// <summary>Input that has broken other systems: it gets a 4xx naming the field, or a sensible page, and changes nothing.</summary>
public abstract class HardeningTests(WebFixture fixture)
{
    [Theory]
    [InlineData("/api/v1/people?q=%00", "q")]
    [InlineData("/api/v1/ledger?entityType=a%00b", "entityType")]
    [InlineData("/api/v1/catalog/crosswalks?requirement=%00", "requirement")]
    public async Task The_nul_character_in_a_query_is_refused_on_both_databases(string url, string field)
    {
        var admin = await fixture.ClientAsync("admin@example.org");
        await (await admin.GetAsync(url)).AssertProblemAsync(400, field);
    }

    [Fact]
    public async Task The_nul_character_in_a_json_string_is_refused()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        await (await lead.PostAsync("/api/v1/tokens", Body("{\"name\":\"a\\u0000b\"}"))).AssertProblemAsync(400, "name");
    }

    [Fact]
    public async Task A_json_string_that_is_not_utf8_is_refused_and_nothing_is_saved()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var before = (await (await lead.GetAsync("/api/v1/ai-systems?pageSize=1")).ReadAsync()).GetProperty("total").GetInt32();
        byte[] body = [.. "{\"name\":\"x"u8, 0xC3, 0x28, .. "y\",\"stage\":\"deployment\",\"sourcing\":\"in-house\",\"autonomy\":\"recommendation\",\"oversight\":\"human-in-the-loop\"}"u8];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await (await lead.PostAsync("/api/v1/ai-systems", content)).AssertProblemAsync(400, "body");
        Assert.Equal(before, (await (await lead.GetAsync("/api/v1/ai-systems?pageSize=1")).ReadAsync()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_change_reason_over_500_characters_is_refused()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = Body("{\"name\":\"reasoned\"}") };
        request.Headers.Add("X-Change-Reason", new string('r', 501));
        await (await lead.SendAsync(request)).AssertProblemAsync(400, "X-Change-Reason");
    }

    [Fact]
    public async Task A_token_cannot_mint_a_token_that_outlives_it()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var shortLived = await (await lead.PostJsonAsync("/api/v1/tokens", new { name = "short", expiresInDays = 2 })).ReadAsync();
        var client = fixture.Factory.ApiClient(shortLived.GetProperty("secret").GetString()!);
        await (await client.PostJsonAsync("/api/v1/tokens", new { name = "forever", expiresInDays = 300 })).AssertProblemAsync(400, "expiresInDays");
        var defaulted = await (await client.PostJsonAsync("/api/v1/tokens", new { name = "child" })).ReadAsync();
        Assert.True(defaulted.GetProperty("token").GetProperty("expiresAt").GetDateTimeOffset()
            <= shortLived.GetProperty("token").GetProperty("expiresAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("/ledger?page=abc")]
    [InlineData("/ledger?page=5000000000")]
    [InlineData("/ledger?page=2147483647")]
    [InlineData("/tokens?all=x")]
    [InlineData("/catalog/iso42001?q=x&page=-3")]
    public async Task Odd_page_numbers_in_a_page_address_show_a_page(string url)
    {
        var browser = fixture.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = true });
        var login = await browser.GetStringAsync("/login");
        var token = System.Text.RegularExpressions.Regex.Match(login, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Email"] = "admin@example.org", ["Input.Password"] = fixture.Factory.DemoPassword,
        }));
        var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Two_administrators_demoting_each_other_at_once_leave_one_administrator()
    {
        // A fresh pair of administrators in the sandbox, each demoting the other at the same moment.
        var sandbox = await fixture.ClientAsync("aims.lead@example.org", "sandbox");
        var ids = new List<string>();
        foreach (var name in new[] { "alpha", "beta" })
        {
            var added = await (await sandbox.PostJsonAsync("/api/v1/people",
                new { email = $"{name}{Guid.NewGuid():N}"[..14] + "@example.org", displayName = name, role = "administrator" })).ReadAsync();
            ids.Add(added.GetProperty("member").GetProperty("personId").GetString()!);
        }

        // Leave only the two new administrators.
        foreach (var email in new[] { "admin@example.org", "aims.lead@example.org" })
        {
            var id = await fixture.Factory.InOrganizationAsync("sandbox", (db, _) => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
            var read = await sandbox.GetAsync($"/api/v1/people/{id}");
            var demote = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/people/{id}") { Content = Body("{\"role\":\"viewer\"}") };
            demote.Headers.IfMatch.Add(read.Headers.ETag!);
            Assert.Equal(HttpStatusCode.OK, (await sandbox.SendAsync(demote)).StatusCode);
        }

        var alpha = fixture.Factory.ApiClient(await fixture.Factory.TokenAsync(EmailOf(ids[0]), "sandbox", Scope.Admin));
        var beta = fixture.Factory.ApiClient(await fixture.Factory.TokenAsync(EmailOf(ids[1]), "sandbox", Scope.Admin));
        async Task<HttpResponseMessage> Demote(HttpClient client, string id)
        {
            var read = await client.GetAsync($"/api/v1/people/{id}");
            var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/people/{id}") { Content = Body("{\"role\":\"viewer\"}") };
            request.Headers.IfMatch.Add(read.Headers.ETag ?? new EntityTagHeaderValue("\"0\""));
            return await client.SendAsync(request);
        }

        var results = await Task.WhenAll(Demote(alpha, ids[1]), Demote(beta, ids[0]));
        var admins = await fixture.Factory.InOrganizationAsync("sandbox", (db, _) => db.Memberships.CountAsync(m => m.Role == Role.Administrator));
        Assert.True(admins >= 1, "statuses: " + string.Join(", ", results.Select(r => (int)r.StatusCode)));

        string EmailOf(string personId) =>
            fixture.Factory.InOrganizationAsync("sandbox", (db, _) => db.Users.Where(u => u.Id == Guid.Parse(personId)).Select(u => u.Email!).SingleAsync()).GetAwaiter().GetResult();
    }
}

public sealed class SqliteHardeningTests(SqliteFixture fixture) : HardeningTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresHardeningTests(PostgresFixture fixture) : HardeningTests(fixture), IClassFixture<PostgresFixture>;
