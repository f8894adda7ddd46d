using System.Text;
using Aims.Testing;

namespace Aims.Cli.Tests;

/// <summary>`aims risks export` and `aims risks import`: the risk register as a file with scores, treatment, controls and owners.</summary>
public sealed class RiskTransferTests
{
    private const string Inventory = """
        {"format":"aims-inventory","version":1,
         "ai-systems":[{"reference":"SYS-2","name":"Credit scoring","stage":"deployment","sourcing":"in-house","autonomy":"recommendation","oversight":"human-in-the-loop"}]}
        """;

    private const string Risks = """
        {"format":"aims-risks","version":1,
         "controls":[{"reference":"CTL-1","name":"Fairness review","mapping":["iso42001:A.6.2.4"]}],
         "risks":[{"reference":"RISK-4","title":"Bias against thin-file applicants","dimension":"ethical-fairness","riskSource":"C.3.4","objectives":["C.2.5"],
                   "aiSystems":["SYS-2"],"owner":"risk.owner@acme.example","inherentLikelihood":4,"inherentImpact":5,"treatment":"modify",
                   "annexAControls":["A.7.4","A.6.2.4"],"ownControls":["CTL-1"],"residualLikelihood":2,"residualImpact":3,"nextReviewOn":"2027-03-01"},
                  {"reference":"RISK-1","title":"Prompt injection in the assistant","dimension":"security","threat":"prompt-injection","inherentLikelihood":3,"inherentImpact":3}]}
        """;

    private static async Task<string> WriteAsync(TempFolder temp, string name, string text)
    {
        var path = temp.File(name);
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false));
        return path;
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_risk_register_round_trips_with_scores_treatment_controls_and_owners(Provider provider)
    {
        using var temp = new TempFolder();
        await using var first = await TestDatabase.CreateAsync(provider);
        var inventory = await WriteAsync(temp, "inventory.json", Inventory);
        (await Cli.RunAsync(first, ["inventory", "import"], "--org", "acme", inventory)).Expect(Cli.Ok);
        var imported = (await Cli.RunAsync(first, ["risks", "import"], "--org", "acme", await WriteAsync(temp, "risks.json", Risks))).Expect(Cli.Ok);
        Assert.Contains("created: 3", imported.Stdout, StringComparison.Ordinal);
        Assert.Contains("people to invite: risk.owner@acme.example", imported.Stdout, StringComparison.Ordinal);

        var csv = (await Cli.RunAsync(first, ["risks", "export"], "--org", "acme", "--format", "csv")).Expect(Cli.Ok).Stdout;
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        foreach (var column in new[] { "owner", "inherentLikelihood", "inherentImpact", "inherentLevel", "treatment", "annexAControls", "ownControls", "residualLevel" })
        {
            Assert.Contains(column, header);
        }

        Assert.StartsWith("RISK-1,", lines[1], StringComparison.Ordinal);
        var risk4 = lines[2];
        Assert.StartsWith("RISK-4,Bias against thin-file applicants,", risk4, StringComparison.Ordinal);
        // Scored with the default criteria: 4 × 5 is very high, 2 × 3 medium; controls in catalog order.
        Assert.Contains(",very-high,", risk4, StringComparison.Ordinal);
        Assert.Contains(",medium,", risk4, StringComparison.Ordinal);
        Assert.Contains("\"A.6.2.4, A.7.4\"", risk4, StringComparison.Ordinal);
        Assert.Contains("risk.owner@acme.example", risk4, StringComparison.Ordinal);

        foreach (var format in new[] { "json", "xlsx" })
        {
            var exported = temp.File("risks." + format);
            (await Cli.RunAsync(first, ["risks", "export"], "--org", "acme", "--format", format, "--output", exported)).Expect(Cli.Ok);
            await using var second = await TestDatabase.CreateAsync(provider);
            (await Cli.RunAsync(second, ["inventory", "import"], "--org", "acme", inventory)).Expect(Cli.Ok);
            (await Cli.RunAsync(second, ["risks", "import"], "--org", "acme", exported)).Expect(Cli.Ok);
            var again = temp.File("again." + format);
            (await Cli.RunAsync(second, ["risks", "export"], "--org", "acme", "--format", format, "--output", again)).Expect(Cli.Ok);
            var original = await File.ReadAllBytesAsync(exported);
            var copy = await File.ReadAllBytesAsync(again);
            Assert.True(original.AsSpan().SequenceEqual(copy), $"{format} round trip differs");
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite, "reference,title,dimension,inherentLikelihood,inherentImpact\r\nRISK-9,Too likely,privacy,9,2\r\n", "risks.csv line 2: inherentLikelihood")]
    [InlineData(Provider.Sqlite, "reference,title,dimension,inherentLikelihood,inherentImpact,annexAControls\r\nRISK-9,Made-up control,privacy,2,2,A.9.9.9\r\n", "risks.csv line 2: annexAControls")]
    [InlineData(Provider.Postgres, "reference,title,dimension,inherentLikelihood,inherentImpact,aiSystems\r\nRISK-9,Unknown system,privacy,2,2,SYS-77\r\n", "risks.csv line 2: aiSystems")]
    public async Task A_refused_risk_file_names_line_and_column_and_changes_nothing(Provider provider, string csv, string expected)
    {
        using var temp = new TempFolder();
        await using var db = await TestDatabase.CreateAsync(provider);
        (await Cli.RunAsync(db, ["risks", "import"], "--org", "acme", await WriteAsync(temp, "risks.json", Risks.Replace("\"aiSystems\":[\"SYS-2\"],", "", StringComparison.Ordinal)))).Expect(Cli.Ok);
        var before = (await Cli.RunAsync(db, ["risks", "export"], "--org", "acme")).Expect(Cli.Ok).Stdout;
        var refused = await Cli.RunAsync(db, ["risks", "import"], "--org", "acme", await WriteAsync(temp, "risks.csv", csv));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(expected, refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, (await Cli.RunAsync(db, ["risks", "export"], "--org", "acme")).Expect(Cli.Ok).Stdout);
    }
}
