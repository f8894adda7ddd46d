using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using static Aims.Web.Tests.Json;

namespace Aims.Web.Tests.Evidence;

/// <summary>The evidence vault through the API on each database: uploads, downloads, versions, links, freshness and requests.</summary>
public abstract class EvidenceApiTests(WebFixture fixture)
{
    public static readonly byte[] PdfBytes = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];

    public static MultipartFormDataContent Upload(byte[] bytes, string fileName, string? declared, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(bytes);
        if (declared is not null)
        {
            file.Headers.ContentType = new MediaTypeHeaderValue(declared);
        }

        form.Add(file, "file", fileName);
        return form;
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private async Task<int> TotalAsync(HttpClient client) => (await (await client.GetAsync("/api/v1/evidence?pageSize=1")).ReadAsync()).GetProperty("total").GetInt32();

    [Fact]
    public async Task A_file_is_streamed_hashed_typed_from_its_bytes_and_comes_back_as_an_attachment_with_every_version_kept()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var created = await lead.PostAsync("/api/v1/evidence", Upload(PdfBytes, "model-card.pdf", "application/pdf",
            ("title", "Model card of the credit-scoring model"), ("owner", "ml.engineer@example.org"), ("sourceSystem", "MLflow"), ("validUntil", "2099-12-31"), ("controls", "A.6.2.8")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var item = await created.ReadAsync();
        var reference = item.GetProperty("reference").GetString()!;
        Assert.StartsWith("EV-", reference, StringComparison.Ordinal);
        Assert.Equal(Sha(PdfBytes), item.GetProperty("sha256").GetString());
        Assert.Equal(PdfBytes.Length, item.GetProperty("size").GetInt64());
        Assert.Equal("application/pdf", item.GetProperty("contentType").GetString());
        Assert.Equal("ml.engineer@example.org", item.GetProperty("owner").GetString());
        Assert.Equal("current", item.GetProperty("freshness").GetString());
        Assert.Equal("iso42001:A.6.2.8", item.GetProperty("links")[0].GetProperty("target").GetString());
        // One item serves other frameworks through the catalog's crosswalks.
        Assert.Contains(item.GetProperty("alsoCovers").EnumerateArray(), c => c.GetProperty("requirement").GetString() == "eu-ai-act:art-12");

        var download = await lead.GetAsync($"/api/v1/evidence/{reference}/content");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(PdfBytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("model-card.pdf", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());

        // A new version needs If-Match; the old one stays downloadable, byte for byte.
        await (await lead.PostAsync($"/api/v1/evidence/{reference}/versions", Upload(PngBytes, "chart.png", "image/png"))).AssertProblemAsync(428, "If-Match");
        var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/evidence/{reference}/versions") { Content = Upload(PngBytes, "chart.png", "image/png") };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"999\"");
        await (await lead.SendAsync(stale)).AssertProblemAsync(412, "If-Match");
        var next = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/evidence/{reference}/versions") { Content = Upload(PngBytes, "chart.png", "image/png", ("note", "Chart of the evaluation")) };
        next.Headers.TryAddWithoutValidation("If-Match", $"\"{item.GetProperty("version").GetInt64()}\"");
        var second = await (await lead.SendAsync(next)).ReadAsync();
        Assert.Equal(2, second.GetProperty("contentVersion").GetInt32());
        Assert.Equal("image/png", second.GetProperty("contentType").GetString());
        var versions = (await (await lead.GetAsync($"/api/v1/evidence/{reference}/versions")).ReadAsync()).EnumerateArray().ToList();
        Assert.Equal([2, 1], versions.Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal(Sha(PdfBytes), versions[1].GetProperty("sha256").GetString());
        Assert.Equal(PdfBytes, await (await lead.GetAsync($"/api/v1/evidence/{reference}/versions/1/content")).Content.ReadAsByteArrayAsync());
        Assert.Equal(PngBytes, await (await lead.GetAsync($"/api/v1/evidence/{reference}/content")).Content.ReadAsByteArrayAsync());

        // Every change is in the item's history.
        var history = await (await lead.GetAsync($"/api/v1/history/evidence-item/{item.GetProperty("id").GetString()}")).ReadAsync();
        var actions = history.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal("create", actions[0]);
        Assert.Contains("update", actions);
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("after").GetRawText().Contains(Sha(PngBytes), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Patching_changes_the_description_not_the_content_and_needs_if_match()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var item = await (await lead.PostAsync("/api/v1/evidence", Body("""{"title":"Bias audit","url":"https://audit.example.org/bias"}"""))).ReadAsync();
        var url = $"/api/v1/evidence/{item.GetProperty("reference").GetString()}";
        HttpRequestMessage Patch(string json, string? etag) => new(HttpMethod.Patch, url) { Content = Body(json), Headers = { { "If-Match", etag ?? "" } } };
        await (await lead.SendAsync(new HttpRequestMessage(HttpMethod.Patch, url) { Content = Body("""{"title":"x"}""") })).AssertProblemAsync(428, "If-Match");
        var etag = $"\"{item.GetProperty("version").GetInt64()}\"";
        await (await lead.SendAsync(Patch("""{"owner":"nobody@example.net"}""", etag))).AssertProblemAsync(400, "owner");
        await (await lead.SendAsync(Patch("""{"validUntil":"2000-01-01"}""", etag))).AssertProblemAsync(400, "validUntil");
        await (await lead.SendAsync(Patch("""{"title":""}""", etag))).AssertProblemAsync(400, "title");
        var changed = await (await lead.SendAsync(Patch("""{"title":"Bias audit 2026","owner":"control.owner@example.org","validUntil":"2099-01-01"}""", etag))).ReadAsync();
        Assert.Equal("Bias audit 2026", changed.GetProperty("title").GetString());
        Assert.Equal("control.owner@example.org", changed.GetProperty("owner").GetString());
        Assert.Equal(1, changed.GetProperty("contentVersion").GetInt32());
        Assert.Equal("https://audit.example.org/bias", changed.GetProperty("url").GetString());
        await (await lead.SendAsync(Patch("""{"title":"Stale"}""", etag))).AssertProblemAsync(412, "If-Match");
    }

    [Fact]
    public async Task Active_content_is_never_served_as_itself()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><script>alert(1)</script></html>");
        var item = await (await lead.PostAsync("/api/v1/evidence", Upload(html, "page.html", "text/html", ("title", "Saved web page")))).ReadAsync();
        Assert.Equal("text/html", item.GetProperty("contentType").GetString());
        var download = await lead.GetAsync($"/api/v1/evidence/{item.GetProperty("reference").GetString()}/content");
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_uploads_are_refused_naming_the_rule_and_save_nothing()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var before = await TotalAsync(lead);
        var mismatch = await (await lead.PostAsync("/api/v1/evidence", Upload(PngBytes, "report.pdf", "application/pdf", ("title", "Not a PDF")))).AssertProblemAsync(415, "file");
        Assert.Contains("image/png", mismatch.GetRawText(), StringComparison.Ordinal);
        await (await lead.PostAsync("/api/v1/evidence", Upload([], "empty.txt", "text/plain", ("title", "Empty")))).AssertProblemAsync(400, "file");
        await (await lead.PostAsync("/api/v1/evidence", Upload(PdfBytes, "../../etc/passwd", "application/pdf", ("title", "Path")))).AssertProblemAsync(400, "fileName");
        await (await lead.PostAsync("/api/v1/evidence", Upload(PdfBytes, "reports\\q3.pdf", "application/pdf", ("title", "Path")))).AssertProblemAsync(400, "fileName");
        await (await lead.PostAsync("/api/v1/evidence", Upload(PdfBytes, "ok.pdf", "application/pdf", ("title", "")))).AssertProblemAsync(400, "title");
        await (await lead.PostAsync("/api/v1/evidence", Upload(PdfBytes, "ok.pdf", "application/pdf", ("title", "Dates"), ("validUntil", "31/12/2030")))).AssertProblemAsync(400, "validUntil");
        await (await lead.PostAsync("/api/v1/evidence", Upload(PdfBytes, "ok.pdf", "application/pdf", ("title", "Owner"), ("owner", "stranger@example.net")))).AssertProblemAsync(400, "owner");
        await (await lead.PostAsync("/api/v1/evidence", Upload(PdfBytes, "ok.pdf", "application/pdf", ("title", "Control"), ("controls", "A.99.9")))).AssertProblemAsync(400, "controls");
        await (await lead.PostAsync("/api/v1/evidence", Body("""{"title":"Link","url":"javascript:alert(1)"}"""))).AssertProblemAsync(400, "url");
        await (await lead.PostAsync("/api/v1/evidence", Body("""{"title":"Nothing"}"""))).AssertProblemAsync(400, "file");
        await (await lead.PostAsync("/api/v1/evidence", Body("""{"title":"Unknown","colour":"red"}"""))).AssertProblemAsync(400);
        var plain = new StringContent("just text", Encoding.UTF8, "text/plain");
        await (await lead.PostAsync("/api/v1/evidence", plain)).AssertProblemAsync(415);
        Assert.Equal(before, await TotalAsync(lead));

        var viewer = await fixture.ClientAsync("board@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/v1/evidence", Upload(PdfBytes, "ok.pdf", "application/pdf", ("title", "Viewer")))).StatusCode);
        Assert.Equal(before, await TotalAsync(lead));
    }

    [Fact]
    public async Task An_upload_over_the_configured_limit_answers_413()
    {
        await using var small = fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Evidence:MaxUploadBytes", "1000"));
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var client = small.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = lead.DefaultRequestHeaders.Authorization;
        var before = await TotalAsync(lead);
        var big = new byte[5000];
        Array.Fill(big, (byte)'a');
        var problem = await (await client.PostAsync("/api/v1/evidence", Upload(big, "big.txt", "text/plain", ("title", "Too big")))).AssertProblemAsync(413, "file");
        Assert.Contains("1000", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(before, await TotalAsync(lead));
    }

    [Fact]
    public async Task Links_reach_records_of_this_organization_only_and_can_be_removed()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var item = await (await lead.PostAsync("/api/v1/evidence", Body("""{"title":"Data quality dashboard","url":"https://dq.example.org/board/7","controls":["A.7.4"]}"""))).ReadAsync();
        var reference = item.GetProperty("reference").GetString();
        Assert.Equal("link", item.GetProperty("kind").GetString());
        var risk = (await (await lead.GetAsync("/api/v1/risks?pageSize=1")).ReadAsync()).GetProperty("items")[0].GetProperty("reference").GetString();
        var linked = await (await lead.PostJsonAsync($"/api/v1/evidence/{reference}/links", new { type = "risk", target = risk })).ReadAsync();
        Assert.Equal(risk, linked.GetProperty("target").GetString());
        await (await lead.PostJsonAsync($"/api/v1/evidence/{reference}/links", new { type = "risk", target = risk })).AssertProblemAsync(409);
        await (await lead.PostJsonAsync($"/api/v1/evidence/{reference}/links", new { type = "requirement", target = "nist-ai-rmf:NOPE-9" })).AssertProblemAsync(400, "target");
        await (await lead.PostAsync($"/api/v1/evidence/{reference}/links", Body("""{"type":"spaceship","target":"X"}"""))).AssertProblemAsync(400);

        // A risk that exists only in the sandbox cannot be linked from the demo.
        var sandbox = await fixture.ClientAsync("aims.lead@example.org", "sandbox");
        var demoRisks = (await (await lead.GetAsync("/api/v1/risks?pageSize=200")).ReadAsync()).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("reference").GetString()).ToHashSet();
        string foreign;
        do
        {
            var created = await (await sandbox.PostAsync("/api/v1/risks", Body("""{"title":"Sandbox risk","dimension":"data-quality","inherentLikelihood":2,"inherentImpact":2,"treatment":"modify","annexAControls":["A.7.3"]}"""))).ReadAsync();
            Assert.True(created.TryGetProperty("reference", out var made), created.GetRawText());
            foreign = made.GetString()!;
        }
        while (demoRisks.Contains(foreign));

        var refused = await (await lead.PostJsonAsync($"/api/v1/evidence/{reference}/links", new { type = "risk", target = foreign })).AssertProblemAsync(400, "target");
        Assert.Contains("of this organization", refused.GetRawText(), StringComparison.Ordinal);

        var remove = await lead.DeleteAsync($"/api/v1/evidence/{reference}/links/{linked.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        var after = await (await lead.GetAsync($"/api/v1/evidence/{reference}")).ReadAsync();
        Assert.DoesNotContain(after.GetProperty("links").EnumerateArray(), l => l.GetProperty("target").GetString() == risk);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.DeleteAsync($"/api/v1/evidence/{reference}/links/{Guid.NewGuid()}")).StatusCode);

        // The list filters by control.
        var byControl = await (await lead.GetAsync("/api/v1/evidence?control=A.7.4&pageSize=200")).ReadAsync();
        Assert.Contains(byControl.GetProperty("items").EnumerateArray(), i => i.GetProperty("reference").GetString() == reference);
        await (await lead.GetAsync("/api/v1/evidence?freshness=stale")).AssertProblemAsync(400, "freshness");
        await (await lead.GetAsync("/api/v1/evidence?sort=colour")).AssertProblemAsync(400, "sort");
    }

    [Fact]
    public async Task Expired_evidence_makes_its_control_not_audit_ready_and_a_new_version_renews_it()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var row = (await (await lead.GetAsync("/api/v1/soa?q=A.9.3")).ReadAsync()).EnumerateArray().Single(r => r.GetProperty("controlId").GetString() == "A.9.3");
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/soa/A.9.3")
        {
            Content = Body(JsonSerializer.Serialize(new
            {
                decision = "applicable", drivers = new[] { "policy" }, justification = "Required by the AI policy.", status = "implemented", procedure = "PRC-9",
                evidence = "see the vault", responsible = "control.owner@example.org",
            })),
        };
        if (row.GetProperty("version").GetInt64() > 0)
        {
            put.Headers.TryAddWithoutValidation("If-Match", $"\"{row.GetProperty("version").GetInt64()}\"");
        }

        var ready = await (await lead.SendAsync(put)).ReadAsync();
        Assert.True(ready.GetProperty("auditReady").GetBoolean(), ready.GetRawText());

        var expired = await (await lead.PostAsync("/api/v1/evidence", Body("""{"title":"Objectives review 2025","url":"https://wiki.example.org/objectives-2025","collectedOn":"2025-01-10","validUntil":"2025-06-30","controls":["A.9.3"]}""")))
            .ReadAsync();
        Assert.Equal("expired", expired.GetProperty("freshness").GetString());
        var after = (await (await lead.GetAsync("/api/v1/soa?q=A.9.3")).ReadAsync()).EnumerateArray().Single(r => r.GetProperty("controlId").GetString() == "A.9.3");
        Assert.False(after.GetProperty("auditReady").GetBoolean());
        Assert.Contains("evidence expired", after.GetProperty("notReadyBecause").EnumerateArray().Select(r => r.GetString()));
        var expiredList = await (await lead.GetAsync("/api/v1/evidence?freshness=expired&pageSize=200")).ReadAsync();
        Assert.Contains(expiredList.GetProperty("items").EnumerateArray(), i => i.GetProperty("reference").GetString() == expired.GetProperty("reference").GetString());

        var renew = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/evidence/{expired.GetProperty("reference").GetString()}/versions")
        {
            Content = Body("""{"url":"https://wiki.example.org/objectives-2026","validUntil":"2099-06-30"}"""),
        };
        renew.Headers.TryAddWithoutValidation("If-Match", $"\"{expired.GetProperty("version").GetInt64()}\"");
        Assert.Equal("current", (await (await lead.SendAsync(renew)).ReadAsync()).GetProperty("freshness").GetString());
        var renewed = (await (await lead.GetAsync("/api/v1/soa?q=A.9.3")).ReadAsync()).EnumerateArray().Single(r => r.GetProperty("controlId").GetString() == "A.9.3");
        Assert.True(renewed.GetProperty("auditReady").GetBoolean(), renewed.GetRawText());
    }

    [Fact]
    public async Task A_request_reminds_its_owner_and_closes_when_the_evidence_arrives()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var owner = await fixture.ClientAsync("control.owner@example.org");
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await (await lead.PostJsonAsync("/api/v1/evidence-requests", new { title = "Logs", owner = "control.owner@example.org", dueOn = "2001-01-01", requirement = "A.6.2.8" })).AssertProblemAsync(400, "dueOn");
        await (await lead.PostJsonAsync("/api/v1/evidence-requests", new { title = "Logs", owner = "nobody@example.net", dueOn = due, requirement = "A.6.2.8" })).AssertProblemAsync(400, "owner");
        await (await lead.PostJsonAsync("/api/v1/evidence-requests", new { title = "Logs", owner = "control.owner@example.org", dueOn = due, requirement = "Z.1" })).AssertProblemAsync(400, "requirement");
        var request = await (await lead.PostJsonAsync("/api/v1/evidence-requests", new { title = "Event logs of the scoring service", owner = "control.owner@example.org", dueOn = due, requirement = "A.6.2.8" })).ReadAsync();
        var reference = request.GetProperty("reference").GetString();
        Assert.Equal("open", request.GetProperty("status").GetString());
        Assert.Equal("due-soon", request.GetProperty("reminder").GetString());
        var reminders = await (await owner.GetAsync("/api/v1/evidence-requests/reminders")).ReadAsync();
        Assert.Contains(reminders.EnumerateArray(), r => r.GetProperty("reference").GetString() == reference);
        Assert.DoesNotContain((await (await lead.GetAsync("/api/v1/evidence-requests/reminders")).ReadAsync()).EnumerateArray(), r => r.GetProperty("reference").GetString() == reference);

        var answer = await (await owner.PostAsync("/api/v1/evidence", Upload(Encoding.UTF8.GetBytes("time,event\n2026-11-01T10:00:00Z,score\n2026-11-01T10:00:01Z,score\n"), "events.csv", "text/csv",
            ("title", "Event log extract"), ("request", reference!), ("validUntil", "2099-01-01")))).ReadAsync();
        Assert.Equal("text/csv", answer.GetProperty("contentType").GetString());
        Assert.Contains(answer.GetProperty("links").EnumerateArray(), l => l.GetProperty("target").GetString() == "iso42001:A.6.2.8");
        var closed = await (await lead.GetAsync($"/api/v1/evidence-requests/{reference}")).ReadAsync();
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal(answer.GetProperty("reference").GetString(), closed.GetProperty("evidence").GetString());
        Assert.DoesNotContain((await (await owner.GetAsync("/api/v1/evidence-requests/reminders")).ReadAsync()).EnumerateArray(), r => r.GetProperty("reference").GetString() == reference);
        await (await owner.PostAsync("/api/v1/evidence", Body($$"""{"title":"Again","url":"https://example.org/x","request":"{{reference}}"}"""))).AssertProblemAsync(400, "request");
    }

    [Fact]
    public async Task The_expiring_window_is_a_setting_of_the_organization()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var current = await lead.GetAsync("/api/v1/evidence-settings");
        var etag = current.Headers.ETag!.Tag;
        Assert.Equal(30, (await current.ReadAsync()).GetProperty("value").GetProperty("expiringWithinDays").GetInt32());
        var bad = new HttpRequestMessage(HttpMethod.Put, "/api/v1/evidence-settings") { Content = Body("""{"expiringWithinDays":0}""") };
        bad.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await lead.SendAsync(bad)).AssertProblemAsync(400, "expiringWithinDays");
        var soon = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var item = await (await lead.PostAsync("/api/v1/evidence", Body($$"""{"title":"Training records","url":"https://hr.example.org/training","validUntil":"{{soon}}"}"""))).ReadAsync();
        Assert.Equal("expiring", item.GetProperty("freshness").GetString());
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/evidence-settings") { Content = Body("""{"expiringWithinDays":10}""") };
        put.Headers.TryAddWithoutValidation("If-Match", etag);
        (await lead.SendAsync(put)).EnsureSuccessStatusCode();
        Assert.Equal("current", (await (await lead.GetAsync($"/api/v1/evidence/{item.GetProperty("reference").GetString()}")).ReadAsync()).GetProperty("freshness").GetString());
        var back = new HttpRequestMessage(HttpMethod.Put, "/api/v1/evidence-settings") { Content = Body("""{"expiringWithinDays":30}""") };
        back.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await lead.SendAsync(back)).AssertProblemAsync(412);
    }

    [Fact]
    public async Task Another_organizations_evidence_answers_404()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var item = await (await lead.PostAsync("/api/v1/evidence", Upload(PdfBytes, "secret.pdf", "application/pdf", ("title", "Demo only")))).ReadAsync();
        var reference = item.GetProperty("reference").GetString();
        var sandbox = await fixture.ClientAsync("aims.lead@example.org", "sandbox");
        var sandboxHas = (await (await sandbox.GetAsync("/api/v1/evidence?pageSize=200")).ReadAsync()).GetProperty("items").EnumerateArray().Any(i => i.GetProperty("reference").GetString() == reference);
        Assert.False(sandboxHas);
        var link = item.GetProperty("links").GetArrayLength() > 0 ? item.GetProperty("links")[0].GetProperty("id").GetString() : Guid.NewGuid().ToString();
        var version = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/evidence/{reference}/versions") { Content = Upload(PdfBytes, "x.pdf", "application/pdf"), Headers = { { "If-Match", "*" } } };
        foreach (var response in new[]
        {
            await sandbox.GetAsync($"/api/v1/evidence/{reference}"),
            await sandbox.GetAsync($"/api/v1/evidence/{reference}/versions"),
            await sandbox.GetAsync($"/api/v1/evidence/{reference}/content"),
            await sandbox.GetAsync($"/api/v1/evidence/{reference}/versions/1/content"),
            await sandbox.SendAsync(version),
            await sandbox.PostJsonAsync($"/api/v1/evidence/{reference}/links", new { type = "requirement", target = "A.6.2.8" }),
            await sandbox.DeleteAsync($"/api/v1/evidence/{reference}/links/{link}"),
            await sandbox.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/evidence/{reference}") { Content = Body("""{"title":"Taken over"}"""), Headers = { { "If-Match", "*" } } }),
            // The demo's seeded request; the sandbox has none.
            await sandbox.GetAsync("/api/v1/evidence-requests/EVR-1"),
        })
        {
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync("/api/v1/evidence-requests/EVR-1")).StatusCode);
        var still = await (await lead.GetAsync($"/api/v1/evidence/{reference}")).ReadAsync();
        Assert.Equal(1, still.GetProperty("contentVersion").GetInt32());
    }
}

public sealed class SqliteEvidenceApiTests(SqliteFixture fixture) : EvidenceApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresEvidenceApiTests(PostgresFixture fixture) : EvidenceApiTests(fixture), IClassFixture<PostgresFixture>;
