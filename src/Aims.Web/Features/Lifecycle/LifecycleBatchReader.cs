using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aims.Domain.Ledger;
using Aims.Domain.Lifecycle;

namespace Aims.Web.Features.Lifecycle;

/// <summary>
/// Reads a batch body, <c>{"events":[...]}</c>, straight from the request's bytes, member by member, so that a wrong type
/// or an unknown member is reported as "events[i].member" like every other rule, instead of one opaque deserialization
/// error. It reads the UTF-8 once, without building a document first: ingestion reads a thousand events per request.
/// </summary>
public static partial class LifecycleBatchReader
{
    private static readonly HashSet<string> Members = new(StringComparer.Ordinal)
    {
        "eventId", "system", "modelVersion", "stage", "type", "decisionId", "inputDigest", "outputDigest",
        "humanIntervention", "interventionBy", "timestamp", "attributes",
    };

    /// <summary>Reads the request body; malformed JSON is a <see cref="BadHttpRequestException"/> (a 400 problem).</summary>
    public static async Task<(List<LifecycleEventInput> Events, Dictionary<string, string[]> Errors)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var body = request.BodyReader;
        ReadResult read;
        while (!(read = await body.ReadAsync(ct)).IsCompleted)
        {
            body.AdvanceTo(read.Buffer.Start, read.Buffer.End); // Kestrel's body size limit still applies
        }

