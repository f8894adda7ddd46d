using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aims.Browser.Tests;

/// <summary>
/// What a person does in the browser, on the real `aims serve --demo`: sign in, switch organization, browse the
/// catalog to A.6.2.8 and its crosswalks, read a record's history, manage people and tokens, sign out. Every page
/// visited is checked with axe and saved as a screenshot; no page may load anything from outside the server.
/// </summary>
public abstract partial class BrowserFlows(BrowserFixture fixture)
{
    private async Task<BrowserSession> SignedInAsync(string flow)
    {
        var session = await fixture.NewSessionAsync(flow);
        try
        {
            await SignInToDemoAsync(session);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    private async Task SignInToDemoAsync(BrowserSession session)
    {
        await session.SignInAsync(BrowserFixture.AdminEmail, fixture.AdminPassword);
        await Expect(session.Heading).ToHaveTextAsync(new Regex("^Harbor "));

        // Sign-in should land in the demo organization (the login test holds that); the other flows start there
        // in any case, so that one wrong default does not hide what they check.
        if (await session.Heading.InnerTextAsync() != BrowserFixture.DemoName)
        {
            await session.Page.GetByLabel("Organization").SelectOptionAsync(new SelectOptionValue { Label = BrowserFixture.DemoName });
            await session.Page.GetByRole(AriaRole.Button, new() { Name = "Switch" }).ClickAsync();
        }

        await Expect(session.Heading).ToHaveTextAsync(BrowserFixture.DemoName);
    }

    private static ILocator Row(IPage page, string text) =>
        page.GetByRole(AriaRole.Row).Filter(new() { HasText = text });

    /// <summary>The cell of a row under the column with that header (found by its name, not by position).</summary>
    private static async Task<ILocator> CellAsync(IPage page, string rowText, string column)
    {
        var row = Row(page, rowText);
        var table = page.GetByRole(AriaRole.Table).Filter(new() { Has = row });
        var headers = (await table.GetByRole(AriaRole.Columnheader).AllInnerTextsAsync()).Select(h => h.Trim()).ToList();
        var index = headers.IndexOf(column);
        Assert.True(index >= 0, $"no column \"{column}\" in [{string.Join(", ", headers)}]");
        return row.GetByRole(AriaRole.Cell).Nth(index);
    }

    [Fact]
    public async Task Login_refuses_a_wrong_password_and_lands_on_the_organization_overview()
    {
        await using var s = await fixture.NewSessionAsync("login");
        var response = await s.GoAsync("/");
        Assert.NotNull(response);
        Assert.Equal("/login", s.Path);
        await Expect(s.Heading).ToHaveTextAsync("Sign in");
        await Expect(s.Nav).ToHaveCountAsync(0);
        await s.CheckAsync("1-sign-in");

        await s.Page.GetByLabel("E-mail").FillAsync(BrowserFixture.AdminEmail);
        await s.Page.GetByLabel("Password").FillAsync(fixture.AdminPassword + "-wrong");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not correct");
        Assert.Equal("/login", s.Path);
        await Expect(s.Heading).ToHaveTextAsync("Sign in");
        await s.CheckAsync("2-wrong-password");

        await s.Page.GetByLabel("E-mail").FillAsync("");
        await s.Page.GetByLabel("Password").FillAsync("");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(s.Page.GetByText("Enter your e-mail address.")).ToBeVisibleAsync();
        await Expect(s.Page.GetByText("Enter your password.")).ToBeVisibleAsync();
        Assert.Equal("/login", s.Path);
        await s.CheckAsync("3-empty-form");

        await s.SignInAsync(BrowserFixture.AdminEmail, fixture.AdminPassword, fromLoginPage: true);
        Assert.Equal("/", s.Path);
        await Expect(s.Heading).ToHaveTextAsync(BrowserFixture.DemoName);
        await Expect(s.Page.GetByText("You are signed in as Administrator in this organization.")).ToBeVisibleAsync();
        await Expect(s.Nav.GetByRole(AriaRole.Link, new() { Name = "People" })).ToBeVisibleAsync();
        await Expect(s.Page.GetByRole(AriaRole.Link, new() { Name = "ISO/IEC 42001:2023" })).ToBeVisibleAsync();
        await s.CheckAsync("4-overview");
        s.Finish();
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_with_a_clear_message()
    {
        await using var s = await fixture.NewSessionAsync("lockout");
        await s.GoAsync("/login");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await s.Page.GetByLabel("E-mail").FillAsync("board@example.org");
            await s.Page.GetByLabel("Password").FillAsync($"Not-the-password-{attempt}!");
            await s.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            var alert = s.Page.GetByRole(AriaRole.Alert);
            if (attempt < 5)
            {
                await Expect(alert).ToContainTextAsync("not correct");
            }
            else
            {
                await Expect(alert).ToContainTextAsync("locked after too many failed sign-in attempts");
            }

            Assert.Equal("/login", s.Path);
        }

        await s.CheckAsync("locked-out");
        s.Finish();
    }

    [Fact]
    public async Task Switching_organization_shows_the_other_organization_and_back()
    {
        await using var s = await SignedInAsync("switch");
        await s.CheckAsync("1-demo-overview");
        var select = s.Page.GetByLabel("Organization");
        await Expect(select).ToHaveValueAsync(new Regex("^[0-9a-f-]{36}$"));
        await Expect(select.Locator("option:checked")).ToHaveTextAsync(BrowserFixture.DemoName);

        await select.SelectOptionAsync(new SelectOptionValue { Label = BrowserFixture.SandboxName });
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Switch" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync(BrowserFixture.SandboxName);
        Assert.Equal("/", s.Path);
        await Expect(s.Page.GetByLabel("Organization").Locator("option:checked")).ToHaveTextAsync(BrowserFixture.SandboxName);
        await s.CheckAsync("2-sandbox-overview");

        // The sandbox's people are its own: the demo's control owner is not there.
        await s.Nav.GetByRole(AriaRole.Link, new() { Name = "People" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("People and roles");
        await Expect(Row(s.Page, "admin@example.org")).ToHaveCountAsync(1);
        await Expect(Row(s.Page, "aims.lead@example.org")).ToHaveCountAsync(1);
        await Expect(Row(s.Page, "control.owner@example.org")).ToHaveCountAsync(0);
        await s.CheckAsync("3-sandbox-people");

        // Switching back from another page returns to that page, now in the demo organization.
        await s.Page.GetByLabel("Organization").SelectOptionAsync(new SelectOptionValue { Label = BrowserFixture.DemoName });
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Switch" }).ClickAsync();
        await Expect(s.Page.GetByLabel("Organization").Locator("option:checked")).ToHaveTextAsync(BrowserFixture.DemoName);
        Assert.Equal("/admin/people", s.Path);
        await Expect(Row(s.Page, "control.owner@example.org")).ToHaveCountAsync(1);
        await s.Nav.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync(BrowserFixture.DemoName);
        await s.CheckAsync("4-demo-again");
        s.Finish();
    }

    [Fact]
    public async Task Catalog_leads_through_the_tree_to_A_6_2_8_and_its_crosswalks_both_ways()
    {
        await using var s = await SignedInAsync("catalog");
        await s.Nav.GetByRole(AriaRole.Link, new() { Name = "Catalog" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("Catalog");
        Assert.Equal("/catalog", s.Path);
        foreach (var framework in new[] { "ISO/IEC 42001:2023", "ISO/IEC 27001:2022", "NIST AI RMF", "EU AI Act" })
        {
            await Expect(s.Page.GetByRole(AriaRole.Link, new() { Name = framework })).ToHaveCountAsync(1);
        }

        await s.CheckAsync("1-frameworks");

        await s.Page.GetByRole(AriaRole.Link, new() { Name = "ISO/IEC 42001:2023", Exact = true }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("ISO/IEC 42001:2023");
        Assert.Equal("/catalog/iso42001", s.Path);

        // The tree nests A.6 > A.6.2 > A.6.2.8.
        var a6 = s.Page.Locator("ul.tree > li").Filter(new() { Has = s.Page.GetByRole(AriaRole.Link, new() { Name = "A.6 AI system life cycle", Exact = true }) });
        await Expect(a6).ToHaveCountAsync(1);
        var a62 = a6.Locator(":scope > ul > li").Filter(new() { Has = s.Page.GetByRole(AriaRole.Link, new() { Name = "A.6.2 AI system life cycle", Exact = true }) });
        await Expect(a62).ToHaveCountAsync(1);
        var a628 = a62.Locator(":scope > ul > li").GetByRole(AriaRole.Link, new() { Name = "A.6.2.8 AI system recording of event logs" });
        await Expect(a628).ToHaveCountAsync(1);
        await s.CheckAsync("2-iso42001-tree");

        // Down the hierarchy page by page: A.6, then A.6.2, then A.6.2.8.
        await a6.GetByRole(AriaRole.Link, new() { Name = "A.6 AI system life cycle", Exact = true }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("A.6 AI system life cycle");
        await s.CheckAsync("3-A.6");
        await Expect(s.Page.GetByRole(AriaRole.Heading, new() { Name = "Contains" })).ToBeVisibleAsync();
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "A.6.2 AI system life cycle", Exact = true }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("A.6.2 AI system life cycle");
        await s.CheckAsync("4-A.6.2");
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "A.6.2.8 AI system recording of event logs" }).ClickAsync();

        await Expect(s.Heading).ToHaveTextAsync("A.6.2.8 AI system recording of event logs");
        Assert.Equal("/catalog/iso42001/A.6.2.8", s.Path);
        await Expect(s.Page).ToHaveTitleAsync(new Regex("^A\\.6\\.2\\.8 AI system recording of event logs"));
        await Expect(s.Page.Locator("dl.facts code")).ToHaveTextAsync("iso42001:A.6.2.8");
        var breadcrumb = s.Page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" });
        await Expect(breadcrumb.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Catalog", "ISO/IEC 42001:2023", "A.6", "A.6.2"]);
        await Expect(s.Page.GetByRole(AriaRole.Heading, new() { Name = "Crosswalks" })).ToBeVisibleAsync();
        var crosswalks = s.Page.GetByRole(AriaRole.Table, new() { Name = "Crosswalks of iso42001:A.6.2.8" });
        await Expect(crosswalks).ToBeVisibleAsync();
        var art12 = crosswalks.GetByRole(AriaRole.Row).Filter(new() { Has = s.Page.GetByRole(AriaRole.Link, new() { Name = "eu-ai-act:art-12", Exact = true }) });
        await Expect(art12).ToHaveCountAsync(1);
        await Expect(art12).ToContainTextAsync("intersects");
        await Expect(art12).ToContainTextAsync("Record-keeping");
        await Expect(crosswalks.GetByRole(AriaRole.Link, new() { Name = "eu-ai-act:art-19", Exact = true })).ToHaveCountAsync(1);
        await s.CheckAsync("5-A.6.2.8");

        await art12.GetByRole(AriaRole.Link, new() { Name = "eu-ai-act:art-12", Exact = true }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("art-12 Record-keeping");
        Assert.Equal("/catalog/eu-ai-act/art-12", s.Path);
        await Expect(s.Page.Locator("dl.facts code")).ToHaveTextAsync("eu-ai-act:art-12");
        var back = s.Page.GetByRole(AriaRole.Table, new() { Name = "Crosswalks of eu-ai-act:art-12" });
        await Expect(back.GetByRole(AriaRole.Link, new() { Name = "iso42001:A.6.2.8", Exact = true })).ToHaveCountAsync(1);
        await s.CheckAsync("6-eu-ai-act-art-12");

        await back.GetByRole(AriaRole.Link, new() { Name = "iso42001:A.6.2.8", Exact = true }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("A.6.2.8 AI system recording of event logs");
        s.Finish();
    }

    [Fact]
    public async Task Catalog_search_on_a_framework_finds_event_logs()
    {
        await using var s = await SignedInAsync("catalog-search");
        await s.GoAsync("/catalog/iso42001");
        await s.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }).FillAsync("event logs");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var results = s.Page.GetByRole(AriaRole.Table, new() { Name = "Matching requirements" });
        await Expect(results).ToBeVisibleAsync();
        await Expect(s.Page).ToHaveURLAsync(new Regex(@"/catalog/iso42001\?q=event"));
        var hit = results.GetByRole(AriaRole.Row).Filter(new() { Has = s.Page.GetByRole(AriaRole.Link, new() { Name = "A.6.2.8", Exact = true }) });
        await Expect(hit).ToHaveCountAsync(1);
        await Expect(hit).ToContainTextAsync("AI system recording of event logs");
        await Expect(s.Page.Locator("ul.tree")).ToHaveCountAsync(0);
        await Expect(s.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" })).ToHaveValueAsync("event logs");
        await s.CheckAsync("1-event-logs");

        await s.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }).FillAsync("zzz no such words");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(s.Page.GetByText("No requirement matches.")).ToBeVisibleAsync();
        await s.CheckAsync("2-no-match");

        await s.Page.GetByRole(AriaRole.Link, new() { Name = "Clear" }).ClickAsync();
        await Expect(s.Page.Locator("ul.tree")).ToBeVisibleAsync();

        await s.Page.GetByRole(AriaRole.Link, new() { Name = "A.6.2.8 AI system recording of event logs" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("A.6.2.8 AI system recording of event logs");
        s.Finish();
    }

    [Fact]
    public async Task Ledger_is_intact_and_a_record_history_shows_the_role_change_with_its_reason()
    {
        await using var s = await SignedInAsync("history");
        await s.Nav.GetByRole(AriaRole.Link, new() { Name = "Ledger" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("Ledger");
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "Verify the whole chain now" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("ledger intact");
        // The demo has hundreds of events: narrow the list to memberships, as a person looking for a role change would.
        await s.Page.GetByLabel("Record type").SelectOptionAsync("membership");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var events = s.Page.GetByRole(AriaRole.Table, new() { Name = "Ledger events, newest first" });
        await Expect(events).ToBeVisibleAsync();
        var roleChange = events.GetByRole(AriaRole.Row).Filter(new() { HasText = "Took over the data-quality controls" });
        await Expect(roleChange).ToHaveCountAsync(1);
        await Expect(roleChange).ToContainTextAsync("update");
        await s.CheckAsync("1-ledger");

        // From the ledger row to the record's history.
        await roleChange.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync(new Regex("^History of membership"));
        Assert.StartsWith("/history/membership/", s.Path, StringComparison.Ordinal);
        var fromLedger = s.Path;
        await AssertRoleChangeHistoryAsync(s);
        await s.CheckAsync("2-history-from-ledger");

        // The same history from the People page's History link of the member.
        await s.Nav.GetByRole(AriaRole.Link, new() { Name = "People" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("People and roles");
        var member = Row(s.Page, "control.owner@example.org");
        await Expect(member.GetByLabel("Role of Tomás Okafor").Locator("option:checked")).ToHaveTextAsync("Control owner");
        await member.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync(new Regex("^History of membership"));
        Assert.Equal(fromLedger, s.Path);
        await AssertRoleChangeHistoryAsync(s);
        await s.CheckAsync("3-history-from-people");

        s.Finish();
    }

    [Fact]
    public async Task Pages_for_something_that_does_not_exist_answer_404_with_a_readable_page()
    {
        await using var s = await SignedInAsync("not-found");
        (string Path, string Heading, string Step)[] missing =
        [
            ("/history/membership/" + Guid.NewGuid(), "Not found", "1-no-history"),
            ("/catalog/no-such-framework", "Not found", "2-no-framework"),
            ("/catalog/iso42001/A.99.9", "Not found", "3-no-requirement"),
        ];
        var problems = new List<string>();
        foreach (var (path, heading, step) in missing)
        {
            var response = await s.GoAsync(path);
            if (response?.Status != 404)
            {
                problems.Add($"{path}: status {response?.Status}, expected 404");
            }

            var h1 = s.Heading;
            if (await h1.CountAsync() == 0 || await h1.InnerTextAsync() != heading)
            {
                var body = (await s.Page.Locator("body").InnerTextAsync()).Trim();
                problems.Add($"{path}: expected the page with heading \"{heading}\" (and the layout's navigation), " +
                    $"got content-type {response?.Headers.GetValueOrDefault("content-type")}: {body[..Math.Min(body.Length, 200)]}");
                continue;
            }

            await Expect(s.Nav).ToBeVisibleAsync();
            await Expect(s.Page.Locator("main")).ToContainTextAsync(path);
            await s.CheckAsync(step);
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        s.Finish();
    }

    private static async Task AssertRoleChangeHistoryAsync(BrowserSession s)
    {
        var entries = s.Page.Locator("ol.history > li");
        await Expect(entries.First.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync(new Regex("^create by"));
        var update = entries.Filter(new() { HasText = "Took over the data-quality controls" });
        await Expect(update).ToHaveCountAsync(1);
        await Expect(update.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync(new Regex("^update by"));
        await Expect(update.GetByText("Reason:")).ToBeVisibleAsync();
        var changes = update.GetByRole(AriaRole.Table, new() { Name = "Fields changed" });
        await Expect(changes.GetByRole(AriaRole.Columnheader)).ToHaveTextAsync(["Field", "Before", "After"]);
        var role = changes.GetByRole(AriaRole.Row).Filter(new() { Has = s.Page.GetByRole(AriaRole.Rowheader, new() { Name = "role" }) });
        await Expect(role).ToHaveCountAsync(1);
        await Expect(role.GetByRole(AriaRole.Cell)).ToHaveTextAsync([new Regex("^contributor$", RegexOptions.IgnoreCase), new Regex("^control[- ]?owner$", RegexOptions.IgnoreCase)]);
    }

    [Fact]
    public async Task Administrator_adds_a_person_changes_their_role_and_the_person_signs_in_with_that_role()
    {
        await using var s = await SignedInAsync("people");
        await s.Nav.GetByRole(AriaRole.Link, new() { Name = "People" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("People and roles");
        await Expect(s.Page.GetByRole(AriaRole.Table, new() { Name = "Members" })).ToBeVisibleAsync();
        await s.CheckAsync("1-people");

        var email = $"new.person.{fixture.Name}.{Guid.NewGuid():N}"[..40] + "@example.org";
        const string name = "Robin Newcomer";
        await s.Page.GetByText("Add a person").ClickAsync();
        var form = s.Page.Locator("form").Filter(new() { Has = s.Page.GetByRole(AriaRole.Button, new() { Name = "Add person" }) });
        await form.GetByLabel("E-mail").FillAsync(email);
        await form.GetByLabel("Name").FillAsync(name);
        await form.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Contributor" });
        await s.CheckAsync("2-add-form");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add person" }).ClickAsync();

        var notice = s.Page.GetByRole(AriaRole.Status);
        await Expect(notice).ToContainTextAsync($"{name} was added. Their initial password, shown only now:");
        var password = PasswordIn(await notice.InnerTextAsync());
        var row = Row(s.Page, email);
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByLabel($"Role of {name}").Locator("option:checked")).ToHaveTextAsync("Contributor");
        await s.CheckAsync("3-added");

        await row.GetByLabel($"Role of {name}").SelectOptionAsync(new SelectOptionValue { Label = "Viewer" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Change" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{name} is now Viewer.");
        await Expect(Row(s.Page, email).GetByLabel($"Role of {name}").Locator("option:checked")).ToHaveTextAsync("Viewer");
        await s.CheckAsync("4-role-changed");

        // After a reload the list still shows the new role: it was stored, not only rendered.
        await s.GoAsync("/admin/people?q=" + Uri.EscapeDataString(email));
        await Expect(Row(s.Page, email).GetByLabel($"Role of {name}").Locator("option:checked")).ToHaveTextAsync("Viewer");
        await Row(s.Page, email).GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync(new Regex("^History of membership"));
        await Expect(s.Page.Locator("ol.history > li")).ToHaveCountAsync(2);
        await s.CheckAsync("5-new-member-history");
        s.Finish();

        // The new person signs in with the initial password, must choose their own, and is a Viewer: no People page.
        await using var viewer = await fixture.NewSessionAsync("people-viewer");
        await viewer.SignInAsync(email, password);
        await Expect(viewer.Heading).ToHaveTextAsync("Choose your password");
        await viewer.CheckAsync("0-choose-password");
        await viewer.Page.GetByLabel("Current password").FillAsync(password);
        await viewer.Page.GetByLabel("New password", new() { Exact = true }).FillAsync("Viewer-Chosen-Passw0rd");
        await viewer.Page.GetByLabel("Repeat the new password").FillAsync("Viewer-Chosen-Passw0rd");
        await viewer.Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(viewer.Heading).ToHaveTextAsync(BrowserFixture.DemoName);
        await Expect(viewer.Page.GetByText("You are signed in as Viewer in this organization.")).ToBeVisibleAsync();
        await Expect(viewer.Nav.GetByRole(AriaRole.Link, new() { Name = "People" })).ToHaveCountAsync(0);
        await Expect(viewer.Page.GetByLabel("Organization")).ToHaveCountAsync(0);
        await viewer.CheckAsync("1-viewer-overview");
        await viewer.GoAsync("/admin/people");
        await Expect(viewer.Heading).ToHaveTextAsync("Not allowed");
        await Expect(viewer.Page.GetByText(email)).ToHaveCountAsync(0);
        await viewer.CheckAsync("2-viewer-denied");
        viewer.Finish();
    }

    private static string PasswordIn(string notice)
    {
        var match = InitialPassword().Match(notice);
        Assert.True(match.Success, "no initial password in: " + notice);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"shown only now:\s*(\S+)")]
    private static partial Regex InitialPassword();

    [Fact]
    public async Task A_token_is_shown_once_and_can_be_revoked()
    {
        await using var s = await SignedInAsync("tokens");
        await s.Nav.GetByRole(AriaRole.Link, new() { Name = "Tokens" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("Personal access tokens");
        await s.CheckAsync("1-tokens");

        var tokenName = $"browser test {fixture.Name} {Guid.NewGuid():N}"[..32];
        await s.Page.GetByText("Create a token").ClickAsync();
        await s.Page.GetByLabel("Name").FillAsync(tokenName);
        await s.Page.GetByLabel("Scope").SelectOptionAsync(new SelectOptionValue { Label = "read" });
        await s.Page.GetByLabel("Expires in (days)").FillAsync("30");
        await s.CheckAsync("2-create-form");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();

        var created = s.Page.GetByRole(AriaRole.Status);
        await Expect(created).ToContainTextAsync("Copy it now: it is not stored and will not be shown again.");
        await Expect(created).ToContainTextAsync(tokenName);
        var secret = await created.Locator("code.secret").InnerTextAsync();
        Assert.StartsWith("aims_", secret, StringComparison.Ordinal);
        var row = Row(s.Page, tokenName);
        await Expect(row).ToHaveCountAsync(1);
        await Expect(await CellAsync(s.Page, tokenName, "Scope")).ToHaveTextAsync("read");
        await Expect(await CellAsync(s.Page, tokenName, "Status")).ToHaveTextAsync("active");
        await Expect(row).Not.ToContainTextAsync(secret);
        await s.CheckAsync("3-created");

        // The secret is shown only once: a fresh load of the page no longer has it.
        await s.GoAsync("/tokens");
        await Expect(Row(s.Page, tokenName)).ToHaveCountAsync(1);
        Assert.DoesNotContain(secret, await s.Page.ContentAsync(), StringComparison.Ordinal);

        await Row(s.Page, tokenName).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(await CellAsync(s.Page, tokenName, "Status")).ToHaveTextAsync("revoked");
        await Expect(Row(s.Page, tokenName).GetByRole(AriaRole.Button, new() { Name = "Revoke" })).ToHaveCountAsync(0);
        await s.CheckAsync("4-revoked");

        await Row(s.Page, tokenName).GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync(new Regex("^History of access-token"));
        await Expect(s.Page.Locator("ol.history > li")).ToHaveCountAsync(2);
        Assert.DoesNotContain(secret, await s.Page.ContentAsync(), StringComparison.Ordinal);
        await s.CheckAsync("5-token-history");

        // An administrator can list every token of the organization: the seeded CI token is there.
        await s.GoAsync("/tokens?all=true");
        await Expect(Row(s.Page, "credit-scoring CI")).ToHaveCountAsync(1);
        await s.CheckAsync("6-all-tokens");
        s.Finish();
    }

    [Fact]
    public async Task The_accessibility_check_reports_a_serious_violation_with_its_rule_and_target()
    {
        // Guards the guard: a page with an unlabelled field and an image without text must not pass.
        await using var s = await fixture.NewSessionAsync("axe-self-test");
        await s.Page.SetContentAsync("""
            <!DOCTYPE html><html lang="en"><head><title>broken</title></head>
            <body><main><h1>Broken on purpose</h1><input id="nameless" type="text"><img id="textless" src="data:,"></main></body></html>
            """);
        await s.CheckAsync("broken-page");
        Assert.Contains(s.Violations, v => v.Contains("label [critical]", StringComparison.Ordinal) && v.Contains("#nameless", StringComparison.Ordinal));
        Assert.Contains(s.Violations, v => v.Contains("image-alt [critical]", StringComparison.Ordinal) && v.Contains("#textless", StringComparison.Ordinal));
        s.Discard();
    }

    [Fact]
    public async Task Sign_out_returns_to_login_and_pages_then_ask_to_sign_in_again()
    {
        await using var s = await SignedInAsync("sign-out");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("Sign in");
        Assert.Equal("/login", s.Path);
        await Expect(s.Nav).ToHaveCountAsync(0);
        await s.CheckAsync("1-signed-out");

        await s.GoAsync("/admin/people");
        Assert.Equal("/login", s.Path);
        await Expect(s.Heading).ToHaveTextAsync("Sign in");
        await Expect(s.Page.GetByText("Dana Admin")).ToHaveCountAsync(0);
        await s.CheckAsync("2-people-asks-to-sign-in");

        // Signing in from there returns to the page that was asked for.
        await s.SignInAsync(BrowserFixture.AdminEmail, fixture.AdminPassword, fromLoginPage: true);
        Assert.Equal("/admin/people", s.Path);
        await Expect(s.Heading).ToHaveTextAsync("People and roles");
        s.Finish();
    }
}

/// <summary>The flows against `aims serve --demo` on an SQLite data folder.</summary>
public sealed class SqliteBrowserTests(SqliteBrowserFixture fixture) : BrowserFlows(fixture), IClassFixture<SqliteBrowserFixture>;

/// <summary>The flows against `aims serve --demo` on the real PostgreSQL (AIMS_TEST_POSTGRES; missing fails).</summary>
public sealed class PostgresBrowserTests(PostgresBrowserFixture fixture) : BrowserFlows(fixture), IClassFixture<PostgresBrowserFixture>;
