using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aims.Browser.Tests;

/// <summary>The risk flow: define the criteria, add a risk, treat it with controls, ask to accept the residual, see the heat map.</summary>
public abstract partial class BrowserFlows
{
    [Fact]
    public async Task A_risk_is_scored_on_the_criteria_treated_its_acceptance_asked_and_shown_on_the_heat_map()
    {
        await using var s = await SignedInAsync("risk");
        await s.Nav.GetByRole(AriaRole.Link, new() { Name = "Risks" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("Risks and impact");
        await s.CheckAsync("1-risk-hub");

        await s.Page.GetByRole(AriaRole.Link, new() { Name = "Risk criteria" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("Risk criteria");
        await s.Page.GetByLabel("likelihood 5 description").FillAsync("Happens monthly or more often in our portfolio.");
        await s.Page.GetByLabel("level at likelihood 5, impact 1").SelectOptionAsync(new SelectOptionValue { Label = "High" });
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Adopt as a new version" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("adopted; every risk was scored again");
        await s.CheckAsync("2-criteria");

        await s.GoAsync("/risk/risks/new");
        await s.Page.GetByLabel("Title (required)").FillAsync("Assistant reveals another customer's balance");
        await s.Page.GetByLabel("Dimension").SelectOptionAsync("privacy");
        await s.Page.GetByLabel("Owner").FillAsync("aims.lead@example.org");
        await s.Page.GetByLabel("Inherent likelihood").FillAsync("3");
        await s.Page.GetByLabel("Inherent impact").FillAsync("4");
        await s.Page.GetByLabel("Treatment", new() { Exact = true }).SelectOptionAsync("modify");
        await s.Page.GetByLabel("Annex A controls").FillAsync("A.7.5, A.99.1");
        await s.Page.GetByLabel("Residual likelihood").FillAsync("1");
        await s.Page.GetByLabel("Residual impact").FillAsync("4");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(s.Page.Locator("#field-annexAControls-error")).ToContainTextAsync("'A.99.1' is not a control of iso42001");
        await s.CheckAsync("3-unknown-control");
        await s.Page.GetByLabel("Annex A controls").FillAsync("A.7.5, A.6.2.4");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Saved");
        var risk = Regex.Match(await s.Heading.InnerTextAsync(), "RISK-[0-9]+").Value;
        await Expect(s.Page.Locator("dl.facts")).ToContainTextAsync("A.6.2.4, A.7.5");
        await s.CheckAsync("4-risk");

        var acceptance = s.Page.GetByRole(AriaRole.Region, new() { Name = "Acceptance of the residual risk" });
        await Expect(acceptance).ToContainTextAsync("not accepted");
        await s.Page.GetByLabel("Rationale for accepting (required)").FillAsync("Residual within appetite once transcripts are redacted.");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Ask to accept the residual risk" }).ClickAsync();
        // Accepting is an approval request: it waits for an approver other than the one who asked (the approvals flow grants one).
        await Expect(s.Heading).ToContainTextAsync(new Regex($"^APR-[0-9]+: Accept the .* residual risk of {risk}"));
        await Expect(s.Page.Locator("dl[data-request]")).ToContainTextAsync("pending");
        await Expect(s.Page.Locator("ul[data-context]")).ToContainTextAsync(risk);
        await s.CheckAsync("5-acceptance-asked");
        await s.GoAsync($"/risk/risks/{risk}");
        await Expect(s.Page.Locator("[data-pending-approval]")).ToContainTextAsync("awaits its approvers");
        await Expect(s.Page.GetByRole(AriaRole.Button, new() { Name = "Ask to accept the residual risk" })).ToHaveCountAsync(0);

        await s.GoAsync("/risk/heat-map");
        await Expect(s.Heading).ToHaveTextAsync("Risk heat maps");
        var residual = s.Page.GetByRole(AriaRole.Table, new() { NameRegex = new Regex("^Residual risk in numbers") });
        await Expect(residual).ToBeVisibleAsync();
        await Expect(s.Page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("Inherent risk") })).ToBeVisibleAsync();
        await s.CheckAsync("6-heat-map");
        await s.Page.GetByLabel("Dimension").SelectOptionAsync("privacy");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(s.Page.GetByText(new Regex("^Residual risk: [0-9]+ risks?"))).ToBeVisibleAsync();
        await s.CheckAsync("7-heat-map-privacy");
        Assert.NotEmpty(risk);
        s.Finish();
    }
}
