using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Aims.Web.Tests.Assurance;

/// <summary>The assurance pages through HTTP, as a browser without JavaScript would use them.</summary>
public abstract partial class AssurancePageTests(WebFixture fixture)
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

    private static async Task<string> PostFormAsync(HttpClient browser, string url, string handler, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = Token(await browser.GetStringAsync(url));
        var response = await browser.PostAsync(url, new FormUrlEncodedContent([new("_handler", handler), new("__RequestVerificationToken", token), .. fields]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> PageAsync(HttpClient browser, string url) => WebUtility.HtmlDecode(await browser.GetStringAsync(url));

    private static async Task<string> AssessmentAsync(HttpClient api, string framework, string title)
    {
        var created = await api.PostJsonAsync("/api/v1/assessments", new { title, framework, status = "in-progress" });
        return (await created.ReadAsync()).GetProperty("reference").GetString()!;
    }

    [Fact]
    public async Task The_worksheet_suggests_results_from_another_framework_and_carries_over_the_equal_ones()
    {
        var api = await fixture.ClientAsync("admin@example.org");
        var source = await AssessmentAsync(api, "iso27001", "ISMS internal audit");
        var evidence = "DOC-" + Guid.NewGuid().ToString("N")[..6];
        foreach (var requirement in new[] { "7.5.1", "4.1" })
        {
            var put = await api.PutAsJsonAsync($"/api/v1/assessments/{source}/results/{requirement}", new { status = "compliant", evidence }, ApiJson.Options);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var target = await AssessmentAsync(api, "iso42001", "AIMS readiness");
        var browser = await AdminAsync();
        var equal = await PageAsync(browser, $"/assurance/assessments/{target}/worksheet?q=7.5.1");
        Assert.Contains($"Suggested from iso27001:7.5.1 in {source} (equal): compliant — evidence {evidence}. Carry over to take it.", equal, StringComparison.Ordinal);
        var intersects = await PageAsync(browser, $"/assurance/assessments/{target}/worksheet?q=4.1");
        Assert.Contains($"Suggested from iso27001:4.1 in {source} (intersects): compliant — evidence {evidence}. The crosswalk relationship is intersects, which does not carry the status: it must be confirmed", intersects, StringComparison.Ordinal);
        var form = await PageAsync(browser, $"/assurance/assessments/{target}/worksheet/4.1");
        Assert.Contains($"This result confirms the suggestion from iso27001:4.1 ({source})", form, StringComparison.Ordinal);

        var carried = await PostFormAsync(browser, $"/assurance/assessments/{target}/worksheet", "worksheet-carry-over", []);
        Assert.Contains("1 requirement carried over from other frameworks", carried, StringComparison.Ordinal);
        var after = await PageAsync(browser, $"/assurance/assessments/{target}/worksheet?status=compliant");
        Assert.Contains($"carried over from iso27001:7.5.1 ({source})", after, StringComparison.Ordinal);
        Assert.DoesNotContain(">4.1<", after, StringComparison.Ordinal);
        var unassessed = await PageAsync(browser, $"/assurance/assessments/{target}/worksheet?status=unassessed&q=4.1");
        Assert.Contains("must be confirmed", unassessed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_requirement_form_shows_the_rule_next_to_the_status_and_the_gap_section_refuses_a_nonconformity_before_operation()
    {
        var api = await fixture.ClientAsync("admin@example.org");
        var assessment = await AssessmentAsync(api, "iso42001", "Refusals");
        var browser = await AdminAsync();
        var url = $"/assurance/assessments/{assessment}/worksheet/6.2";
        var refused = await PostFormAsync(browser, url, "assess-requirement", [new("status", "compliant"), new("inPlace", "true"), new("working", "false"), new("documented", "")]);
        Assert.Matches("id=\"status-error\" class=\"validation-message\">a requirement is compliant only when it is in place, working and documented", refused);
        Assert.Contains("aria-invalid=\"true\"", refused, StringComparison.Ordinal);

        var token = Token(await browser.GetStringAsync(url));
        var saved = await browser.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "assess-requirement", ["__RequestVerificationToken"] = token, ["status"] = "not-compliant", ["notes"] = "No objectives yet.",
        }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var worksheet = await PageAsync(browser, saved.Headers.Location!.OriginalString);
        var gap = Regex.Match(worksheet, "6\\.2 saved as not-compliant: gap (GAP-[0-9]+) is open, predicted major nonconformity").Groups[1].Value;
        Assert.NotEmpty(gap);

        // The demo's AIMS operates; an organization whose AIMS does not operate yet has gaps, not nonconformities.
        var plan = await api.GetAsync("/api/v1/certification-plan");
        var notOperating = new HttpRequestMessage(HttpMethod.Put, "/api/v1/certification-plan") { Content = Json.Body("""{"aimsOperatingSince":null,"internalAuditReport":"","managementReviewReport":""}""") };
        notOperating.Headers.TryAddWithoutValidation("If-Match", plan.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(notOperating)).StatusCode);
        var page = await PostFormAsync(browser, $"/assurance/gaps/{gap}", "gap-nonconformity", []);
        Assert.Contains("Not raised: gaps found before the AIMS operates are gaps, not nonconformities", page, StringComparison.Ordinal);
        Assert.Contains("6.2: No measurable AI objectives → major nonconformity when not compliant", page, StringComparison.Ordinal);

        var matrix = await PostFormAsync(browser, "/assurance/gap-matrix", "gap-matrix",
            [new("version", "0"), new("count", "1"), new("rule-0-requirement", "6.2"), new("rule-0-finding", ""), new("rule-0-not", "major-nonconformity"),
             new("rule-0-partial", "minor-nonconformity"), new("rule-0-impact", ""), new("rule-0-min", "2"), new("rule-0-max", "1"),
             new("weight-inherentRisk", "25"), new("weight-regulatoryExposure", "25"), new("weight-customerTrust", "25"), new("weight-complexity", "25")]);
        Assert.Contains("Not adopted: correct what is marked below.", matrix, StringComparison.Ordinal);
        Assert.Contains("rule 1: finding is required", matrix, StringComparison.Ordinal);
        Assert.Contains("rule 1: remediation weeks must satisfy 0 ≤ min ≤ max ≤ 104", matrix, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class SqliteAssurancePageTests(SqliteFixture fixture) : AssurancePageTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresAssurancePageTests(PostgresFixture fixture) : AssurancePageTests(fixture), IClassFixture<PostgresFixture>;
