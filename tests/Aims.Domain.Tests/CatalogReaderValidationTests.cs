using System.Text;
using Aims.Domain.Catalog;

namespace Aims.Domain.Tests;

/// <summary>The reader refuses catalog data that does not hang together, and says what is wrong.</summary>
public sealed class CatalogReaderValidationTests
{
    private const string Manifest = """
        { "catalogVersion": "t.1", "frameworks": ["a.json", "b.json"], "crosswalks": ["x.json"] }
        """;

    private static string Requirement(string id, string? parent, string extra = "") => $$"""
        { "id": "{{id}}", "kind": "clause", "parent": {{(parent is null ? "null" : $"\"{parent}\"")}}, "title": "Title {{id}}", "summary": "Summary of {{id}}.", "informative": false{{extra}} }
        """;

    private static string Framework(string id, params string[] requirements) => $$"""
        { "id": "{{id}}", "title": "{{id}} title", "name": "{{id}} name", "publisher": "P", "edition": "1", "dataVersion": "1.0.0",
          "requirements": [ {{string.Join(",\n", requirements)}} ] }
        """;

    private static string Crosswalk(params string[] entries) => $$"""
        { "id": "a-b", "title": "A to B", "dataVersion": "1.0.0", "source": "test", "entries": [ {{string.Join(",\n", entries)}} ] }
        """;

    private static string Entry(string from = "a:1", string to = "b:1", string relationship = "\"intersects\"", string confidence = "\"high\"") =>
        $$"""{ "from": "{{from}}", "to": "{{to}}", "relationship": {{relationship}}, "confidence": {{confidence}}, "note": null, "source": null }""";

    private static readonly string ValidA = Framework("a", Requirement("1", null), Requirement("1.1", "1"), Requirement("1.2", "1"));

    private static readonly string ValidB = Framework("b", Requirement("1", null));

