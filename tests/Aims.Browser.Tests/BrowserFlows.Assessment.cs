using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aims.Browser.Tests;

/// <summary>
/// The gap assessment flow: assess requirements of ISO/IEC 42001 in the worksheet, see the gaps they open graded on
/// the severity matrix, turn the 5.2 gap into an action and complete it, then assess 5.2 compliant and see its gap close.
/// </summary>
public abstract partial class BrowserFlows
{
    [Fact]
    public async Task A_gap_assessment_opens_graded_gaps_whose_actions_close_them()
    {
        await using var s = await SignedInAsync("assessment");
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await s.GoAsync("/assurance/assessments/new");
        await s.Page.GetByLabel("Title (required)").FillAsync($"Readiness before Stage 1 ({fixture.Name})");
        await s.Page.GetByLabel("Framework (required)").FillAsync("iso42001");
        await s.Page.GetByLabel("Assessors").FillAsync("AIMS lead, internal audit");
        await s.Page.GetByLabel("Status (required)").SelectOptionAsync("planned");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved." })).ToBeVisibleAsync();
        var assessment = Regex.Match(await s.Heading.InnerTextAsync(), "GA-[0-9]+").Value;
        var worksheetSection = s.Page.GetByRole(AriaRole.Region, new() { Name = "Worksheet" });
        await Expect(worksheetSection).ToContainTextAsync(new Regex("0 of [0-9]+ requirements assessed"));
        await s.CheckAsync("1-assessment");

        await worksheetSection.GetByRole(AriaRole.Link, new() { Name = "Open the worksheet" }).ClickAsync();
        await Expect(s.Heading).ToContainTextAsync($"{assessment} Worksheet");
        await Expect(Row(s.Page, "AI policy").First).ToContainTextAsync("unassessed");
        await s.CheckAsync("2-worksheet");

        // Compliant while not working is refused with the rule, next to the status.
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "Assess 5.2", Exact = true }).ClickAsync();
        await Expect(s.Heading).ToContainTextAsync("5.2");
        await s.Page.GetByLabel("Status (required)").SelectOptionAsync("compliant");
        await AnswerAsync(s.Page, "In place?", "yes");
        await AnswerAsync(s.Page, "Working?", "no");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(s.Page.Locator("#status-error")).ToContainTextAsync("compliant only when it is in place, working and documented");
        await Expect(s.Page.GetByLabel("Status (required)")).ToHaveValueAsync("compliant");
        await s.CheckAsync("3-refused");

        await s.Page.GetByLabel("Status (required)").SelectOptionAsync("not-compliant");
        await AnswerAsync(s.Page, "In place?", "no");
        await s.Page.GetByLabel("Notes").FillAsync("No AI policy yet; the IT policy does not mention AI.");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var notice = s.Page.GetByRole(AriaRole.Status);
        await Expect(notice).ToContainTextAsync(new Regex("5\\.2 saved as not-compliant: gap GAP-[0-9]+ is open, predicted major nonconformity"));
        var gap = Regex.Match(await notice.InnerTextAsync(), "GAP-[0-9]+").Value;

        await AssessAsync(s, "7.2", "partially-compliant", "Competence matrix exists; training records for two roles missing.");
        await Expect(notice).ToContainTextAsync(new Regex("7\\.2 saved as partially-compliant: gap GAP-[0-9]+ is open, predicted minor nonconformity"));
        var competenceGap = Regex.Match(await notice.InnerTextAsync(), "GAP-[0-9]+").Value;
        await AssessAsync(s, "4.1", "compliant", "Context reviewed at the last management review.", evidence: "MR-1");
        await Expect(notice).ToContainTextAsync("4.1 saved as compliant.");
        await Expect(s.Page.Locator("[data-progress]")).ToContainTextAsync(new Regex("3 of [0-9]+ assessed"));
        await Expect(s.Page.Locator("[data-progress]")).ToContainTextAsync("2 open gaps");
        await s.CheckAsync("4-assessed");

        // The filter shows what is not compliant, with its gap and predicted class.
        await s.Page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("not-compliant");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        var rows = s.Page.Locator("table.worksheet tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(gap);
        await Expect(rows.First).ToContainTextAsync("major nonconformity");
        await s.CheckAsync("5-filtered");

        await rows.First.GetByRole(AriaRole.Link, new() { Name = gap }).ClickAsync();
        await Expect(s.Heading).ToContainTextAsync(gap);
        var grade = s.Page.GetByRole(AriaRole.Region, new() { Name = "If still open at the certification audit" });
        await Expect(grade.Locator("[data-predicted]")).ToContainTextAsync("Predicted audit class: major nonconformity");
        await Expect(grade.Locator("[data-rule]")).ToHaveTextAsync("5.2: AI policy missing or inadequate → major nonconformity when not compliant");
        await Expect(grade).ToContainTextAsync("Certification cannot be recommended without an AI policy.");

        // Before the AIMS operates a gap is not a nonconformity: the refusal is a message. (The demo's AIMS operates, so
        // the plan is first set back to an AIMS not yet operating.)
        var gapPage = s.Page.Url;
        await s.GoAsync("/assurance/certification-plan");
        await s.Page.GetByLabel("AIMS operating since").FillAsync("");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await s.Page.GotoAsync(gapPage);
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Raise a nonconformity" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Region, new() { Name = "Nonconformity" }).GetByRole(AriaRole.Alert))
            .ToContainTextAsync("gaps found before the AIMS operates are gaps, not nonconformities");
        await s.CheckAsync("6-gap");

        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(21).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await s.Page.GetByLabel("Owner (e-mail)").FillAsync("aims.lead@example.org");
        await s.Page.GetByLabel("Due (default").FillAsync(due);
        await s.Page.GetByLabel("Definition of done").FillAsync("AI policy approved by top management and communicated to staff.");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Turn into an action" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved." })).ToBeVisibleAsync();
        var action = Regex.Match(await s.Heading.InnerTextAsync(), "ACT-[0-9]+").Value;
        Assert.NotEmpty(action);
        await Expect(s.Page.GetByRole(AriaRole.Region, new() { Name = "Where it comes from" })).ToContainTextAsync($"Closes gap {gap}");
        await Expect(s.Page.Locator("dl.facts")).ToContainTextAsync(due);
        await s.CheckAsync("7-action");

        // The action plan board shows it in the documentation phase (the policy is days 1–30 work).
        await s.GoAsync("/assurance/action-plan");
        await Expect(s.Heading).ToHaveTextAsync("Action plan");
        var documentation = s.Page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Days 1–30: documentation") });
        await Expect(documentation.GetByRole(AriaRole.Link, new() { Name = action, Exact = true })).ToBeVisibleAsync();
        await s.CheckAsync("7b-action-plan");
        await s.Page.GetByRole(AriaRole.Link, new() { Name = action, Exact = true }).ClickAsync();
        await Expect(s.Heading).ToContainTextAsync(action);

        // Done needs closure evidence and a completion date.
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }).ClickAsync();
        await s.Page.GetByLabel("Status (required)").SelectOptionAsync("done");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(s.Page.Locator("#field-closureEvidence-error")).ToContainTextAsync("is required to mark the action done");
        await Expect(s.Page.Locator("#field-completedOn-error")).ToContainTextAsync("is required to mark the action done");
        await s.CheckAsync("8-done-refused");
        await s.Page.GetByLabel("Closure evidence").FillAsync("AI policy v1 approved by the board; intranet notice to all staff.");
        await s.Page.GetByLabel("Completed").FillAsync(today);
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved." })).ToBeVisibleAsync();
        await Expect(s.Page.Locator("dl.facts")).ToContainTextAsync("AI policy v1 approved by the board");

        await s.Page.GetByRole(AriaRole.Link, new() { Name = gap }).First.ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Region, new() { Name = "Actions" })).ToContainTextAsync(action);
        await Expect(Row(s.Page, action)).ToContainTextAsync("done");
        await s.CheckAsync("9-gap-with-action");

        // The requirement assessed compliant closes its gap.
        await s.GoAsync($"/assurance/assessments/{assessment}/worksheet");
        await AssessAsync(s, "5.2", "compliant", "AI policy v1 approved and communicated.", evidence: action);
        await Expect(notice).ToContainTextAsync($"5.2 saved as compliant: gap {gap} is closed.");
        await Expect(s.Page.Locator("[data-progress]")).ToContainTextAsync("1 open gaps");
        await Expect(s.Page.Locator("tr#req-5\\.2")).Not.ToContainTextAsync(gap);
        await s.CheckAsync("10-closed");

        await s.GoAsync($"/assurance/gaps/{gap}");
        await Expect(s.Page.GetByRole(AriaRole.Region, new() { Name = "If still open at the certification audit" })).ToContainTextAsync("Closed");
        await Expect(s.Page.GetByRole(AriaRole.Button, new() { Name = "Turn into an action" })).ToHaveCountAsync(0);
        await s.CheckAsync("11-gap-closed");

        // The matrix that graded the gaps: weights must add up to 100; adopting a version grades every gap again.
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "gap severity matrix" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("Gap severity matrix");
        await Expect(s.Page.GetByLabel("rule 1 requirement")).ToHaveValueAsync("5.2");
        await Expect(s.Page.Locator("[data-version]")).ToContainTextAsync("Not adopted yet");
        await s.Page.GetByLabel("Inherent risk").FillAsync("50");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Adopt this matrix" }).ClickAsync();
        await Expect(s.Page.Locator("#weights-error")).ToContainTextAsync("add up to 100 (they add up to 115)");
        await Expect(s.Page.GetByLabel("Inherent risk")).ToHaveValueAsync("50");
        await s.CheckAsync("12-matrix-refused");
        await s.Page.GetByLabel("Inherent risk").FillAsync("35");
        await s.Page.GetByLabel("rule 4 remediation weeks at most").FillAsync("3");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Adopt this matrix" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Version 1 adopted; every gap was graded again.");
        await Expect(s.Page.Locator("[data-version]")).ToContainTextAsync("Version 1 in force");
        await s.CheckAsync("13-matrix-adopted");
        await s.GoAsync($"/assurance/gaps/{competenceGap}");
        await Expect(s.Page.GetByRole(AriaRole.Region, new() { Name = "If still open at the certification audit" })).ToContainTextAsync("1–3 weeks");
        s.Finish();
    }

    private static async Task AnswerAsync(IPage page, string question, string answer) =>
        await page.GetByRole(AriaRole.Group, new() { Name = question }).GetByLabel(answer, new() { Exact = true }).CheckAsync();

    /// <summary>From the worksheet: opens the requirement's form, assesses it (all answers yes when compliant) and saves.</summary>
    private static async Task AssessAsync(BrowserSession s, string requirement, string status, string notes, string evidence = "")
    {
        await s.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^(Assess|Change) {Regex.Escape(requirement)}$") }).ClickAsync();
        await Expect(s.Heading).ToContainTextAsync(requirement);
        await s.Page.GetByLabel("Status (required)").SelectOptionAsync(status);
        foreach (var question in new[] { "In place?", "Working?", "Documented?" })
        {
            await AnswerAsync(s.Page, question, status == "compliant" ? "yes" : "not answered");
        }

        await s.Page.GetByLabel("Notes").FillAsync(notes);
        await s.Page.GetByLabel("Evidence (").FillAsync(evidence);
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(s.Heading).ToContainTextAsync("Worksheet");
    }
}
