using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aims.Browser.Tests;

/// <summary>The lifecycle flow: see which system is flagged, filter its events, require a phase, download the stream.</summary>
public abstract partial class BrowserFlows
{
    [Fact]
    public async Task Lifecycle_events_show_the_flagged_system_filter_by_stage_and_decision_and_phases_are_set_with_messages_next_to_fields()
    {
        await using var s = await SignedInAsync("lifecycle");
        await s.Nav.GetByRole(AriaRole.Link, new() { Name = "Lifecycle events" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("Lifecycle events");
        var streams = s.Page.GetByRole(AriaRole.Table, new() { Name = "Streams and required phases" });
        await Expect(streams).ToContainTextAsync("Flagged: a required stage is silent");
        await Expect(streams).ToContainTextAsync(new Regex("re-evaluation every 720 h: last never — overdue since"));
        await s.CheckAsync("1-streams");

        var flaggedRow = streams.GetByRole(AriaRole.Row).Filter(new() { HasText = "Flagged" });
        var system = Regex.Match(await flaggedRow.InnerTextAsync(), "SYS-[0-9]+").Value;
        await s.Page.GetByLabel("System", new() { Exact = true }).First.SelectOptionAsync(new SelectOptionValue { Value = system });
        await s.Page.GetByLabel("Stage").SelectOptionAsync("deployment");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var events = s.Page.GetByRole(AriaRole.Table, new() { Name = "Lifecycle events, newest first" });
        await Expect(events.GetByRole(AriaRole.Row)).ToHaveCountAsync(2); // the header and the one deployment
        await Expect(events).ToContainTextAsync("model-deployed");
        await s.CheckAsync("2-filtered");

        await s.GoAsync($"/lifecycle?system={system}&decisionId=no-such-decision");
        await Expect(s.Page.GetByText("No events match.")).ToBeVisibleAsync();
        await s.GoAsync($"/lifecycle?system=SYS-99999");
        await Expect(s.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("system: 'SYS-99999' is not an AI system of this organization");

        await s.GoAsync($"/lifecycle?configure={system}#phases");
        await s.Page.GetByLabel("retirement: at least once every (hours)").FillAsync("0");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Save phases" }).ClickAsync();
        await Expect(s.Page.Locator("#error-retirement")).ToContainTextAsync("must be between 1 and");
        await s.CheckAsync("3-phase-error");
        await s.Page.GetByLabel("re-evaluation: at least once every (hours)").FillAsync("");
        await s.Page.GetByLabel("retirement: at least once every (hours)").FillAsync("");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Save phases" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        await Expect(s.Page.GetByRole(AriaRole.Table, new() { Name = "Streams and required phases" })).Not.ToContainTextAsync("Flagged");
        await s.CheckAsync("4-saved");

        var download = await s.Page.RunAndWaitForDownloadAsync(() =>
            s.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = system }).First.GetByRole(AriaRole.Link, new() { Name = "Export stream" }).ClickAsync());
        var path = await download.PathAsync();
        var first = (await File.ReadAllLinesAsync(path!))[0];
        Assert.StartsWith("{\"hash\":\"", first, StringComparison.Ordinal);
        Assert.Contains("\"chain\":\"lifecycle:", first, StringComparison.Ordinal);
        s.Finish();
    }
}
