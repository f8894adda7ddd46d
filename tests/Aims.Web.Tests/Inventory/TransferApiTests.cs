using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using static Aims.Web.Tests.Json;

namespace Aims.Web.Tests.Inventory;

/// <summary>Inventory export, templates and import through the API and the transfer page.</summary>
public abstract partial class TransferApiTests(WebFixture fixture)
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>High reference numbers so the file never collides with records other tests or the demo add.</summary>
    private const string Inventory = """
        {"format":"aims-inventory","version":1,"organization":"demo",
         "suppliers":[{"reference":"SUP-7001","name":"Bureau data ltd"}],
         "datasets":[{"reference":"DS-7002","name":"Clean applications","derivedFrom":["DS-7001"]},
                     {"reference":"DS-7001","name":"Raw applications","owner":"new.steward@example.org","supplier":"SUP-7001","personalData":true}],
         "ai-systems":[{"reference":"SYS-7001","name":"Credit scoring","owner":"control.owner@example.org","stage":"deployment","sourcing":"in-house",
                        "autonomy":"recommendation","oversight":"human-in-the-loop","operatorRoles":["provider"],"suppliers":["SUP-7001"]}],
         "use-cases":[{"reference":"UC-7001","aiSystem":"SYS-7001","name":"Consumer loans"}]}
        """;

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static async Task<byte[]> ExportAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/inventory/export?" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<HttpClient> ImportedAsync()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var response = await lead.PostAsync("/api/v1/inventory/import", Body(Inventory));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return lead;
    }

    [Fact]
    public async Task An_imported_inventory_is_exported_with_references_stable_bytes_and_the_right_file_types()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var result = await (await lead.PostAsync("/api/v1/inventory/import", Body(Inventory))).ReadAsync();
        Assert.True(result.GetProperty("created").GetInt32() + result.GetProperty("unchanged").GetInt32() == 5, result.ToString());
        Assert.Contains("new.steward@example.org", result.GetProperty("peopleToInvite").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("control.owner@example.org", result.GetProperty("peopleToInvite").EnumerateArray().Select(e => e.GetString()));

        var json = await ExportAsync(lead, "format=json");
        Assert.Equal(json, await ExportAsync(lead, "format=json"));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("aims-inventory", doc.RootElement.GetProperty("format").GetString());
        var system = doc.RootElement.GetProperty("ai-systems").EnumerateArray().Single(s => s.GetProperty("reference").GetString() == "SYS-7001");
        Assert.Equal("control.owner@example.org", system.GetProperty("owner").GetString());
        Assert.Equal(["SUP-7001"], system.GetProperty("suppliers").EnumerateArray().Select(e => e.GetString()));
        Assert.False(system.TryGetProperty("id", out _));
        var datasets = doc.RootElement.GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("reference").GetString()).ToList();
        Assert.True(datasets.IndexOf("DS-7001") < datasets.IndexOf("DS-7002"), "sorted by reference");
        Assert.Equal(["DS-7001"], doc.RootElement.GetProperty("datasets").EnumerateArray()
            .Single(d => d.GetProperty("reference").GetString() == "DS-7002").GetProperty("derivedFrom").EnumerateArray().Select(e => e.GetString()));

        Assert.Equal(await ExportAsync(lead, "format=xlsx"), await ExportAsync(lead, "format=xlsx"));
        var xlsx = await lead.GetAsync("/api/v1/inventory/export?format=xlsx");
        Assert.Equal(Xlsx, xlsx.Content.Headers.ContentType?.MediaType);

        var csv = Encoding.UTF8.GetString(await ExportAsync(lead, "format=csv"));
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("reference,name,purpose,", lines[0], StringComparison.Ordinal);
        Assert.Single(lines, l => l.StartsWith("SYS-7001,Credit scoring,", StringComparison.Ordinal));
        var useCases = Encoding.UTF8.GetString(await ExportAsync(lead, "format=csv&entity=use-cases"));
        Assert.Contains("UC-7001,SYS-7001,Consumer loans", useCases, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing_and_a_changed_row_updates_its_record()
    {
        var lead = await ImportedAsync();
        var again = await (await lead.PostAsync("/api/v1/inventory/import", Body(Inventory))).ReadAsync();
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(0, again.GetProperty("updated").GetInt32());

        var csv = "reference,name,stage,sourcing,autonomy,oversight\r\nSYS-7001,Credit scoring v2,operation-and-monitoring,in-house,recommendation,human-in-the-loop\r\n";
        var changed = await (await lead.PostAsync("/api/v1/inventory/import?entity=systems", Csv(csv))).ReadAsync();
        Assert.Equal(1, changed.GetProperty("updated").GetInt32());
        var system = await (await lead.GetAsync("/api/v1/ai-systems/SYS-7001")).ReadAsync();
        Assert.Equal("Credit scoring v2", system.GetProperty("name").GetString());
        Assert.Equal("control.owner@example.org", system.GetProperty("owner").GetString()); // a column not in the file is kept
    }

    [Theory]
    [InlineData("reference,name,stage,sourcing,autonomy,oversight\r\nSYS-7101,A,deployment,in-house,recommendation,human-in-the-loop\r\nSYS-7102,\"B,deployment,in-house,recommendation,human-in-the-loop\r\n",
        "ai-systems", "ai-systems.csv line 3", "name", "quote")]
    [InlineData("reference,name,stage,sourcing,autonomy\r\nSYS-7101,A,deployment,in-house,recommendation\r\n", "ai-systems", "ai-systems.csv line 1", "oversight", "required column")]
    [InlineData("reference,name,stage,sourcing,autonomy,oversight\r\nSYS-7101,A,deployment,in-house,recommendation,human-in-the-loop\r\nSYS-7102,B,launched,in-house,recommendation,human-in-the-loop\r\n",
        "ai-systems", "ai-systems.csv line 3", "stage", "must be one of")]
    [InlineData("reference,name,stage,sourcing,autonomy,oversight\r\nSYS-7001,Credit scoring,retirement,in-house,recommendation,human-in-the-loop\r\n",
        "ai-systems", "ai-systems.csv line 2", "stage", "retire-ai-system")]
    [InlineData("reference,aiSystem,name\r\nUC-7101,SYS-999999,Orphan\r\n", "use-cases", "use-cases.csv line 2", "aiSystem", "not an AI system of this organization")]
    [InlineData("reference,name,derivedFrom\r\nDS-7101,Left,DS-7102\r\nDS-7102,Right,DS-7101\r\n", "datasets", "datasets.csv line ", "derivedFrom", "cycle")]
    public async Task A_refused_file_names_line_column_and_rule_and_changes_nothing(string csv, string entity, string line, string column, string rule)
    {
        var lead = await ImportedAsync();
        var before = await ExportAsync(lead, "format=json");
        var problem = await (await lead.PostAsync($"/api/v1/inventory/import?entity={entity}", Csv(csv))).AssertProblemAsync(400);
        var errors = problem.GetProperty("errors").EnumerateObject().ToList();
        Assert.True(errors.Any(e => e.Name.StartsWith(line, StringComparison.Ordinal) && e.Name.EndsWith(": " + column, StringComparison.Ordinal)
            && e.Value[0].GetString()!.Contains(rule, StringComparison.Ordinal)), $"expected '{line}…: {column}' with '{rule}': {problem}");
        Assert.Equal(before, await ExportAsync(lead, "format=json"));
    }

    [Fact]
    public async Task A_use_case_cannot_point_at_another_organizations_system()
    {
        var lead = await ImportedAsync();
        var foreign = await Json.ForeignSystemAsync(fixture);
        var before = await ExportAsync(lead, "format=json");
        var problem = await (await lead.PostAsync("/api/v1/inventory/import?entity=use-cases", Csv($"aiSystem,name\r\n{foreign},Borrowed\r\n")))
            .AssertProblemAsync(400, "use-cases.csv line 2: aiSystem");
        Assert.Contains("not an AI system of this organization", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(before, await ExportAsync(lead, "format=json"));
    }

    [Fact]
    public async Task Multipart_uploads_templates_larger_bodies_and_permissions()
    {
        var lead = await ImportedAsync();
        var template = await lead.GetAsync("/api/v1/inventory/template?format=csv&entity=suppliers");
        Assert.Equal("text/csv", template.Content.Headers.ContentType?.MediaType);
        Assert.Equal("reference,name,supplies,contractReference,responsibilities,lastReviewedOn\r\n", await template.Content.ReadAsStringAsync());
        var xlsxTemplate = await lead.GetAsync("/api/v1/inventory/template?format=xlsx");
        Assert.Equal(Xlsx, xlsxTemplate.Content.Headers.ContentType?.MediaType);

        // Over the API's usual 1 MiB: an import may be larger.
        var rows = new StringBuilder("reference,name,supplies\r\n");
        for (var i = 0; i < 3000; i++)
        {
            rows.Append(CultureInfoInvariant($"SUP-{8000 + i},Vendor {i},{new string('x', 400)}\r\n"));
        }

        Assert.True(rows.Length > 1024 * 1024);
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(rows.ToString())) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "file", "suppliers.csv");
        var imported = await (await lead.PostAsync("/api/v1/inventory/import", form)).ReadAsync();
        Assert.Equal(3000, imported.GetProperty("created").GetInt32() + imported.GetProperty("unchanged").GetInt32());

        await (await lead.GetAsync("/api/v1/inventory/export?format=pdf")).AssertProblemAsync(400, "format");
        await (await lead.GetAsync("/api/v1/inventory/export?format=csv&entity=risks")).AssertProblemAsync(400, "entity");
        await (await lead.PostAsync("/api/v1/inventory/import", new StringContent("x", Encoding.UTF8, "text/plain"))).AssertProblemAsync(415);
        await (await lead.PostAsync("/api/v1/inventory/import", Body("{\"format\":\"other\",\"version\":1}"))).AssertProblemAsync(400, "file: format");
        var board = await fixture.ClientAsync("board@example.org");
        Assert.Equal(HttpStatusCode.OK, (await board.GetAsync("/api/v1/inventory/export?format=json")).StatusCode);
        await (await board.PostAsync("/api/v1/inventory/import", Body(Inventory))).AssertProblemAsync(403);
    }

    [Fact]
    public async Task The_page_offers_downloads_and_shows_the_rows_an_upload_got_wrong()
    {
        await ImportedAsync();
        var browser = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = AntiforgeryField().Match(await browser.GetStringAsync("/login")).Groups[1].Value;
        await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = login, ["Input.Email"] = "admin@example.org", ["Input.Password"] = fixture.Factory.DemoPassword,
        }));
        var html = await browser.GetStringAsync("/inventory/transfer");
        Assert.Contains("/inventory/transfer/download?format=xlsx", html, StringComparison.Ordinal);
        var download = await browser.GetAsync("/inventory/transfer/download?format=csv&entity=use-cases");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Contains("UC-7001", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var form = new MultipartFormDataContent
        {
            { new StringContent("import"), "_handler" },
            { new StringContent(AntiforgeryField().Match(html).Groups[1].Value), "__RequestVerificationToken" },
            { new StringContent(""), "entity" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("reference,name\r\nSUP-7001,\r\n")), "file", "suppliers.csv" },
        };
        var refused = await browser.PostAsync("/inventory/transfer", form);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.OK, page);
        Assert.Contains("suppliers.csv line 2", page, StringComparison.Ordinal);
        Assert.Contains("is required", page, StringComparison.Ordinal);
    }

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class SqliteTransferApiTests(SqliteFixture fixture) : TransferApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresTransferApiTests(PostgresFixture fixture) : TransferApiTests(fixture), IClassFixture<PostgresFixture>;
