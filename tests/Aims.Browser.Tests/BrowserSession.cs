using System.Collections.Concurrent;
using System.Text;
using Aims.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aims.Browser.Tests;

/// <summary>
/// One person's browser for one flow: an isolated context and page. Every page the flow visits goes through
/// <see cref="CheckAsync"/> (a full-page screenshot saved as an artifact, and an axe run); <see cref="FinishAsync"/>
/// then fails on serious or critical accessibility violations, script errors, and any request that left the server.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private static readonly string[] Blocking = ["serious", "critical"];

    private readonly BrowserFixture _fixture;
    private readonly string _flow;
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<string> _scriptErrors = new();
    private readonly List<string> _violations = [];
    private readonly List<string> _steps = [];
    private bool _finished;

    private BrowserSession(BrowserFixture fixture, string flow, IBrowserContext context, IPage page)
    {
        _fixture = fixture;
        _flow = flow;
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public string Url => _fixture.Url;

    public static async Task<BrowserSession> OpenAsync(BrowserFixture fixture, string flow)
    {
        var context = await fixture.Browser.NewContextAsync(new()
        {
            BaseURL = fixture.Url,
            ViewportSize = new() { Width = 1280, Height = 900 },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        var page = await context.NewPageAsync();
        var session = new BrowserSession(fixture, flow, context, page);
        context.Request += (_, request) => session._requests.Enqueue(request.Url);
        page.PageError += (_, error) => session._scriptErrors.Enqueue(error);
        return session;
    }

    /// <summary>Opens a path of the app and waits for the page to load.</summary>
    public async Task<IResponse?> GoAsync(string path) => await Page.GotoAsync(path);

    /// <summary>The main heading of the page.</summary>
    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The main navigation in the header.</summary>
    public ILocator Nav => Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

    /// <summary>The path of the page now shown (enhanced navigation included).</summary>
    public string Path => new Uri(Page.Url).AbsolutePath;

    /// <summary>Signs in through the login form and waits for the page the app sends the person to.</summary>
    public async Task SignInAsync(string email, string password, bool fromLoginPage = false)
    {
        if (!fromLoginPage)
        {
            await GoAsync("/login");
        }

        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
    }

    /// <summary>
    /// The page is shown: saves a full-page screenshot as {provider}-{flow}-{step}.png and runs axe on it. Serious and
    /// critical violations are collected and reported by <see cref="FinishAsync"/>, so one flow reports every page.
    /// </summary>
    public async Task CheckAsync(string step)
    {
        _steps.Add(step);
        await Page.WaitForLoadStateAsync(LoadState.Load);
        var file = System.IO.Path.Combine(RepoPaths.Artifacts("screenshots"), $"{_fixture.Name}-{_flow}-{step}.png");
        await Page.ScreenshotAsync(new() { Path = file, FullPage = true });

        var result = await Page.RunAxe();
        _fixture.AxeLog.Enqueue($"{_flow}/{step} {Path}: {result.Violations.Length} violation(s), {result.Passes.Length} rule(s) passed");
        foreach (var violation in result.Violations)
        {
            _fixture.AxeLog.Enqueue($"  {violation.Id} [{violation.Impact}] {violation.Help}: {string.Join(", ", violation.Nodes.Select(n => n.Target?.ToString()))}");
        }

        foreach (var violation in result.Violations.Where(v => Blocking.Contains(v.Impact)))
        {
            var targets = string.Join(", ", violation.Nodes.Select(n => n.Target?.ToString()));
            _violations.Add($"{step} ({Path}): {violation.Id} [{violation.Impact}] {violation.Help} — targets: {targets}");
        }
    }

    /// <summary>The serious and critical violations found so far (id, impact, targets), one line each.</summary>
    public IReadOnlyList<string> Violations => _violations;

    /// <summary>Fails on accessibility violations, script errors, and requests to anything but the server.</summary>
    public void Finish()
    {
        var problems = new StringBuilder();
        if (_violations.Count > 0)
        {
            problems.AppendLine($"axe found serious or critical violations on {_flow}:");
            foreach (var v in _violations)
            {
                problems.AppendLine("  " + v);
            }
        }

        var outside = _requests.Where(u => !u.StartsWith(_fixture.Url + "/", StringComparison.Ordinal) && u != _fixture.Url).Distinct().ToList();
        if (outside.Count > 0)
        {
            problems.AppendLine("requests to somewhere other than the server " + _fixture.Url + ":");
            foreach (var u in outside)
            {
                problems.AppendLine("  " + u);
            }
        }

        if (!_scriptErrors.IsEmpty)
        {
            problems.AppendLine("script errors on the page:");
            foreach (var e in _scriptErrors)
            {
                problems.AppendLine("  " + e);
            }
        }

        _finished = true;
        Assert.True(problems.Length == 0, problems.ToString());
        Assert.NotEmpty(_requests);
        Assert.NotEmpty(_steps);
    }

    /// <summary>Ends a session whose findings were checked by the test itself.</summary>
    public void Discard() => _finished = true;

    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            // The flow stopped early (an assertion failed): keep what the browser showed at that moment.
            try
            {
                var stem = System.IO.Path.Combine(RepoPaths.Artifacts("screenshots"), $"{_fixture.Name}-{_flow}-FAILED");
                await Page.ScreenshotAsync(new() { Path = stem + ".png", FullPage = true });
                await File.WriteAllTextAsync(stem + ".html", $"<!-- {Page.Url} -->\n" + await Page.ContentAsync());
            }
            catch (PlaywrightException)
            {
                // the page is gone; nothing to keep
            }
        }

        await Context.DisposeAsync();
    }
}
