using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Aims.Web.Tests.Inventory;

/// <summary>The inventory and context pages through HTTP, as a browser without JavaScript would use them.</summary>
public abstract partial class InventoryPageTests(WebFixture fixture)
{
    private async Task<HttpClient> AdminAsync()
    {
        var browser = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = Token(await browser.GetStringAsync("/login"));
        var response = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Email"] = "admin@example.org", ["Input.Password"] = fixture.Factory.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    private static string Token(string html) => AntiforgeryField().Match(html).Groups[1].Value;

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string url, string handler, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = Token(await browser.GetStringAsync(url));
        return await browser.PostAsync(url, new FormUrlEncodedContent([new("_handler", handler), new("__RequestVerificationToken", token), .. fields]));
    }

    [Fact]
    public async Task The_inventory_lists_the_demo_systems_with_search_and_filters()
    {
        var browser = await AdminAsync();
        var hub = await browser.GetStringAsync("/inventory");
        Assert.Contains("AI systems", hub, StringComparison.Ordinal);
        var list = await browser.GetStringAsync("/inventory/ai-systems");
        Assert.Contains("Credit scoring", list, StringComparison.Ordinal);
        Assert.Contains("Candidate screening", list, StringComparison.Ordinal);
        // Each system shows the EU AI Act regimes of its use cases: the mood monitor was caught at intake.
        Assert.Matches("Agent mood monitor.*?<td>prohibited</td>", list.ReplaceLineEndings(" "));
        var searched = await browser.GetStringAsync("/inventory/ai-systems?q=credit");
        Assert.Contains("Credit scoring", searched, StringComparison.Ordinal);
        Assert.DoesNotContain("Candidate screening", searched, StringComparison.Ordinal);
        var filtered = await browser.GetStringAsync("/inventory/ai-systems?inScope=false");
        Assert.Contains("Developer coding assistant", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("Credit scoring", filtered, StringComparison.Ordinal);
        var bad = await browser.GetStringAsync("/inventory/ai-systems?stage=launched");
        Assert.Contains("must be one of", bad, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_system_added_through_the_form_shows_errors_next_to_the_fields_then_saves()
    {
        var browser = await AdminAsync();
        var refused = await PostFormAsync(browser, "/inventory/ai-systems/new", "save-record",
            [new("name", ""), new("stage", "deployment"), new("sourcing", "in-house"), new("autonomy", "decision"), new("oversight", "human-in-the-loop"), new("reviewEveryMonths", "12")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"field-name-error\"", html, StringComparison.Ordinal);
        Assert.Contains("is required", html, StringComparison.Ordinal);
        // Unticked "in scope" without a justification is an exclusion without a reason.
        Assert.Contains("id=\"field-scopeJustification-error\"", html, StringComparison.Ordinal);

        var saved = await PostFormAsync(browser, "/inventory/ai-systems/new", "save-record",
            [new("name", "Branch footfall forecast"), new("stage", "deployment"), new("sourcing", "in-house"), new("autonomy", "recommendation"),
             new("oversight", "human-in-the-loop"), new("inScope", "true"), new("reviewEveryMonths", "6"), new("owner", "new.owner@example.org"),
             new("operatorRoles", "provider"), new("operatorRoles", "deployer")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var location = saved.Headers.Location!.IsAbsoluteUri ? saved.Headers.Location.PathAndQuery : saved.Headers.Location.OriginalString;
        Assert.Matches("^/inventory/ai-systems/SYS-[0-9]+\\?saved=1$", location);
        var detail = await browser.GetStringAsync(location);
        Assert.Contains("Branch footfall forecast", detail, StringComparison.Ordinal);
        Assert.Contains("provider, deployer", detail, StringComparison.Ordinal);
        Assert.Contains("not a member yet: invite", detail, StringComparison.Ordinal);
        Assert.Contains("No use cases yet", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_system_page_shows_its_lineage_down_to_datasets_and_suppliers()
    {
        var browser = await AdminAsync();
        var list = await browser.GetStringAsync("/inventory/ai-systems?q=credit%20scoring");
        var reference = Regex.Match(list, "href=\"/inventory/ai-systems/(SYS-[0-9]+)\"").Groups[1].Value;
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/inventory/ai-systems/{reference}"));
        foreach (var expected in new[] { "Consumer loan decisioning", "Credit risk gradient boosting", "3.2.0", "Credit model training set v7", "Loan applications 2019–2024", "Meridian Credit Bureau" })
        {
            Assert.Contains(expected, page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_questionnaire_page_classifies_and_shows_the_articles()
    {
        var browser = await AdminAsync();
        var list = await browser.GetStringAsync("/inventory/use-cases?q=shortlisting");
        var reference = Regex.Match(list, "href=\"/inventory/use-cases/(UC-[0-9]+)\"").Groups[1].Value;
        var page = await browser.GetStringAsync($"/inventory/use-cases/{reference}/classification");
        Assert.Contains("High-risk (Art. 6(2), Annex III)", page, StringComparison.Ordinal);
        Assert.Contains("Annex III point 4(a)", page, StringComparison.Ordinal);

        var answered = await PostFormAsync(browser, $"/inventory/use-cases/{reference}/classification", "answers",
            [new("role", "deployer"), new("annexIIIPoint", "4(a)"), new("transparency", "interacts-with-people")]);
        var html = await answered.Content.ReadAsStringAsync();
        Assert.Contains("Answers saved", html, StringComparison.Ordinal);
        Assert.Contains("Transparency obligations (Art. 50)", html, StringComparison.Ordinal);
        Assert.Contains("Art. 26", html, StringComparison.Ordinal);

        var refused = await PostFormAsync(browser, $"/inventory/use-cases/{reference}/classification", "override", [new("regimes", "minimal"), new("justification", "no")]);
        Assert.Contains("justification: is required", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_registers_and_references_answer_404()
    {
        var browser = await AdminAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/inventory/spaceships")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/inventory/ai-systems/SYS-999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/context/ai-systems")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/inventory/use-cases/UC-999999/classification")).StatusCode);
        var context = await browser.GetStringAsync("/context/interested-parties");
        Assert.Contains("Central Bank", context, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class SqliteInventoryPageTests(SqliteFixture fixture) : InventoryPageTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresInventoryPageTests(PostgresFixture fixture) : InventoryPageTests(fixture), IClassFixture<PostgresFixture>;
