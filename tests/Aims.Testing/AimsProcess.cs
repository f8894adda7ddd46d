using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Aims.Testing;

/// <summary>
/// The real `aims` executable from the build output, run as a separate process: for command-line tests, for
/// writers in two processes, and for `aims serve` driven by a browser.
/// </summary>
public sealed class AimsProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AimsProcess(Process process) => _process = process;

    public string Url { get; private set; } = "";

    /// <summary>The demo administrator's password when this start created the demo; null otherwise.</summary>
    public string? DemoPassword { get; private set; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The aims.dll of the build this test run uses (Debug or Release, like the tests).</summary>
    public static string AimsDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            var path = Path.Combine(RepoPaths.Root, "src", "Aims.Cli", "bin", configuration, "net10.0", "aims.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: " + path);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs one verb to its end: exit code, stdout and stderr.</summary>
    public static async Task<CliResult> RunAsync(params string[] args) => await RunAsync(args, null);

    public static async Task<CliResult> RunAsync(string[] args, IDictionary<string, string?>? environment)
    {
        using var process = Start(args, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts `aims serve` on a free loopback port and waits until it says it is running.</summary>
    public static async Task<AimsProcess> ServeAsync(TestDatabase database, bool demo = true, string? dll = null)
    {
        var port = FreePort();
        List<string> args = ["serve", .. database.CliArguments, "--urls", $"http://127.0.0.1:{port}"];
        if (demo)
        {
            args.Add("--demo");
        }

        var server = new AimsProcess(Start([.. args], null, dll));
        server._process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        server._process.EnableRaisingEvents = true;
        server._process.Exited += (_, _) => server._started.TrySetException(new InvalidOperationException("aims serve exited early:\n" + server.Output));
        var finished = await Task.WhenAny(server._started.Task, Task.Delay(TimeSpan.FromSeconds(90)));
        if (finished != server._started.Task)
        {
            await server.DisposeAsync();
            throw new TimeoutException("aims serve did not start within 90 s:\n" + server.Output);
        }

        server.Url = await server._started.Task;
        return server;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        const string running = "Aims is running at ";
        const string password = "password: ";
        if (line.Contains("Demo login:", StringComparison.Ordinal) && line.Contains(password, StringComparison.Ordinal))
        {
            DemoPassword = line[(line.IndexOf(password, StringComparison.Ordinal) + password.Length)..].Split(' ')[0];
        }

        if (line.StartsWith("Press Ctrl+C", StringComparison.Ordinal))
        {
            var text = Output;
            var start = text.IndexOf(running, StringComparison.Ordinal) + running.Length;
            _started.TrySetResult(text[start..text.IndexOf('\n', start)].Split(',')[0].Trim());
        }
    }

    private static Process Start(string[] args, IDictionary<string, string?>? environment, string? dll = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll ?? AimsDll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment.Remove("AIMS_DATABASE");
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string LastLine => Stdout.TrimEnd().Split('\n')[^1].Trim();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
