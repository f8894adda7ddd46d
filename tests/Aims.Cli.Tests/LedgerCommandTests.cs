using System.Text;
using System.Text.RegularExpressions;
using Aims.Testing;

namespace Aims.Cli.Tests;

/// <summary>
/// `aims verify` and `aims ledger export` on the demo database: the database verifies, its export verifies offline,
/// and any change to the exported file (a byte, a line, a member, a missing start) is caught and named.
/// </summary>
[Collection(LedgerDemoCollection.Name)]
public sealed class LedgerCommandTests(DemoDatabases demos)
{
    private static readonly string[] Verify = ["verify"];
    private static readonly string[] Export = ["ledger", "export"];

    /// <summary>The demo chain as exported once per provider (with --from: a fresh partial export).</summary>
    private async Task<(DemoDatabase Demo, string[] Lines)> ExportDemoAsync(Provider provider, params string[] options)
    {
        var demo = await demos.GetAsync(provider);
        string[] lines;
        if (options.Length == 0)
        {
            lines = await demo.DemoExportAsync();
        }
        else
        {
            var result = (await Cli.RunAsync(demo.Database, Export, ["--org", "demo", .. options])).Expect(Cli.Ok);
            lines = Cli.Lines(result.Stdout);
            Assert.Contains($"Exported {lines.Length - 1} event(s) of demo", result.Stderr, StringComparison.Ordinal);
        }

        Assert.True(lines.Length >= 2);
        Assert.All(lines[..^1], l => Assert.StartsWith("{\"hash\":\"", l, StringComparison.Ordinal));
        Assert.StartsWith("{\"signedHead\":{", lines[^1], StringComparison.Ordinal);
        return (demo, lines);
    }

    private static async Task<CliResult> VerifyFileAsync(TempFolder temp, IEnumerable<string> lines, params string[] options)
    {
        var file = temp.File("ledger-" + Guid.NewGuid().ToString("N")[..6] + ".jsonl");
        await File.WriteAllTextAsync(file, string.Concat(lines.Select(l => l + "\n")), new UTF8Encoding(false));
        return await Cli.RunAsync(["verify", "--file", file, .. options]);
    }

