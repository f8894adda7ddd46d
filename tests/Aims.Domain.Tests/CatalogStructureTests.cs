using Aims.Domain.Catalog;

namespace Aims.Domain.Tests;

/// <summary>
/// Holds the shipped catalog against the published structure of each framework. The expected identifiers are written out
/// here by hand from the standards, not read from the data files, so a dropped, renumbered or invented requirement fails.
/// </summary>
public sealed class CatalogStructureTests
{
    private static readonly CatalogSnapshot Catalog = CatalogReader.Load();

    // ISO/IEC 42001:2023 clauses 4-10 and their numbered sub-clauses.
    private static readonly string[] Iso42001Clauses = ["4", "5", "6", "7", "8", "9", "10"];

    private static readonly string[] Iso42001SubClauses =
    [
        "4.1", "4.2", "4.3", "4.4",
        "5.1", "5.2", "5.3",
        "6.1", "6.1.1", "6.1.2", "6.1.3", "6.1.4", "6.2", "6.3",
        "7.1", "7.2", "7.3", "7.4", "7.5", "7.5.1", "7.5.2", "7.5.3",
        "8.1", "8.2", "8.3", "8.4",
        "9.1", "9.2", "9.2.1", "9.2.2", "9.3", "9.3.1", "9.3.2", "9.3.3",
        "10.1", "10.2",
    ];

    // The sub-clauses that only group others (they have numbered sub-clauses of their own).
    private static readonly string[] Iso42001GroupingSubClauses = ["6.1", "7.5", "9.2", "9.3"];

    private static readonly string[] AnnexAAreas = ["A.2", "A.3", "A.4", "A.5", "A.6", "A.7", "A.8", "A.9", "A.10"];

    private static readonly string[] AnnexAControlObjectives = ["A.6.1", "A.6.2"];

    private static readonly string[] AnnexAControls =
    [
        "A.2.2", "A.2.3", "A.2.4",
        "A.3.2", "A.3.3",
        "A.4.2", "A.4.3", "A.4.4", "A.4.5", "A.4.6",
        "A.5.2", "A.5.3", "A.5.4", "A.5.5",
        "A.6.1.2", "A.6.1.3",
        "A.6.2.2", "A.6.2.3", "A.6.2.4", "A.6.2.5", "A.6.2.6", "A.6.2.7", "A.6.2.8",
        "A.7.2", "A.7.3", "A.7.4", "A.7.5", "A.7.6",
        "A.8.2", "A.8.3", "A.8.4", "A.8.5",
        "A.9.2", "A.9.3", "A.9.4",
        "A.10.2", "A.10.3", "A.10.4",
    ];

    private static readonly string[] AnnexCGroups = ["C.2", "C.3"];

    private static readonly string[] AnnexCObjectives =
        ["C.2.1", "C.2.2", "C.2.3", "C.2.4", "C.2.5", "C.2.6", "C.2.7", "C.2.8", "C.2.9", "C.2.10", "C.2.11"];

    private static readonly string[] AnnexCRiskSources = ["C.3.1", "C.3.2", "C.3.3", "C.3.4", "C.3.5", "C.3.6", "C.3.7"];

    private static Framework Get(string id) => Catalog.FindFramework(id) ?? throw new Xunit.Sdk.XunitException($"framework {id} is missing");

    private static Dictionary<string, Requirement> ById(string frameworkId) =>
        Get(frameworkId).Requirements.ToDictionary(r => r.Id, StringComparer.Ordinal);

