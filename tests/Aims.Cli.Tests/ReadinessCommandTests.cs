using System.Globalization;
using System.Text.Json;
using Aims.Domain.Assurance;
using Aims.Testing;
using Aims.Web.Features.Assurance;

namespace Aims.Cli.Tests;

/// <summary>
/// `aims readiness`: the score 0–100 with every clause and Annex A area, as the API's JSON or as a table; it moves
/// when SoA rows become audit-ready through the product's own SoA service.
/// </summary>
[Collection(TokenDemoCollection.Name)]
public sealed class ReadinessCommandTests(DemoDatabases demos)
{
    private static readonly string[] Verb = ["readiness"];

    private static async Task<JsonElement> JsonAsync(DemoDatabase demo)
    {
        var result = (await Cli.RunAsync(demo.Database, Verb, "--org", "demo", "--format", "json")).Expect(Cli.Ok);
        Assert.Contains("Readiness of demo:", result.Stderr, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(result.Stdout);
        return doc.RootElement.Clone();
    }

    private static int Int(JsonElement e, string name) => e.GetProperty(name).GetInt32();

    /// <summary>The ids of one kind of iso42001 requirement, from `aims catalog show`.</summary>
    private static async Task<List<string>> CatalogIdsAsync(string kind)
    {
        var catalog = (await Cli.RunAsync("catalog", "show", "iso42001", "--format", "json")).Expect(Cli.Ok);
        using var doc = JsonDocument.Parse(catalog.Stdout);
        return [.. doc.RootElement.GetProperty("requirements").EnumerateArray()
            .Where(r => r.GetProperty("kind").GetString() == kind).Select(r => r.GetProperty("id").GetString()!)];
    }

    private static async Task<List<string>> NotReadyControlsAsync(DemoDatabase demo)
    {
        var export = (await Cli.RunAsync(demo.Database, ["soa", "export"], "--org", "demo", "--format", "json")).Expect(Cli.Ok);
        using var doc = JsonDocument.Parse(export.Stdout);
        return [.. doc.RootElement.EnumerateArray().Where(r => r.GetProperty("readiness").GetString() != "audit-ready").Select(r => r.GetProperty("control").GetString()!)];
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Json_has_a_score_per_clause_and_area_and_the_score_rises_when_soa_rows_become_audit_ready(Provider provider)
    {
        var demo = await demos.GetAsync(provider);
        var before = await JsonAsync(demo);
        var score = Int(before, "score");
        Assert.InRange(score, 0, 100);
        Assert.Equal(await CatalogIdsAsync("clause"), before.GetProperty("clauses").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(await CatalogIdsAsync("annex-area"), before.GetProperty("areas").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        foreach (var group in before.GetProperty("clauses").EnumerateArray().Concat(before.GetProperty("areas").EnumerateArray()))
        {
            Assert.False(string.IsNullOrWhiteSpace(group.GetProperty("title").GetString()));
            Assert.InRange(Int(group, "score"), 0, 100);
            Assert.InRange(Int(group, "assessed"), 0, Int(group, "requirements"));
        }

        var notReady = await NotReadyControlsAsync(demo);
        Assert.Equal(notReady.Count, Int(before, "soaNotReady"));
        Assert.Equal((await CatalogIdsAsync("control")).Count, Int(before, "soaRows"));
        Assert.Equal(Int(before, "soaRows"), before.GetProperty("areas").EnumerateArray().Sum(a => Int(a, "soaRows")));
        Assert.Contains(before.GetProperty("countdown").GetProperty("warnings").EnumerateArray(),
            w => w.GetString()!.Contains(notReady.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) && w.GetString()!.Contains("not audit-ready", StringComparison.Ordinal));

        // Five rows made audit-ready move the score by several points (each row is half of its area's share).
        var made = notReady.Take(5).ToList();
        Assert.True(made.Count >= 3, "the demo should have SoA rows that are not audit-ready yet");
        foreach (var control in made)
        {
            var row = await DemoSoa.SaveAsync(demo.Database, control, new SoaRequest
            {
                Decision = ApplicabilityDecision.Applicable, Drivers = [ApplicabilityDriver.Policy], Status = ImplementationStatus.Implemented,
                Procedure = "Procedure for " + control, Evidence = "EV for " + control, Responsible = "aims.lead@example.org",
            });
            Assert.True(row.AuditReady, $"{control}: {string.Join("; ", row.NotReadyBecause)}");
        }

        var after = await JsonAsync(demo);
        Assert.InRange(Int(after, "score"), score + 1, 100);
        Assert.Equal(Int(before, "soaNotReady") - made.Count, Int(after, "soaNotReady"));
        var area = Readiness.GroupOf(made[0]);
        int Ready(JsonElement view) => view.GetProperty("areas").EnumerateArray().Where(a => a.GetProperty("id").GetString() == area).Sum(a => Int(a, "soaReady"));
        Assert.Equal(Ready(before) + made.Count(c => Readiness.GroupOf(c) == area), Ready(after));

        // Today's score is kept for the trend.
        var today = AssuranceSettings.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var point = after.GetProperty("trend").EnumerateArray().Single(p => p.GetProperty("day").GetString() == today);
        Assert.Equal(Int(after, "score"), Int(point, "score"));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_table_shows_the_score_every_group_the_counts_and_the_warnings(Provider provider)
    {
        var demo = await demos.GetAsync(provider);
        var view = await JsonAsync(demo);
        var result = (await Cli.RunAsync(demo.Database, Verb, "--org", "demo")).Expect(Cli.Ok);
        var lines = Cli.Lines(result.Stdout);
        Assert.StartsWith($"Readiness: {Int(view, "score")}/100", lines[0], StringComparison.Ordinal);
        foreach (var (kind, header) in new[] { ("clauses", "CLAUSE"), ("areas", "AREA") })
        {
            Assert.Contains(lines, l => l.StartsWith(header + " ", StringComparison.Ordinal) && l.Contains("SCORE", StringComparison.Ordinal));
            foreach (var group in view.GetProperty(kind).EnumerateArray())
            {
                var id = group.GetProperty("id").GetString()!;
                var line = Assert.Single(lines, l => l.StartsWith(id + " ", StringComparison.Ordinal));
                Assert.Equal(
                    new[] { id, Int(group, "score").ToString(CultureInfo.InvariantCulture), $"{Int(group, "assessed")}/{Int(group, "requirements")}" },
                    line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3));
                Assert.EndsWith(group.GetProperty("title").GetString()!, line, StringComparison.Ordinal);
                if (kind == "areas")
                {
                    Assert.Contains($" {Int(group, "soaReady")}/{Int(group, "soaRows")} ", line, StringComparison.Ordinal);
                }
            }
        }

        Assert.Contains($"SoA rows not audit-ready: {Int(view, "soaNotReady")} of {Int(view, "soaRows")}", lines);
        Assert.Contains($"Open nonconformities: {Int(view, "openMajor")} major, {Int(view, "openMinor")} minor", lines);
        Assert.Contains($"Overdue actions: {Int(view, "overdueActions")}", lines);
        var warnings = view.GetProperty("countdown").GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.NotEmpty(warnings);
        Assert.All(warnings, w => Assert.Contains("- " + w, lines));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_unknown_format_or_organization_exits_2(Provider provider)
    {
        var demo = await demos.GetAsync(provider);
        var xml = (await Cli.RunAsync(demo.Database, Verb, "--org", "demo", "--format", "xml")).Fails(Cli.Usage, "xml", "table", "json");
        Assert.Equal("", xml.Stdout);
        (await Cli.RunAsync(demo.Database, Verb, "--org", "no-such-org")).Fails(Cli.Usage, "no-such-org", "demo");
    }
}
