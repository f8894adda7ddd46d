using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Aims.Data;
using Microsoft.EntityFrameworkCore;
using static Aims.Web.Tests.Json;

namespace Aims.Web.Tests;

/// <summary>People and roles through the API: authorization, validation, concurrency, and the ledger trail.</summary>
public abstract class PeopleApiTests(WebFixture fixture)
{
    private async Task<(int Members, int Events)> CountsAsync()
    {
        return await fixture.Factory.InOrganizationAsync("demo", async (db, _) =>
            (await db.Memberships.CountAsync(), await db.LedgerEvents.CountAsync()));
    }

    [Fact]
    public async Task Lists_members_with_default_paging_and_sorts_by_email()
    {
        var client = await fixture.ClientAsync("admin@example.org");
        var page = await (await client.GetAsync("/api/v1/people")).ReadAsync();
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(50, page.GetProperty("pageSize").GetInt32());
        Assert.True(page.GetProperty("total").GetInt32() >= 7);
        var emails = (await (await client.GetAsync("/api/v1/people?sort=email&pageSize=3")).ReadAsync())
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("email").GetString()!).ToList();
        Assert.Equal(3, emails.Count);
        Assert.Equal(emails.OrderBy(e => e, StringComparer.Ordinal), emails);
        var descending = (await (await client.GetAsync("/api/v1/people?sort=-email&pageSize=4")).ReadAsync())
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("email").GetString()!).ToList();
        Assert.Equal(descending.OrderByDescending(e => e, StringComparer.Ordinal), descending);
    }

    [Fact]
    public async Task Searches_and_filters_by_role()
    {
        var client = await fixture.ClientAsync("admin@example.org");
        var found = await (await client.GetAsync("/api/v1/people?q=AUDITOR")).ReadAsync();
        Assert.Equal(2, found.GetProperty("total").GetInt32());
        var byRole = await (await client.GetAsync("/api/v1/people?role=external-auditor")).ReadAsync();
        Assert.Equal("external.auditor@example.org", byRole.GetProperty("items")[0].GetProperty("email").GetString());
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=500", "pageSize")]
    [InlineData("pageSize=abc", "pageSize")]
    [InlineData("sort=password", "sort")]
    [InlineData("role=owner", "role")]
    public async Task Bad_paging_or_filter_values_are_refused_naming_the_parameter(string query, string field)
    {
        var client = await fixture.ClientAsync("admin@example.org");
        await (await client.GetAsync("/api/v1/people?" + query)).AssertProblemAsync(400, field);
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401_with_a_problem()
    {
        var anonymous = fixture.Factory.CreateClient();
        var response = await anonymous.GetAsync("/api/v1/people");
        await response.AssertProblemAsync(401);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        var forged = fixture.Factory.ApiClient("aims_not-a-real-token-at-all-0000000000000000000");
        await (await forged.GetAsync("/api/v1/people")).AssertProblemAsync(401);
    }

    [Fact]
    public async Task A_read_only_role_may_read_but_not_administer()
    {
        var auditor = await fixture.ClientAsync("external.auditor@example.org");
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/api/v1/people")).StatusCode);
        var before = await CountsAsync();
        await (await auditor.PostJsonAsync("/api/v1/people", new { email = "x@example.org", displayName = "X", role = "viewer" })).AssertProblemAsync(403);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_write_role_is_not_an_administrator()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        await (await lead.PostJsonAsync("/api/v1/people", new { email = "y@example.org", displayName = "Y", role = "viewer" })).AssertProblemAsync(403);
    }

    [Theory]
    [InlineData("{\"email\":\"a@example.org\",\"displayName\":\"A\",\"role\":\"viewer\",\"isAdmin\":true}", "isAdmin")]
    [InlineData("{\"email\":\"a@example.org\",\"displayName\":\"A\",\"role\":\"overlord\"}", "role")]
    [InlineData("{\"email\":\"a@example.org\",\"displayName\":\"A\",\"role\":3}", "role")]
    [InlineData("{\"email\":\"a@example.org\",\"displayName\":42,\"role\":\"viewer\"}", "displayName")]
    [InlineData("{\"email\":\"a@example.org\",\"displayName\":\"A\"}", "role")]
    [InlineData("{\"displayName\":\"A\",\"role\":\"viewer\"}", "email")]
    [InlineData("{\"email\":\"not-an-address\",\"displayName\":\"A\",\"role\":\"viewer\"}", "email")]
    [InlineData("{\"email\":\"a@example.org\",\"displayName\":\"A\",\"role\":\"viewer\"", "body")]
    [InlineData("", "body")]
    [InlineData("[]", "body")]
    public async Task Malformed_requests_get_400_naming_the_field_and_change_nothing(string json, string field)
    {
        var admin = await fixture.ClientAsync("admin@example.org");
        var before = await CountsAsync();
        var response = await admin.PostAsync("/api/v1/people", Body(json));
        await response.AssertProblemAsync(400, field);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Over_long_strings_and_oversized_bodies_are_refused()
    {
        var admin = await fixture.ClientAsync("admin@example.org");
        var before = await CountsAsync();
        await (await admin.PostJsonAsync("/api/v1/people", new { email = "long@example.org", displayName = new string('n', 201), role = "viewer" }))
            .AssertProblemAsync(400, "displayName");
        var huge = "{\"email\":\"big@example.org\",\"displayName\":\"" + new string('x', 2 * 1024 * 1024) + "\",\"role\":\"viewer\"}";
        await (await admin.PostAsync("/api/v1/people", Body(huge))).AssertProblemAsync(413, "body");
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Adding_a_person_returns_the_initial_password_once_and_records_the_change()
    {
        var admin = await fixture.ClientAsync("admin@example.org");
        var email = $"new{Guid.NewGuid():N}"[..13] + "@example.org";
        var response = await admin.PostJsonAsync("/api/v1/people", new { email, displayName = "New Colleague", role = "contributor" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        var body = await response.ReadAsync();
        var password = body.GetProperty("initialPassword").GetString();
        Assert.False(string.IsNullOrEmpty(password));
        var personId = body.GetProperty("member").GetProperty("personId").GetString();

        var again = await (await admin.GetAsync($"/api/v1/people/{personId}")).ReadAsync();
        Assert.Equal("contributor", again.GetProperty("role").GetString());
        Assert.False(again.TryGetProperty("initialPassword", out _));

        var duplicate = await admin.PostJsonAsync("/api/v1/people", new { email, displayName = "Again", role = "viewer" });
        await duplicate.AssertProblemAsync(409);

        var events = await (await admin.GetAsync("/api/v1/ledger?entityType=membership&pageSize=200")).ReadAsync();
        var create = events.GetProperty("items").EnumerateArray()
            .Single(e => e.GetProperty("action").GetString() == "create" && e.GetProperty("after").GetProperty("personId").GetString() == personId);
        Assert.StartsWith("person:", create.GetProperty("actor").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(email, create.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Changing_a_role_needs_the_current_etag()
    {
        var admin = await fixture.ClientAsync("admin@example.org");
        var created = await (await admin.PostJsonAsync("/api/v1/people",
            new { email = $"r{Guid.NewGuid():N}"[..12] + "@example.org", displayName = "Role Changer", role = "viewer" })).ReadAsync();
        var id = created.GetProperty("member").GetProperty("personId").GetString();
        var read = await admin.GetAsync($"/api/v1/people/{id}");
        var etag = read.Headers.ETag!.Tag;

        await (await admin.PatchAsync($"/api/v1/people/{id}", Body("{\"role\":\"contributor\"}"))).AssertProblemAsync(428, "If-Match");

        var stale = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/people/{id}") { Content = Body("{\"role\":\"contributor\"}") };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"999\""));
        await (await admin.SendAsync(stale)).AssertProblemAsync(412, "If-Match");

        var good = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/people/{id}") { Content = Body("{\"role\":\"control-owner\"}") };
        good.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        good.Headers.Add("X-Change-Reason", "Owns the data-quality controls now");
        var changed = await admin.SendAsync(good);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag!.Tag);
        Assert.Equal("control-owner", (await changed.ReadAsync()).GetProperty("role").GetString());

        var reuse = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/people/{id}") { Content = Body("{\"role\":\"viewer\"}") };
        reuse.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        await (await admin.SendAsync(reuse)).AssertProblemAsync(412);

        var membership = await fixture.Factory.InOrganizationAsync("demo", (db, _) => db.Memberships.SingleAsync(m => m.PersonId == Guid.Parse(id!)));
        var history = await (await admin.GetAsync($"/api/v1/history/membership/{membership.Id}")).ReadAsync();
        var update = history.EnumerateArray().Last();
        Assert.Equal("update", update.GetProperty("action").GetString());
        Assert.Equal("viewer", update.GetProperty("before").GetProperty("role").GetString());
        Assert.Equal("control-owner", update.GetProperty("after").GetProperty("role").GetString());
        Assert.Equal("Owns the data-quality controls now", update.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_last_administrator_cannot_be_demoted_or_removed()
    {
        var admin = await fixture.ClientAsync("admin@example.org");
        var me = await (await admin.GetAsync("/api/v1/me")).ReadAsync();
        var id = me.GetProperty("personId").GetString();
        var read = await admin.GetAsync($"/api/v1/people/{id}");
        var demote = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/people/{id}") { Content = Body("{\"role\":\"viewer\"}") };
        demote.Headers.IfMatch.Add(read.Headers.ETag!);
        await (await admin.SendAsync(demote)).AssertProblemAsync(400, "role");
        await (await admin.DeleteAsync($"/api/v1/people/{id}")).AssertProblemAsync(400, "personId");
    }

    [Fact]
    public async Task Removing_a_member_keeps_the_history_and_revokes_their_tokens()
    {
        var admin = await fixture.ClientAsync("admin@example.org");
        var email = $"leaver{Guid.NewGuid():N}"[..14] + "@example.org";
        var created = await (await admin.PostJsonAsync("/api/v1/people", new { email, displayName = "Leaver", role = "contributor" })).ReadAsync();
        var id = created.GetProperty("member").GetProperty("personId").GetString();
        var leaverToken = await fixture.Factory.TokenAsync(email);
        var leaver = fixture.Factory.ApiClient(leaverToken);
        Assert.Equal(HttpStatusCode.OK, (await leaver.GetAsync("/api/v1/me")).StatusCode);

        var removed = await admin.DeleteAsync($"/api/v1/people/{id}");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        await (await admin.GetAsync($"/api/v1/people/{id}")).AssertProblemAsync(404);
        await (await leaver.GetAsync("/api/v1/me")).AssertProblemAsync(401);

        var membership = await fixture.Factory.InOrganizationAsync("demo", (db, _) =>
            db.Memberships.IgnoreQueryFilters([AimsDbContext.SoftDeleteFilter]).SingleAsync(m => m.PersonId == Guid.Parse(id!)));
        Assert.NotNull(membership.DeletedAt);
        var history = await (await admin.GetAsync($"/api/v1/history/membership/{membership.Id}")).ReadAsync();
        Assert.Equal(["create", "delete"], history.EnumerateArray().Select(e => e.GetProperty("action").GetString()!).ToArray());
    }
}

public sealed class SqlitePeopleApiTests(SqliteFixture fixture) : PeopleApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresPeopleApiTests(PostgresFixture fixture) : PeopleApiTests(fixture), IClassFixture<PostgresFixture>;
