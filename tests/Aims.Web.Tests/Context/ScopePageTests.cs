using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Aims.Web.Tests.Context;

/// <summary>The /context/scope page as a browser without JavaScript uses it: generate, edit, approve, read the history.</summary>
public abstract partial class ScopePageTests(WebFixture fixture)
{
    private const string Page = "/context/scope";

    private async Task<HttpClient> AdminBrowserAsync()
    {
        var browser = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = await TokenAsync(browser, "/login"),
            ["Input.Email"] = "admin@example.org", ["Input.Password"] = fixture.Factory.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return browser;
    }

    private static async Task<string> TokenAsync(HttpClient browser, string url) =>
        AntiforgeryField().Match(await browser.GetStringAsync(url)).Groups[1].Value;

    private static async Task<string> PostAsync(HttpClient browser, string form, Dictionary<string, string>? fields = null)
    {
        var values = new Dictionary<string, string>(fields ?? []) { ["_handler"] = form, ["__RequestVerificationToken"] = await TokenAsync(browser, Page) };
        var response = await browser.PostAsync(Page, new FormUrlEncodedContent(values));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        return html;
    }

    [Fact]
    public async Task The_statement_is_generated_edited_with_validation_next_to_the_field_approved_and_its_history_shown()
    {
        var browser = await AdminBrowserAsync();
        var empty = await browser.GetStringAsync(Page);
        Assert.Contains("There is no scope statement yet", empty, StringComparison.Ordinal);
        Assert.Contains("data-check=\"scope-statement-not-approved\"", empty, StringComparison.Ordinal);

        var generated = await PostAsync(browser, "generate");
        Assert.Contains("Version 1 was generated from the registers", generated, StringComparison.Ordinal);
        Assert.Contains("Never approved.", generated, StringComparison.Ordinal);
        Assert.Contains("Scope of the AI management system of Harbor Lending Group", generated, StringComparison.Ordinal);

        var refused = await PostAsync(browser, "edit-statement", new() { ["Edit.Text"] = "", ["Edit.Reason"] = "", ["expected"] = "1" });
        Assert.Matches("class=\"validation-message\"[^>]*>is required", refused);
        var tooLong = await PostAsync(browser, "edit-statement", new() { ["Edit.Text"] = new string('x', 20_001), ["expected"] = "1" });
        Assert.Contains("must be at most 20000 characters", tooLong, StringComparison.Ordinal);

        var saved = await PostAsync(browser, "edit-statement", new() { ["Edit.Text"] = "The AIMS covers consumer lending.\r\nNothing else.", ["Edit.Reason"] = "Board wording", ["expected"] = "1" });
        Assert.Contains("Version 2 was saved", saved, StringComparison.Ordinal);
        var stale = await PostAsync(browser, "edit-statement", new() { ["Edit.Text"] = "Written against version 1", ["expected"] = "1" });
        Assert.Contains("now at version 2", stale, StringComparison.Ordinal);

        // Approving is asked for: a change-scope approval request, decided in the approvals inbox.
        Assert.Contains(">Ask to approve version 2<", stale, StringComparison.Ordinal);
        var awaitingBefore = Awaiting(stale);
        var noReason = await PostAsync(browser, "approve", new() { ["version"] = "2", ["reason"] = "" });
        Assert.Contains("reason: is required", noReason, StringComparison.Ordinal);
        var asked = await browser.PostAsync(Page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "approve", ["__RequestVerificationToken"] = await TokenAsync(browser, Page), ["version"] = "2", ["reason"] = "Board wording agreed on Monday.",
        }));
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var location = asked.Headers.Location!;
        var request = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString;
        Assert.Matches("^/approvals/APR-[0-9]+$", request);
        var pending = await browser.GetStringAsync(Page);
        Assert.Contains($"href=\"{request}\"", pending, StringComparison.Ordinal);
        Assert.Contains("Never approved.", pending, StringComparison.Ordinal);
        Assert.DoesNotContain(">Ask to approve version", pending, StringComparison.Ordinal);
        Assert.Contains("<td>edited</td>", pending, StringComparison.Ordinal);
        Assert.Contains("<td>generated</td>", pending, StringComparison.Ordinal);
        Assert.Contains("Approve version 2 of the scope statement", await browser.GetStringAsync(request), StringComparison.Ordinal);

        // The navigation counts what awaits the signed-in person: not their own request, but one the AIMS lead asks.
        Assert.Equal(awaitingBefore, Awaiting(pending));
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var system = await (await lead.PostAsync("/api/v1/ai-systems", Json.Body("""{"name":"Nav count scorer","stage":"operation-and-monitoring","sourcing":"in-house","autonomy":"recommendation","oversight":"human-in-the-loop"}"""))).ReadAsync();
        var retire = await lead.PostAsync("/api/v1/approvals", Json.Body($$"""{"action":"retire-ai-system","subject":"{{system.GetProperty("reference").GetString()}}","reason":"Replaced by the new scorer."}"""));
        Assert.Equal(HttpStatusCode.Created, retire.StatusCode);
        Assert.Equal(awaitingBefore + 1, Awaiting(await browser.GetStringAsync(Page)));
    }

    private static int Awaiting(string html) =>
        AwaitingCount().Match(html) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex("data-awaiting=\"([0-9]+)\"")]
    private static partial Regex AwaitingCount();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class SqliteScopePageTests(SqliteFixture fixture) : ScopePageTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresScopePageTests(PostgresFixture fixture) : ScopePageTests(fixture), IClassFixture<PostgresFixture>;
