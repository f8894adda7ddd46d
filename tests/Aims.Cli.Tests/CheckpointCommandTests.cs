using System.Security.Cryptography;
using System.Text;
using Aims.Testing;

namespace Aims.Cli.Tests;

/// <summary>
/// `aims ledger checkpoint | rotate-key | key` and `aims verify --file --key` against a demo database that a running
/// `aims serve` shares: what an auditor does with the published key, and what fails when the key or the file is wrong.
/// </summary>
[Collection(LedgerDemoCollection.Name)]
public sealed class CheckpointCommandTests(DemoDatabases demos)
{
    private static async Task<string> WriteAsync(TempFolder temp, string name, IEnumerable<string> lines)
    {
        var file = temp.File(name);
        await File.WriteAllTextAsync(file, string.Concat(lines.Select(l => l + "\n")), new UTF8Encoding(false));
        return file;
    }

    private static async Task<string> KeyFileAsync(TempFolder temp, TestDatabase db, string org, string name)
    {
        var result = (await Cli.RunAsync(db, ["ledger", "key"], "--org", org)).Expect(Cli.Ok);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", result.Stdout, StringComparison.Ordinal);
        var file = temp.File(name);
        await File.WriteAllTextAsync(file, result.Stdout);
        return file;
    }

    private static async Task<string[]> ExportAsync(TestDatabase db, string org) =>
        Cli.Lines((await Cli.RunAsync(db, ["ledger", "export"], "--org", org)).Expect(Cli.Ok).Stdout);

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_auditor_verifies_the_export_against_the_published_key_and_tampering_is_named(Provider provider)
    {
        using var temp = new TempFolder();
        var demo = await demos.GetAsync(provider);
        var made = (await Cli.RunAsync(demo.Database, ["ledger", "checkpoint"], "--org", "demo")).Expect(Cli.Ok);
        Assert.Matches(@"^demo: checkpoint at event \d+ vouches for events 1\.\.\d+, signed by key [0-9a-f]{64}", made.Stdout);

        var key = await KeyFileAsync(temp, demo.Database, "demo", "demo.pem");
        var lines = await ExportAsync(demo.Database, "demo");
        var file = await WriteAsync(temp, "demo.jsonl", lines);
        var ok = (await Cli.RunAsync("verify", "--file", file, "--key", key)).Expect(Cli.Ok);
        Assert.Contains("intact", ok.Stdout, StringComparison.Ordinal);
        Assert.Contains("signatures checked against the given key", ok.Stdout, StringComparison.Ordinal);
        var own = (await Cli.RunAsync("verify", "--file", file)).Expect(Cli.Ok);
        Assert.Contains("key in the export", own.Stdout, StringComparison.Ordinal);

        // A checkpoint's signature altered by one character: that line is named.
        var index = Array.FindLastIndex(lines, l => l.Contains("\"type\":\"ledger-checkpoint\"", StringComparison.Ordinal));
        var at = lines[index].IndexOf("\"signature\":\"", StringComparison.Ordinal) + 13;
        var tampered = lines.ToArray();
        tampered[index] = tampered[index][..at] + (tampered[index][at] == 'A' ? 'B' : 'A') + tampered[index][(at + 1)..];
        var broken = (await Cli.RunAsync("verify", "--file", await WriteAsync(temp, "sig.jsonl", tampered), "--key", key)).Expect(Cli.CheckFailed);
        Assert.Contains($"line {index + 1}", broken.Stdout, StringComparison.Ordinal);

        // The signed head removed, or events removed before it.
        var cut = (await Cli.RunAsync("verify", "--file", await WriteAsync(temp, "cut.jsonl", lines[..^1]), "--key", key)).Expect(Cli.CheckFailed);
        Assert.Contains("no signed head", cut.Stdout, StringComparison.Ordinal);
        var shorter = lines[..^3].Append(lines[^1]);
        var cut2 = (await Cli.RunAsync("verify", "--file", await WriteAsync(temp, "cut2.jsonl", shorter), "--key", key)).Expect(Cli.CheckFailed);
        Assert.Contains($"line {lines.Length - 2}", cut2.Stdout, StringComparison.Ordinal);

        // Another key: fails at the signed head.
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var strangerFile = temp.File("stranger.pem");
        await File.WriteAllTextAsync(strangerFile, stranger.ExportSubjectPublicKeyInfoPem());
        var wrong = (await Cli.RunAsync("verify", "--file", file, "--key", strangerFile)).Expect(Cli.CheckFailed);
        Assert.Contains($"line {lines.Length}", wrong.Stdout, StringComparison.Ordinal);
        Assert.Contains("not by the given key", wrong.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_rotation_is_signed_by_the_old_key_and_the_export_verifies_with_either(Provider provider)
    {
        using var temp = new TempFolder();
        var demo = await demos.GetAsync(provider);
        var oldKey = await KeyFileAsync(temp, demo.Database, "sandbox", "old.pem");
        var rotated = (await Cli.RunAsync(demo.Database, ["ledger", "rotate-key"], "--org", "sandbox")).Expect(Cli.Ok);
        Assert.Matches(@"^sandbox: key rotated at event \d+: [0-9a-f]{64} signed the change to [0-9a-f]{64}", rotated.Stdout);
        var newKey = await KeyFileAsync(temp, demo.Database, "sandbox", "new.pem");
        Assert.NotEqual(await File.ReadAllTextAsync(oldKey), await File.ReadAllTextAsync(newKey));
        (await Cli.RunAsync(demo.Database, ["ledger", "checkpoint"], "--org", "sandbox")).Expect(Cli.Ok);

        var file = await WriteAsync(temp, "sandbox.jsonl", await ExportAsync(demo.Database, "sandbox"));
        foreach (var key in new[] { oldKey, newKey })
        {
            var ok = (await Cli.RunAsync("verify", "--file", file, "--key", key)).Expect(Cli.Ok);
            Assert.Contains("1 key rotation(s)", ok.Stdout, StringComparison.Ordinal);
        }

        if (demo.Database.Folder is { } folder && !OperatingSystem.IsWindows())
        {
            var keys = Directory.GetFiles(Path.Combine(folder, "keys"), "*.pem");
            Assert.NotEmpty(keys);
            foreach (var k in keys)
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(k));
            }
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_node_without_the_key_refuses_to_sign_and_never_makes_a_second_key(Provider provider)
    {
        using var temp = new TempFolder();
        var demo = await demos.GetAsync(provider);
        var empty = Path.Combine(temp.Path, "no-keys");
        var result = await AimsProcess.RunAsync(["ledger", "checkpoint", .. demo.Database.CliArguments, "--org", "demo"],
            new Dictionary<string, string?> { ["AIMS_LEDGER_KEYS"] = empty });
        result.Fails(Cli.Usage, "missing", "KeyDirectory");
        Assert.False(Directory.Exists(empty) && Directory.GetFiles(empty).Length > 0, "a second key was made");
        (await Cli.RunAsync(demo.Database, ["verify"], "--org", "demo")).Expect(Cli.Ok);
    }

    [Fact]
    public async Task Bad_key_options_are_usage_errors()
    {
        using var temp = new TempFolder();
        var file = await WriteAsync(temp, "x.jsonl", ["{}"]);
        (await Cli.RunAsync("verify", "--file", file, "--key", temp.File("none.pem"))).Fails(Cli.Usage, "none.pem");
        var notPem = temp.File("not.pem");
        await File.WriteAllTextAsync(notPem, "hello");
        (await Cli.RunAsync("verify", "--file", file, "--key", notPem)).Fails(Cli.Usage, "not.pem");
        (await Cli.RunAsync("verify", "--key", notPem)).Fails(Cli.Usage, "--key");
    }
}
