using System.Globalization;

namespace Aims.Bench;

public sealed class UsageException(string message) : Exception(message);

/// <summary>The parsed arguments of one subcommand: <c>--name value</c> pairs, <c>--flag</c>s and positional values.</summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string?> _named = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public void Set(string name, string? value) => _named[name] = value;

    public bool Has(string name)
    {
        _used.Add(name);
        return _named.ContainsKey(name);
    }

    public string? Get(string name)
    {
        _used.Add(name);
        return _named.TryGetValue(name, out var v) ? v ?? throw new UsageException($"--{name} needs a value") : null;
    }

    public string Required(string name) => Get(name) ?? throw new UsageException($"--{name} is required");

    public long Number(string name, long fallback)
    {
        var text = Get(name);
        if (text is null)
        {
            return fallback;
        }

        // 1000000, 1_000_000 and 1e6 all mean a million.
        text = text.Replace("_", "", StringComparison.Ordinal);
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            return value;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 && d == Math.Floor(d))
        {
            return (long)d;
        }

        throw new UsageException($"--{name} must be a non-negative integer, not '{text}'");
    }

    /// <summary>Fails on options nobody asked for, so a typo never silently falls back to a default.</summary>
    public void RejectUnknown()
    {
        var unknown = _named.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException("unknown option(s): " + string.Join(", ", unknown.Select(u => "--" + u)));
        }
    }
}

public static class Cli
{
    public const string Usage = """
        Aims.Bench — generators and timings for the performance budget (see docs/benchmarks.md)

          generate-ledger --events N --out FILE [--seed S] [--chain ID] [--checkpoint-every C]
              An exported ledger (JSON Lines, as `aims ledger export` writes) of N events of one chain:
              create/update/delete events of memberships, risks, AI systems and tokens (5-15 fields, some reasons),
              a signed checkpoint after every C events (default 1000; 0: none) and a signed head as the last line;
              the public key goes to FILE.pem. `aims verify --file FILE --key FILE.pem` accepts it.

          generate-org (--data DIR | --database CONN) [--org SLUG] [--people N] [--tokens M] [--batch B] [--seed S]
              A large synthetic organization through the real data layer (every record in the ledger).
              Steps and their counts: see OrgGenerator.Steps (--people default 1000, --tokens default 200).

          verify-speed FILE [--runs R]
              Times LedgerExportFormat.VerifyFile on FILE: best and median MB/s and events/s (default 3 runs).

          startup-profile --data DIR [--port P]
              Where a cold start of the server on an existing data folder spends its time, phase by phase.

          check-verifier [--trials N] [--file-events N] [--seed S]
              Compares the optimised verifier with the plain one it replaced on damaged and re-sealed chains;
              exit 1 on any difference in the result (intact, counts, head, first broken event, problem text).

          import-speed [--rows N] [--dir DIR] [--only both|import|bare]
              A CSV of N AI systems (default 100000) through the real inventory import into a new SQLite organization,
              against a bare loop inserting the same rows with a prepared INSERT in one transaction: rows/s, the ratio,
              and this process's peak working set (run once per size to compare memory).

          ingest-speed --url URL --token TOKEN --system SYS-n [--seconds S] [--warmup W] [--batch N] [--concurrency C] [--pid PID] [--bare-only]
              Lifecycle events posted to a running `aims serve` with an ingestion token for S seconds (default 20) by C
              clients (default 4) in batches of N (default 500), after W seconds of uncounted warm-up (default 10): events/s,
              against a bare SQLite insert loop of the same rows (one transaction per batch, one prepared statement, no
              hashing) in the same run, and the ratio. Bodies are made once per client and only renumbered per batch.
              With --pid, the server's resident memory every 10 s and its growth from minute 2 to the end.

          bdn [BenchmarkDotNet arguments]
              BenchmarkDotNet micro-benchmarks, e.g. `bdn --filter '*'`.
        """;

    public static Arguments Parse(string[] args)
    {
        var parsed = new Arguments();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                parsed.Positional.Add(a);
                continue;
            }

            var name = a[2..];
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                parsed.Set(name[..eq], name[(eq + 1)..]);
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                parsed.Set(name, args[++i]);
            }
            else
            {
                parsed.Set(name, null);
            }
        }

        return parsed;
    }
}
