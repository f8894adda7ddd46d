using System.Diagnostics;
using System.Globalization;
using Aims.Domain.Ledger;

namespace Aims.Bench;

/// <summary>`verify-speed FILE`: LedgerExportFormat.VerifyFile in this process, without the CLI around it.</summary>
public static class VerifySpeed
{
    public static int Run(Arguments a)
    {
        var runs = (int)Math.Max(1, a.Number("runs", 3));
        a.RejectUnknown();
        if (a.Positional.Count != 1)
        {
            throw new UsageException("verify-speed takes one FILE");
        }

        var path = a.Positional[0];
        if (!File.Exists(path))
        {
            throw new UsageException($"no file {path}");
        }

        var bytes = new FileInfo(path).Length;
        Console.WriteLine($"SHA-256 through OpenSSL's SHA256_* functions: {UsesOpenSslDirectly()}");
        var seconds = new List<double>();
        VerificationResult? result = null;
        for (var run = 1; run <= runs; run++)
        {
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
            {
                result = LedgerExportFormat.VerifyFile(stream, new ExportTrust(null));
            }

            clock.Stop();
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            seconds.Add(clock.Elapsed.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: {clock.Elapsed.TotalSeconds:F3} s  {bytes / clock.Elapsed.TotalSeconds / 1e6:F0} MB/s  {result.Events / clock.Elapsed.TotalSeconds:F0} events/s  (CPU {cpu:F3} s, {cpu * 1e9 / Math.Max(1, result.Events):F0} ns/event)"));
        }

        seconds.Sort();
        var best = seconds[0];
        var median = seconds[seconds.Count / 2];
        Console.WriteLine(result!.Summary);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{path}: {bytes} bytes, {result.Events} events; best {bytes / best / 1e6:F0} MB/s {result.Events / best:F0} events/s; median {bytes / median / 1e6:F0} MB/s {result.Events / median:F0} events/s ({runs} runs, {Environment.ProcessorCount} cores)"));
        return result.Intact ? 0 : 1;
    }

    /// <summary>Whether the verifier hashes through OpenSSL directly (internal to Aims.Domain; read for the report only).</summary>
    private static string UsesOpenSslDirectly() =>
        typeof(LedgerHash).Assembly.GetType("Aims.Domain.Ledger.LedgerSha256")?.GetProperty("UsesOpenSslDirectly")?.GetValue(null)?.ToString() ?? "unknown";
}