        try
        {
            return Read(read.Buffer);
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException("The request body is not valid JSON.", StatusCodes.Status400BadRequest, e);
        }
        finally
        {
            body.AdvanceTo(read.Buffer.End);
        }
    }

    public static (List<LifecycleEventInput> Events, Dictionary<string, string[]> Errors) Read(ReadOnlySequence<byte> json)
    {
        var errors = new Dictionary<string, string[]>();
        var events = new List<LifecycleEventInput>();
        var reader = new Utf8JsonReader(json);
        if (!reader.Read())
        {
            errors["body"] = ["is required: a JSON object {\"events\": [...]}"];
            return (events, errors);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            errors["body"] = ["must be a JSON object {\"events\": [...]}"];
            return (events, errors);
        }

        var sawEvents = false;
        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isEvents = reader.ValueTextEquals("events"u8);
            var name = isEvents ? null : reader.GetString()!;
            reader.Read();
            if (!isEvents)
            {
                errors[name!] = ["is not a known member (the body holds only \"events\")"];
                reader.Skip();
            }
            else if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
            }
            else
            {
                sawEvents = true;
                count = ReadEvents(ref reader, events, errors);
            }
        }

        if (reader.Read())
        {
            throw new JsonException("The body holds more than one JSON value."); // the reader refuses most of these itself
        }

        if (!sawEvents)
        {
            errors["events"] = ["is required: an array of events"];
        }
        else if (count > LifecycleBatchRules.MaxEvents)
        {
            // As before any event is looked at: the batch is refused for its size alone.
            events.Clear();
            foreach (var key in errors.Keys.Where(k => k.StartsWith("events[", StringComparison.Ordinal)).ToList())
            {
                errors.Remove(key);
            }

            errors["events"] = [$"must hold at most {LifecycleBatchRules.MaxEvents} events per batch (this one has {count})"];
        }

        return (events, errors);
    }

    /// <summary>Reads the array the reader is at; returns how many elements it has (beyond the limit they are only counted).</summary>
    private static int ReadEvents(ref Utf8JsonReader reader, List<LifecycleEventInput> events, Dictionary<string, string[]> errors)
    {
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (index >= LifecycleBatchRules.MaxEvents)
            {
                reader.Skip();
            }
            else if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                errors[$"events[{index}]"] = ["must be an event object"];
                events.Add(new LifecycleEventInput(null, null, null, null, null, null, null, null, null, null, null, null));
            }
            else
            {
                events.Add(ReadEvent(ref reader, index, errors));
            }

            index++;
        }

        return index;
    }

    /// <summary>One pass over the event's members; error keys ("events[3].type") are only made for a member that breaks a rule.</summary>
    private static LifecycleEventInput ReadEvent(ref Utf8JsonReader reader, int index, Dictionary<string, string[]> errors)
    {
        string? eventId = null, system = null, model = null, stage = null, type = null, decision = null, input = null, output = null, by = null;
        bool? human = null;
        DateTimeOffset? timestamp = null;
        List<LedgerField>? attributes = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("eventId"u8)) { eventId = Text(ref reader, index, "eventId", errors); }
            else if (reader.ValueTextEquals("system"u8)) { system = Text(ref reader, index, "system", errors); }
            else if (reader.ValueTextEquals("modelVersion"u8)) { model = Text(ref reader, index, "modelVersion", errors); }
            else if (reader.ValueTextEquals("stage"u8)) { stage = Text(ref reader, index, "stage", errors); }
            else if (reader.ValueTextEquals("type"u8)) { type = Text(ref reader, index, "type", errors); }
            else if (reader.ValueTextEquals("decisionId"u8)) { decision = Text(ref reader, index, "decisionId", errors); }
            else if (reader.ValueTextEquals("inputDigest"u8)) { input = Text(ref reader, index, "inputDigest", errors); }
            else if (reader.ValueTextEquals("outputDigest"u8)) { output = Text(ref reader, index, "outputDigest", errors); }
            else if (reader.ValueTextEquals("humanIntervention"u8)) { human = Flag(ref reader, index, "humanIntervention", errors); }
            else if (reader.ValueTextEquals("interventionBy"u8)) { by = Text(ref reader, index, "interventionBy", errors); }
            else if (reader.ValueTextEquals("timestamp"u8)) { timestamp = Time(ref reader, index, "timestamp", errors); }
            else if (reader.ValueTextEquals("attributes"u8)) { attributes = Attributes(ref reader, index, errors); }
            else
            {
                var name = reader.GetString();
                reader.Read();
                reader.Skip();
                errors[$"events[{index}].{name}"] = [$"is not a known member (known: {string.Join(", ", Members)})"];
            }
        }

        return new LifecycleEventInput(eventId, system, model, stage, type, decision, input, output, human, by, timestamp, attributes);
    }

    /// <summary>The string value after the member name the reader is at; null for JSON null or a value breaking a rule.</summary>
    private static string? Text(ref Utf8JsonReader reader, int index, string name, Dictionary<string, string[]> errors)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            errors[$"events[{index}].{name}"] = ["must be a string"];
            return null;
        }

        return reader.GetString();
    }

    private static bool? Flag(ref Utf8JsonReader reader, int index, string name, Dictionary<string, string[]> errors)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null: return null;
            case JsonTokenType.True: return true;
            case JsonTokenType.False: return false;
            default:
                reader.Skip();
                errors[$"events[{index}].{name}"] = ["must be true or false"];
                return null;
        }
    }

    /// <summary>An ISO 8601 time with an explicit offset ("Z" or "+02:00"): a time without one means nothing in a log.</summary>
    private static DateTimeOffset? Time(ref Utf8JsonReader reader, int index, string name, Dictionary<string, string[]> errors)
    {
        var text = Text(ref reader, index, name, errors);
        if (text is null)
        {
            return null;
        }

        // The JSON reader's ISO 8601 parser is the fast path; the culture-aware parse stays for what it may not take.
        if (!IsoTime().IsMatch(text) || !(reader.TryGetDateTimeOffset(out var time) || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time)))
        {
            errors[$"events[{index}].{name}"] = ["must be an ISO 8601 time with an offset, e.g. 2026-11-24T06:00:00.123456Z"];
            return null;
        }

        return time;
    }

    private static List<LedgerField>? Attributes(ref Utf8JsonReader reader, int index, Dictionary<string, string[]> errors)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            errors[$"events[{index}].attributes"] = ["must be an object of name -> string, number, true, false or null"];
            return null;
        }

        var fields = new List<LedgerField>();
        string? problem = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            object? value = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                JsonTokenType.Null => null,
                JsonTokenType.Number when reader.TryGetDecimal(out var number) => number,
                _ => Nested.Value,
            };
            if (value == Nested.Value)
            {
                reader.Skip();
                problem ??= $"'{name}' must be a string, number, true, false or null (no nested objects or arrays)";
            }

            fields.Add(new LedgerField(name, value));
        }

        if (problem is not null)
        {
            errors[$"events[{index}].attributes"] = [problem];
            return null;
        }

        return fields;
    }

    /// <summary>Stands for a value the rules refuse (an object, an array, a number beyond decimal) while it is skipped.</summary>
    private static class Nested
    {
        public static readonly object Value = new();
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoTime();
}
