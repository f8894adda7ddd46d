using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aims.Domain.Catalog;

public sealed class CatalogException(string message) : Exception(message);

/// <summary>
/// Reads the catalog data files shipped inside this assembly (see Catalog/Data/manifest.json) and checks
/// that they hang together: unique ids, parents that exist and come first, crosswalks that resolve.
/// </summary>
public static class CatalogReader
{
    private const string ResourcePrefix = "Aims.Catalog.";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // A missing member is an error, not a default: an absent relationship must never read as "equal".
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    private static readonly Lazy<CatalogSnapshot> Embedded = new(() => Read(OpenEmbedded));

    /// <summary>The catalog compiled into this build; read once per process.</summary>
    public static CatalogSnapshot Load() => Embedded.Value;

    /// <summary>Reads a catalog through <paramref name="open"/>, which maps a file name of the manifest to its content.</summary>
    public static CatalogSnapshot Read(Func<string, Stream> open)
    {
        var manifest = Deserialize<ManifestFile>(open, "manifest.json");
        var frameworks = manifest.Frameworks.Select(f => ToFramework(Deserialize<FrameworkFile>(open, f), f)).ToList();
        var crosswalks = manifest.Crosswalks.SelectMany(c => ToCrosswalk(Deserialize<CrosswalkFile>(open, c))).ToList();
        var snapshot = new CatalogSnapshot(manifest.CatalogVersion, frameworks, crosswalks);
        Validate(snapshot);
        return snapshot;
    }

    private static Stream OpenEmbedded(string file) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + file)
        ?? throw new CatalogException($"Catalog file '{file}' is not embedded in {typeof(CatalogReader).Assembly.GetName().Name}.");

    private static T Deserialize<T>(Func<string, Stream> open, string file)
    {
        using var stream = open(file);
        try
        {
            return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new CatalogException($"{file}: empty document.");
        }
        catch (JsonException e)
        {
            throw new CatalogException($"{file}: {e.Message}");
        }
    }

    private static Framework ToFramework(FrameworkFile f, string file)
    {
        var requirements = f.Requirements
            .Select((r, i) => new Requirement(f.Id, r.Id, r.Kind, r.Parent, r.Title, r.Summary, r.Informative, i))
            .ToList();
        if (requirements.Count == 0)
        {
            throw new CatalogException($"{file}: framework '{f.Id}' has no requirements.");
        }

        return new Framework(f.Id, f.Title, f.Name, f.Publisher, f.Edition, f.DataVersion, requirements);
    }

    private static IEnumerable<CrosswalkEntry> ToCrosswalk(CrosswalkFile c) =>
        c.Entries.Select(e => new CrosswalkEntry(c.Id, e.From, e.To, e.Relationship, e.Confidence, e.Source ?? c.Source, e.Note));

    private static void Validate(CatalogSnapshot catalog)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var framework in catalog.Frameworks)
        {
            if (framework.Id.Contains(':', StringComparison.Ordinal))
            {
                throw new CatalogException($"Framework id '{framework.Id}' must not contain ':'.");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in framework.Requirements)
            {
                if (string.IsNullOrWhiteSpace(r.Id) || string.IsNullOrWhiteSpace(r.Title) || string.IsNullOrWhiteSpace(r.Kind))
                {
                    throw new CatalogException($"{framework.Id}: requirement #{r.Order + 1} needs an id, a kind and a title.");
                }

                if (r.ParentId is not null && !seen.Contains(r.ParentId))
                {
                    throw new CatalogException($"{framework.Id}:{r.Id}: parent '{r.ParentId}' must be listed before it.");
                }

                if (!seen.Add(r.Id))
                {
                    throw new CatalogException($"{framework.Id}: requirement id '{r.Id}' appears twice.");
                }

                known.Add(r.QualifiedId);
            }
        }

        if (catalog.Frameworks.Select(f => f.Id).Distinct(StringComparer.Ordinal).Count() != catalog.Frameworks.Count)
        {
            throw new CatalogException("Two framework files share one framework id.");
        }

        foreach (var entry in catalog.Crosswalks)
        {
            foreach (var end in new[] { entry.From, entry.To })
            {
                if (!known.Contains(end))
                {
                    throw new CatalogException($"Crosswalk {entry.CrosswalkId}: '{end}' is not a requirement of the catalog.");
                }
            }
        }
    }

    private sealed record ManifestFile(string CatalogVersion, List<string> Frameworks, List<string> Crosswalks);

    private sealed record FrameworkFile(
        string Id, string Title, string Name, string Publisher, string Edition, string DataVersion, List<RequirementFile> Requirements);

    private sealed record RequirementFile(string Id, string Kind, string? Parent, string Title, string Summary, bool Informative);

    private sealed record CrosswalkFile(string Id, string Title, string DataVersion, string Source, List<CrosswalkEntryFile> Entries);

    private sealed record CrosswalkEntryFile(
        string From, string To, Relationship Relationship, Confidence Confidence, string? Note = null, string? Source = null);
}
