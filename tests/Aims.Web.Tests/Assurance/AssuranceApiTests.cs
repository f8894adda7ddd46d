using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using static Aims.Web.Tests.Json;

namespace Aims.Web.Tests.Assurance;

/// <summary>Gap assessments, gaps, the action plan and nonconformities through the API, as an AIMS lead uses them.</summary>
public abstract class AssuranceApiTests(WebFixture fixture)
{
    internal static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body, long? version = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : Body(body as string ?? JsonSerializer.Serialize(body)) };
        if (version is { } v)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\""));
        }

        return await client.SendAsync(request);
    }

    internal static async Task<string> NewAssessmentAsync(HttpClient client, string framework = "iso42001")
    {
        var response = await client.PostAsync("/api/v1/assessments", Body(JsonSerializer.Serialize(new { title = "Pre-audit " + framework, framework, assessors = "Priya Raman", assessedOn = "2026-11-20", status = "in-progress" })));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadAsync()).GetProperty("reference").GetString()!;
    }

    internal static async Task<JsonElement> AssessAsync(HttpClient client, string assessment, string requirement, object body, long? version = null)
    {
        var response = await SendAsync(client, HttpMethod.Put, $"/api/v1/assessments/{assessment}/results/{requirement}", body, version);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync();
    }

    private static async Task<JsonElement> GapAsync(HttpClient client, string reference) => await (await client.GetAsync($"/api/v1/gaps/{reference}")).ReadAsync();

    [Fact]
    public async Task Assessing_requirements_opens_graded_gaps_and_a_compliant_result_closes_them()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var assessment = await NewAssessmentAsync(lead);
        var rows = await (await lead.GetAsync($"/api/v1/assessments/{assessment}/results")).ReadAsync();
        Assert.Contains(rows.EnumerateArray(), r => r.GetProperty("requirementId").GetString() == "A.6.2.4");
        Assert.DoesNotContain(rows.EnumerateArray(), r => r.GetProperty("requirementId").GetString() is "6.1" or "A.6" or "C.3.4");
        Assert.All(rows.EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("status").ValueKind));

        var policy = await AssessAsync(lead, assessment, "5.2", new { status = "not-compliant", inPlace = false, notes = "No AI policy yet." });
        var gap = policy.GetProperty("gap").GetString()!;
        var graded = await GapAsync(lead, gap);
        Assert.Equal("major-nonconformity", graded.GetProperty("predictedClass").GetString());
        Assert.Contains("5.2", graded.GetProperty("classRule").GetString(), StringComparison.Ordinal);
        Assert.Equal("1–2 weeks", graded.GetProperty("remediation").GetString());
        Assert.Equal("policy", graded.GetProperty("category").GetString());

        var risk = await AssessAsync(lead, assessment, "6.1.2", new { status = "partially-compliant", inPlace = true, working = false });
        Assert.Equal("minor-nonconformity", (await GapAsync(lead, risk.GetProperty("gap").GetString()!)).GetProperty("predictedClass").GetString());

        // Compliant needs all three answers yes; once given, the gap closes.
        await (await SendAsync(lead, HttpMethod.Put, $"/api/v1/assessments/{assessment}/results/5.2", new { status = "compliant", inPlace = true, working = false, documented = true }, policy.GetProperty("version").GetInt64()))
            .AssertProblemAsync(400, "status");
        var closed = await AssessAsync(lead, assessment, "5.2", new { status = "compliant", inPlace = true, working = true, documented = true, evidence = "POL-AI-01 v2" }, policy.GetProperty("version").GetInt64());
        Assert.Equal(JsonValueKind.Null, closed.GetProperty("gap").ValueKind);
        Assert.Equal("closed", (await GapAsync(lead, gap)).GetProperty("status").GetString());
        var progress = await (await lead.GetAsync($"/api/v1/assessments/{assessment}")).ReadAsync();
        Assert.Contains("2 of", progress.GetProperty("progress")[0].GetString(), StringComparison.Ordinal);

        // A later assessment speaks for the requirement: the earlier assessment's open gap on it closes.
        var riskGap = risk.GetProperty("gap").GetString()!;
        var later = await NewAssessmentAsync(lead);
        await AssessAsync(lead, later, "6.1.2", new { status = "compliant", inPlace = true, working = true, documented = true });
        Assert.Equal("closed", (await GapAsync(lead, riskGap)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_result_refuses_a_stale_or_missing_version_an_unknown_requirement_and_a_status_outside_the_list()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var assessment = await NewAssessmentAsync(lead);
        var first = await AssessAsync(lead, assessment, "7.2", new { status = "partially-compliant" });
        await (await SendAsync(lead, HttpMethod.Put, $"/api/v1/assessments/{assessment}/results/7.2", new { status = "compliant" })).AssertProblemAsync(428, "If-Match");
        await (await SendAsync(lead, HttpMethod.Put, $"/api/v1/assessments/{assessment}/results/7.2", new { status = "not-compliant" }, first.GetProperty("version").GetInt64() + 5)).AssertProblemAsync(412, "If-Match");
        await (await SendAsync(lead, HttpMethod.Put, $"/api/v1/assessments/{assessment}/results/7.2", """{"status":"mostly-fine"}""", first.GetProperty("version").GetInt64())).AssertProblemAsync(400);
        await (await SendAsync(lead, HttpMethod.Put, $"/api/v1/assessments/{assessment}/results/A.99.1", new { status = "compliant" })).AssertProblemAsync(404);
        await (await SendAsync(lead, HttpMethod.Put, $"/api/v1/assessments/{assessment}/results/7.2", new { notes = "status left out" }, first.GetProperty("version").GetInt64())).AssertProblemAsync(400, "status");
        await (await SendAsync(lead, HttpMethod.Put, $"/api/v1/assessments/{assessment}/results/7.2", new { status = "compliant", assessor = "Bob <bob@example.org>" }, first.GetProperty("version").GetInt64())).AssertProblemAsync(400, "assessor");
        await (await SendAsync(lead, HttpMethod.Put, $"/api/v1/assessments/{assessment}/results/7.2", new { status = "compliant", notes = new string('x', 4001) }, first.GetProperty("version").GetInt64())).AssertProblemAsync(400, "notes");
        var viewer = await fixture.ClientAsync("board@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(viewer, HttpMethod.Put, $"/api/v1/assessments/{assessment}/results/7.2", new { status = "compliant" }, first.GetProperty("version").GetInt64())).StatusCode);

        var unchanged = (await (await lead.GetAsync($"/api/v1/assessments/{assessment}/results?status=partially-compliant")).ReadAsync()).EnumerateArray().Single();
        Assert.Equal("7.2", unchanged.GetProperty("requirementId").GetString());
        Assert.Equal(first.GetProperty("version").GetInt64(), unchanged.GetProperty("version").GetInt64());
        await (await lead.GetAsync($"/api/v1/assessments/{assessment}/results?status=fine")).AssertProblemAsync(400, "status");
        await (await lead.PostAsync("/api/v1/assessments", Body("""{"title":"x","framework":"iso9999","status":"planned"}"""))).AssertProblemAsync(400, "framework");
    }

    [Fact]
    public async Task A_gap_becomes_an_action_that_closes_only_with_evidence_and_a_nonconformity_only_once_the_aims_operates()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var assessment = await NewAssessmentAsync(lead);
        var gap = (await AssessAsync(lead, assessment, "6.2", new { status = "not-compliant" })).GetProperty("gap").GetString()!;

        var action = await (await SendAsync(lead, HttpMethod.Post, $"/api/v1/gaps/{gap}/action", new { owner = "control.owner@example.org" })).ReadAsync();
        Assert.Equal(gap, action.GetProperty("gap").GetString());
        Assert.Equal("documentation", action.GetProperty("phase").GetString());
        Assert.Equal("control.owner@example.org", action.GetProperty("owner").GetString());
        Assert.True(DateOnly.Parse(action.GetProperty("dueOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > DateOnly.FromDateTime(DateTime.UtcNow));
        var act = action.GetProperty("reference").GetString()!;
        var version = action.GetProperty("version").GetInt64();
        await (await SendAsync(lead, HttpMethod.Patch, $"/api/v1/actions/{act}", new { status = "done", completedOn = "2026-11-23" }, version)).AssertProblemAsync(400, "closureEvidence");
        var done = await (await SendAsync(lead, HttpMethod.Patch, $"/api/v1/actions/{act}", new { status = "done", completedOn = "2026-11-23", closureEvidence = "OBJ-2026 objectives register v1" }, version)).ReadAsync();
        Assert.Equal("done", done.GetProperty("status").GetString());

        async Task<long> PlanVersionAsync() => long.Parse((await lead.GetAsync("/api/v1/certification-plan")).Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        var notYet = new { stage1 = "2027-01-10", stage2 = "2027-02-20", aimsOperatingSince = (string?)null, internalAuditReport = "", managementReviewReport = "" };
        await (await SendAsync(lead, HttpMethod.Put, "/api/v1/certification-plan", notYet, await PlanVersionAsync())).ReadAsync();
        var before = await (await SendAsync(lead, HttpMethod.Post, $"/api/v1/gaps/{gap}/nonconformity", null)).AssertProblemAsync(400, "source");
        Assert.Contains("before the AIMS operates", before.GetProperty("errors").GetProperty("source")[0].GetString(), StringComparison.Ordinal);
        var operating = notYet with { aimsOperatingSince = "2026-10-01" };
        await (await SendAsync(lead, HttpMethod.Put, "/api/v1/certification-plan", operating, await PlanVersionAsync())).ReadAsync();

        var nc = await (await SendAsync(lead, HttpMethod.Post, $"/api/v1/gaps/{gap}/nonconformity", null)).ReadAsync();
        Assert.Equal("major", nc.GetProperty("class").GetString());
        var twice = await (await SendAsync(lead, HttpMethod.Post, $"/api/v1/gaps/{gap}/nonconformity", null)).AssertProblemAsync(409);
        Assert.Contains(nc.GetProperty("reference").GetString()!, twice.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("iso42001:6.2", nc.GetProperty("requirement").GetString());
        var ncRef = nc.GetProperty("reference").GetString()!;
        var ncVersion = nc.GetProperty("version").GetInt64();
        var refused = await (await SendAsync(lead, HttpMethod.Patch, $"/api/v1/nonconformities/{ncRef}", new { status = "closed", rootCause = "Objectives never owned." }, ncVersion)).AssertProblemAsync(400, "closureEvidence");
        await (await SendAsync(lead, HttpMethod.Patch, $"/api/v1/nonconformities/{ncRef}", new { reviewedOn = "2099-01-01", reviewer = "internal.auditor@example.org" }, ncVersion)).AssertProblemAsync(400, "reviewedOn");
        Assert.True(refused.GetProperty("errors").TryGetProperty("effectiveness", out _), refused.ToString());
        await (await SendAsync(lead, HttpMethod.Patch, $"/api/v1/nonconformities/{ncRef}", new
        {
            status = "closed", rootCause = "Objectives never owned.", correctiveActionTaken = "Objectives set with owners.", closureEvidence = "OBJ-2026 v1",
            reviewedOn = "2026-11-22", reviewer = "internal.auditor@example.org", effectiveness = "not-effective",
        }, ncVersion)).AssertProblemAsync(400, "effectiveness");
        var closedNc = await (await SendAsync(lead, HttpMethod.Patch, $"/api/v1/nonconformities/{ncRef}", new
        {
            status = "closed", rootCause = "Objectives never owned.", correctiveActionTaken = "Objectives set with owners.", closureEvidence = "OBJ-2026 v1",
            reviewedOn = "2026-11-22", reviewer = "internal.auditor@example.org", effectiveness = "effective",
        }, ncVersion)).ReadAsync();
        Assert.Equal("closed", closedNc.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Status_carries_over_from_another_framework_only_across_an_equal_relationship()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var isms = await NewAssessmentAsync(lead, "iso27001");
        await AssessAsync(lead, isms, "9.2.1", new { status = "compliant", inPlace = true, working = true, documented = true, evidence = "IA-PROG-2026" });
        await AssessAsync(lead, isms, "5.2", new { status = "compliant", inPlace = true, working = true, documented = true, evidence = "ISMS policy v4" });

        var aims = await NewAssessmentAsync(lead);
        var suggested = (await (await lead.GetAsync($"/api/v1/assessments/{aims}/results?q=5.2")).ReadAsync()).EnumerateArray().First(r => r.GetProperty("requirementId").GetString() == "5.2");
        Assert.False(suggested.GetProperty("suggestion").GetProperty("statusCarries").GetBoolean());
        Assert.Equal("ISMS policy v4", suggested.GetProperty("suggestion").GetProperty("evidence").GetString());

        var carried = await (await lead.PostAsync($"/api/v1/assessments/{aims}/carry-over", null)).ReadAsync();
        Assert.True(carried.GetProperty("carried").GetInt32() >= 1);
        var rows = (await (await lead.GetAsync($"/api/v1/assessments/{aims}/results")).ReadAsync()).EnumerateArray().ToList();
        var audit = rows.Single(r => r.GetProperty("requirementId").GetString() == "9.2.1");
        Assert.Equal("compliant", audit.GetProperty("status").GetString());
        Assert.StartsWith("iso27001:9.2.1", audit.GetProperty("carriedOverFrom").GetString(), StringComparison.Ordinal);
        Assert.Equal("IA-PROG-2026", audit.GetProperty("evidence").GetString());
        var policy = rows.Single(r => r.GetProperty("requirementId").GetString() == "5.2");
        Assert.Equal(JsonValueKind.Null, policy.GetProperty("status").ValueKind);
    }

    [Fact]
    public async Task An_edited_severity_matrix_regrades_the_open_gaps_and_a_broken_one_is_refused()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var assessment = await NewAssessmentAsync(lead);
        var gap = (await AssessAsync(lead, assessment, "7.2", new { status = "not-compliant" })).GetProperty("gap").GetString()!;
        Assert.Equal("minor-nonconformity", (await GapAsync(lead, gap)).GetProperty("predictedClass").GetString());

        var response = await lead.GetAsync("/api/v1/gap-matrix");
        var version = long.Parse(response.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        var matrix = (await response.ReadAsync()).GetProperty("value");
        var rules = JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(matrix.GetProperty("rules").GetRawText())!;
        var competence = rules.Single(r => r.TryGetValue("requirement", out var id) && id.GetString() == "7.2");
        competence["notCompliant"] = JsonSerializer.SerializeToElement("major-nonconformity");
        var edited = new { rules, weights = new { inherentRisk = 40, regulatoryExposure = 30, customerTrust = 20, complexity = 10 } };
        var broken = new { rules, weights = new { inherentRisk = 40, regulatoryExposure = 30, customerTrust = 20, complexity = 20 } };
        await (await SendAsync(lead, HttpMethod.Put, "/api/v1/gap-matrix", broken, version)).AssertProblemAsync(400, "weights");
        var wrapping = new { rules, weights = new { inherentRisk = int.MaxValue, regulatoryExposure = int.MaxValue, customerTrust = 102, complexity = 0 } };
        await (await SendAsync(lead, HttpMethod.Put, "/api/v1/gap-matrix", wrapping, version)).AssertProblemAsync(400, "weights");
        await (await SendAsync(lead, HttpMethod.Put, "/api/v1/gap-matrix", edited)).AssertProblemAsync(428);
        Assert.Equal("minor-nonconformity", (await GapAsync(lead, gap)).GetProperty("predictedClass").GetString());

        await (await SendAsync(lead, HttpMethod.Put, "/api/v1/gap-matrix", edited, version)).ReadAsync();
        var regraded = await GapAsync(lead, gap);
        Assert.Equal("major-nonconformity", regraded.GetProperty("predictedClass").GetString());
    }
}

public sealed class SqliteAssuranceApiTests(SqliteFixture fixture) : AssuranceApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresAssuranceApiTests(PostgresFixture fixture) : AssuranceApiTests(fixture), IClassFixture<PostgresFixture>;
