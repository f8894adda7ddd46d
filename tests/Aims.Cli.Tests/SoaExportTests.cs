using System.Text;
using System.Text.Json;
using Aims.Data;
using Aims.Domain.Assurance;
using Aims.Domain.People;
using Aims.Testing;
using Aims.Web.Features.Assurance;
using Aims.Web.Features.Registers;
using Aims.Web.Infrastructure.Registers;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Aims.Cli.Tests;

/// <summary>
/// `aims soa export`: the Statement of Applicability of the demo organization in each format, the same columns and
/// cells in each, with readiness computed from the decisions arranged through the product's own SoA service.
/// </summary>
[Collection(TokenDemoCollection.Name)]
public sealed class SoaExportTests(DemoDatabases demos)
{
    private static readonly string[] Export = ["soa", "export"];

    private static readonly string[] Columns =
        ["control", "title", "applicable", "justification", "implementationStatus", "plannedOn", "procedure", "evidence", "owner", "readiness"];

    private const string Owner = "aims.lead@example.org";

    private const string Evidence = "EV-policy-approval minutes 2026-01";

    private static SoaRequest Traced(string procedure, string evidence = Evidence) => new()
    {
        Decision = ApplicabilityDecision.Applicable, Drivers = [ApplicabilityDriver.Policy], Status = ImplementationStatus.Implemented,
        Procedure = procedure, Evidence = evidence, Responsible = Owner,
    };

    /// <summary>A.2.2 fully traced; A.3.2 planned with everything but a procedure; A.7.4 (chosen by demo risks) and A.10.4 excluded with a reason.</summary>
    private static async Task<DateOnly> ArrangeAsync(TestDatabase database)
    {
        var plannedOn = AssuranceSettings.Today.AddDays(45);
        await DemoSoa.SaveAsync(database, "A.2.2", Traced("AI policy procedure P-01"));
        await DemoSoa.SaveAsync(database, "A.3.2", new SoaRequest
        {
            Decision = ApplicabilityDecision.Applicable, Drivers = [ApplicabilityDriver.Legal], Status = ImplementationStatus.Planned, PlannedOn = plannedOn,
            Evidence = "Draft RACI", Responsible = Owner,
        });
        await DemoSoa.SaveAsync(database, "A.7.4", new SoaRequest { Decision = ApplicabilityDecision.Excluded, Justification = "Data quality is the supplier's, under contract" });
        await DemoSoa.SaveAsync(database, "A.10.4", new SoaRequest { Decision = ApplicabilityDecision.Excluded, Justification = "No customers: internal use only" });
        return plannedOn;
    }

