using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Aims.Domain.Ledger;

/// <summary>
/// Writes an event as canonical UTF-8 JSON: a fixed member order, no whitespace, record fields sorted by name,
/// times as UTC with microseconds. These bytes are hashed and stored as they are; nobody re-serializes them later.
/// </summary>
public static class LedgerCanonicalJson
{
    public const int FormatVersion = 1;

    /// <summary>The members of an event, in the only order a valid event has them.</summary>
    public static readonly IReadOnlyList<string> Members =
        ["v", "chain", "seq", "prev", "at", "actor", "type", "id", "ref", "action", "reason", "before", "after"];

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    public static string FormatTime(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static byte[] Write(LedgerEventDraft e)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("v", FormatVersion);
            w.WriteString("chain", e.Chain);
            w.WriteNumber("seq", e.Sequence);
            w.WriteString("prev", e.PreviousHash);
            w.WriteString("at", FormatTime(e.At));
            w.WriteString("actor", e.Actor);
            w.WriteString("type", e.EntityType);
            w.WriteString("id", e.EntityId);
            WriteNullableString(w, "ref", e.Reference);
            w.WriteString("action", e.Action);
            WriteNullableString(w, "reason", e.Reason);
            WriteFields(w, "before", e.Before);
            WriteFields(w, "after", e.After);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteFields(Utf8JsonWriter w, string? name, IReadOnlyList<LedgerField>? fields)
    {
        if (fields is null)
        {
            w.WriteNull(name!);
            return;
        }

        if (name is null)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject(name);
        }

        foreach (var field in fields.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            w.WritePropertyName(field.Name);
            WriteValue(w, field.Value);
        }

        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case decimal m: w.WriteNumberValue(m); break;
            case double d: w.WriteNumberValue(d); break;
            case Guid g: w.WriteStringValue(g.ToString("D")); break;
            case DateTimeOffset t: w.WriteStringValue(FormatTime(t)); break;
            case DateTime t:
                // Local times are converted; unspecified ones are taken as UTC (how the database hands them back).
                w.WriteStringValue(FormatTime(new DateTimeOffset(t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc))));
                break;
            case DateOnly d: w.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case Enum en: w.WriteStringValue(KebabCase.Of(en.ToString())); break;
            case IReadOnlyList<LedgerField> nested:
                // A nested record (e.g. a lifecycle event's free attributes): an object with its members sorted by name.
                WriteFields(w, null, nested);
                break;
            case System.Collections.IEnumerable list:
                w.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(w, item);
                }

                w.WriteEndArray();
                break;
            default: w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}

public static class KebabCase
{
    /// <summary>Enough for every enum value and type name; arbitrary input beyond it is converted without being kept.</summary>
    private const int MaxCached = 4096;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>Kebab-case of a name; names are a small fixed set (enum values, types) converted once per row, so they are remembered.</summary>
    public static string Of(string pascal)
    {
        if (Cache.TryGetValue(pascal, out var kebab))
        {
            return kebab;
        }

        kebab = JsonNamingPolicy.KebabCaseLower.ConvertName(pascal);
        if (Cache.Count < MaxCached)
        {
            Cache.TryAdd(pascal, kebab);
        }

        return kebab;
    }
}
