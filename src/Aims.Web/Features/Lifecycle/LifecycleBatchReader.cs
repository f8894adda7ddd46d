using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aims.Domain.Ledger;
using Aims.Domain.Lifecycle;

namespace Aims.Web.Features.Lifecycle;

/// <summary>
/// Reads a batch body, <c>{"events":[...]}</c>, member by member, so that a wrong type or an unknown member is
/// reported as "events[i].member" like every other rule, instead of one opaque deserialization error.
/// </summary>
public static partial class LifecycleBatchReader
{
    private static readonly HashSet<string> Members = new(StringComparer.Ordinal)
    {
        "eventId", "system", "modelVersion", "stage", "type", "decisionId", "inputDigest", "outputDigest",
        "humanIntervention", "interventionBy", "timestamp", "attributes",
    };

    public static (List<LifecycleEventInput> Events, Dictionary<string, string[]> Errors) Read(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>();
        var events = new List<LifecycleEventInput>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["must be a JSON object {\"events\": [...]}"];
            return (events, errors);
        }

        foreach (var member in body.EnumerateObject())
        {
            if (member.Name != "events")
            {
                errors[member.Name] = ["is not a known member (the body holds only \"events\")"];
            }
        }

        if (!body.TryGetProperty("events", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            errors["events"] = ["is required: an array of events"];
            return (events, errors);
        }

        if (list.GetArrayLength() > LifecycleBatchRules.MaxEvents)
        {
            errors["events"] = [$"must hold at most {LifecycleBatchRules.MaxEvents} events per batch (this one has {list.GetArrayLength()})"];
            return (events, errors);
        }

        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            events.Add(ReadEvent(item, $"events[{index}].", errors));
            index++;
        }

        return (events, errors);
    }

    private static LifecycleEventInput ReadEvent(JsonElement e, string at, Dictionary<string, string[]> errors)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors[at.TrimEnd('.')] = ["must be an event object"];
            return new LifecycleEventInput(null, null, null, null, null, null, null, null, null, null, null, null);
        }

        foreach (var member in e.EnumerateObject().Where(m => !Members.Contains(m.Name)))
        {
            errors[at + member.Name] = [$"is not a known member (known: {string.Join(", ", Members)})"];
        }

        return new LifecycleEventInput(
            Text(e, "eventId", at, errors), Text(e, "system", at, errors), Text(e, "modelVersion", at, errors), Text(e, "stage", at, errors),
            Text(e, "type", at, errors), Text(e, "decisionId", at, errors), Text(e, "inputDigest", at, errors), Text(e, "outputDigest", at, errors),
            Flag(e, "humanIntervention", at, errors), Text(e, "interventionBy", at, errors), Time(e, "timestamp", at, errors),
            Attributes(e, at + "attributes", errors));
    }

    private static string? Text(JsonElement e, string name, string at, Dictionary<string, string[]> errors)
    {
        if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors[at + name] = ["must be a string"];
            return null;
        }

        return value.GetString();
    }

    private static bool? Flag(JsonElement e, string name, string at, Dictionary<string, string[]> errors)
    {
        if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors[at + name] = ["must be true or false"];
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>An ISO 8601 time with an explicit offset ("Z" or "+02:00"): a time without one means nothing in a log.</summary>
    private static DateTimeOffset? Time(JsonElement e, string name, string at, Dictionary<string, string[]> errors)
    {
        var text = Text(e, name, at, errors);
        if (text is null)
        {
            return null;
        }

        if (!IsoTime().IsMatch(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            errors[at + name] = ["must be an ISO 8601 time with an offset, e.g. 2026-11-24T06:00:00.123456Z"];
            return null;
        }

        return time;
    }

    private static List<LedgerField>? Attributes(JsonElement e, string field, Dictionary<string, string[]> errors)
    {
        if (!e.TryGetProperty("attributes", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors[field] = ["must be an object of name -> string, number, true, false or null"];
            return null;
        }

        var fields = new List<LedgerField>();
        foreach (var member in value.EnumerateObject())
        {
            object? v = member.Value.ValueKind switch
            {
                JsonValueKind.String => member.Value.GetString(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Null => null,
                JsonValueKind.Number when member.Value.TryGetDecimal(out var number) => number,
                _ => member.Value.ValueKind.ToString(), // refused below by the domain rules as a nested value
            };
            if (member.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Number && v is string)
            {
                errors[field] = [$"'{member.Name}' must be a string, number, true, false or null (no nested objects or arrays)"];
                return null;
            }

            fields.Add(new LedgerField(member.Name, v));
        }

        return fields;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoTime();
}