    /// <summary>The verdict line names the broken event: "broken at event N" (one of <paramref name="sequences"/>).</summary>
    private static void NamesBrokenEvent(CliResult result, params long[] sequences)
    {
        var all = result.Stdout + result.Stderr;
        Assert.True(sequences.Any(sequence => Regex.IsMatch(all, $@"\bbroken\b.*\bevent {sequence}\b")),
            $"the output should name event {string.Join(" or ", sequences)} as broken:\n{result}");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Verify_of_an_intact_database_exits_0_with_a_summary_per_chain(Provider provider)
    {
        var demo = await demos.GetAsync(provider);
        var result = (await Cli.RunAsync(demo.Database, Verify)).Expect(Cli.Ok);
        var lines = Cli.Lines(result.Stdout);
        Assert.Equal(["system", "demo", "sandbox"], lines.Select(l => l.Split(':')[0]).ToArray());
        Assert.All(lines, l => Assert.Contains("intact", l, StringComparison.Ordinal));

        var one = (await Cli.RunAsync(demo.Database, Verify, "--org", "demo")).Expect(Cli.Ok);
        Assert.StartsWith("demo: ledger intact", Cli.Lines(one.Stdout).Single(), StringComparison.Ordinal);

        (await Cli.RunAsync(demo.Database, Verify, "--org", "nowhere")).Fails(Cli.Usage, "nowhere", "demo", "sandbox");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Export_then_verify_file_is_intact(Provider provider)
    {
        using var temp = new TempFolder();
        var (_, lines) = await ExportDemoAsync(provider);
        var events = Cli.ParseExport(string.Join('\n', lines[..^1]));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Single(events.Select(e => e.Chain).Distinct());

        var result = (await VerifyFileAsync(temp, lines)).Expect(Cli.Ok);
        Assert.Contains("intact", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{lines.Length - 1} event(s)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("signed head", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(events[^1].Hash, result.Stdout, StringComparison.Ordinal);
    }

    public static TheoryData<Provider, string> Tampers()
    {
        var data = new TheoryData<Provider, string>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
        {
            foreach (var tamper in new[] { "actor-letter", "action-letter", "hash-digit", "prev-digit", "time-digit" })
            {
                data.Add(provider, tamper);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Tampers))]
    public async Task One_changed_byte_in_an_event_is_caught_and_named(Provider provider, string tamper)
    {
        using var temp = new TempFolder();
        var (_, lines) = await ExportDemoAsync(provider);
        Assert.True(lines.Length >= 4);
        const int target = 3; // the third line is the event with sequence 3
        var line = lines[target - 1];
        lines[target - 1] = tamper switch
        {
            "actor-letter" => ChangeCharAfter(line, "\"actor\":\""),
            "action-letter" => ChangeCharAfter(line, "\"action\":\""),
            "hash-digit" => ChangeCharAfter(line, "{\"hash\":\""),
            "prev-digit" => ChangeCharAfter(line, "\"prev\":\""),
            "time-digit" => ChangeCharAfter(line, "\"at\":\"20"),
            _ => throw new ArgumentOutOfRangeException(nameof(tamper)),
        };
        Assert.NotEqual(line, lines[target - 1]);
        Assert.Equal(line.Length, lines[target - 1].Length);

        var result = (await VerifyFileAsync(temp, lines)).Expect(Cli.CheckFailed);
        NamesBrokenEvent(result, target);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_changed_value_inside_a_record_is_caught(Provider provider)
    {
        using var temp = new TempFolder();
        var (_, lines) = await ExportDemoAsync(provider);
        var index = Array.FindIndex(lines, l => l.Contains("\"name\":\"Harbor Lending Group\"", StringComparison.Ordinal));
        Assert.True(index >= 0, "the demo organization's creation event should carry its name");
        lines[index] = lines[index].Replace("Harbor Lending Group", "Harbor Lending GroUp", StringComparison.Ordinal);

        var result = (await VerifyFileAsync(temp, lines)).Expect(Cli.CheckFailed);
        NamesBrokenEvent(result, index + 1);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_deleted_line_is_caught(Provider provider)
    {
        using var temp = new TempFolder();
        var (_, lines) = await ExportDemoAsync(provider);
        var result = (await VerifyFileAsync(temp, lines.Where((_, i) => i != 2))).Expect(Cli.CheckFailed);
        NamesBrokenEvent(result, 3, 4); // the missing event, or the one found in its place

        // A cut tail is caught: without the signed head, or with it after fewer events than it names.
        var headGone = (await VerifyFileAsync(temp, lines.SkipLast(1))).Expect(Cli.CheckFailed);
        Assert.Contains($"line {lines.Length}", headGone.Stdout, StringComparison.Ordinal);
        Assert.Contains("no signed head", headGone.Stdout, StringComparison.Ordinal);
        var eventGone = (await VerifyFileAsync(temp, lines.Where((_, i) => i != lines.Length - 2))).Expect(Cli.CheckFailed);
        Assert.Contains($"line {lines.Length - 1}", eventGone.Stdout, StringComparison.Ordinal);

        var swapped = lines.ToArray();
        (swapped[2], swapped[3]) = (swapped[3], swapped[2]);
        (await VerifyFileAsync(temp, swapped)).Expect(Cli.CheckFailed);

        var duplicated = lines.Take(3).Append(lines[2]).Concat(lines.Skip(3));
        (await VerifyFileAsync(temp, duplicated)).Expect(Cli.CheckFailed);
    }

    [Theory]
    [InlineData(Provider.Sqlite, "inside-event")]
    [InlineData(Provider.Sqlite, "inside-record")]
    [InlineData(Provider.Sqlite, "wrapper-front")]
    [InlineData(Provider.Sqlite, "wrapper-end")]
    [InlineData(Provider.Postgres, "inside-event")]
    [InlineData(Provider.Postgres, "inside-record")]
    [InlineData(Provider.Postgres, "wrapper-front")]
    [InlineData(Provider.Postgres, "wrapper-end")]
    public async Task An_unknown_member_in_a_line_is_refused(Provider provider, string where)
    {
        using var temp = new TempFolder();
        var (_, lines) = await ExportDemoAsync(provider);
        var line = lines[2];
        lines[2] = where switch
        {
            "inside-event" => line[..^2] + ",\"note\":\"ok\"}}",
            "inside-record" => line.Replace("\"after\":{", "\"after\":{\"aaa\":1,", StringComparison.Ordinal),
            "wrapper-front" => "{\"note\":\"ok\"," + line[1..],
            "wrapper-end" => line[..^1] + ",\"note\":\"ok\"}",
            _ => throw new ArgumentOutOfRangeException(nameof(where)),
        };
        Assert.NotEqual(line, lines[2]);

        var result = (await VerifyFileAsync(temp, lines)).Expect(Cli.CheckFailed);
        NamesBrokenEvent(result, 3);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_partial_export_starts_at_a_signed_checkpoint_and_verifies_on_its_own(Provider provider)
    {
        using var temp = new TempFolder();
        var (demo, all) = await ExportDemoAsync(provider);
        var events = Cli.ParseExport(string.Join('\n', all[..^1]));
        var checkpoint = events.First(e => e.Type == "ledger-checkpoint").Sequence;
        var (_, partial) = await ExportDemoAsync(provider, "--from", (checkpoint + 3).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(checkpoint, Cli.ParseExport(partial[0]).Single().Sequence);
        Assert.Equal(all.Skip((int)checkpoint - 1).Take(all.Length - (int)checkpoint), partial.Take(all.Length - (int)checkpoint)); // the chain only grows

        var alone = (await VerifyFileAsync(temp, partial)).Expect(Cli.Ok);
        Assert.Contains("intact", alone.Stdout, StringComparison.Ordinal);

        // A range cut by hand after the checkpoint has nothing to anchor it.
        var cut = (await VerifyFileAsync(temp, partial.Skip(1))).Expect(Cli.CheckFailed);
        Assert.Contains("line 1", cut.Stdout, StringComparison.Ordinal);
        Assert.Contains("nor a valid signed checkpoint", cut.Stdout, StringComparison.Ordinal);

        (await Cli.RunAsync(demo.Database, Export, "--org", "demo", "--from", "0")).Fails(Cli.Usage, "--from");
    }

    [Fact]
    public async Task Verify_of_a_nonexistent_file_is_a_usage_error()
    {
        using var temp = new TempFolder();
        var missing = temp.File("nothing-here.jsonl");
        (await Cli.RunAsync("verify", "--file", missing)).Fails(Cli.Usage, "nothing-here.jsonl");
    }

    [Fact]
    public async Task Verify_of_a_file_that_is_not_a_ledger_fails()
    {
        using var temp = new TempFolder();
        (await VerifyFileAsync(temp, ["hello, auditor"])).Expect(Cli.CheckFailed);
        (await VerifyFileAsync(temp, ["{\"hash\":\"00\",\"event\":{}}"])).Expect(Cli.CheckFailed);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Export_without_org_when_there_are_two_organizations_lists_them(Provider provider)
    {
        var demo = await demos.GetAsync(provider);
        var result = (await Cli.RunAsync(demo.Database, Export)).Fails(Cli.Usage, "--org", "demo", "sandbox");
        Assert.Equal("", result.Stdout.Trim());

        (await Cli.RunAsync(demo.Database, Export, "--org", "nowhere")).Fails(Cli.Usage, "nowhere", "demo", "sandbox");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Verify_file_with_data_or_database_is_a_usage_error(Provider provider)
    {
        using var temp = new TempFolder();
        var demo = await demos.GetAsync(provider);
        var file = temp.File("some.jsonl");
        await File.WriteAllTextAsync(file, "");
        (await Cli.RunAsync(demo.Database, Verify, "--file", file)).Fails(Cli.Usage, "--file");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Org_list_shows_both_demo_organizations(Provider provider)
    {
        var demo = await demos.GetAsync(provider);
        var result = (await Cli.RunAsync(demo.Database, ["org", "list"])).Expect(Cli.Ok);
        var slugs = Cli.Lines(result.Stdout).Skip(1).Select(l => l.Split(' ')[0]).ToArray();
        Assert.Equal(["demo", "sandbox"], slugs);
    }

    /// <summary>Replaces the character right after <paramref name="marker"/> with a different one of the same kind.</summary>
    private static string ChangeCharAfter(string line, string marker)
    {
        var at = line.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{marker}' not found in {line}");
        var i = at + marker.Length;
        var c = line[i];
        var replacement = char.IsDigit(c) ? (c == '9' ? '8' : (char)(c + 1))
            : char.IsLetter(c) ? (c == 'z' ? 'y' : c == 'Z' ? 'Y' : (char)(c + 1))
            : throw new InvalidOperationException($"not a letter or digit after '{marker}': {c}");
        if (c is 'f' && marker.Contains("hash", StringComparison.Ordinal))
        {
            replacement = 'e';
        }

        return string.Concat(line.AsSpan(0, i), replacement.ToString(), line.AsSpan(i + 1));
    }
}
