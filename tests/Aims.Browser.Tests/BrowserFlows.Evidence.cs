using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aims.Browser.Tests;

/// <summary>
/// The evidence flow: the vault with its reminders and freshness filter, a refused upload (a PDF that is really a PNG)
/// with the message next to the file field, an upload linked to a control that has already expired, the item with its
/// version and download, a link added on the item's page, and the control's SoA page showing the expired evidence.
/// </summary>
public abstract partial class BrowserFlows
{
    [Fact]
    public async Task Evidence_is_uploaded_linked_to_a_control_and_seen_expired()
    {
        await using var s = await SignedInAsync("evidence");
        await s.Nav.GetByRole(AriaRole.Link, new() { Name = "Evidence" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("Evidence");
        await Expect(s.Page.Locator("td [data-freshness=expired]").First).ToBeVisibleAsync();
        await Expect(s.Page.GetByRole(AriaRole.Link, new() { Name = "Export as CSV" })).ToHaveAttributeAsync("data-enhance-nav", "false");
        await s.CheckAsync("1-vault");

        await s.Page.GetByLabel("Freshness").SelectOptionAsync("expired");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(s.Page.Locator("tbody tr").First).ToBeVisibleAsync();
        foreach (var tag in await s.Page.Locator("tbody [data-freshness]").AllTextContentsAsync())
        {
            Assert.Equal("expired", tag);
        }

        // A file declared as PDF whose bytes are a PNG is refused, and nothing is saved.
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "Upload evidence" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("Upload evidence");
        await s.Page.Locator("#ev-title").FillAsync("Access review of the model registry");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        await s.Page.Locator("#ev-file").SetInputFilesAsync(new FilePayload { Name = "access-review.pdf", MimeType = "application/pdf", Buffer = png });
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Expect(s.Page.Locator("#ev-file-error")).ToContainTextAsync("its content is image/png");
        await Expect(s.Page.Locator("#ev-title")).ToHaveValueAsync("Access review of the model registry");
        await s.CheckAsync("2-refused-upload");

        // The real file, valid until a day that has passed, for a control.
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% access review of the model registry\n%%EOF\n");
        await s.Page.Locator("#ev-controls").FillAsync("A.6.2.6");
        await s.Page.Locator("#ev-collectedOn").FillAsync("2025-01-15");
        await s.Page.Locator("#ev-validUntil").FillAsync("2025-07-15");
        await s.Page.Locator("#ev-file").SetInputFilesAsync(new FilePayload { Name = "access-review.pdf", MimeType = "application/pdf", Buffer = pdf });
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Expect(s.Heading).ToContainTextAsync("Access review of the model registry");
        await Expect(s.Page.Locator("#freshness [data-freshness]")).ToHaveTextAsync("expired");
        var download = s.Page.GetByRole(AriaRole.Link, new() { Name = "access-review.pdf" });
        await Expect(download).ToHaveAttributeAsync("data-enhance-nav", "false");
        await Expect(s.Page.Locator("[data-version='1']")).ToContainTextAsync("application/pdf");
        await Expect(s.Page.Locator("[data-target='iso42001:A.6.2.6']")).ToBeVisibleAsync();
        await s.CheckAsync("3-item");

        // A further link from the item's page: the EU AI Act requirement it also serves.
        await s.Page.GetByLabel("Link to", new() { Exact = true }).SelectOptionAsync("requirement");
        await s.Page.GetByLabel("Requirement or reference").FillAsync("no-such:thing");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Add the link" }).ClickAsync();
        await Expect(s.Page.Locator("#link-target-error")).ToContainTextAsync("is not a requirement of the catalog");
        await s.Page.GetByLabel("Requirement or reference").FillAsync("A.6.2.8");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Add the link" }).ClickAsync();
        await Expect(s.Page.Locator("[data-target='iso42001:A.6.2.8']")).ToBeVisibleAsync();
        await Expect(s.Page.Locator("#also-covers")).ToContainTextAsync("eu-ai-act:");
        await s.CheckAsync("4-linked");

        // The control's SoA page lists the evidence as expired.
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "iso42001:A.6.2.6" }).ClickAsync();
        await Expect(s.Heading).ToContainTextAsync("A.6.2.6");
        var listed = s.Page.Locator("#control-evidence li").Filter(new() { HasText = "Access review of the model registry" });
        await Expect(listed.Locator("[data-freshness]")).ToHaveTextAsync("expired");
        await s.CheckAsync("5-control");

        // Requests: the page lists the demo's open requests.
        await s.GoAsync("/evidence/requests");
        await Expect(s.Heading).ToHaveTextAsync("Evidence requests");
        await Expect(s.Page.Locator("tbody tr").First).ToBeVisibleAsync();
        await s.CheckAsync("6-requests");
        s.Finish();
    }
}
