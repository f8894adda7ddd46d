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
        // Asking is open to writers; the approval request is decided by the roles of the boundary.
        var page = await contributor.GetStringAsync("/assurance/soa/versions");
        Assert.Contains("Ask to approve this SoA as a new version", page, StringComparison.Ordinal);
        var asked = await PostFormAsync(contributor, "/assurance/soa/versions", new() { ["_handler"] = "approve-soa", ["note"] = "Ready for the Stage 1 review." });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var request = asked.Headers.Location!.AbsolutePath;
        Assert.StartsWith("/approvals/APR-", request, StringComparison.Ordinal);
        var version = Regex.Match(await contributor.GetStringAsync(request), "name=\"version\" value=\"(\\d+)\"").Groups[1].Value;
        var refused = await PostFormAsync(contributor, request, new()
        {
            ["_handler"] = "decide", ["version"] = version, ["verdict"] = "approve", ["rationale"] = "I think it is ready to go.",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("This request is decided by AIMS lead or Administrator; you are Contributor.", html, StringComparison.Ordinal);
        Assert.Contains("data-rule", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_action_plan_groups_actions_by_phase_owner_and_due_date_and_marks_the_overdue_ones()
    {
        var api = await fixture.ClientAsync("aims.lead@example.org");
        var late = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var created = await (await api.PostJsonAsync("/api/v1/actions", new
        {
            title = "Board approves the AI objectives", owner = "board@example.org", dueOn = late, status = "in-progress", phase = "process-hardening",
        })).ReadAsync();
        var reference = created.GetProperty("reference").GetString()!;
        var admin = await SignedInAsync("admin@example.org", fixture.Factory.DemoPassword);

        string Section(string html, string group) =>
            Regex.Match(html, $"<section class=\"board-column\"[^>]*data-group=\"{Regex.Escape(group)}\">(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;
        string Card(string section) => Regex.Match(section, $"<li class=\"([^\"]*)\">\\s*<a href=\"/assurance/actions/{reference}\">(.*?)</li>", RegexOptions.Singleline).Value;

        var byPhase = await admin.GetStringAsync("/assurance/action-plan");
        Assert.NotEmpty(Card(Section(byPhase, "process-hardening")));
        Assert.Empty(Card(Section(byPhase, "documentation")));
        Assert.Contains("board-card overdue", Card(Section(byPhase, "process-hardening")), StringComparison.Ordinal);

        var byDue = await admin.GetStringAsync("/assurance/action-plan?group=due");
        Assert.Contains("overdue</strong>", Card(Section(byDue, "overdue")), StringComparison.Ordinal);
        var byOwner = await admin.GetStringAsync("/assurance/action-plan?group=owner");
        Assert.NotEmpty(Card(Section(byOwner, "board@example.org")));

        // Done, it leaves the open plan and is no longer overdue when shown with the closed ones.
        var done = await api.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/actions/{reference}")
        {
            Content = Json.Body($$"""{"status":"done","completedOn":"{{late}}","closureEvidence":"Board minutes 2026-11"}"""),
            Headers = { { "If-Match", $"\"{created.GetProperty("version").GetInt64()}\"" } },
        });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Empty(Card(await admin.GetStringAsync("/assurance/action-plan")));
        var withClosed = await admin.GetStringAsync("/assurance/action-plan?group=due&closed=true");
        Assert.Empty(Card(Section(withClosed, "overdue")));
        Assert.DoesNotContain("overdue", Card(Section(withClosed, "closed")), StringComparison.Ordinal);
        Assert.NotEmpty(Card(Section(withClosed, "closed")));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class SqliteSoaPagesTests(SqliteFixture fixture) : SoaPagesTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresSoaPagesTests(PostgresFixture fixture) : SoaPagesTests(fixture), IClassFixture<PostgresFixture>;
