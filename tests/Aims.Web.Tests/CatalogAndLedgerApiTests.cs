using System.Net;
using System.Text.Json;
using static Aims.Web.Tests.Json;

namespace Aims.Web.Tests;

/// <summary>The catalog as an API user browses it, and the ledger as an auditor checks it.</summary>
public abstract class CatalogAndLedgerApiTests(WebFixture fixture)
{
    [Fact]
    public async Task Lists_the_four_frameworks_with_their_requirement_counts()
    {
        var client = await fixture.ClientAsync("board@example.org");
        var page = await (await client.GetAsync("/api/v1/catalog/frameworks")).ReadAsync();
        var counts = page.GetProperty("items").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("requirements").GetInt32());
        Assert.Equal(["eu-ai-act", "iso27001", "iso42001", "nist-ai-rmf"], counts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(112, counts["iso42001"]);
        Assert.Equal(95, counts["nist-ai-rmf"]);
    }

    [Fact]
    public async Task A_requirement_shows_its_place_in_the_tree_and_its_crosswalks_both_ways()
    {
        var client = await fixture.ClientAsync("board@example.org");
        var detail = await (await client.GetAsync("/api/v1/catalog/frameworks/iso42001/requirements/A.6.2.8")).ReadAsync();
        Assert.Equal(["A.6", "A.6.2"], detail.GetProperty("ancestors").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToArray());
        var others = detail.GetProperty("crosswalks").EnumerateArray().Select(c => c.GetProperty("other").GetString()).ToList();
        Assert.Contains("eu-ai-act:art-12", others);

        var article = await (await client.GetAsync("/api/v1/catalog/frameworks/eu-ai-act/requirements/art-12")).ReadAsync();
        Assert.Contains(article.GetProperty("crosswalks").EnumerateArray(), c => c.GetProperty("other").GetString() == "iso42001:A.6.2.8");
    }

    [Fact]
    public async Task Requirements_can_be_searched_filtered_and_paged()
    {
        var client = await fixture.ClientAsync("board@example.org");
        var controls = await (await client.GetAsync("/api/v1/catalog/frameworks/iso42001/requirements?kind=control&pageSize=10&page=4")).ReadAsync();
        Assert.Equal(38, controls.GetProperty("total").GetInt32());
        Assert.Equal(8, controls.GetProperty("items").GetArrayLength());
        var search = await (await client.GetAsync("/api/v1/catalog/frameworks/iso42001/requirements?q=EVENT%20LOGS")).ReadAsync();
        Assert.Contains(search.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetString() == "A.6.2.8");
        var children = await (await client.GetAsync("/api/v1/catalog/frameworks/iso42001/requirements?parent=6.1")).ReadAsync();
        Assert.Equal(["6.1.1", "6.1.2", "6.1.3", "6.1.4"], children.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToArray());
        await (await client.GetAsync("/api/v1/catalog/frameworks/iso42001/requirements?sort=summary")).AssertProblemAsync(400, "sort");
        var crosswalks = await (await client.GetAsync("/api/v1/catalog/crosswalks?requirement=iso42001:6.1.2")).ReadAsync();
        Assert.Contains(crosswalks.GetProperty("items").EnumerateArray(), c => c.GetProperty("to").GetString() == "iso27001:6.1.2" && c.GetProperty("relationship").GetString() == "intersects");
    }

    [Fact]
    public async Task The_ledger_verifies_and_exports_a_chain_an_auditor_can_check_offline()
    {
        var auditor = await fixture.ClientAsync("external.auditor@example.org");
        var verify = await (await auditor.GetAsync("/api/v1/ledger/verify")).ReadAsync();
        Assert.True(verify.GetProperty("intact").GetBoolean(), verify.GetRawText());
        var events = verify.GetProperty("events").GetInt64();
        Assert.True(events > 5);

        var export = await auditor.GetAsync("/api/v1/ledger/export");
        Assert.Equal("application/x-ndjson", export.Content.Headers.ContentType?.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var result = Aims.Domain.Ledger.LedgerExportFormat.VerifyFile(new MemoryStream(bytes), new Aims.Domain.Ledger.ExportTrust(null));
        Assert.True(result.Intact, result.Summary);
        Assert.True(result.Events >= events);

        var tampered = (byte[])bytes.Clone();
        var at = Array.IndexOf(tampered, (byte)'"', 200);
        tampered[at + 1] ^= 0x01;
        Assert.False(Aims.Domain.Ledger.LedgerExportFormat.VerifyFile(new MemoryStream(tampered), new Aims.Domain.Ledger.ExportTrust(null)).Intact);
    }

    [Fact]
    public async Task Ledger_events_name_people_by_id_and_times_in_utc_microseconds()
    {
        var auditor = await fixture.ClientAsync("external.auditor@example.org");
        var page = await (await auditor.GetAsync("/api/v1/ledger?sort=sequence&pageSize=5")).ReadAsync();
        var first = page.GetProperty("items")[0];
        Assert.Equal(1, first.GetProperty("sequence").GetInt64());
        Assert.Equal(Aims.Domain.Ledger.LedgerHash.Genesis, first.GetProperty("previousHash").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", first.GetProperty("at").GetString());
        foreach (var e in page.GetProperty("items").EnumerateArray())
        {
            Assert.Matches("^(person:[0-9a-f-]{36}|system:[a-z-]+)$", e.GetProperty("actor").GetString());
            Assert.DoesNotContain("@example.org", e.GetRawText(), StringComparison.Ordinal);
        }

        var one = await (await auditor.GetAsync("/api/v1/ledger/1")).ReadAsync();
        Assert.Equal(first.GetProperty("hash").GetString(), one.GetProperty("hash").GetString());
        await (await auditor.GetAsync("/api/v1/ledger/abc")).AssertProblemAsync(404);
        await (await auditor.GetAsync("/api/v1/ledger/export?from=0")).AssertProblemAsync(400, "from");
    }

    [Fact]
    public async Task The_organization_can_be_renamed_with_if_match_and_the_rename_is_in_its_history()
    {
        var admin = await fixture.ClientAsync("admin@example.org", "sandbox");
        var read = await admin.GetAsync("/api/v1/organization");
        var org = await read.ReadAsync();
        var rename = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/organization") { Content = Body("{\"name\":\"Harbor Labs Sandbox\"}") };
        rename.Headers.IfMatch.Add(read.Headers.ETag!);
        var renamed = await admin.SendAsync(rename);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        await (await admin.PatchAsync("/api/v1/organization", Body("{\"name\":\"Any valid name\"}"))).AssertProblemAsync(428, "If-Match");
        var again = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/organization") { Content = Body("{\"name\":\"x\"}") };
        again.Headers.IfMatch.Add(renamed.Headers.ETag!);
        await (await admin.SendAsync(again)).AssertProblemAsync(400, "name");

        var history = await (await admin.GetAsync($"/api/v1/history/organization/{org.GetProperty("id").GetString()}")).ReadAsync();
        var last = history.EnumerateArray().Last();
        Assert.Equal("Harbor Labs Sandbox", last.GetProperty("after").GetProperty("name").GetString());
        var viewer = await fixture.ClientAsync("board@example.org");
        await (await viewer.PatchAsync("/api/v1/organization", Body("{\"name\":\"Mine now\"}"))).AssertProblemAsync(403);
    }
}

public sealed class SqliteCatalogAndLedgerApiTests(SqliteFixture fixture) : CatalogAndLedgerApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresCatalogAndLedgerApiTests(PostgresFixture fixture) : CatalogAndLedgerApiTests(fixture), IClassFixture<PostgresFixture>;
