using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Tests;

/// <summary>The server-rendered pages through HTTP, as a browser without JavaScript would use them.</summary>
public abstract partial class PageTests(WebFixture fixture)
{
    private HttpClient NewBrowser() => fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<string> AntiforgeryAsync(HttpClient browser, string url)
    {
        var html = await browser.GetStringAsync(url);
        return AntiforgeryField().Match(html).Groups[1].Value;
    }

    private async Task<HttpClient> SignedInAsync(string email, string? password = null)
    {
        var browser = NewBrowser();
        var response = await LogInAsync(browser, email, password ?? fixture.Factory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    private static async Task<HttpResponseMessage> ChangePasswordAsync(HttpClient browser, string current, string next) =>
        await browser.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password", ["__RequestVerificationToken"] = await AntiforgeryAsync(browser, "/account/password"),
            ["Input.Current"] = current, ["Input.New"] = next, ["Input.Confirm"] = next,
        }));

    private static async Task<HttpResponseMessage> LogInAsync(HttpClient browser, string email, string password)
    {
        var token = await AntiforgeryAsync(browser, "/login");
        return await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = password,
        }));
    }

    [Fact]
    public async Task Pages_need_a_sign_in()
    {
        var response = await NewBrowser().GetAsync("/catalog");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_address_gets_a_helpful_404_page_and_the_api_a_problem()
    {
        var page = await NewBrowser().GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("There is no page or record at <code>/no/such/page</code>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var api = await (await fixture.ClientAsync("admin@example.org")).GetAsync("/api/v1/no-such-resource");
        await api.AssertProblemAsync(404);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        var response = await LogInAsync(NewBrowser(), "admin@example.org", "not the password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("e-mail or password is not correct", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account()
    {
        var email = $"lock{Guid.NewGuid():N}"[..12] + "@example.org";
        var admin = await fixture.ClientAsync("admin@example.org");
        var added = await (await admin.PostJsonAsync("/api/v1/people", new { email, displayName = "Locked", role = "viewer" })).ReadAsync();
        var password = added.GetProperty("initialPassword").GetString()!;
        string last = "";
        for (var i = 0; i < 5; i++)
        {
            last = await (await LogInAsync(NewBrowser(), email, "wrong-" + i)).Content.ReadAsStringAsync();
        }

        Assert.Contains("locked", last, StringComparison.Ordinal);
        var withRightPassword = await LogInAsync(NewBrowser(), email, password);
        Assert.Equal(HttpStatusCode.OK, withRightPassword.StatusCode);
        Assert.Contains("locked", await withRightPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_overview_shows_the_organization_and_the_catalog_pages_show_crosswalks()
    {
        var browser = await SignedInAsync("admin@example.org");
        var home = await browser.GetStringAsync("/");
        Assert.Contains("<h1>Harbor Lending Group</h1>", home, StringComparison.Ordinal);
        var requirement = await browser.GetStringAsync("/catalog/iso42001/A.6.2.8");
        Assert.Contains("iso42001:A.6.2.8", requirement, StringComparison.Ordinal);
        Assert.Contains("eu-ai-act:art-12", requirement, StringComparison.Ordinal);
        var missing = await browser.GetAsync("/catalog/iso42001/A.9.9.9");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("There is no page or record at <code>/catalog/iso42001/A.9.9.9</code>", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/catalog/iso9001")).StatusCode);
        var search = await browser.GetStringAsync("/catalog/iso42001?q=event+logs");
        Assert.Contains("A.6.2.8", search, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switching_organization_changes_what_every_page_shows()
    {
        var browser = await SignedInAsync("admin@example.org");
        var sandbox = await fixture.Factory.InOrganizationAsync("sandbox", (db, _) => db.Organizations.Where(o => o.Slug == "sandbox").Select(o => new { o.Id, o.Name }).SingleAsync());
        var token = await AntiforgeryAsync(browser, "/");
        var switched = await browser.PostAsync("/account/organization", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["organizationId"] = sandbox.Id.ToString(), ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var home = await browser.GetStringAsync("/");
        Assert.Contains($"<h1>{WebUtility.HtmlEncode(sandbox.Name)}</h1>", home, StringComparison.Ordinal);

        var foreign = await browser.PostAsync("/account/organization", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await AntiforgeryAsync(browser, "/"), ["organizationId"] = Guid.NewGuid().ToString(),
        }));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task A_viewer_cannot_open_the_people_administration()
    {
        var admin = await fixture.ClientAsync("admin@example.org");
        var email = $"view{Guid.NewGuid():N}"[..12] + "@example.org";
        var added = await (await admin.PostJsonAsync("/api/v1/people", new { email, displayName = "Viewer", role = "viewer" })).ReadAsync();
        var initial = added.GetProperty("initialPassword").GetString()!;
        var browser = await SignedInAsync(email, initial);

        // A generated password must be replaced before anything else.
        var first = await browser.GetAsync("/admin/people");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/account/password", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var refused = await ChangePasswordAsync(browser, initial, "short");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("at least 12", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var changed = await ChangePasswordAsync(browser, initial, "Viewer-Chosen-Passw0rd");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        var response = await browser.GetAsync("/admin/people");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await LogInAsync(NewBrowser(), email, "Viewer-Chosen-Passw0rd")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/ledger")).StatusCode);
    }

    [Fact]
    public async Task The_history_page_shows_who_changed_what_and_why()
    {
        var browser = await SignedInAsync("admin@example.org");
        var membership = await fixture.Factory.InOrganizationAsync("demo", (db, _) =>
            db.Memberships.Where(m => db.Users.Any(u => u.Id == m.PersonId && u.Email == "control.owner@example.org")).Select(m => m.Id).SingleAsync());
        var history = await browser.GetStringAsync($"/history/membership/{membership}");
        Assert.Contains("update by", history, StringComparison.Ordinal);
        Assert.Contains("Took over the data-quality controls", history, StringComparison.Ordinal);
        Assert.Contains("control-owner", history, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/history/membership/{Guid.NewGuid()}")).StatusCode);
        var ledger = await browser.GetStringAsync("/ledger?verify=true");
        Assert.Contains("ledger intact", ledger, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_a_person_on_the_page_validates_and_shows_the_password_once()
    {
        var browser = await SignedInAsync("admin@example.org");
        async Task<string> Post(string email, string name, string role) =>
            await (await browser.PostAsync("/admin/people", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "add-member", ["__RequestVerificationToken"] = await AntiforgeryAsync(browser, "/admin/people"),
                ["Add.Email"] = email, ["Add.DisplayName"] = name, ["Add.Role"] = role,
            }))).Content.ReadAsStringAsync();

        var invalid = await Post("not-an-address", "", "");
        Assert.Contains("validation-message", invalid, StringComparison.Ordinal);
        var email = $"page{Guid.NewGuid():N}"[..12] + "@example.org";
        var added = await Post(email, "Page Person", "Contributor");
        Assert.Contains("initial password, shown only now", added, StringComparison.Ordinal);
        Assert.Contains(email, added, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class SqlitePageTests(SqliteFixture fixture) : PageTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresPageTests(PostgresFixture fixture) : PageTests(fixture), IClassFixture<PostgresFixture>;
