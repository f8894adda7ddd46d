using System.Buffers;
using System.Globalization;
using System.Text;
using Aims.Domain.Inventory;
using Aims.Domain.Ledger;

namespace Aims.Domain.Lifecycle;

/// <summary>
/// The rules a batch of lifecycle events must pass before anything of it is stored. Errors are keyed
/// "events[i].member", so a sender learns which event broke which rule; one broken event refuses the whole batch.
/// </summary>
public static class LifecycleBatchRules
{
    public const int MaxEvents = 1000;
    public const int MaxIdLength = 100;
    public const int MaxTypeLength = 60;
    public const int MaxAttributes = 32;
    public const int MaxAttributeNameLength = 64;
    public const int MaxAttributeValueLength = 1000;

    /// <summary>Attributes are free, but bounded: their canonical JSON may not exceed this many bytes per event.</summary>
    public const int MaxAttributeBytes = 4096;

    /// <summary>A sender's clock may run a little ahead of ours; beyond this a timestamp is refused as "in the future".</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>PostgreSQL cannot store the NUL character, so no event text may hold it (ids, digests and stages cannot by their form).</summary>
    private const string NoNul = "must not contain the NUL character";

    private static readonly SearchValues<char> IdChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:/");
    private static readonly SearchValues<char> NameChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static (List<LifecycleEventRecord> Events, Dictionary<string, string[]> Errors) Validate(
        IReadOnlyList<LifecycleEventInput>? batch, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var events = new List<LifecycleEventRecord>();
        if (batch is null || batch.Count == 0)
        {
            errors["events"] = ["must hold at least one event"];
            return (events, errors);
        }

        if (batch.Count > MaxEvents)
        {
            errors["events"] = [$"must hold at most {MaxEvents} events per batch (this one has {batch.Count})"];
            return (events, errors);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            var record = Validate(batch[i], now, new At(i), errors);
            if (record is null)
            {
                continue;
            }

            if (seen.TryGetValue(record.EventId, out var first))
            {
                errors[new At(i).Field("eventId")] = [$"'{record.EventId}' is already event {first} of this batch: event ids must be unique"];
                continue;
            }

            seen[record.EventId] = i;
            events.Add(record);
        }

        return (errors.Count == 0 ? events : [], errors);
    }

    /// <summary>
    /// Where an event sits in the batch; its members' error keys ("events[3].type") are only made when a rule fails, since
    /// a batch of a thousand valid events would otherwise build ten thousand strings nobody reads.
    /// </summary>
    private readonly record struct At(int Index)
    {
        public string Event => $"events[{Index}]";

        public string Field(string member) => $"events[{Index}].{member}";
    }

    private static LifecycleEventRecord? Validate(LifecycleEventInput? e, DateTimeOffset now, At at, Dictionary<string, string[]> errors)
    {
        if (e is null)
        {
            errors[at.Event] = ["must be an event object"];
            return null;
        }

        var before = errors.Count;
        var eventId = Identifier(e.EventId, at, "eventId", MaxIdLength, required: true, errors);
        var system = Required(e.System, at, "system", 40, errors);
        var model = Required(e.ModelVersion, at, "modelVersion", MaxIdLength, errors);
        var stage = default(LifecycleStage);
        if (string.IsNullOrEmpty(e.Stage))
        {
            errors[at.Field("stage")] = ["is required"];
        }
        else if (!LifecycleStages.TryParse(e.Stage, out stage))
        {
            errors[at.Field("stage")] = [$"must be one of {string.Join(", ", LifecycleStages.Names)}"];
        }

        var type = Identifier(e.Type, at, "type", MaxTypeLength, required: true, errors);
        var decision = Identifier(e.DecisionId, at, "decisionId", MaxIdLength, required: false, errors);
        var input = Digest(e.InputDigest, at, "inputDigest", errors);
        var output = Digest(e.OutputDigest, at, "outputDigest", errors);
        var human = e.HumanIntervention ?? false;
        var by = e.InterventionBy?.Trim();
        if (human && string.IsNullOrEmpty(by))
        {
            errors[at.Field("interventionBy")] = ["is required when humanIntervention is true: say who intervened"];
        }
        else if (!human && !string.IsNullOrEmpty(by))
        {
            errors[at.Field("interventionBy")] = ["must be left out when humanIntervention is false"];
        }
        else if (by is { Length: > 200 })
        {
            errors[at.Field("interventionBy")] = ["must be at most 200 characters"];
        }
        else if (by?.Contains('\0', StringComparison.Ordinal) == true)
        {
            errors[at.Field("interventionBy")] = [NoNul];
        }

        if (e.Timestamp is not { } timestamp)
        {
            errors[at.Field("timestamp")] = ["is required (UTC ISO 8601)"];
        }
        else if (timestamp > now + MaxClockSkew)
        {
            errors[at.Field("timestamp")] = [$"is in the future: at most {MaxClockSkew.TotalMinutes:0} minutes ahead of the server's clock ({LedgerCanonicalJson.FormatTime(now)}) is accepted"];
        }
        else if (timestamp.Year < 2000)
        {
            errors[at.Field("timestamp")] = ["must be after 2000-01-01"];
        }

        var attributes = Attributes(e.Attributes, at, errors);
        if (errors.Count != before)
        {
            return null;
        }

        return new LifecycleEventRecord(eventId!, system!, model!, stage, type!, decision, input, output, human, human ? by : null,
            Truncate(e.Timestamp!.Value), attributes);
    }

