using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aims.Testing;

namespace Aims.Cli.Tests;

/// <summary>
/// `dotnet publish` of the aims command, once for the class: what a user gets. Its own apphost (`aims`, not
/// `dotnet aims.dll`) is started from an unrelated working folder, as a user who put it on the PATH would.
/// </summary>
public sealed class PublishedAims : IAsyncLifetime
{
    private readonly ConcurrentDictionary<Provider, Lazy<Task<PublishedServer>>> _servers = new();

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "aims-publish-test-" + Guid.NewGuid().ToString("N")[..12]);

    public string PublishFolder => Path.Combine(Root, "publish");

    public string Apphost => Path.Combine(PublishFolder, "aims");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        var (exitCode, output) = await PublishAsync();
        if (exitCode != 0)
        {
            // Another build of the same projects may have held a file for a moment; one more try before failing.
            await Task.Delay(TimeSpan.FromSeconds(20));
            (exitCode, output) = await PublishAsync();
        }

        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed (exit {exitCode}):\n{output}");
        }

        if (!File.Exists(Apphost))
        {
            throw new FileNotFoundException("dotnet publish left no apphost", Apphost);
        }
    }

    private async Task<(int ExitCode, string Output)> PublishAsync()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var a in new[] { "publish", Path.Combine(RepoPaths.Root, "src", "Aims.Cli"), "-c", "Release", "-o", PublishFolder, "--nologo", "--disable-build-servers", "-nodeReuse:false" })
        {
            info.ArgumentList.Add(a);
        }

        // The test host's MSBuild variables must not leak into a separate build.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + "\n" + await stderr);
    }

    /// <summary>Runs the published apphost to its end, from a working folder that is not the publish folder.</summary>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        var elsewhere = Path.Combine(Root, "cwd-cli");
        Directory.CreateDirectory(elsewhere);
        var info = new ProcessStartInfo(Apphost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = elsewhere,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment.Remove("AIMS_DATABASE");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public Task<PublishedServer> ServerAsync(Provider provider) =>
        _servers.GetOrAdd(provider, p => new Lazy<Task<PublishedServer>>(() => PublishedServer.StartAsync(this, p))).Value;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers.Values.Where(s => s.IsValueCreated))
        {
            try
            {
                await (await server.Value).DisposeAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // It never started; its tests failed already.
            }
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>The published apphost running `aims serve --demo` on a test database.</summary>
public sealed class PublishedServer : IAsyncDisposable
{
    private readonly Process _process;

    private PublishedServer(Process process, TestDatabase database, string url)
    {
        _process = process;
        Database = database;
        Url = url;
    }

    public TestDatabase Database { get; }

    public string Url { get; }

    public static async Task<PublishedServer> StartAsync(PublishedAims published, Provider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var elsewhere = Path.Combine(published.Root, "cwd-" + provider.ToString().ToLowerInvariant());
        Directory.CreateDirectory(elsewhere);
        var port = AimsProcess.FreePort();
        var info = new ProcessStartInfo(published.Apphost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = elsewhere,
        };
        foreach (var a in (string[])["serve", .. database.CliArguments, "--demo", "--urls", $"http://127.0.0.1:{port}"])
        {
            info.ArgumentList.Add(a);
        }

        info.Environment.Remove("AIMS_DATABASE");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";

        var process = Process.Start(info)!;
        var output = new StringBuilder();
        var started = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            var m = Regex.Match(line, @"^Aims is running at (http://[^, ]+)");
            if (m.Success)
            {
                started.TrySetResult(m.Groups[1].Value);
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException("the published aims serve exited early:\n" + output));

        var server = new PublishedServer(process, database, "");
        try
        {
            var first = await Task.WhenAny(started.Task, Task.Delay(TimeSpan.FromSeconds(90)));
            if (first != started.Task)
            {
                throw new TimeoutException("the published aims serve did not start within 90 s:\n" + output);
            }

            var url = (await started.Task).TrimEnd('/');
            await Cli.WaitForOkAsync(url + "/health/ready", TimeSpan.FromSeconds(60));
            server = new PublishedServer(process, database, url);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await Database.DisposeAsync();
    }
}

/// <summary>The published aims serves its pages, the Blazor script, every static asset and the API reference, all from itself.</summary>
public sealed class PublishedOutputTests(PublishedAims published) : IClassFixture<PublishedAims>
{
    private static HttpClient Client(PublishedServer server) => new() { BaseAddress = new Uri(server.Url + "/"), Timeout = TimeSpan.FromSeconds(30) };

    private static async Task<(HttpStatusCode Status, string? Type, byte[] Body)> GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
    }

    private static List<string> Attributes(string html, string tag, string attribute) =>
        Regex.Matches(html, $@"<{tag}\b[^>]*\b{attribute}\s*=\s*""([^""]+)""", RegexOptions.IgnoreCase)
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    [Fact]
    public void Publish_leaves_an_apphost_named_aims_and_the_web_assets()
    {
        Assert.True(File.Exists(published.Apphost));
        Assert.True(File.Exists(Path.Combine(published.PublishFolder, "aims.dll")));
        Assert.True(Directory.Exists(Path.Combine(published.PublishFolder, "wwwroot")), "the published output should carry wwwroot");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_published_apphost_runs_its_verbs_beside_its_server(Provider provider)
    {
        var server = await published.ServerAsync(provider);
        (await published.RunAsync("--help")).Expect(Cli.Ok);
        var catalog = (await published.RunAsync("catalog", "show", "iso42001", "--format", "csv")).Expect(Cli.Ok);
        Assert.Equal(113, Cli.Lines(catalog.Stdout).Length);

        var verify = (await published.RunAsync(["verify", .. server.Database.CliArguments])).Expect(Cli.Ok);
        Assert.Equal(["system", "demo", "sandbox"], Cli.Lines(verify.Stdout).Select(l => l.Split(':')[0]).ToArray());

        var token = (await published.RunAsync(["token", "create", .. server.Database.CliArguments, "--email", "admin@example.org"])).Expect(Cli.Ok).LastLine;
        Assert.StartsWith("aims_", token, StringComparison.Ordinal);
        using var http = Client(server);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/me");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Login_page_references_the_Blazor_script_and_app_css_and_every_asset_it_references_is_served(Provider provider)
    {
        var server = await published.ServerAsync(provider);
        using var http = Client(server);
        var (status, type, body) = await GetAsync(http, "login");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/html", type);
        var html = Encoding.UTF8.GetString(body);

        var scripts = Attributes(html, "script", "src");
        var links = Attributes(html, "link", "href");
        Assert.Contains(scripts, s => Regex.IsMatch(s, @"(^|/)_framework/blazor\.web(\.[a-z0-9]+)?\.js$"));
        Assert.Contains(links, l => Regex.IsMatch(l, @"(^|/)app(\.[a-z0-9]+)?\.css$"));

        // The import map's targets are assets too.
        var imports = Regex.Matches(html, @"""(\./_framework/[^""]+\.js)""").Select(m => m.Groups[1].Value).Distinct().ToList();
        var assets = scripts.Concat(links).Concat(imports).Distinct().ToList();
        Assert.All(assets, a => Assert.DoesNotMatch(@"^(https?:)?//", a));
        foreach (var asset in assets)
        {
            var (assetStatus, _, assetBody) = await GetAsync(http, asset.TrimStart('.', '/'));
            Assert.True(assetStatus == HttpStatusCode.OK, $"{asset}: {(int)assetStatus}");
            Assert.True(assetBody.Length > 0, $"{asset} is served with an empty body");
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_unfingerprinted_assets_are_served_too(Provider provider)
    {
        var server = await published.ServerAsync(provider);
        using var http = Client(server);
        foreach (var (asset, mediaType) in new[] { ("favicon.svg", "image/svg+xml"), ("app.css", "text/css"), ("_framework/blazor.web.js", "text/javascript") })
        {
            var (status, type, body) = await GetAsync(http, asset);
            Assert.True(status == HttpStatusCode.OK, $"{asset}: {(int)status}");
            Assert.True(body.Length > 0, $"{asset} is served with an empty body");
            Assert.Equal(mediaType, type);
        }

        var blazor = Encoding.UTF8.GetString((await GetAsync(http, "_framework/blazor.web.js")).Body);
        Assert.True(blazor.Length > 10_000, "blazor.web.js looks truncated");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Scalar_is_served_locally_without_a_CDN(Provider provider)
    {
        var server = await published.ServerAsync(provider);
        using var http = Client(server);
        using var response = await http.GetAsync("api/docs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var outside = Regex.Matches(html, @"https?://[^\s""'<>)]+").Select(m => m.Value)
            .Where(u => !u.StartsWith("http://127.0.0.1", StringComparison.Ordinal) && !u.StartsWith("https://127.0.0.1", StringComparison.Ordinal)).ToList();
        Assert.True(outside.Count == 0, "the API reference page loads from the network: " + string.Join(", ", outside));
        Assert.DoesNotContain("\"withDefaultFonts\":true", html, StringComparison.Ordinal);

        var page = response.RequestMessage!.RequestUri!;
        var scripts = Attributes(html, "script", "src").Concat(Attributes(html, "link", "href")).ToList();
        Assert.NotEmpty(scripts);
        foreach (var src in scripts)
        {
            var (status, _, body) = await GetAsync(http, new Uri(page, src).ToString());
            Assert.True(status == HttpStatusCode.OK, $"{src}: {(int)status}");
            Assert.True(body.Length > 0, $"{src} is served with an empty body");
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task OpenApi_document_and_health_answer(Provider provider)
    {
        var server = await published.ServerAsync(provider);
        using var http = Client(server);
        var (status, type, body) = await GetAsync(http, "openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", type);
        using var doc = JsonDocument.Parse(body);
        Assert.True(doc.RootElement.GetProperty("paths").TryGetProperty("/api/v1/people", out _), "the OpenAPI document should describe /api/v1/people");
        Assert.Contains("/api/v1/people", Encoding.UTF8.GetString(body), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "health/ready")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "health/live")).Status);
    }
}
