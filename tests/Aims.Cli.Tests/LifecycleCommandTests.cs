using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Aims.Testing;

namespace Aims.Cli.Tests;

/// <summary>
/// `aims token create --ingest`, `aims lifecycle export|prune` beside a running `aims serve --demo`, and a server
/// killed (SIGKILL) while batches are being posted: every acknowledged event survives and the stream verifies.
/// </summary>
[Collection(TokenDemoCollection.Name)]
public sealed class LifecycleCommandTests(DemoDatabases demos)
{
    private static string Batch(string system, string prefix, int count) => JsonSerializer.Serialize(new
    {
        events = Enumerable.Range(0, count).Select(i => new
        {
            eventId = $"{prefix}-{i}",
            system,
            modelVersion = "cli-1",
            stage = "operation-and-monitoring",
            type = "prediction",
            decisionId = $"{prefix}-d{i}",
            inputDigest = new string('1', 64),
            timestamp = "2026-01-01T00:00:00Z",
        }),
    });

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string url, string token, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url.TrimEnd('/') + "/api/v1/lifecycle-events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_ingestion_token_from_the_cli_appends_and_the_exported_stream_verifies_offline(Provider provider)
    {
        var demo = await demos.GetAsync(provider);
        var created = (await Cli.RunAsync(demo.Database, ["token", "create"], "--email", "aims.lead@example.org", "--org", "demo", "--ingest", "sys-1")).Expect(Cli.Ok);
        Assert.Contains("ingestion only for SYS-1", created.Stderr, StringComparison.Ordinal);
        using var http = new HttpClient();
        var posted = await PostAsync(http, demo.Url, created.LastLine, Batch("SYS-1", "cli-" + provider, 5));
        Assert.True(posted.StatusCode == HttpStatusCode.OK, await posted.Content.ReadAsStringAsync());

        using var folder = new TempFolder();
        var file = folder.File("sys-1.jsonl");
        var exported = (await Cli.RunAsync(demo.Database, ["lifecycle", "export"], "--org", "demo", "--system", "SYS-1", "--output", file)).Expect(Cli.Ok);
        Assert.Contains("lifecycle stream", exported.Stderr, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(file);
        Assert.Contains(lines, l => l.Contains($"\"id\":\"cli-{provider}-4\"", StringComparison.Ordinal));
        Assert.All(lines[..^1], l => Assert.Contains("\"chain\":\"lifecycle:", l, StringComparison.Ordinal));
        Assert.StartsWith("{\"signedHead\":{\"chain\":\"lifecycle:", lines[^1], StringComparison.Ordinal);

        // The real `aims verify --file` path: against the key in the export, and against the organization's published key.
        var verified = (await Cli.RunAsync(["verify", "--file", file])).Expect(Cli.Ok);
        Assert.Contains("intact", verified.Stdout, StringComparison.Ordinal);
        Assert.Contains("key in the export", verified.Stdout, StringComparison.Ordinal);
        var keyFile = folder.File("demo.pem");
        await File.WriteAllTextAsync(keyFile, (await Cli.RunAsync(demo.Database, ["ledger", "key"], "--org", "demo")).Expect(Cli.Ok).Stdout);
        var trusted = (await Cli.RunAsync(["verify", "--file", file, "--key", keyFile])).Expect(Cli.Ok);
        Assert.Contains("signatures checked against the given key", trusted.Stdout, StringComparison.Ordinal);

        // One changed byte in an event fails verification (exit 1) and names the line.
        var index = Array.FindIndex(lines, l => l.Contains($"\"id\":\"cli-{provider}-1\"", StringComparison.Ordinal));
        var tampered = folder.File("tampered.jsonl");
        var changed = lines.ToArray();
        changed[index] = changed[index].Replace($"cli-{provider}-1", $"cli-{provider}-7", StringComparison.Ordinal);
        await File.WriteAllTextAsync(tampered, string.Join('\n', changed) + "\n");
        foreach (var args in new[] { new[] { "verify", "--file", tampered }, ["verify", "--file", tampered, "--key", keyFile] })
        {
            var broken = (await Cli.RunAsync(args)).Expect(Cli.CheckFailed);
            Assert.Contains($"line {index + 1}", broken.Stdout, StringComparison.Ordinal);
        }

        // Cut short (the signed head or the last events removed): caught.
        var cut = folder.File("cut.jsonl");
        await File.WriteAllTextAsync(cut, string.Join('\n', lines[..^1]) + "\n");
        Assert.Contains("no signed head", (await Cli.RunAsync(["verify", "--file", cut, "--key", keyFile])).Expect(Cli.CheckFailed).Stdout, StringComparison.Ordinal);
        await File.WriteAllTextAsync(cut, string.Join('\n', lines[..^3].Append(lines[^1])) + "\n");
        (await Cli.RunAsync(["verify", "--file", cut])).Expect(Cli.CheckFailed);

        // The demo's events are two weeks old: nothing is past the six-month retention.
        var pruned = (await Cli.RunAsync(demo.Database, ["lifecycle", "prune"], "--org", "demo")).Expect(Cli.Ok);
        Assert.Contains("demo SYS-1: nothing older than the retention", pruned.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    public async Task Bad_input_is_exit_2_with_a_reason(Provider provider)
    {
        var demo = await demos.GetAsync(provider);
        (await Cli.RunAsync(demo.Database, ["lifecycle", "export"], "--org", "demo", "--system", "SYS-99999")).Fails(Cli.Usage, "no AI system SYS-99999");
        (await Cli.RunAsync(demo.Database, ["lifecycle", "export"], "--org", "demo")).Fails(Cli.Usage, "--system");
        (await Cli.RunAsync(demo.Database, ["token", "create"], "--email", "aims.lead@example.org", "--org", "demo", "--ingest", "SYS-99999")).Fails(Cli.Usage, "SYS-99999");
        (await Cli.RunAsync(demo.Database, ["token", "create"], "--email", "external.auditor@example.org", "--org", "demo", "--ingest", "SYS-1")).Fails(Cli.Usage, "ingest");
    }

    [Fact]
    public async Task A_server_killed_while_batches_arrive_keeps_every_acknowledged_event_and_a_chain_that_verifies()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        var server = await AimsProcess.ServeAsync(database, demo: true);
        await Cli.WaitForOkAsync(server.Url.TrimEnd('/') + "/health/ready", TimeSpan.FromSeconds(60));
        var token = (await Cli.RunAsync(database, ["token", "create"], "--email", "aims.lead@example.org", "--org", "demo", "--ingest", "SYS-2")).Expect(Cli.Ok).LastLine;

        var acknowledged = new ConcurrentBag<string>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var stop = new CancellationTokenSource();
        var posters = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var b = 0; !stop.IsCancellationRequested; b++)
            {
                try
                {
                    var response = await PostAsync(http, server.Url, token, Batch("SYS-2", $"k{w}-{b}", 20));
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        continue;
                    }

                    using var ack = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    foreach (var e in ack.RootElement.GetProperty("events").EnumerateArray())
                    {
                        acknowledged.Add(e.GetProperty("eventId").GetString()!);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    return; // the server is gone
                }
            }
        })).ToList();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (acknowledged.Count < 200 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await server.DisposeAsync(); // SIGKILL, mid-batch
        await stop.CancelAsync();
        await Task.WhenAll(posters);
        Assert.True(acknowledged.Count >= 200, $"only {acknowledged.Count} events were acknowledged before the kill");

        await using var restarted = await AimsProcess.ServeAsync(database, demo: true);
        await Cli.WaitForOkAsync(restarted.Url.TrimEnd('/') + "/health/ready", TimeSpan.FromSeconds(60));
        using var folder = new TempFolder();
        var file = folder.File("sys-2.jsonl");
        (await Cli.RunAsync(database, ["lifecycle", "export"], "--org", "demo", "--system", "SYS-2", "--output", file)).Expect(Cli.Ok);
        (await Cli.RunAsync(["verify", "--file", file])).Expect(Cli.Ok);
        var keyFile = folder.File("demo.pem");
        await File.WriteAllTextAsync(keyFile, (await Cli.RunAsync(database, ["ledger", "key"], "--org", "demo")).Expect(Cli.Ok).Stdout);
        (await Cli.RunAsync(["verify", "--file", file, "--key", keyFile])).Expect(Cli.Ok);
        var stored = (await File.ReadAllLinesAsync(file)).SkipLast(1).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetProperty("id").GetString()!).ToHashSet();
        var lost = acknowledged.Where(id => !stored.Contains(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged event(s) lost, e.g. {lost.FirstOrDefault()}");

        // And the stream takes batches again after the restart.
        var after = await PostAsync(http, restarted.Url, token, Batch("SYS-2", "after-restart", 3));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
