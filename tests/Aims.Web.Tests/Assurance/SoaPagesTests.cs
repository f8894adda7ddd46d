using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Aims.Web.Tests.Assurance;

/// <summary>The assurance pages as a browser without JavaScript uses them: who may approve the SoA, rows by control id, filters.</summary>
public abstract partial class SoaPagesTests(WebFixture fixture)
{
    private HttpClient NewBrowser() => fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<string> TokenAsync(HttpClient browser, string url) =>
        AntiforgeryField().Match(await browser.GetStringAsync(url)).Groups[1].Value;

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string url, Dictionary<string, string> fields) =>
        await browser.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = await TokenAsync(browser, url) }));

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var browser = NewBrowser();
        var login = await PostFormAsync(browser, "/login", new() { ["_handler"] = "login", ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return browser;
    }

    [Fact]
    public async Task Soa_pages_answer_by_control_id_filter_by_area_and_show_a_refused_approval_as_an_error()
    {
        var admin = await SignedInAsync("admin@example.org", fixture.Factory.DemoPassword);
        var dashboard = await admin.GetStringAsync("/assurance");
        Assert.Contains("<h1>Assurance and readiness</h1>", dashboard, StringComparison.Ordinal);
        Assert.Contains("id=\"readiness-score\"", dashboard, StringComparison.Ordinal);
        var row = await admin.GetStringAsync("/assurance/soa/A.6.2.8");
        Assert.Contains("AI system recording of event logs", row, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/assurance/soa/A.99.1")).StatusCode);
        var area = await admin.GetStringAsync("/assurance/soa?area=A.6");
        Assert.Contains("/assurance/soa/A.6.2.8", area, StringComparison.Ordinal);
        Assert.DoesNotContain("/assurance/soa/A.7.4", area, StringComparison.Ordinal);

        // A contributor may edit rows but not approve the SoA: the refusal is a message on the page, not an error page.
        var email = $"soa{Guid.NewGuid():N}"[..12] + "@example.org";
        var api = await fixture.ClientAsync("admin@example.org");
        var added = await (await api.PostJsonAsync("/api/v1/people", new { email, displayName = "Contributor", role = "contributor" })).ReadAsync();
        var initial = added.GetProperty("initialPassword").GetString()!;
        var contributor = await SignedInAsync(email, initial);
        var changed = await PostFormAsync(contributor, "/account/password", new()
        {
            ["_handler"] = "change-password", ["Input.Current"] = initial, ["Input.New"] = "Contributor-Passw0rd!", ["Input.Confirm"] = "Contributor-Passw0rd!",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var refused = await PostFormAsync(contributor, "/assurance/soa/versions", new() { ["_handler"] = "approve-soa", ["note"] = "Trying" });
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Matches("role=\"alert\">A SoA version is approved by the aims-lead or administrator; you are contributor", html);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class SqliteSoaPagesTests(SqliteFixture fixture) : SoaPagesTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresSoaPagesTests(PostgresFixture fixture) : SoaPagesTests(fixture), IClassFixture<PostgresFixture>;
