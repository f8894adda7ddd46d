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
            events.Add(ReadEvent(item, index, errors));
            index++;
        }

        return (events, errors);
    }

    /// <summary>
    /// One pass over the event's members (a member looked up by name is a scan of the object each time); error keys
    /// ("events[3].type") are only made for a member that breaks a rule.
    /// </summary>
    private static LifecycleEventInput ReadEvent(JsonElement e, int index, Dictionary<string, string[]> errors)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors[$"events[{index}]"] = ["must be an event object"];
            return new LifecycleEventInput(null, null, null, null, null, null, null, null, null, null, null, null);
        }

        string? eventId = null, system = null, model = null, stage = null, type = null, decision = null, input = null, output = null, by = null;
        bool? human = null;
        DateTimeOffset? timestamp = null;
        List<LedgerField>? attributes = null;
        foreach (var member in e.EnumerateObject())
        {
            var v = member.Value;
            if (member.NameEquals("eventId"u8)) { eventId = Text(v, index, "eventId", errors); }
            else if (member.NameEquals("system"u8)) { system = Text(v, index, "system", errors); }
            else if (member.NameEquals("modelVersion"u8)) { model = Text(v, index, "modelVersion", errors); }
            else if (member.NameEquals("stage"u8)) { stage = Text(v, index, "stage", errors); }
            else if (member.NameEquals("type"u8)) { type = Text(v, index, "type", errors); }
            else if (member.NameEquals("decisionId"u8)) { decision = Text(v, index, "decisionId", errors); }
            else if (member.NameEquals("inputDigest"u8)) { input = Text(v, index, "inputDigest", errors); }
            else if (member.NameEquals("outputDigest"u8)) { output = Text(v, index, "outputDigest", errors); }
            else if (member.NameEquals("humanIntervention"u8)) { human = Flag(v, index, "humanIntervention", errors); }
            else if (member.NameEquals("interventionBy"u8)) { by = Text(v, index, "interventionBy", errors); }
            else if (member.NameEquals("timestamp"u8)) { timestamp = Time(v, index, "timestamp", errors); }
            else if (member.NameEquals("attributes"u8)) { attributes = Attributes(v, index, errors); }
            else { errors[$"events[{index}].{member.Name}"] = [$"is not a known member (known: {string.Join(", ", Members)})"]; }
        }

        return new LifecycleEventInput(eventId, system, model, stage, type, decision, input, output, human, by, timestamp, attributes);
    }

    private static string? Text(JsonElement value, int index, string name, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors[$"events[{index}].{name}"] = ["must be a string"];
            return null;
        }

        var text = value.GetString()!;
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            errors[$"events[{index}].{name}"] = ["must not contain the NUL character"]; // PostgreSQL cannot store it
            return null;
        }

        return text;
    }

    private static bool? Flag(JsonElement value, int index, string name, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors[$"events[{index}].{name}"] = ["must be true or false"];
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>An ISO 8601 time with an explicit offset ("Z" or "+02:00"): a time without one means nothing in a log.</summary>
    private static DateTimeOffset? Time(JsonElement value, int index, string name, Dictionary<string, string[]> errors)
    {
        var text = Text(value, index, name, errors);
        if (text is null)
        {
            return null;
        }

        // The JSON reader's ISO 8601 parser is the fast path; the culture-aware parse stays for what it may not take.
        if (!IsoTime().IsMatch(text) || !(value.TryGetDateTimeOffset(out var time) || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time)))
        {
            errors[$"events[{index}].{name}"] = ["must be an ISO 8601 time with an offset, e.g. 2026-11-24T06:00:00.123456Z"];
            return null;
        }

        return time;
    }

    private static List<LedgerField>? Attributes(JsonElement value, int index, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors[$"events[{index}].attributes"] = ["must be an object of name -> string, number, true, false or null"];
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
            if (member.Name.Contains('\0', StringComparison.Ordinal) || (v is string text && text.Contains('\0', StringComparison.Ordinal)))
            {
                errors[$"events[{index}].attributes"] = ["must not contain the NUL character"];
                return null;
            }

            if (member.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Number && v is string)
            {
                errors[$"events[{index}].attributes"] = [$"'{member.Name}' must be a string, number, true, false or null (no nested objects or arrays)"];
                return null;
            }

            fields.Add(new LedgerField(member.Name, v));
        }

        return fields;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoTime();
}
