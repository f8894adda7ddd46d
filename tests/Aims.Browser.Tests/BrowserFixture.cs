using Aims.Testing;
using Microsoft.Playwright;

namespace Aims.Browser.Tests;

/// <summary>
/// The real `aims serve --demo` on a fresh database of one provider, and one headless Debian Chromium driven by
/// Playwright; shared by the tests of a class. Each test opens its own browser context (its own cookies).
/// </summary>
public abstract class BrowserFixture(Provider provider) : IAsyncLifetime
{
    /// <summary>Debian's Chromium (the test command sets AIMS_TEST_CHROMIUM); never a downloaded browser.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("AIMS_TEST_CHROMIUM") ?? "/usr/bin/chromium";

    public const string DemoName = "Harbor Lending Group";
    public const string SandboxName = "Harbor Labs Sandbox (try things here)";
    public const string AdminEmail = "admin@example.org";

    public Provider Provider => provider;

    /// <summary>Lower-case provider name used in screenshot file names.</summary>
    public string Name => provider.ToString().ToLowerInvariant();

    public TestDatabase Database { get; private set; } = null!;

    public AimsProcess Server { get; private set; } = null!;

    public string Url => Server.Url;

    public string AdminPassword { get; private set; } = "";

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Every axe run of this provider's flows, violations of any impact; saved as {provider}-axe.txt.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> AxeLog { get; } = new();

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Assertions.SetDefaultExpectTimeout(15_000);

        // A missing AIMS_TEST_POSTGRES throws here: the PostgreSQL tests fail, they are never skipped.
        Database = await TestDatabase.CreateAsync(provider);
        Server = await AimsProcess.ServeAsync(Database, demo: true);
        AdminPassword = Server.DemoPassword
            ?? throw new InvalidOperationException("aims serve --demo printed no demo password:\n" + Server.Output);
        await WaitUntilReadyAsync();

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>`/health/ready` answers 200 only once the demo is seeded; the pages need it.</summary>
    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("/health/ready did not answer 200 within 90 s:\n" + Server.Output);
            }

            await Task.Delay(200);
        }
    }

    /// <summary>A fresh browser context and page (no cookies) that records every request and checks each page.</summary>
    public async Task<BrowserSession> NewSessionAsync(string flow) => await BrowserSession.OpenAsync(this, flow);

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();

            // The server's console, kept beside the screenshots to explain a failure (a 500's trace id is in it).
            await File.WriteAllTextAsync(Path.Combine(RepoPaths.Artifacts("screenshots"), $"{Name}-server.log"), Server.Output);
            await File.WriteAllLinesAsync(Path.Combine(RepoPaths.Artifacts("screenshots"), $"{Name}-axe.txt"), AxeLog);
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }
}

public sealed class SqliteBrowserFixture() : BrowserFixture(Provider.Sqlite);

public sealed class PostgresBrowserFixture() : BrowserFixture(Provider.Postgres);
