using System.Net;
using System.Text.Json;
using static Aims.Web.Tests.Assurance.AssuranceApiTests;
using static Aims.Web.Tests.Json;

namespace Aims.Web.Tests.Assurance;

/// <summary>The Statement of Applicability and readiness through the API: derivation, traceability, versions, export.</summary>
public abstract class SoaApiTests(WebFixture fixture)
{
    private static async Task<JsonElement> RowAsync(HttpClient client, string control) =>
        (await (await client.GetAsync($"/api/v1/soa?q={control}")).ReadAsync()).EnumerateArray().Single(r => r.GetProperty("controlId").GetString() == control);

    private static readonly object Traced = new
    {
        decision = "applicable", drivers = new[] { "policy" }, justification = "", status = "implemented", procedure = "PRC-AI-07",
        evidence = "REC-2026-114", responsible = "control.owner@example.org",
    };

    [Fact]
    public async Task A_control_chosen_by_a_risk_is_applicable_and_becomes_audit_ready_only_when_fully_traced()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var risk = await (await lead.PostAsync("/api/v1/risks", Body(JsonSerializer.Serialize(new
        {
            title = "Retraining pipeline takes unvetted data", dimension = "data-quality", inherentLikelihood = 3, inherentImpact = 3, treatment = "modify", annexAControls = new[] { "A.7.3" },
        })))).ReadAsync();
        var row = await RowAsync(lead, "A.7.3");
        Assert.True(row.GetProperty("applicable").GetBoolean());
        Assert.Contains(risk.GetProperty("reference").GetString(), row.GetProperty("risks").EnumerateArray().Select(r => r.GetString()));
        Assert.False(row.GetProperty("auditReady").GetBoolean());
        Assert.Contains("no procedure", row.GetProperty("notReadyBecause").EnumerateArray().Select(r => r.GetString()));

        var half = await (await SendAsync(lead, HttpMethod.Put, "/api/v1/soa/A.7.3", new { decision = "derived", status = "implemented", procedure = "PRC-DATA-02" }, row.GetProperty("version").GetInt64())).ReadAsync();
        Assert.Equal(["no evidence", "no responsible role or person"], half.GetProperty("notReadyBecause").EnumerateArray().Select(r => r.GetString()));
        var ready = await (await SendAsync(lead, HttpMethod.Put, "/api/v1/soa/A.7.3", Traced, half.GetProperty("version").GetInt64())).ReadAsync();
        Assert.True(ready.GetProperty("auditReady").GetBoolean());
        Assert.StartsWith("Risk treatment: ", ready.GetProperty("justification").GetString(), StringComparison.Ordinal);
        Assert.Contains(risk.GetProperty("reference").GetString()!, ready.GetProperty("justification").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Excluding_a_control_needs_a_justification_and_a_refused_row_keeps_what_it_had()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var before = await RowAsync(lead, "A.4.6");
        await (await SendAsync(lead, HttpMethod.Put, "/api/v1/soa/A.4.6", new { decision = "excluded", justification = "  " }, before.GetProperty("version").GetInt64() is > 0 and var v ? v : null))
            .AssertProblemAsync(400, "justification");
        await (await SendAsync(lead, HttpMethod.Put, "/api/v1/soa/A.4.6", """{"decision":"excluded","status":"sort-of"}""")).AssertProblemAsync(400);
        await (await SendAsync(lead, HttpMethod.Put, "/api/v1/soa/A.4.6", new { decision = "applicable", status = "planned", responsible = "not-an-address" })).AssertProblemAsync(400, "responsible");
        await (await SendAsync(lead, HttpMethod.Put, "/api/v1/soa/A.99.9", Traced)).AssertProblemAsync(404);
        var after = await RowAsync(lead, "A.4.6");
        Assert.Equal(before.GetRawText(), after.GetRawText());

        var excluded = await (await SendAsync(lead, HttpMethod.Put, "/api/v1/soa/A.4.6", new { decision = "excluded", justification = "Our systems use no compute we do not run ourselves." })).ReadAsync();
        Assert.False(excluded.GetProperty("applicable").GetBoolean());
        Assert.True(excluded.GetProperty("auditReady").GetBoolean());
        await (await SendAsync(lead, HttpMethod.Put, "/api/v1/soa/A.4.6", new { decision = "applicable" })).AssertProblemAsync(428);
    }

