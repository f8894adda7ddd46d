using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aims.Browser.Tests;

/// <summary>The inventory flows: register an AI system with two use cases, classify them, override with a reason.</summary>
public abstract partial class BrowserFlows
{
    [Fact]
    public async Task A_system_with_two_use_cases_is_registered_classified_and_overridden()
    {
        await using var s = await SignedInAsync("inventory");
        await s.Nav.GetByRole(AriaRole.Link, new() { Name = "Inventory" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("Inventory");
        await s.CheckAsync("1-inventory");
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "AI systems", Exact = true }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("AI systems");
        await s.CheckAsync("2-systems");

        await s.Page.GetByRole(AriaRole.Link, new() { Name = "Add an AI system" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("New AI system");
        await s.Page.GetByLabel("Name (required)").FillAsync("Mortgage document assistant");
        await s.Page.GetByLabel("Purpose and intended use").FillAsync("Answers brokers' questions and drafts mortgage summaries.");
        await s.Page.GetByLabel("Business owner").FillAsync("aims.lead@example.org");
        await s.Page.GetByLabel("Life cycle stage").SelectOptionAsync("deployment");
        await s.Page.GetByLabel("Sourcing").SelectOptionAsync("in-house");
        await s.Page.GetByLabel("Autonomy").SelectOptionAsync("recommendation");
        await s.Page.GetByLabel("Human oversight").SelectOptionAsync("human-in-the-loop");
        await s.Page.GetByRole(AriaRole.Group, new() { Name = "EU AI Act operator roles" }).GetByLabel("provider").CheckAsync();
        // Out of scope without a reason is refused, next to the field.
        await s.Page.GetByLabel("In AIMS scope").UncheckAsync();
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(s.Page.Locator("#field-scopeJustification-error")).ToContainTextAsync("every exclusion needs a justification");
        await s.CheckAsync("3-exclusion-needs-reason");
        await s.Page.GetByLabel("In AIMS scope").CheckAsync();
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        var system = Regex.Match(await s.Heading.InnerTextAsync(), "SYS-[0-9]+").Value;
        Assert.NotEmpty(system);
        await s.CheckAsync("4-system");

        foreach (var name in new[] { "Broker questions", "Customer mortgage summaries" })
        {
            await s.GoAsync($"/inventory/ai-systems/{system}");
            await s.Page.GetByRole(AriaRole.Link, new() { Name = "Add a use case" }).ClickAsync();
            await Expect(s.Page.GetByLabel("AI system (required)")).ToHaveValueAsync(system);
            await s.Page.GetByLabel("Name (required)").FillAsync(name);
            await s.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(s.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        }

        await s.GoAsync($"/inventory/ai-systems/{system}");
        await Expect(s.Page.Locator(".lineage").GetByText("not classified")).ToHaveCountAsync(2);
        await s.CheckAsync("5-two-use-cases");

        // The customer-facing use: a chatbot that also drafts text, for credit decisions (Annex III 5(b)).
        await s.Page.Locator(".lineage").GetByRole(AriaRole.Link).Filter(new() { HasTextRegex = new Regex("^UC-") }).Last.ClickAsync();
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "Answer the questionnaire" }).ClickAsync();
        await s.CheckAsync("6-questionnaire");
        await s.Page.GetByLabel("Annex III area or point the use case falls in").SelectOptionAsync("5(b)");
        await s.Page.GetByLabel("Interacts directly with people (50(1))").CheckAsync();
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Save answers and classify" }).ClickAsync();
        var result = s.Page.GetByRole(AriaRole.Region, new() { Name = "Result" });
        await Expect(result).ToContainTextAsync("High-risk (Art. 6(2), Annex III)");
        await Expect(result).ToContainTextAsync("Annex III point 5(b)");
        await Expect(result).ToContainTextAsync("Art. 50(1)");
        await Expect(result).ToContainTextAsync("Art. 9");
        await s.CheckAsync("7-classified");

        await s.Page.GetByRole(AriaRole.Group, new() { Name = "Regimes that apply in your judgement" }).GetByLabel("Transparency obligations (Art. 50)").CheckAsync();
        await s.Page.GetByLabel(new Regex("^Justification")).FillAsync("Legal opinion LO-88: summaries are informational, no creditworthiness assessment.");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Override", Exact = true }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Override recorded");
        await Expect(result).ToContainTextAsync("Overridden by Dana Admin");
        await Expect(result).ToContainTextAsync("Legal opinion LO-88");
        await Expect(result).ToContainTextAsync("High-risk (Art. 6(2), Annex III)");
        await s.CheckAsync("8-overridden");
        s.Finish();
    }
}
