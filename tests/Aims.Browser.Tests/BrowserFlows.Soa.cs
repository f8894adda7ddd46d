using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aims.Browser.Tests;

/// <summary>
/// The Statement of Applicability flow: from the readiness page to the SoA, exclude a control (first without a
/// justification), make an applicable control audit-ready, approve a version, change another row, compare the version
/// with the SoA as it stands, and see readiness move on the dashboard.
/// </summary>
public abstract partial class BrowserFlows
{
    [Fact]
    public async Task Soa_rows_are_decided_approved_compared_and_move_readiness()
    {
        await using var s = await SignedInAsync("soa");
        await s.Nav.GetByRole(AriaRole.Link, new() { Name = "Assurance" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("Assurance and readiness");
        var scoreBefore = await NumberAsync(s.Page.Locator("#readiness-score"));
        var notReadyBefore = await NumberAsync(s.Page.Locator("#soa-not-ready"));
        Assert.InRange(scoreBefore, 0, 100);
        var areasBefore = await AreaScoresAsync(s.Page);
        await Expect(s.Page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^Readiness trend") })).ToBeVisibleAsync();
        await Expect(s.Page.GetByRole(AriaRole.Heading, new() { Name = "How the score is computed" })).ToBeVisibleAsync();
        await s.CheckAsync("1-readiness");

        // The SoA, narrowed as a person working through it would: excluded controls that are not audit-ready yet.
        await s.Page.GetByRole(AriaRole.Navigation, new() { Name = "Assurance registers" }).GetByRole(AriaRole.Link, new() { Name = "Statement of Applicability" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("Statement of Applicability");
        await Expect(s.Page.GetByRole(AriaRole.Link, new() { Name = "CSV" })).ToHaveAttributeAsync("data-enhance-nav", "false");
        await s.CheckAsync("2-soa");
        var excluded = await FirstControlAsync(s, applicable: "excluded", 0);

        await s.Page.GetByRole(AriaRole.Link, new() { Name = excluded, Exact = true }).ClickAsync();
        await Expect(s.Heading).ToContainTextAsync(excluded);
        await s.Page.GetByLabel("Decision", new() { Exact = true }).SelectOptionAsync("excluded");
        await s.Page.GetByLabel("Justification").FillAsync("");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(s.Page.Locator("#soa-justification-error")).ToContainTextAsync("is required to exclude a control");
        await Expect(s.Page.GetByLabel("Justification")).ToHaveAttributeAsync("aria-invalid", "true");
        await s.CheckAsync("3-exclusion-without-justification");

        await s.Page.GetByLabel("Justification").FillAsync("The organization supplies no AI system to customers; it only uses AI internally.");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Expect(s.Page.Locator("#readiness")).ToHaveTextAsync("audit-ready");
        await s.CheckAsync("4-excluded");

        // An applicable control that is not ready: give it everything an auditor asks for.
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "Statement of Applicability" }).ClickAsync();
        var applicable = await FirstControlAsync(s, applicable: "applicable", 0);
        var another = await FirstControlAsync(s, applicable: "applicable", 1);
        await s.Page.GetByRole(AriaRole.Link, new() { Name = applicable, Exact = true }).ClickAsync();
        await Expect(s.Heading).ToContainTextAsync(applicable);
        await Expect(s.Page.Locator("#readiness")).ToContainTextAsync("not ready");
        await s.Page.GetByLabel("Decision", new() { Exact = true }).SelectOptionAsync("applicable");
        await s.Page.GetByLabel("policy", new() { Exact = true }).CheckAsync();
        await s.Page.GetByLabel("Implementation status").SelectOptionAsync("implemented");
        await s.Page.GetByLabel("Procedure").FillAsync("PRC-07 Model validation procedure");
        await s.Page.GetByLabel("Evidence", new() { Exact = true }).FillAsync("EV-12 validation report 2026-Q3");
        await s.Page.GetByLabel("Responsible person (e-mail)").FillAsync("aims.lead@example.org");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Expect(s.Page.Locator("#readiness")).ToHaveTextAsync("audit-ready");
        await Expect(s.Page.Locator("dl.facts")).ToContainTextAsync("Required by: policy");
        await s.CheckAsync("5-audit-ready");

        // Approving is an approval request. This organization lets the one who asks approve a SoA version too
        // (a decision boundary set on its page), so the administrator asks and decides.
        await s.GoAsync("/approvals/policy");
        var boundary = s.Page.Locator("fieldset[data-boundary=approve-soa-version]");
        await boundary.GetByLabel("The requester may approve their own request").CheckAsync();
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Adopt a new version" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Adopted");
        await s.GoAsync("/assurance/soa");
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "Approved versions and comparison" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("Approved versions of the Statement of Applicability");
        await s.Page.GetByLabel(new Regex("^Reason")).FillAsync("Baseline for the Stage 1 audit");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Ask to approve this SoA as a new version" }).ClickAsync();
        await Expect(s.Heading).ToContainTextAsync(new Regex("^APR-[0-9]+: Approve and freeze the Statement of Applicability"));
        await s.Page.GetByRole(AriaRole.Radio, new() { Name = "Approve" }).CheckAsync();
        await s.Page.GetByLabel(new Regex("^Rationale")).FillAsync("Read with the AIMS lead; ready for Stage 1.");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        var approved = s.Page.Locator("dl[data-request]");
        await Expect(approved).ToContainTextAsync(new Regex("SoA version [0-9]+ approved and frozen"));
        var version = Regex.Match(await approved.InnerTextAsync(), "SoA version ([0-9]+)").Groups[1].Value;
        await s.GoAsync("/assurance/soa/versions");
        var versions = s.Page.GetByRole(AriaRole.Table, new() { Name = "Approved versions, newest first" });
        var row = versions.GetByRole(AriaRole.Row).Filter(new() { Has = s.Page.GetByRole(AriaRole.Rowheader, new() { Name = version, Exact = true }) });
        await Expect(row).ToContainTextAsync(BrowserFixture.AdminEmail);
        await Expect(row).ToContainTextAsync("Baseline for the Stage 1 audit");
        await s.CheckAsync("6-approved");

        // Change another row after the approval, then compare the version with the SoA as it stands.
        await s.GoAsync($"/assurance/soa/{another}");
        await s.Page.GetByLabel("Procedure").FillAsync("PRC-11 Data provenance checks");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "Statement of Applicability" }).ClickAsync();
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "Approved versions and comparison" }).ClickAsync();
        await s.Page.GetByLabel("From version").SelectOptionAsync(version);
        await s.Page.GetByLabel("To", new() { Exact = true }).SelectOptionAsync("current");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        var changes = s.Page.GetByRole(AriaRole.Table, new() { Name = $"Changes from {version} to current" });
        var change = changes.GetByRole(AriaRole.Row).Filter(new() { Has = s.Page.GetByRole(AriaRole.Rowheader, new() { Name = another, Exact = true }) });
        await Expect(change.GetByRole(AriaRole.Cell)).ToHaveTextAsync([new Regex("^procedure$"), new Regex(".*"), new Regex("^PRC-11 Data provenance checks$")]);
        await Expect(s.Page.Locator("dl.facts")).ToContainTextAsync($"approved by {BrowserFixture.AdminEmail} (administrator)");
        await s.CheckAsync("7-compared");

        // Back on the dashboard: two rows fewer to complete, and the area of the completed control scores higher.
        await s.Nav.GetByRole(AriaRole.Link, new() { Name = "Assurance" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("Assurance and readiness");
        Assert.Equal(notReadyBefore - 2, await NumberAsync(s.Page.Locator("#soa-not-ready")));
        Assert.True(await NumberAsync(s.Page.Locator("#readiness-score")) >= scoreBefore);
        var area = string.Join('.', applicable.Split('.').Take(2));
        var areasAfter = await AreaScoresAsync(s.Page);
        Assert.True(areasAfter[area].Score > areasBefore[area].Score, $"{area} scored {areasBefore[area].Score} before and {areasAfter[area].Score} after");
        Assert.Equal(areasBefore[area].SoaReady + (area == string.Join('.', excluded.Split('.').Take(2)) ? 2 : 1), areasAfter[area].SoaReady);
        await s.CheckAsync("8-readiness-moved");

        // Plan the audit: an internal audit date without its report is refused next to the field; with it, the countdown appears.
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "Edit the certification plan" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("Certification plan");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await s.Page.GetByLabel("Stage 1 audit (target date)").FillAsync(Day(today.AddDays(90)));
        await s.Page.GetByLabel("Stage 2 audit (target date)").FillAsync(Day(today.AddDays(120)));
        await s.Page.GetByLabel("Internal audit completed on").FillAsync(Day(today.AddDays(-10)));
        await s.Page.GetByLabel("Internal audit report reference").FillAsync("");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await Expect(s.Page.Locator("#plan-internalAuditReport-error")).ToContainTextAsync("is required with the completion date");
        await s.CheckAsync("9-plan-refused");
        await s.Page.GetByLabel("Internal audit report reference").FillAsync("IA-2026-01 internal audit report");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await s.Nav.GetByRole(AriaRole.Link, new() { Name = "Assurance" }).ClickAsync();
        await Expect(s.Page.GetByText($"The countdown starts on {Day(today.AddDays(30))}")).ToBeVisibleAsync();
        var process = s.Page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Days 31–60") });
        await Expect(process.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Internal audit (9.2)" })).ToContainTextAsync("done");
        await Expect(s.Page.GetByText("The management review is not completed.")).ToBeVisibleAsync();
        await s.CheckAsync("10-countdown");
        s.Finish();
    }

    /// <summary>The control of the n-th not-ready row of the SoA filtered by applicability, chosen with the page's own filters.</summary>
    private static async Task<string> FirstControlAsync(BrowserSession s, string applicable, int n)
    {
        await s.Page.GetByLabel("Applicable", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = applicable });
        await s.Page.GetByLabel("Audit-ready").SelectOptionAsync(new SelectOptionValue { Label = "not ready" });
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(s.Page).ToHaveURLAsync(new Regex("ready=false"));
        var controls = s.Page.GetByRole(AriaRole.Table, new() { Name = "Statement of Applicability" }).GetByRole(AriaRole.Rowheader);
        await Expect(controls.Nth(n)).ToBeVisibleAsync();
        return (await controls.Nth(n).InnerTextAsync()).Trim();
    }

    /// <summary>The Annex A area table of the readiness page: area -> score and audit-ready SoA rows.</summary>
    private static async Task<Dictionary<string, (int Score, int SoaReady)>> AreaScoresAsync(IPage page)
    {
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Scores per Annex A area" });
        await Expect(table).ToBeVisibleAsync();
        var result = new Dictionary<string, (int, int)>();
        foreach (var row in await table.Locator("tbody tr").AllAsync())
        {
            var area = (await row.GetByRole(AriaRole.Rowheader).InnerTextAsync()).Split(' ')[0];
            var cells = row.GetByRole(AriaRole.Cell);
            result[area] = (await NumberAsync(cells.Nth(0)), await NumberAsync(cells.Nth(2)));
        }

        return result;
    }

    private static async Task<int> NumberAsync(ILocator locator) =>
        int.Parse(Regex.Match(await locator.InnerTextAsync(), "^[0-9]+").Value, System.Globalization.CultureInfo.InvariantCulture);
}
