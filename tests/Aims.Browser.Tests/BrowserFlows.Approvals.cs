using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aims.Browser.Tests;

/// <summary>
/// The approvals flow: a new AIMS lead asks to retire an AI system from the inbox, may not approve their own request,
/// and the administrator finds it in their inbox and grants it.
/// </summary>
public abstract partial class BrowserFlows
{
    [Fact]
    public async Task A_request_is_asked_in_the_inbox_refused_to_its_requester_and_granted_by_another_approver()
    {
        await using var s = await SignedInAsync("approvals");
        await s.GoAsync("/admin/people");
        var email = $"apr.lead.{fixture.Name}.{Guid.NewGuid():N}"[..36] + "@example.org";
        await s.Page.GetByText("Add a person").ClickAsync();
        var form = s.Page.Locator("form").Filter(new() { Has = s.Page.GetByRole(AriaRole.Button, new() { Name = "Add person" }) });
        await form.GetByLabel("E-mail").FillAsync(email);
        await form.GetByLabel("Name").FillAsync("Ada Approver");
        await form.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "AIMS lead" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Add person" }).ClickAsync();
        var notice = s.Page.GetByRole(AriaRole.Status);
        await Expect(notice).ToContainTextAsync("Their initial password, shown only now:");
        var initial = PasswordIn(await notice.InnerTextAsync());

        await using var lead = await fixture.NewSessionAsync("approvals-lead");
        await lead.SignInAsync(email, initial);
        await lead.Page.GetByLabel("Current password").FillAsync(initial);
        await lead.Page.GetByLabel("New password", new() { Exact = true }).FillAsync("Approvals-Lead-Passw0rd");
        await lead.Page.GetByLabel("Repeat the new password").FillAsync("Approvals-Lead-Passw0rd");
        await lead.Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(lead.Heading).ToHaveTextAsync(BrowserFixture.DemoName);

        await lead.Nav.GetByRole(AriaRole.Link, new() { Name = "Approvals" }).ClickAsync();
        await Expect(lead.Heading).ToHaveTextAsync("Approvals");
        await lead.CheckAsync("1-inbox");

        await lead.Page.GetByLabel("Action").Last.SelectOptionAsync("retire-ai-system");
        await lead.Page.GetByLabel(new Regex("^Subject")).FillAsync("SYS-4");
        await lead.Page.GetByLabel(new Regex("^Reason")).FillAsync("too short");
        await lead.Page.GetByRole(AriaRole.Button, new() { Name = "Ask for approval" }).ClickAsync();
        await Expect(lead.Page.Locator("#ask-reason-error")).ToContainTextAsync("10 to 2000 characters");
        await lead.CheckAsync("2-ask-invalid");
        await lead.Page.GetByLabel(new Regex("^Reason")).FillAsync("Campaign images now come from the agency; the studio is unused.");
        await lead.Page.GetByRole(AriaRole.Button, new() { Name = "Ask for approval" }).ClickAsync();
        await Expect(lead.Heading).ToContainTextAsync(new Regex("^APR-[0-9]+: Retire SYS-4"));
        var apr = Regex.Match(await lead.Heading.InnerTextAsync(), "APR-[0-9]+").Value;
        await Expect(lead.Page.Locator("dl[data-request]")).ToContainTextAsync("pending");
        await lead.CheckAsync("3-request");

        // The boundary forbids approving one's own request: the rule is said next to the form, nothing is recorded.
        await lead.Page.GetByRole(AriaRole.Radio, new() { Name = "Approve" }).CheckAsync();
        await lead.Page.GetByLabel(new Regex("^Rationale")).FillAsync("I asked for it and I agree with it.");
        await lead.Page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await Expect(lead.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("forbids deciding your own request");
        await Expect(lead.Page.Locator("dl[data-request]")).ToContainTextAsync("pending");
        await lead.CheckAsync("4-self-approval-refused");
        lead.Finish();

        await s.Nav.GetByRole(AriaRole.Link, new() { Name = "Approvals" }).ClickAsync();
        var inbox = s.Page.Locator("table[data-approvals]");
        await Expect(inbox).ToContainTextAsync(apr);
        await s.CheckAsync("5-admin-inbox");
        await inbox.GetByRole(AriaRole.Link, new() { Name = apr, Exact = true }).ClickAsync();
        await s.Page.GetByRole(AriaRole.Radio, new() { Name = "Approve" }).CheckAsync();
        await s.Page.GetByLabel(new Regex("^Rationale")).FillAsync("Agreed with marketing; no open incidents on the studio.");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your decision is recorded");
        await Expect(s.Page.Locator("dl[data-request]")).ToContainTextAsync("SYS-4 retired");
        await Expect(s.Page.Locator("table[data-decisions]")).ToContainTextAsync("approved");
        await s.CheckAsync("6-approved");

        await s.GoAsync("/approvals/policy");
        await Expect(s.Heading).ToHaveTextAsync("Decision boundaries");
        await s.CheckAsync("7-policy");
        s.Finish();
    }
}