    [Fact]
    public async Task A_version_is_approved_by_an_allowed_role_frozen_and_compared_with_what_changed_since()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var contributor = await fixture.ClientAsync("control.owner@example.org");
        var asked = await lead.PostAsync("/api/v1/soa/versions", Body("""{"note":"Board session 2026-11"}"""));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, asked.StatusCode);
        var apr = (await asked.ReadAsync()).GetProperty("reference").GetString()!;
        const string decision = """{"verdict":"approve","rationale":"Read the SoA in the board session."}""";
        var refused = await (await SendAsync(contributor, HttpMethod.Post, $"/api/v1/approvals/{apr}/decisions", decision, 1)).AssertProblemAsync(403);
        Assert.Contains("AIMS lead", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var admin = await fixture.ClientAsync("admin@example.org");
        Assert.Equal("approved", (await (await SendAsync(admin, HttpMethod.Post, $"/api/v1/approvals/{apr}/decisions", decision, 1)).ReadAsync()).GetProperty("state").GetString());

        var approved = (await (await lead.GetAsync("/api/v1/soa/versions")).ReadAsync())[0];
        var number = approved.GetProperty("number").GetInt32();
        Assert.Equal("admin@example.org", approved.GetProperty("approvedBy").GetString());
        Assert.Equal("Board session 2026-11", approved.GetProperty("note").GetString());

        var row = await RowAsync(lead, "A.3.3");
        await (await SendAsync(lead, HttpMethod.Put, "/api/v1/soa/A.3.3", Traced, row.GetProperty("version").GetInt64() is > 0 and var v ? v : null)).ReadAsync();
        var frozen = await (await lead.GetAsync($"/api/v1/soa/versions/{number}")).ReadAsync();
        var frozenRow = frozen.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("controlId").GetString() == "A.3.3");
        Assert.Equal(row.GetProperty("procedure").GetString(), frozenRow.GetProperty("procedure").GetString());

        var compared = await (await lead.GetAsync($"/api/v1/soa/compare?from={number}&to=current")).ReadAsync();
        var changes = compared.GetProperty("changes").EnumerateArray().Where(c => c.GetProperty("control").GetString() == "A.3.3").ToList();
        Assert.Contains(changes, c => c.GetProperty("field").GetString() == "procedure" && c.GetProperty("after").GetString() == "PRC-AI-07");
        Assert.Contains("admin@example.org", compared.GetProperty("from").GetProperty("approvedBy").GetString(), StringComparison.Ordinal);
        await (await lead.GetAsync("/api/v1/soa/compare?from=999")).AssertProblemAsync(404);
        await (await lead.GetAsync("/api/v1/soa/compare")).AssertProblemAsync(400, "from");
    }

    [Fact]
    public async Task The_export_has_the_auditor_s_columns_in_each_format()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var csv = await (await lead.GetAsync("/api/v1/soa/export?format=csv")).Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("control,title,applicable,justification,implementationStatus,plannedOn,procedure,evidence,owner,readiness", lines[0]);
        var controls = (await (await lead.GetAsync("/api/v1/soa")).ReadAsync()).GetArrayLength();
        Assert.Equal(controls + 1, lines.Length);
        var xlsx = await lead.GetAsync("/api/v1/soa/export?format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await xlsx.Content.ReadAsByteArrayAsync())[..2]));
        var json = await (await lead.GetAsync("/api/v1/soa/export?format=json")).ReadAsync();
        Assert.Equal(controls, json.GetArrayLength());
        Assert.Contains("<th scope=\"col\">Readiness</th>", await (await lead.GetAsync("/api/v1/soa/export?format=html")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await (await lead.GetAsync("/api/v1/soa/export?format=pdf")).AssertProblemAsync(400, "format");
    }

    [Fact]
    public async Task Readiness_moves_with_the_assessment_and_the_plan_warns_about_what_an_auditor_would_find()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var assessment = await NewAssessmentAsync(lead);
        var failing = await AssessAsync(lead, assessment, "4.1", new { status = "not-compliant" });
        var low = await (await lead.GetAsync("/api/v1/readiness")).ReadAsync();
        var clause4Low = low.GetProperty("clauses").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "4").GetProperty("score").GetInt32();
        await AssessAsync(lead, assessment, "4.1", new { status = "compliant", inPlace = true, working = true, documented = true }, failing.GetProperty("version").GetInt64());
        var high = await (await lead.GetAsync("/api/v1/readiness")).ReadAsync();
        var clause4High = high.GetProperty("clauses").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "4").GetProperty("score").GetInt32();
        Assert.True(clause4High > clause4Low, $"clause 4 went from {clause4Low} to {clause4High}");
        Assert.True(high.GetProperty("score").GetInt32() >= low.GetProperty("score").GetInt32());
        Assert.InRange(high.GetProperty("score").GetInt32(), 0, 100);
        Assert.Contains(high.GetProperty("areas").EnumerateArray(), a => a.GetProperty("id").GetString() == "A.6");
        Assert.NotEmpty(high.GetProperty("trend").EnumerateArray());

        var current = await lead.GetAsync("/api/v1/certification-plan");
        var version = long.Parse(current.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        await (await SendAsync(lead, HttpMethod.Put, "/api/v1/certification-plan", new { stage1 = "2027-03-01", stage2 = "2027-02-01", internalAuditCompletedOn = "2026-11-01", internalAuditReport = "" }, version))
            .AssertProblemAsync(400, "internalAuditReport");
        await (await SendAsync(lead, HttpMethod.Put, "/api/v1/certification-plan", new { stage1 = "2027-03-01", stage2 = "2027-02-01", internalAuditCompletedOn = "2099-01-01", internalAuditReport = "IAR-1" }, version))
            .AssertProblemAsync(400, "internalAuditCompletedOn");
        await (await SendAsync(lead, HttpMethod.Put, "/api/v1/certification-plan", new { stage1 = "2027-03-01", stage2 = "2027-02-01", internalAuditReport = "", managementReviewReport = "" }, version)).ReadAsync();
        var planned = await (await lead.GetAsync("/api/v1/readiness")).ReadAsync();
        var warnings = planned.GetProperty("countdown").GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(warnings, w => w.Contains("must come before Stage 2", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("internal audit is not completed at least 60 days before Stage 2 (by 2026-12-03)", StringComparison.Ordinal));
        var phases = planned.GetProperty("countdown").GetProperty("phases").EnumerateArray().ToList();
        Assert.Equal("2026-11-03", phases[0].GetProperty("from").GetString());
        Assert.Equal("2027-01-31", phases[2].GetProperty("to").GetString());
    }
}

public sealed class SqliteSoaApiTests(SqliteFixture fixture) : SoaApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresSoaApiTests(PostgresFixture fixture) : SoaApiTests(fixture), IClassFixture<PostgresFixture>;
