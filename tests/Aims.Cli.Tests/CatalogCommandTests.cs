using System.Text.Json;

namespace Aims.Cli.Tests;

/// <summary>`aims catalog list|show`: the catalog shipped in the build, as a table, JSON or CSV.</summary>
public sealed class CatalogCommandTests
{
    private static readonly string[] Frameworks = ["iso42001", "iso27001", "nist-ai-rmf", "eu-ai-act"];

    [Fact]
    public async Task List_as_a_table_names_every_framework()
    {
        var result = (await Cli.RunAsync("catalog", "list")).Expect(Cli.Ok);
        var lines = Cli.Lines(result.Stdout);
        Assert.StartsWith("ID", lines[0], StringComparison.Ordinal);
        foreach (var id in Frameworks)
        {
            Assert.Contains(lines, l => l.StartsWith(id + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task List_as_json_parses_and_counts_the_requirements()
    {
        var result = (await Cli.RunAsync("catalog", "list", "--format", "json")).Expect(Cli.Ok);
        using var doc = JsonDocument.Parse(result.Stdout);
        var frameworks = doc.RootElement.GetProperty("frameworks").EnumerateArray().ToList();
        Assert.Equal(Frameworks.Order(), frameworks.Select(f => f.GetProperty("id").GetString()!).Order());
        var iso = frameworks.Single(f => f.GetProperty("id").GetString() == "iso42001");
        Assert.Equal(112, iso.GetProperty("requirements").GetInt32());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("catalogVersion").GetString()));
    }

    [Fact]
    public async Task List_as_csv_has_a_header_and_a_row_per_framework()
    {
        var result = (await Cli.RunAsync("catalog", "list", "--format", "csv")).Expect(Cli.Ok);
        var lines = Cli.Lines(result.Stdout);
        Assert.Equal("id,title,publisher,edition,dataVersion,requirements", lines[0]);
        Assert.Equal(Frameworks.Length, lines.Length - 1);
        Assert.Contains(lines, l => l.StartsWith("iso42001,", StringComparison.Ordinal) && l.EndsWith(",112", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Show_iso42001_as_json_holds_every_clause_control_and_annex_c_entry()
    {
        var result = (await Cli.RunAsync("catalog", "show", "iso42001", "--format", "json")).Expect(Cli.Ok);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal("iso42001", doc.RootElement.GetProperty("framework").GetString());
        var requirements = doc.RootElement.GetProperty("requirements").EnumerateArray()
            .Select(r => (Id: r.GetProperty("id").GetString()!, Informative: r.GetProperty("informative").GetBoolean(),
                Title: r.GetProperty("title").GetString(), Kind: r.GetProperty("kind").GetString()))
            .ToList();
        Assert.Equal(112, requirements.Count);
        Assert.Equal(requirements.Count, requirements.Select(r => r.Id).Distinct().Count());
        Assert.All(requirements, r => Assert.False(string.IsNullOrWhiteSpace(r.Title)));
        Assert.All(requirements, r => Assert.False(string.IsNullOrWhiteSpace(r.Kind)));
        var ids = requirements.Select(r => r.Id).ToHashSet();

        foreach (var id in new[] { "4.1", "4.4", "5.3", "6.1.1", "6.1.4", "6.3", "7.5.3", "8.4", "9.2.2", "9.3.3", "10.2",
                     "A.2", "A.2.2", "A.6.1", "A.6.2", "A.6.2.8", "A.10", "A.10.4", "C.2.1", "C.2.11", "C.3.1", "C.3.7" })
        {
            Assert.True(ids.Contains(id), $"{id} is missing from catalog show iso42001");
        }

        // All 38 Annex A controls A.2.2-A.10.4, never an A.x.1 control id.
        var controls = requirements.Where(r => r.Kind == "control").Select(r => r.Id).ToList();
        Assert.Equal(38, controls.Count);
        Assert.All(controls, id => Assert.Matches(@"^A\.([2-9]|10)(\.[12])?\.[2-9]$", id));
        Assert.Equal(11, requirements.Count(r => r.Kind == "objective"));
        Assert.Equal(7, requirements.Count(r => r.Kind == "risk-source"));

        // Annex C: 11 objectives and 7 risk sources, all informative; clauses and Annex A are not.
        var annexC = requirements.Where(r => r.Id.StartsWith("C.2.", StringComparison.Ordinal) || r.Id.StartsWith("C.3.", StringComparison.Ordinal)).ToList();
        Assert.Equal(18, annexC.Count);
        Assert.All(annexC, r => Assert.True(r.Informative, r.Id + " should be informative"));
        Assert.All(requirements.Where(r => r.Id.StartsWith("A.", StringComparison.Ordinal) || char.IsDigit(r.Id[0])), r => Assert.False(r.Informative, r.Id));
    }

    [Fact]
    public async Task Show_as_csv_has_the_documented_header_and_one_row_per_requirement()
    {
        var result = (await Cli.RunAsync("catalog", "show", "iso42001", "--format", "csv")).Expect(Cli.Ok);
        var lines = Cli.Lines(result.Stdout);
        Assert.Equal("id,kind,parent,title,summary,informative", lines[0]);
        Assert.Equal(112, lines.Length - 1);
        Assert.Contains(lines, l => l.StartsWith("A.6.2.8,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("C.3.7,", StringComparison.Ordinal) && l.EndsWith(",true", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("iso27001", "6.1.2")]
    [InlineData("nist-ai-rmf", "GOVERN")]
    [InlineData("eu-ai-act", "art-14")]
    [InlineData("iso42001", "A.10.4")]
    public async Task Show_as_a_table_lists_the_requirements_of_each_framework(string framework, string someId)
    {
        var result = (await Cli.RunAsync("catalog", "show", framework)).Expect(Cli.Ok);
        var lines = Cli.Lines(result.Stdout);
        Assert.StartsWith("ID", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines.Skip(1), l => l.Contains(someId, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Show_of_an_unknown_framework_is_a_usage_error_listing_the_frameworks()
    {
        var result = (await Cli.RunAsync("catalog", "show", "iso9001")).Fails(Cli.Usage, "iso9001");
        foreach (var id in Frameworks)
        {
            Assert.Contains(id, result.Stderr, StringComparison.Ordinal);
        }

        Assert.Equal("", result.Stdout.Trim());
    }

    [Theory]
    [InlineData("catalog", "list", "--format", "xml")]
    [InlineData("catalog", "show", "iso42001", "--format", "pdf")]
    [InlineData("catalog", "show", "iso42001", "--format")]
    [InlineData("catalog", "show")]
    public async Task Bad_formats_and_missing_arguments_are_usage_errors(params string[] args) =>
        (await Cli.RunAsync(args)).Fails(Cli.Usage);
}
