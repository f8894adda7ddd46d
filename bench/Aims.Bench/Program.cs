using Aims.Bench;
using BenchmarkDotNet.Running;

// Aims.Bench: data generators and timings for the performance budget (docs/benchmarks.md).
// Plain argument parsing on purpose: this tool is run by bench/run.sh and by hand, never shipped.
if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Cli.Usage);
    return args.Length == 0 ? 2 : 0;
}

try
{
    var rest = args[1..];
    return args[0] switch
    {
        "generate-ledger" => LedgerGenerator.Run(Cli.Parse(rest)),
        "generate-org" => await OrgGenerator.RunAsync(Cli.Parse(rest)),
        "verify-speed" => VerifySpeed.Run(Cli.Parse(rest)),
        "startup-profile" => await StartupProfile.RunAsync(Cli.Parse(rest)),
        "check-verifier" => VerifierCheck.Run(Cli.Parse(rest)),
        "import-speed" => await ImportSpeed.RunAsync(Cli.Parse(rest)),
        "ingest-speed" => await IngestSpeed.RunAsync(Cli.Parse(rest)),
        "bdn" => RunBenchmarkDotNet(rest),
        _ => throw new UsageException($"unknown command '{args[0]}'"),
    };
}
catch (UsageException e)
{
    await Console.Error.WriteLineAsync("error: " + e.Message);
    await Console.Error.WriteLineAsync(Cli.Usage);
    return 2;
}

static int RunBenchmarkDotNet(string[] rest)
{
    // In process: the project uses the web SDK (for `startup-profile`), which BenchmarkDotNet's generated project cannot
    // reference; the benchmarks here measure code paths, not start-up, so a separate process adds nothing.
    if (!rest.Contains("--inProcess", StringComparer.OrdinalIgnoreCase) && !rest.Contains("-i"))
    {
        rest = [.. rest, "--inProcess"];
    }

    var summaries = BenchmarkSwitcher.FromAssembly(typeof(Cli).Assembly).Run(rest);
    return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
}