    private static CatalogSnapshot Read(string? a = null, string? b = null, string? x = null, string manifest = Manifest)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["manifest.json"] = manifest,
            ["a.json"] = a ?? ValidA,
            ["b.json"] = b ?? ValidB,
            ["x.json"] = x ?? Crosswalk(Entry()),
        };
        return CatalogReader.Read(name => new MemoryStream(Encoding.UTF8.GetBytes(files[name])));
    }

    private static CatalogException Refused(string? a = null, string? b = null, string? x = null) =>
        Assert.Throws<CatalogException>(() => Read(a, b, x));

    [Fact]
    public void A_valid_small_catalog_is_read_with_its_requirements_in_order_and_its_crosswalk()
    {
        var catalog = Read();
        Assert.Equal("t.1", catalog.Version);
        Assert.Equal(["a:1", "a:1.1", "a:1.2"], catalog.FindFramework("a")!.Requirements.Select(r => r.QualifiedId));
        Assert.Equal([0, 1, 2], catalog.FindFramework("a")!.Requirements.Select(r => r.Order));
        var entry = Assert.Single(catalog.Crosswalks);
        Assert.Equal(("a-b", "a:1", "b:1", Relationship.Intersects, Confidence.High, "test"), (entry.CrosswalkId, entry.From, entry.To, entry.Relationship, entry.Confidence, entry.Source));
    }

    [Fact]
    public void A_duplicate_requirement_id_is_refused()
    {
        var e = Refused(a: Framework("a", Requirement("1", null), Requirement("1.1", "1"), Requirement("1.1", "1")));
        Assert.Contains("'1.1'", e.Message, StringComparison.Ordinal);
        Assert.Contains("twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parent_listed_after_its_child_is_refused()
    {
        var e = Refused(a: Framework("a", Requirement("1.1", "1"), Requirement("1", null)));
        Assert.Contains("a:1.1", e.Message, StringComparison.Ordinal);
        Assert.Contains("parent '1'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_parent_is_refused()
    {
        var e = Refused(a: Framework("a", Requirement("1", null), Requirement("2.1", "2")));
        Assert.Contains("a:2.1", e.Message, StringComparison.Ordinal);
        Assert.Contains("parent '2'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parent_in_another_framework_is_refused()
    {
        var e = Refused(b: Framework("b", Requirement("1", null), Requirement("1.1", "1.2")));
        Assert.Contains("b:1.1", e.Message, StringComparison.Ordinal);
        Assert.Contains("parent '1.2'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_member_in_a_requirement_is_refused_naming_the_member_and_the_file()
    {
        var e = Refused(a: Framework("a", Requirement("1", null, """, "mandatory": true""")));
        Assert.Contains("a.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("mandatory", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_member_in_a_crosswalk_entry_is_refused()
    {
        var e = Refused(x: Crosswalk(Entry().Replace("\"note\": null", "\"weight\": 3, \"note\": null", StringComparison.Ordinal)));
        Assert.Contains("x.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("weight", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("b:9")]
    [InlineData("c:1")]
    [InlineData("1")]
    public void A_crosswalk_to_an_unknown_requirement_is_refused(string to)
    {
        var e = Refused(x: Crosswalk(Entry(), Entry(to: to)));
        Assert.Contains($"'{to}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("a-b", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_crosswalk_from_an_unknown_requirement_is_refused()
    {
        var e = Refused(x: Crosswalk(Entry(from: "a:7")));
        Assert.Contains("'a:7'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("0")]
    [InlineData("\"overlaps\"")]
    [InlineData("\"partial\"")]
    [InlineData("null")]
    public void A_relationship_that_is_not_one_of_the_four_named_ones_is_refused(string relationship)
    {
        var e = Refused(x: Crosswalk(Entry(relationship: relationship)));
        Assert.Contains("x.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("relationship", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("equal", Relationship.Equal)]
    [InlineData("subset", Relationship.Subset)]
    [InlineData("superset", Relationship.Superset)]
    [InlineData("intersects", Relationship.Intersects)]
    public void Each_of_the_four_relationships_is_read_by_its_kebab_case_name(string name, Relationship expected)
    {
        Assert.Equal(expected, Assert.Single(Read(x: Crosswalk(Entry(relationship: $"\"{name}\""))).Crosswalks).Relationship);
    }

    [Fact]
    public void An_integer_confidence_is_refused()
    {
        var e = Refused(x: Crosswalk(Entry(confidence: "1")));
        Assert.Contains("confidence", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A crosswalk entry that does not say how the two requirements relate must not be read as "equal" (the strongest claim),
    /// nor one without a confidence as "high".
    /// </summary>
    [Theory]
    [InlineData("relationship")]
    [InlineData("confidence")]
    public void A_crosswalk_entry_without_a_relationship_or_confidence_is_refused(string member)
    {
        var entry = $$"""{ "from": "a:1", "to": "b:1", {{(member == "relationship" ? "" : "\"relationship\": \"intersects\",")}} {{(member == "confidence" ? "" : "\"confidence\": \"low\",")}} "note": null, "source": null }""";
        var e = Refused(x: Crosswalk(entry));
        Assert.Contains(member, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_requirement_without_a_title_is_refused()
    {
        var e = Refused(a: Framework("a", """{ "id": "1", "kind": "clause", "parent": null, "summary": "s", "informative": false }"""));
        Assert.Contains("title", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_framework_without_requirements_is_refused()
    {
        var e = Refused(b: Framework("b"));
        Assert.Contains("'b'", e.Message, StringComparison.Ordinal);
        Assert.Contains("no requirements", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_files_with_the_same_framework_id_are_refused()
    {
        var e = Refused(b: Framework("a", Requirement("1", null)));
        Assert.Contains("framework id", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_is_refused_naming_the_file()
    {
        var e = Refused(b: "{ \"id\": \"b\", ");
        Assert.Contains("b.json", e.Message, StringComparison.Ordinal);
    }
}
