using System.Globalization;
using Aims.Domain.Evidence;

namespace Aims.Web.Features.Evidence;

/// <summary>What a new item or a new version carries besides its file; the same fields in JSON and in a multipart form.</summary>
public sealed class EvidenceInput
{
    public string? Title { get; set; }

    public string? Description { get; set; }

    /// <summary>The owner's e-mail: a person of this organization.</summary>
    public string? Owner { get; set; }

    public string? SourceSystem { get; set; }

    public DateOnly? CollectedOn { get; set; }

    public DateOnly? ValidUntil { get; set; }

    public string? Url { get; set; }

    /// <summary>For evidence that is a record in Aims: its reference (RISK-4, IA-2, ACT-7, NC-1).</summary>
    public string? Record { get; set; }

    /// <summary>Requirements or controls the item supports: "A.6.2.8" (ISO/IEC 42001) or "framework:id".</summary>
    public List<string>? Controls { get; set; }

    /// <summary>The evidence request (EVR-n) this answers; it closes the request.</summary>
    public string? Request { get; set; }

    /// <summary>What changed in this version, in words.</summary>
    public string? Note { get; set; }

    /// <summary>The fields of a multipart form; a date that is not yyyy-MM-dd is a problem of its field.</summary>
    public static EvidenceInput FromFields(UploadBody body, Dictionary<string, string[]> errors)
    {
        DateOnly? Date(string name)
        {
            var text = body.Field(name)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return d;
            }

            errors.TryAdd(name, ["must be a date written yyyy-MM-dd"]);
            return null;
        }

        return new EvidenceInput
        {
            Title = body.Field("title"),
            Description = body.Field("description"),
            Owner = body.Field("owner"),
            SourceSystem = body.Field("sourceSystem"),
            CollectedOn = Date("collectedOn"),
            ValidUntil = Date("validUntil"),
            Url = body.Field("url"),
            Record = body.Field("record"),
            Controls = [.. body.All("controls").SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
            Request = body.Field("request"),
            Note = body.Field("note"),
        };
    }
}

/// <summary>A change of an item's description (not its content): members left out or null stay as they are.</summary>
public sealed class EvidencePatch
{
    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Owner { get; set; }

    public string? SourceSystem { get; set; }

    public DateOnly? ValidUntil { get; set; }
}

public sealed class LinkRequest
{
    public EvidenceTarget Type { get; set; }

    public string Target { get; set; } = "";
}

public sealed class EvidenceRequestInput
{
    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public string Owner { get; set; } = "";

    public DateOnly? DueOn { get; set; }

    public string Requirement { get; set; } = "";
}

/// <summary>The organization's evidence settings: how many days before valid-until an item counts as expiring.</summary>
public sealed record EvidenceSettings(int ExpiringWithinDays)
{
    public static EvidenceSettings Default { get; } = new(EvidenceRules.DefaultExpiringWithinDays);

    public Dictionary<string, string[]> Validate() => ExpiringWithinDays is < 1 or > EvidenceRules.MaxExpiringWithinDays
        ? new() { ["expiringWithinDays"] = [$"must be between 1 and {EvidenceRules.MaxExpiringWithinDays}"] }
        : [];
}

public sealed record LinkView(string Id, string Type, string Target, string Title);

/// <summary>A requirement of another framework that an item also covers through a catalog crosswalk.</summary>
public sealed record CoverageView(string Requirement, string Via, string Relationship);

public sealed record EvidenceView(
    string Id, string Reference, string Title, string Description, string Kind, string? Owner, string SourceSystem, DateOnly? CollectedOn, DateOnly? ValidUntil,
    string Freshness, int ContentVersion, string Sha256, long Size, string ContentType, string FileName, string Url, string Record,
    IReadOnlyList<LinkView> Links, IReadOnlyList<CoverageView> AlsoCovers, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version);

public sealed record VersionView(int Number, string Sha256, long Size, string ContentType, string DeclaredType, string FileName, string Url, string Record, string Note, DateTimeOffset CreatedAt);

public sealed record RequestView(
    string Reference, string Title, string Description, string Owner, DateOnly DueOn, string Requirement, string Status, string Reminder, string? Evidence, DateTimeOffset? ClosedAt, long Version);