    private static async Task<List<string>> ControlIdsAsync()
    {
        var catalog = (await Cli.RunAsync("catalog", "show", "iso42001", "--format", "json")).Expect(Cli.Ok);
        using var doc = JsonDocument.Parse(catalog.Stdout);
        return [.. doc.RootElement.GetProperty("requirements").EnumerateArray()
            .Where(r => r.GetProperty("kind").GetString() == "control").Select(r => r.GetProperty("id").GetString()!)];
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Every_format_carries_the_same_columns_and_readiness_follows_the_decisions(Provider provider)
    {
        var demo = await demos.GetAsync(provider);
        var plannedOn = await ArrangeAsync(demo.Database);
        var controls = await ControlIdsAsync();

        // csv is the default.
        var csv = (await Cli.RunAsync(demo.Database, Export, "--org", "demo")).Expect(Cli.Ok);
        Assert.Contains("Exported the SoA of demo (as it stands) as csv", csv.Stderr, StringComparison.Ordinal);
        var table = CsvTable.Parse(csv.Stdout);
        Assert.Equal(Columns, table[0]);
        var rows = table.Skip(1).Select(r => Columns.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
        Assert.Equal(controls, rows.Select(r => r["control"]));
        var byControl = rows.ToDictionary(r => r["control"]);

        var traced = byControl["A.2.2"];
        Assert.Equal(("applicable", "implemented", "AI policy procedure P-01", Owner, "audit-ready"),
            (traced["applicable"], traced["implementationStatus"], traced["procedure"], traced["owner"], traced["readiness"]));
        Assert.Contains("Required by: policy", traced["justification"], StringComparison.Ordinal);

        var noProcedure = byControl["A.3.2"];
        Assert.Equal(("planned", plannedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "", "not audit-ready: no procedure"),
            (noProcedure["implementationStatus"], noProcedure["plannedOn"], noProcedure["procedure"], noProcedure["readiness"]));

        var excludedAlthoughChosen = byControl["A.7.4"];
        Assert.Equal("excluded", excludedAlthoughChosen["applicable"]);
        Assert.Equal("Data quality is the supplier's, under contract", excludedAlthoughChosen["justification"]);
        Assert.StartsWith("not audit-ready: excluded although the treatment of RISK-", excludedAlthoughChosen["readiness"], StringComparison.Ordinal);

        var excluded = byControl["A.10.4"];
        Assert.Equal(("excluded", "No customers: internal use only", "audit-ready"), (excluded["applicable"], excluded["justification"], excluded["readiness"]));

        // json: an array of objects with exactly those members, the same cells as the csv.
        var json = (await Cli.RunAsync(demo.Database, Export, "--org", "demo", "--format", "json")).Expect(Cli.Ok);
        using (var doc = JsonDocument.Parse(json.Stdout))
        {
            var items = doc.RootElement.EnumerateArray().ToList();
            Assert.Equal(rows.Count, items.Count);
            foreach (var (item, row) in items.Zip(rows))
            {
                Assert.Equal(Columns, item.EnumerateObject().Select(p => p.Name));
                Assert.Equal(row, item.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
            }
        }

        using var temp = new TempFolder();

        // xlsx: one sheet with the same header and cells.
        var xlsx = temp.File("soa.xlsx");
        (await Cli.RunAsync(demo.Database, Export, "--org", "demo", "--format", "xlsx", "--output", xlsx)).Expect(Cli.Ok);
        var sheet = MiniExcel.Query(xlsx, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(rows.Count, sheet.Count);
        Assert.Equal(Columns, sheet[0].Keys);
        foreach (var (cells, row) in sheet.Zip(rows))
        {
            Assert.Equal(row, cells.ToDictionary(c => c.Key, c => c.Value?.ToString() ?? ""));
        }

        // html: a document for people, every control a row, the reasons spelled out.
        var html = temp.File("soa.html");
        (await Cli.RunAsync(demo.Database, Export, "--org", "demo", "--format", "html", "--output", html)).Expect(Cli.Ok);
        var document = await File.ReadAllTextAsync(html, Encoding.UTF8);
        Assert.StartsWith("<!DOCTYPE html>", document, StringComparison.Ordinal);
        Assert.Contains("<title>Statement of Applicability (as it stands)</title>", document, StringComparison.Ordinal);
        Assert.All(controls, c => Assert.Contains($"<th scope=\"row\">{c}</th>", document, StringComparison.Ordinal));
        Assert.Contains("not audit-ready: no procedure", document, StringComparison.Ordinal);
        Assert.Contains("No customers: internal use only", document, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", document, StringComparison.OrdinalIgnoreCase);

        // The same data gives the same bytes.
        var again = temp.File("again.xlsx");
        (await Cli.RunAsync(demo.Database, Export, "--org", "demo", "--format", "xlsx", "--output", again)).Expect(Cli.Ok);
        var first = await File.ReadAllBytesAsync(xlsx);
        var second = await File.ReadAllBytesAsync(again);
        Assert.True(first.AsSpan().SequenceEqual(second), "two xlsx exports of the same data differ");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_approved_version_exports_as_frozen_while_the_soa_moves_on(Provider provider)
    {
        var demo = await demos.GetAsync(provider);
        await DemoSoa.SaveAsync(demo.Database, "A.2.3", Traced("Policy alignment check P-02"));
        var number = await DemoSoa.ApproveAsync(demo.Database, Owner);
        await DemoSoa.SaveAsync(demo.Database, "A.2.3", Traced("Policy alignment check P-02", evidence: ""));

        static async Task<Dictionary<string, string>> RowAsync(DemoDatabase demo, string control, params string[] version)
        {
            var result = (await Cli.RunAsync(demo.Database, Export, ["--org", "demo", "--format", "json", .. version])).Expect(Cli.Ok);
            using var doc = JsonDocument.Parse(result.Stdout);
            return doc.RootElement.EnumerateArray().Select(i => i.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!))
                .Single(r => r["control"] == control);
        }

        Assert.Equal("not audit-ready: no evidence", (await RowAsync(demo, "A.2.3"))["readiness"]);
        var frozen = await RowAsync(demo, "A.2.3", "--version", number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("audit-ready", Evidence), (frozen["readiness"], frozen["evidence"]));

        var html = (await Cli.RunAsync(demo.Database, Export, "--org", "demo", "--format", "html", "--version", number.ToString(System.Globalization.CultureInfo.InvariantCulture))).Expect(Cli.Ok);
        Assert.Contains($"<title>Statement of Applicability, version {number}</title>", html.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_bad_format_an_unknown_organization_or_version_exits_2_and_says_why(Provider provider)
    {
        var demo = await demos.GetAsync(provider);
        var pdf = (await Cli.RunAsync(demo.Database, Export, "--org", "demo", "--format", "pdf")).Fails(Cli.Usage, "--format", "csv", "xlsx", "json", "html", "pdf");
        Assert.Equal("", pdf.Stdout);

        (await Cli.RunAsync(demo.Database, Export, "--org", "no-such-org")).Fails(Cli.Usage, "no-such-org", "demo");

        var missing = (await Cli.RunAsync(demo.Database, Export, "--org", "demo", "--version", "999")).Fails(Cli.Usage, "--version", "999", "demo");
        Assert.Equal("", missing.Stdout);

        (await Cli.RunAsync(demo.Database, Export, "--org", "demo", "--version", "first")).Fails(Cli.Usage, "--version", "first");
    }
}

/// <summary>Arranges the demo organization's SoA through the product's own service, as a person would through the API.</summary>
internal static class DemoSoa
{
    private static async Task<(AimsDbContext Db, Guid Org)> OpenAsync(TestDatabase database, AimsSession session)
    {
        var db = database.CreateContext(session);
        var org = await db.Organizations.AsNoTracking().Where(o => o.Slug == "demo").Select(o => o.Id).SingleAsync();
        session.ActAsSystem("cli-tests", org);
        return (db, org);
    }

    public static async Task<SoaRowView> SaveAsync(TestDatabase database, string control, SoaRequest request)
    {
        var session = new AimsSession();
        var (db, _) = await OpenAsync(database, session);
        await using (db)
        {
            var saved = await Soa.SaveAsync(new RegisterService(db, AllRegisters.Set), control, request, null, default);
            Assert.True(saved.IsOk, $"SoA row {control}: {string.Join("; ", saved.Messages)}");
            return saved.Value!;
        }
    }

    /// <summary>Approves the SoA as it stands, signed in as the demo's AIMS lead; the new version's number.</summary>
    public static async Task<int> ApproveAsync(TestDatabase database, string email)
    {
        var session = new AimsSession();
        var (db, org) = await OpenAsync(database, session);
        await using (db)
        {
            var person = await db.Users.Where(p => p.Email == email).Select(p => p.Id).SingleAsync();
            session.SignIn(person, org, Role.AimsLead, Scope.Write);
            var asked = await Soa.ApproveAsync(db, TimeProvider.System, "Approved for the Stage 1 audit", Aims.Domain.Approvals.Channel.Web, default);
            Assert.True(asked.IsOk, string.Join("; ", asked.Messages));
            // The approval request is decided by another person with the role: the administrator.
            var admin = await db.Users.Where(p => p.Email == "admin@example.org").Select(p => p.Id).SingleAsync();
            session.SignIn(admin, org, Role.Administrator, Scope.Admin);
            var approved = await Aims.Web.Features.Approvals.ApprovalService.DecideAsync(db, TimeProvider.System, asked.Value!.Reference,
                new Aims.Web.Features.Approvals.DecideRequest { Verdict = "approve", Rationale = "Read and approved for Stage 1." }, null, Aims.Domain.Approvals.Channel.Web, default);
            Assert.True(approved.IsOk && approved.Value!.State == "approved", string.Join("; ", approved.Messages));
            return (await Soa.LatestNumberAsync(db, default))!.Value;
        }
    }
}

/// <summary>A strict reader of the CSV the exports write (RFC 4180: quoted cells, doubled quotes, CRLF).</summary>
internal static class CsvTable
{
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
