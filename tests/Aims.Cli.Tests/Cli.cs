using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Aims.Testing;

namespace Aims.Cli.Tests;

/// <summary>What a script or CI user checks about one run of `aims`.</summary>
public static class Cli
{
    public const int Ok = 0;
    public const int CheckFailed = 1;
    public const int Usage = 2;

    public static Task<CliResult> RunAsync(params string[] args) => AimsProcess.RunAsync(args);

    /// <summary>Runs a verb against a database: the verb's words, then the database arguments, then the rest.</summary>
    public static Task<CliResult> RunAsync(TestDatabase db, string[] verb, params string[] rest) =>
        AimsProcess.RunAsync([.. verb, .. db.CliArguments, .. rest]);

    /// <summary>Exit code as expected, and never a stack trace or an exception's name on stderr.</summary>
    public static CliResult Expect(this CliResult result, int exitCode)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}:\n{result}");
        NoStackTrace(result);
        return result;
    }

    /// <summary>A failure: the expected non-zero exit code, a message on stderr (which may have to name things) and no stack trace.</summary>
    public static CliResult Fails(this CliResult result, int exitCode, params string[] stderrMentions)
    {
        Expect(result, exitCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Stderr), $"a failure must say why on stderr:\n{result}");
        foreach (var word in stderrMentions)
        {
            Assert.True(result.Stderr.Contains(word, StringComparison.OrdinalIgnoreCase), $"stderr should mention '{word}':\n{result}");
        }

        return result;
    }

    public static void NoStackTrace(CliResult result)
    {
        Assert.False(result.Stderr.Contains("   at ", StringComparison.Ordinal), $"stack trace on stderr:\n{result}");
        Assert.False(result.Stderr.Contains("Exception", StringComparison.Ordinal), $"exception on stderr:\n{result}");
        Assert.False(result.Stdout.Contains("   at ", StringComparison.Ordinal), $"stack trace on stdout:\n{result}");
    }

    public static string[] Lines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Polls an URL until it answers 200 (e.g. /health/ready once the demo is seeded).</summary>
    public static async Task WaitForOkAsync(string url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var watch = Stopwatch.StartNew();
        HttpStatusCode? last = null;
        while (watch.Elapsed < timeout)
        {
            try
            {
                using var response = await http.GetAsync(url);
                last = response.StatusCode;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{url} did not answer 200 within {timeout} (last: {last})");
    }

    /// <summary>
    /// The exported ledger's events: sequence, type, action and reference of each line, parsed strictly as JSON. The
    /// signed head that ends an export (checked by `aims verify`) is not an event and is left out.
    /// </summary>
    public static List<ExportedEvent> ParseExport(string jsonLines) =>
        Lines(jsonLines).Where(line => !line.StartsWith("{\"signedHead\":", StringComparison.Ordinal)).Select(line =>
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var e = root.GetProperty("event");
            return new ExportedEvent(
                e.GetProperty("seq").GetInt64(),
                root.GetProperty("hash").GetString()!,
                e.GetProperty("prev").GetString()!,
                e.GetProperty("chain").GetString()!,
                e.GetProperty("type").GetString()!,
                e.GetProperty("action").GetString()!,
                e.GetProperty("ref").ValueKind == JsonValueKind.Null ? null : e.GetProperty("ref").GetString());
        }).ToList();
}

public sealed record ExportedEvent(long Sequence, string Hash, string Previous, string Chain, string Type, string Action, string? Reference);

/// <summary>A temp folder for files a test writes (exports, tampered copies), removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "aims-cli-test-" + Guid.NewGuid().ToString("N")[..12]);

    public TempFolder() => Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
