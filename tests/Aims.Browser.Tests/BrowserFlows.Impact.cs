using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aims.Browser.Tests;

/// <summary>
/// The impact assessment flow: a new use case starts an assessment task; the AIMS lead records a harm, decides that
/// the residual impact is not acceptable, and the decision escalates to the administrator along the procedure's path.
/// </summary>
public abstract partial class BrowserFlows
{
    [Fact]
    public async Task A_new_use_case_starts_an_impact_assessment_that_is_completed_and_escalated()
    {
        // The default procedure lets the AIMS lead decide and escalates from the AIMS lead to an administrator.
        await using var s = await SignedInAsync("impact");
        await s.GoAsync("/admin/people");
        var email = $"impact.lead.{fixture.Name}.{Guid.NewGuid():N}"[..36] + "@example.org";
        await s.Page.GetByText("Add a person").ClickAsync();
        var form = s.Page.Locator("form").Filter(new() { Has = s.Page.GetByRole(AriaRole.Button, new() { Name = "Add person" }) });
        await form.GetByLabel("E-mail").FillAsync(email);
        await form.GetByLabel("Name").FillAsync("Ines Lead");
        await form.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "AIMS lead" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Add person" }).ClickAsync();
        var notice = s.Page.GetByRole(AriaRole.Status);
        await Expect(notice).ToContainTextAsync("Their initial password, shown only now:");
        var initial = PasswordIn(await notice.InnerTextAsync());
        await s.CheckAsync("0-lead-added");
        s.Finish();

        await using var lead = await fixture.NewSessionAsync("impact-lead");
        await lead.SignInAsync(email, initial);
        await lead.Page.GetByLabel("Current password").FillAsync(initial);
        await lead.Page.GetByLabel("New password", new() { Exact = true }).FillAsync("Impact-Lead-Passw0rd");
        await lead.Page.GetByLabel("Repeat the new password").FillAsync("Impact-Lead-Passw0rd");
        await lead.Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(lead.Heading).ToHaveTextAsync(BrowserFixture.DemoName);

        // A system that decides on its own: the procedure requires an assessment of each of its use cases.
        await lead.GoAsync("/inventory/ai-systems/new");
        await lead.Page.GetByLabel("Name (required)").FillAsync("Arrears payment plans");
        await lead.Page.GetByLabel("Business owner").FillAsync("control.owner@example.org");
        await lead.Page.GetByLabel("Life cycle stage").SelectOptionAsync("design-and-development");
        await lead.Page.GetByLabel("Sourcing").SelectOptionAsync("in-house");
        await lead.Page.GetByLabel("Autonomy").SelectOptionAsync("decision");
        await lead.Page.GetByLabel("Human oversight").SelectOptionAsync("human-on-the-loop");
        await lead.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(lead.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved." })).ToBeVisibleAsync();
        var system = Regex.Match(await lead.Heading.InnerTextAsync(), "SYS-[0-9]+").Value;
        await lead.Page.GetByRole(AriaRole.Link, new() { Name = "Add a use case" }).ClickAsync();
        await lead.Page.GetByLabel("Name (required)").FillAsync("Offer payment plans to borrowers in arrears");
        await lead.Page.GetByLabel("Affected persons").FillAsync("Borrowers in arrears");
        await lead.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(lead.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved." })).ToBeVisibleAsync();
        var useCase = Regex.Match(await lead.Heading.InnerTextAsync(), "UC-[0-9]+").Value;
        await lead.CheckAsync("1-use-case");

        // The task it started is in the impact assessments register, for the system owner.
        await lead.GoAsync($"/risk/impact-assessments?useCase={useCase}");
        await lead.CheckAsync("2-tasks");
        var row = lead.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = useCase });
        await Expect(row).ToContainTextAsync("new-use-case");
        await Expect(row).ToContainTextAsync("control.owner@example.org");
        await row.GetByRole(AriaRole.Link).Filter(new() { HasTextRegex = new Regex("^IA-") }).First.ClickAsync();
        await Expect(lead.Heading).ToContainTextAsync(new Regex("IA-[0-9]+"));
        var assessment = Regex.Match(await lead.Heading.InnerTextAsync(), "IA-[0-9]+").Value;
        Assert.NotEmpty(assessment);
        await lead.CheckAsync("3-assessment");

        await lead.GoAsync($"/risk/impact-assessments/{assessment}?edit=1");
        await lead.Page.GetByLabel("Status (required)").SelectOptionAsync("in-progress");
        await lead.Page.GetByLabel("Affected individuals").FillAsync("Borrowers in arrears, some in financial difficulty.");
        await lead.Page.GetByLabel("Residual impact").FillAsync("Plans offered by the model are still too short for some households.");
        await lead.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(lead.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved." })).ToBeVisibleAsync();

        await lead.Page.GetByRole(AriaRole.Link, new() { Name = "Add a harm" }).ClickAsync();
        await Expect(lead.Page.GetByLabel("Impact assessment (required)")).ToHaveValueAsync(assessment);
        await lead.Page.GetByLabel("Area (required)").SelectOptionAsync("life-opportunities");
        await lead.Page.GetByLabel("Description (required)").FillAsync("Unaffordable plans push households into further arrears");
        await lead.Page.GetByLabel("Severity").FillAsync("4");
        await lead.Page.GetByLabel("Likelihood").FillAsync("3");
        await lead.Page.GetByLabel("Reversibility (required)").SelectOptionAsync("partly-reversible");
        await lead.Page.GetByLabel("Scale (required)").SelectOptionAsync("group");
        await lead.CheckAsync("4-harm");
        await lead.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(lead.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved." })).ToBeVisibleAsync();

        await lead.GoAsync($"/risk/impact-assessments/{assessment}");
        var decision = lead.Page.GetByRole(AriaRole.Region, new() { Name = "Decision" });
        await decision.GetByLabel("Not acceptable").CheckAsync();
        await decision.GetByLabel("Rationale").FillAsync("Households in difficulty carry the harm; the board decides on a redesign.");
        await lead.CheckAsync("5-decision-form");
        await decision.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await Expect(lead.Page.Locator("[data-escalation]")).ToContainTextAsync("Escalated to administrator");
        await Expect(lead.Page.GetByRole(AriaRole.Region, new() { Name = "Decision" })).ToContainTextAsync("Not acceptable");
        await lead.CheckAsync("6-escalated");

        // The harm raises a risk in one step, and the risk page names the harm.
        await lead.Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Raise a risk from HARM-") }).ClickAsync();
        await Expect(lead.Heading).ToContainTextAsync("Unaffordable plans");
        await Expect(lead.Page.GetByRole(AriaRole.Region, new() { Name = "Raised from impact assessments" })).ToContainTextAsync(assessment);
        await lead.CheckAsync("7-risk");
        Assert.NotEmpty(system);
        lead.Finish();
    }
}
