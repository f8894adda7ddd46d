using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Aims.Web.Tests.Evidence;

/// <summary>The evidence pages through HTTP, as a browser without JavaScript: the streaming upload form and its antiforgery check.</summary>
public abstract partial class EvidencePageTests(WebFixture fixture)
{
    private async Task<HttpClient> LeadAsync()
    {
        var browser = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = Token(await browser.GetStringAsync("/login")), ["Input.Email"] = "admin@example.org",
            ["Input.Password"] = fixture.Factory.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    private static string Token(string html) => AntiforgeryField().Match(html).Groups[1].Value;

    private static MultipartFormDataContent Form(string? token, byte[] file, string fileName, params (string, string)[] fields)
    {
        var form = new MultipartFormDataContent();
        if (token is not null)
        {
            form.Add(new StringContent(token), "__RequestVerificationToken");
        }

        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        form.Add(new ByteArrayContent(file), "file", fileName);
        return form;
    }

    private async Task<int> TotalAsync() =>
        (await (await (await fixture.ClientAsync("admin@example.org")).GetAsync("/api/v1/evidence?pageSize=1")).ReadAsync()).GetProperty("total").GetInt32();

    [Fact]
    public async Task The_upload_form_streams_to_the_endpoint_and_lands_on_the_new_item()
    {
        var browser = await LeadAsync();
        var page = await browser.GetStringAsync("/evidence/new?control=A.5.3");
        Assert.Contains("enctype=\"multipart/form-data\"", page, StringComparison.Ordinal);
        Assert.Contains("action=\"/evidence/upload\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"A.5.3\"", page, StringComparison.Ordinal);
        var response = await browser.PostAsync("/evidence/upload", Form(Token(page), Encoding.UTF8.GetBytes("Impact review minutes\n"), "minutes.txt",
            ("title", "Impact review minutes"), ("controls", "A.5.3"), ("validUntil", "2099-01-01")));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Matches("^/evidence/EV-[0-9]+\\?saved=1$", location);
        var item = WebUtility.HtmlDecode(await browser.GetStringAsync(location));
        Assert.Contains("Impact review minutes", item, StringComparison.Ordinal);
        Assert.Contains("text/plain", item, StringComparison.Ordinal);
        Assert.Contains("iso42001:A.5.3", item, StringComparison.Ordinal);
        var reference = Regex.Match(location, "EV-[0-9]+").Value;
        var download = await browser.GetAsync($"/evidence/{reference}/versions/1/download");
        Assert.Equal("Impact review minutes\n", await download.Content.ReadAsStringAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task An_upload_without_a_valid_antiforgery_token_or_with_a_bad_file_saves_nothing()
    {
        var browser = await LeadAsync();
        var before = await TotalAsync();
        var missing = await browser.PostAsync("/evidence/upload", Form(null, Encoding.UTF8.GetBytes("x\n"), "x.txt", ("title", "No token")));
        await missing.AssertProblemAsync(400);
        var forged = await browser.PostAsync("/evidence/upload", Form("CfDJ8forged", Encoding.UTF8.GetBytes("x\n"), "x.txt", ("title", "Forged token")));
        await forged.AssertProblemAsync(400);

        // A refused file goes back to the form with the message next to the field and the values kept.
        var token = Token(await browser.GetStringAsync("/evidence/new"));
        var refused = await browser.PostAsync("/evidence/upload", Form(token, Encoding.UTF8.GetBytes("x\n"), "../x.txt", ("title", "Path in the name")));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var form = WebUtility.HtmlDecode(await browser.GetStringAsync(refused.Headers.Location!.ToString()));
        Assert.Contains("id=\"ev-file-name-error\"", form, StringComparison.Ordinal);
        Assert.Contains("without a path", form, StringComparison.Ordinal);
        Assert.Contains("value=\"Path in the name\"", form, StringComparison.Ordinal);
        // The state in the address is protected: a changed one shows an empty form.
        var tampered = WebUtility.HtmlDecode(await browser.GetStringAsync("/evidence/new?form=CfDJ8tampered"));
        Assert.DoesNotContain("ev-file-name-error", tampered, StringComparison.Ordinal);
        Assert.Equal(before, await TotalAsync());

        // A page without the sign-in cookie is not an upload endpoint for anyone.
        var anonymous = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var refusedAnonymous = await anonymous.PostAsync("/evidence/upload", Form(token, Encoding.UTF8.GetBytes("x\n"), "x.txt", ("title", "Anonymous")));
        Assert.False(refusedAnonymous.IsSuccessStatusCode);
        Assert.DoesNotContain("/evidence/EV-", refusedAnonymous.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(before, await TotalAsync());
    }

    [Fact]
    public async Task The_list_page_filters_by_freshness_and_shows_the_owners_reminders()
    {
        var browser = await LeadAsync();
        var expired = WebUtility.HtmlDecode(await browser.GetStringAsync("/evidence?freshness=expired"));
        Assert.Contains("data-freshness=\"expired\"", expired, StringComparison.Ordinal);
        Assert.DoesNotContain("data-freshness=\"current\"", expired, StringComparison.Ordinal);
        var none = WebUtility.HtmlDecode(await browser.GetStringAsync("/evidence?q=no-such-evidence-anywhere"));
        Assert.Contains("No evidence matches these filters", none, StringComparison.Ordinal);
        var csv = await browser.GetStringAsync("/evidence/export.csv?freshness=expired");
        Assert.StartsWith("reference,title,kind,owner,freshness", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",current,", csv, StringComparison.Ordinal);
        var requests = WebUtility.HtmlDecode(await browser.GetStringAsync("/evidence/requests"));
        Assert.Contains("Event log extract of the scoring service", requests, StringComparison.Ordinal);
        var control = WebUtility.HtmlDecode(await browser.GetStringAsync("/assurance/soa/A.7.4"));
        Assert.Contains("Data quality dashboard export", control, StringComparison.Ordinal);
        Assert.Contains("evidence expired", control, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class SqliteEvidencePageTests(SqliteFixture fixture) : EvidencePageTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresEvidencePageTests(PostgresFixture fixture) : EvidencePageTests(fixture), IClassFixture<PostgresFixture>;