    private static void AssertSameIds(IEnumerable<string> expected, IEnumerable<string> actual, string what)
    {
        var expectedSet = expected.ToHashSet(StringComparer.Ordinal);
        var actualSet = actual.ToHashSet(StringComparer.Ordinal);
        var missing = expectedSet.Except(actualSet).Order(StringComparer.Ordinal).ToList();
        var extra = actualSet.Except(expectedSet).Order(StringComparer.Ordinal).ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0,
            $"{what}: missing [{string.Join(", ", missing)}], not in the standard [{string.Join(", ", extra)}]");
    }

    /// <summary>The parent a numbered identifier has in its standard: drop its last dotted segment.</summary>
    private static string? NumberedParent(string id) => id.LastIndexOf('.') is var dot and > 0 ? id[..dot] : null;

    // ---------------------------------------------------------------- catalog as a whole

    [Fact]
    public void Catalog_has_a_version_and_the_four_frameworks()
    {
        Assert.False(string.IsNullOrWhiteSpace(Catalog.Version));
        Assert.Equal(
            ["eu-ai-act", "iso27001", "iso42001", "nist-ai-rmf"],
            Catalog.Frameworks.Select(f => f.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_framework_says_what_it_is()
    {
        foreach (var f in Catalog.Frameworks)
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Title), $"{f.Id}: no title");
            Assert.False(string.IsNullOrWhiteSpace(f.Name), $"{f.Id}: no name");
            Assert.False(string.IsNullOrWhiteSpace(f.Publisher), $"{f.Id}: no publisher");
            Assert.False(string.IsNullOrWhiteSpace(f.Edition), $"{f.Id}: no edition");
            Assert.False(string.IsNullOrWhiteSpace(f.DataVersion), $"{f.Id}: no data version");
        }

        Assert.Equal("2023", Get("iso42001").Edition);
        Assert.Equal("2022", Get("iso27001").Edition);
    }

    [Fact]
    public void No_requirement_has_an_empty_title_or_summary()
    {
        var empty = Catalog.Frameworks.SelectMany(f => f.Requirements)
            .Where(r => string.IsNullOrWhiteSpace(r.Title) || string.IsNullOrWhiteSpace(r.Summary))
            .Select(r => r.QualifiedId)
            .ToList();
        Assert.Empty(empty);
    }

    [Fact]
    public void No_two_requirements_of_a_framework_share_an_id()
    {
        foreach (var f in Catalog.Frameworks)
        {
            var duplicates = f.Requirements.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(duplicates.Count == 0, $"{f.Id}: duplicate ids {string.Join(", ", duplicates)}");
        }
    }

    [Fact]
    public void Every_parent_exists_in_the_same_framework_and_comes_before_its_children()
    {
        foreach (var f in Catalog.Frameworks)
        {
            var ids = ById(f.Id);
            foreach (var r in f.Requirements.Where(r => r.ParentId is not null))
            {
                Assert.True(ids.TryGetValue(r.ParentId!, out var parent), $"{r.QualifiedId}: parent {r.ParentId} does not exist");
                Assert.True(parent!.Order < r.Order, $"{r.QualifiedId}: parent {r.ParentId} is listed after it");
            }
        }
    }

    // ---------------------------------------------------------------- ISO/IEC 42001

    [Fact]
    public void Iso42001_holds_exactly_the_clauses_annex_a_and_annex_c_of_the_standard()
    {
        string[] expected =
        [
            .. Iso42001Clauses, .. Iso42001SubClauses, .. AnnexAAreas, .. AnnexAControlObjectives, .. AnnexAControls,
            .. AnnexCGroups, .. AnnexCObjectives, .. AnnexCRiskSources,
        ];
        AssertSameIds(expected, Get("iso42001").Requirements.Select(r => r.Id), "iso42001");
    }

    [Fact]
    public void Iso42001_is_listed_in_the_order_of_the_standard()
    {
        string[] expected =
        [
            "4", "4.1", "4.2", "4.3", "4.4",
            "5", "5.1", "5.2", "5.3",
            "6", "6.1", "6.1.1", "6.1.2", "6.1.3", "6.1.4", "6.2", "6.3",
            "7", "7.1", "7.2", "7.3", "7.4", "7.5", "7.5.1", "7.5.2", "7.5.3",
            "8", "8.1", "8.2", "8.3", "8.4",
            "9", "9.1", "9.2", "9.2.1", "9.2.2", "9.3", "9.3.1", "9.3.2", "9.3.3",
            "10", "10.1", "10.2",
            "A.2", "A.2.2", "A.2.3", "A.2.4",
            "A.3", "A.3.2", "A.3.3",
            "A.4", "A.4.2", "A.4.3", "A.4.4", "A.4.5", "A.4.6",
            "A.5", "A.5.2", "A.5.3", "A.5.4", "A.5.5",
            "A.6", "A.6.1", "A.6.1.2", "A.6.1.3", "A.6.2", "A.6.2.2", "A.6.2.3", "A.6.2.4", "A.6.2.5", "A.6.2.6", "A.6.2.7", "A.6.2.8",
            "A.7", "A.7.2", "A.7.3", "A.7.4", "A.7.5", "A.7.6",
            "A.8", "A.8.2", "A.8.3", "A.8.4", "A.8.5",
            "A.9", "A.9.2", "A.9.3", "A.9.4",
            "A.10", "A.10.2", "A.10.3", "A.10.4",
            "C.2", "C.2.1", "C.2.2", "C.2.3", "C.2.4", "C.2.5", "C.2.6", "C.2.7", "C.2.8", "C.2.9", "C.2.10", "C.2.11",
            "C.3", "C.3.1", "C.3.2", "C.3.3", "C.3.4", "C.3.5", "C.3.6", "C.3.7",
        ];
        Assert.Equal(expected, Get("iso42001").Requirements.OrderBy(r => r.Order).Select(r => r.Id));
    }

    [Fact]
    public void Iso42001_kinds_are_those_of_the_standard()
    {
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        void Set(IEnumerable<string> ids, string kind)
        {
            foreach (var id in ids)
            {
                kinds.Add(id, kind);
            }
        }

        Set(Iso42001Clauses, "clause");
        Set(Iso42001SubClauses, "subclause");
        Set(AnnexAAreas, "annex-area");
        Set(AnnexAControlObjectives, "control-objective");
        Set(AnnexAControls, "control");
        Set(AnnexCGroups, "annex-c-group");
        Set(AnnexCObjectives, "objective");
        Set(AnnexCRiskSources, "risk-source");

        var wrong = Get("iso42001").Requirements
            .Where(r => !kinds.TryGetValue(r.Id, out var kind) || kind != r.Kind)
            .Select(r => $"{r.Id} is '{r.Kind}'")
            .ToList();
        Assert.Empty(wrong);
    }

    [Fact]
    public void Iso42001_has_38_controls_from_A_2_2_to_A_10_4_and_none_numbered_x_1()
    {
        var controls = Get("iso42001").Requirements.Where(r => r.Kind == "control").Select(r => r.Id).ToList();
        Assert.Equal(38, controls.Count);
        Assert.Equal("A.2.2", controls[0]);
        Assert.Equal("A.10.4", controls[^1]);
        Assert.DoesNotContain(controls, id => id.EndsWith(".1", StringComparison.Ordinal));
        Assert.All(controls, id => Assert.Matches(@"^A\.(\d+)\.(\d+\.)?\d+$", id));
    }

    [Fact]
    public void Iso42001_has_36_numbered_sub_clauses_of_which_32_are_leaves()
    {
        var framework = Get("iso42001");
        var subClauses = framework.Requirements.Where(r => r.Kind == "subclause").ToList();
        var parents = framework.Requirements.Where(r => r.ParentId is not null).Select(r => r.ParentId!).ToHashSet(StringComparer.Ordinal);
        var leaves = subClauses.Where(r => !parents.Contains(r.Id)).Select(r => r.Id).ToList();
        var grouping = subClauses.Where(r => parents.Contains(r.Id)).Select(r => r.Id).ToList();

        Assert.Equal(36, subClauses.Count);
        Assert.Equal(32, leaves.Count);
        Assert.Equal(Iso42001GroupingSubClauses, grouping);
    }

    [Fact]
    public void Iso42001_parents_follow_the_numbering()
    {
        var ids = ById("iso42001");
        foreach (var id in Iso42001Clauses.Concat(AnnexAAreas).Concat(AnnexCGroups))
        {
            Assert.True(ids[id].ParentId is null, $"{id} should be a top-level requirement, has parent {ids[id].ParentId}");
        }

        foreach (var id in Iso42001SubClauses.Concat(AnnexAControlObjectives).Concat(AnnexAControls).Concat(AnnexCObjectives).Concat(AnnexCRiskSources))
        {
            Assert.True(ids[id].ParentId == NumberedParent(id), $"{id}: parent {ids[id].ParentId}, expected {NumberedParent(id)}");
        }
    }

    [Theory]
    [InlineData("A.6.2.8", "A.6.2", "A.6")]
    [InlineData("A.6.1.3", "A.6.1", "A.6")]
    [InlineData("6.1.2", "6.1", "6")]
    [InlineData("9.3.3", "9.3", "9")]
    [InlineData("7.5.3", "7.5", "7")]
    public void Iso42001_nested_requirements_reach_their_clause_or_area(string id, string parent, string grandparent)
    {
        var ids = ById("iso42001");
        Assert.Equal(parent, ids[id].ParentId);
        Assert.Equal(grandparent, ids[parent].ParentId);
        Assert.Null(ids[grandparent].ParentId);
    }

    [Fact]
    public void Annex_A_controls_hang_under_their_area_except_in_A_6_where_they_hang_under_an_objective()
    {
        var ids = ById("iso42001");
        foreach (var control in AnnexAControls)
        {
            var parent = ids[ids[control].ParentId!];
            var expectedKind = control.StartsWith("A.6.", StringComparison.Ordinal) ? "control-objective" : "annex-area";
            Assert.True(parent.Kind == expectedKind, $"{control}: parent {parent.Id} is a {parent.Kind}");
        }
    }

    [Fact]
    public void Only_Annex_C_is_informative()
    {
        var informative = Get("iso42001").Requirements.Where(r => r.Informative).Select(r => r.Id);
        AssertSameIds([.. AnnexCGroups, .. AnnexCObjectives, .. AnnexCRiskSources], informative, "iso42001 informative");
        Assert.DoesNotContain(Catalog.Frameworks.Where(f => f.Id != "iso42001").SelectMany(f => f.Requirements), r => r.Informative);
    }

    [Theory]
    [InlineData("6.1.4", "AI system impact assessment")]
    [InlineData("8.4", "AI system impact assessment")]
    [InlineData("10.1", "Continual improvement")]
    [InlineData("10.2", "Nonconformity and corrective action")]
    [InlineData("A.2.2", "AI policy")]
    [InlineData("A.5.2", "AI system impact assessment process")]
    [InlineData("A.6.2.8", "AI system recording of event logs")]
    [InlineData("A.7.5", "Data provenance")]
    [InlineData("A.10.3", "Suppliers")]
    [InlineData("C.2.5", "Fairness")]
    [InlineData("C.3.3", "Level of automation")]
    public void Iso42001_titles_match_the_standard(string id, string title) => Assert.Equal(title, ById("iso42001")[id].Title);

    // ---------------------------------------------------------------- ISO/IEC 27001

    [Fact]
    public void Iso27001_holds_clauses_4_to_10_without_the_AI_only_6_1_4_and_8_4()
    {
        var expected = Iso42001Clauses.Concat(Iso42001SubClauses).Where(id => id is not "6.1.4" and not "8.4").ToList();
        Assert.Equal(41, expected.Count);
        AssertSameIds(expected, Get("iso27001").Requirements.Select(r => r.Id), "iso27001");

        var ids = ById("iso27001");
        foreach (var id in expected)
        {
            Assert.True(ids[id].ParentId == NumberedParent(id), $"iso27001:{id}: parent {ids[id].ParentId}");
            Assert.Equal(Iso42001Clauses.Contains(id) ? "clause" : "subclause", ids[id].Kind);
        }
    }

    // ---------------------------------------------------------------- NIST AI RMF 1.0

    // Subcategories per category in NIST AI 100-1 (GOVERN 1 has GOVERN 1.1-1.7, ...).
    private static readonly (string Function, int[] SubcategoriesPerCategory)[] NistStructure =
    [
        ("GOVERN", [7, 3, 2, 3, 2, 2]),
        ("MAP", [6, 3, 5, 2, 2]),
        ("MEASURE", [3, 13, 3, 3]),
        ("MANAGE", [4, 4, 2, 3]),
    ];

    [Fact]
    public void Nist_ai_rmf_has_4_functions_19_categories_and_72_subcategories()
    {
        var requirements = Get("nist-ai-rmf").Requirements;
        Assert.Equal(4, requirements.Count(r => r.Kind == "function"));
        Assert.Equal(19, requirements.Count(r => r.Kind == "category"));
        Assert.Equal(72, requirements.Count(r => r.Kind == "subcategory"));

        var perFunction = requirements.Where(r => r.Kind == "subcategory")
            .GroupBy(r => r.Id[..r.Id.IndexOf('-', StringComparison.Ordinal)], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Assert.Equal(19, perFunction["GOVERN"]);
        Assert.Equal(18, perFunction["MAP"]);
        Assert.Equal(22, perFunction["MEASURE"]);
        Assert.Equal(13, perFunction["MANAGE"]);
    }

    [Fact]
    public void Nist_ai_rmf_holds_exactly_the_published_identifiers_with_their_parents()
    {
        var expected = new Dictionary<string, (string Kind, string? Parent)>(StringComparer.Ordinal);
        foreach (var (function, counts) in NistStructure)
        {
            expected.Add(function, ("function", null));
            for (var c = 1; c <= counts.Length; c++)
            {
                var category = $"{function}-{c}";
                expected.Add(category, ("category", function));
                for (var s = 1; s <= counts[c - 1]; s++)
                {
                    expected.Add($"{category}.{s}", ("subcategory", category));
                }
            }
        }

        var requirements = Get("nist-ai-rmf").Requirements;
        AssertSameIds(expected.Keys, requirements.Select(r => r.Id), "nist-ai-rmf");
        foreach (var r in requirements)
        {
            Assert.True(expected[r.Id] == (r.Kind, r.ParentId), $"{r.Id}: {r.Kind} under {r.ParentId}, expected {expected[r.Id]}");
        }
    }

    // ---------------------------------------------------------------- EU AI Act

    [Fact]
    public void Eu_ai_act_holds_the_listed_articles_and_the_8_points_of_Annex_III()
    {
        int[] articles = [4, 5, 6, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 25, 26, 27, 43, 49, 50, 51, 52, 53, 54, 55, 72, 73, 86];
        var annexPoints = Enumerable.Range(1, 8).Select(n => $"annex-iii-{n}").ToList();
        AssertSameIds(
            [.. articles.Select(n => $"art-{n}"), "annex-iii", .. annexPoints],
            Get("eu-ai-act").Requirements.Select(r => r.Id),
            "eu-ai-act");

        var ids = ById("eu-ai-act");
        Assert.All(articles, n => Assert.Equal(("article", (string?)null), (ids[$"art-{n}"].Kind, ids[$"art-{n}"].ParentId)));
        Assert.Equal(("annex", (string?)null), (ids["annex-iii"].Kind, ids["annex-iii"].ParentId));
        Assert.All(annexPoints, p => Assert.Equal(("annex-point", "annex-iii"), (ids[p].Kind, ids[p].ParentId)));
    }

    [Theory]
    [InlineData("art-4", "AI literacy")]
    [InlineData("art-5", "Prohibited AI practices")]
    [InlineData("art-9", "Risk management system")]
    [InlineData("art-12", "Record-keeping")]
    [InlineData("art-14", "Human oversight")]
    [InlineData("art-17", "Quality management system")]
    [InlineData("art-27", "Fundamental rights impact assessment")]
    [InlineData("art-73", "Reporting of serious incidents")]
    [InlineData("annex-iii-1", "Biometrics")]
    [InlineData("annex-iii-2", "Critical infrastructure")]
    [InlineData("annex-iii-3", "Education and vocational training")]
    [InlineData("annex-iii-4", "Employment")]
    [InlineData("annex-iii-5", "Access to and enjoyment of essential private services")]
    [InlineData("annex-iii-6", "Law enforcement")]
    [InlineData("annex-iii-7", "Migration, asylum and border control management")]
    [InlineData("annex-iii-8", "Administration of justice and democratic processes")]
    public void Eu_ai_act_titles_match_the_regulation(string id, string titleStart) =>
        Assert.StartsWith(titleStart, ById("eu-ai-act")[id].Title, StringComparison.Ordinal);

    // ---------------------------------------------------------------- crosswalks

    [Fact]
    public void Every_crosswalk_end_resolves_to_a_requirement_of_another_framework()
    {
        var known = Catalog.Frameworks.SelectMany(f => f.Requirements).Select(r => r.QualifiedId).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(Catalog.Crosswalks);
        foreach (var e in Catalog.Crosswalks)
        {
            Assert.True(known.Contains(e.From), $"{e.CrosswalkId}: {e.From} does not resolve");
            Assert.True(known.Contains(e.To), $"{e.CrosswalkId}: {e.To} does not resolve");
            Assert.True(RequirementRef.TrySplit(e.From, out var fromFramework, out _));
            Assert.True(RequirementRef.TrySplit(e.To, out var toFramework, out _));
            Assert.NotEqual(fromFramework, toFramework);
        }
    }

    [Fact]
    public void Every_crosswalk_entry_has_a_defined_relationship_confidence_and_source_and_no_pair_is_mapped_twice()
    {
        foreach (var e in Catalog.Crosswalks)
        {
            Assert.True(Enum.IsDefined(e.Relationship), $"{e.From} -> {e.To}: relationship {(int)e.Relationship}");
            Assert.True(Enum.IsDefined(e.Confidence), $"{e.From} -> {e.To}: confidence {(int)e.Confidence}");
            Assert.False(string.IsNullOrWhiteSpace(e.Source), $"{e.From} -> {e.To}: no source");
        }

        var twice = Catalog.Crosswalks.GroupBy(e => (e.From, e.To)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(twice);
    }

    [Fact]
    public void Iso42001_to_iso27001_links_each_harmonized_structure_clause_to_the_same_number()
    {
        var entries = Catalog.Crosswalks.Where(e => e.CrosswalkId == "iso42001-iso27001").ToList();
        Assert.NotEmpty(entries);
        foreach (var e in entries)
        {
            Assert.True(RequirementRef.TrySplit(e.From, out var fromFramework, out var fromId));
            Assert.True(RequirementRef.TrySplit(e.To, out var toFramework, out var toId));
            Assert.Equal(("iso42001", "iso27001"), (fromFramework, toFramework));
            Assert.True(fromId == toId, $"{e.From} is linked to {e.To}");
        }

        // every clause the two standards share is linked, and nothing of Annex A/C is in this clause-level crosswalk
        AssertSameIds(Get("iso27001").Requirements.Select(r => r.Id), entries.Select(e => e.To[(e.To.IndexOf(':', StringComparison.Ordinal) + 1)..]), "iso27001 clauses linked");
        Assert.Contains(entries, e => e.From == "iso42001:6.1.2" && e.To == "iso27001:6.1.2" && e.Relationship == Relationship.Intersects);
        Assert.Contains(entries, e => e.From == "iso42001:7.5.3" && e.To == "iso27001:7.5.3" && e.Relationship == Relationship.Equal);
    }

    [Fact]
    public void Event_logging_control_A_6_2_8_is_linked_to_eu_ai_act_record_keeping()
    {
        Assert.Contains(Catalog.Crosswalks, e => e.From == "iso42001:A.6.2.8" && e.To == "eu-ai-act:art-12");
    }

    [Fact]
    public void Load_returns_the_same_catalog_every_time()
    {
        Assert.Same(CatalogReader.Load(), CatalogReader.Load());
    }
}
