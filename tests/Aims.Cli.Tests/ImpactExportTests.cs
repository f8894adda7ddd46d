using Aims.Testing;

namespace Aims.Cli.Tests;

/// <summary>`aims impact export`: a system's impact assessments as one self-contained HTML file, the same bytes every time.</summary>
[Collection(TokenDemoCollection.Name)]
public sealed class ImpactExportTests(DemoDatabases demos)
{
    private static readonly string[] Export = ["impact", "export"];

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_demo_credit_scoring_assessments_export_as_a_readable_document(Provider provider)
    {
        var demo = await demos.GetAsync(provider);
        using var temp = new TempFolder();
        var file = temp.File("credit.html");
        var written = (await Cli.RunAsync(demo.Database, Export, "--system", "SYS-1", "--org", "demo", "--output", file)).Expect(Cli.Ok);
        Assert.Contains("Exported the impact assessments of SYS-1 in demo", written.Stderr, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(file);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("Credit scoring", html, StringComparison.Ordinal);
        Assert.Contains("Thin-file applicants refused credit they could repay", html, StringComparison.Ordinal);
        Assert.Contains("Fundamental rights impact assessment (EU AI Act Art. 27)", html, StringComparison.Ordinal);
        Assert.Matches("RISK-[0-9]+", html);
        Assert.DoesNotContain("http", html, StringComparison.Ordinal);

        var again = (await Cli.RunAsync(demo.Database, Export, "--system", "sys-1", "--org", "demo")).Expect(Cli.Ok);
        Assert.Equal(html.TrimEnd(), again.Stdout.TrimEnd());

        var missing = (await Cli.RunAsync(demo.Database, Export, "--system", "SYS-999", "--org", "demo")).Expect(2);
        Assert.Contains("--system: no AI system SYS-999 in demo", missing.Stderr, StringComparison.Ordinal);
    }
}