    /// <summary>UTC to the microsecond, as the ledger writes times: the stored bytes and the query columns agree.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    private static string? Required(string? value, At at, string member, int max, Dictionary<string, string[]> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors[at.Field(member)] = ["is required"];
            return null;
        }

        if (text.Length > max)
        {
            errors[at.Field(member)] = [$"must be at most {max} characters"];
            return null;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            errors[at.Field(member)] = [NoNul];
            return null;
        }

        return text;
    }

    /// <summary>Ids and types are printable ASCII without spaces, so they read the same in every export and URL.</summary>
    private static string? Identifier(string? value, At at, string member, int max, bool required, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                errors[at.Field(member)] = ["is required"];
            }

            return null;
        }

        if (value.Length > max)
        {
            errors[at.Field(member)] = [$"must be at most {max} characters"];
            return null;
        }

        if (value.AsSpan().ContainsAnyExcept(IdChars))
        {
            errors[at.Field(member)] = ["may hold only letters, digits and - _ . : /"];
            return null;
        }

        return value;
    }

    private static string? Digest(string? value, At at, string member, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length != 64 || value.AsSpan().ContainsAnyExcept(LowerHex))
        {
            errors[at.Field(member)] = ["must be a SHA-256 digest: 64 lower-case hexadecimal characters"];
            return null;
        }

        return value;
    }

    private static List<LedgerField> Attributes(IReadOnlyList<LedgerField>? attributes, At at, Dictionary<string, string[]> errors)
    {
        if (attributes is null || attributes.Count == 0)
        {
            return [];
        }

        var field = "attributes";
        if (attributes.Count > MaxAttributes)
        {
            errors[at.Field(field)] = [$"must have at most {MaxAttributes} members"];
            return [];
        }

        // Sorted first (senders mostly send them sorted already), so a repeated name is next to its twin.
        var sorted = new List<LedgerField>(attributes);
        sorted.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var size = 2;
        for (var i = 0; i < sorted.Count; i++)
        {
            var attribute = sorted[i];
            if (i > 0 && string.Equals(sorted[i - 1].Name, attribute.Name, StringComparison.Ordinal))
            {
                errors[at.Field(field)] = [$"'{Shorten(attribute.Name)}' appears twice"];
                return [];
            }

            if (attribute.Name.Length is 0 or > MaxAttributeNameLength || attribute.Name.AsSpan().ContainsAnyExcept(NameChars))
            {
                errors[at.Field(field)] = [$"member names must be 1 to {MaxAttributeNameLength} letters, digits or - _ . ('{Shorten(attribute.Name)}' is not)"];
                return [];
            }

            switch (attribute.Value)
            {
                case null or bool or decimal:
                    break;
                case string s when s.Contains('\0', StringComparison.Ordinal):
                    errors[at.Field(field)] = [$"'{attribute.Name}' {NoNul}"];
                    return [];
                case string s when s.Length <= MaxAttributeValueLength:
                    size += Encoding.UTF8.GetByteCount(s);
                    break;
                case string:
                    errors[at.Field(field)] = [$"'{attribute.Name}' is longer than {MaxAttributeValueLength} characters"];
                    return [];
                default:
                    errors[at.Field(field)] = [$"'{attribute.Name}' must be a string, number, true, false or null (no nested objects or arrays)"];
                    return [];
            }

            size += attribute.Name.Length + 24;
        }

        if (size > MaxAttributeBytes)
        {
            errors[at.Field(field)] = [$"must be at most {MaxAttributeBytes} bytes in all (about {size.ToString(CultureInfo.InvariantCulture)} given)"];
            return [];
        }

        return sorted;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
