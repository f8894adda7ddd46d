using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aims.Domain.Ledger;

namespace Aims.Web.Infrastructure.Registers;

/// <summary>
/// The values a caller gave for some fields of a register record, as text, whichever door they came through: a JSON
/// body (after its types were checked), a form post, or a CSV or XLSX row. A field not given is left as it was.
/// </summary>
public sealed class RegisterInput
{
    public Dictionary<string, IReadOnlyList<string>> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Problems found while reading the input itself (wrong JSON type, unknown member).</summary>
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public bool Has(string field) => Values.ContainsKey(field);

    public void Set(string field, params IReadOnlyList<string> values) => Values[field] = values;

    /// <summary>A cell or a form value: several values of a set are separated by commas or semicolons.</summary>
    public void SetText(RegisterField field, string? text) =>
        Values[field.Name] = field.IsMultiple
            ? (text ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [text ?? ""];

    /// <summary>Reads a JSON object: JSON types must match the field kinds; members that are not fields are refused.</summary>
    public static RegisterInput FromJson(RegisterDefinition definition, JsonObject body, IReadOnlySet<string>? ignore = null)
    {
        var input = new RegisterInput();
        foreach (var (name, node) in body)
        {
            if (ignore?.Contains(name) == true)
            {
                continue;
            }

            var field = definition.Field(name);
            if (field is { ReadOnly: true })
            {
                continue;
            }

            if (field is null)
            {
                input.Errors[name] = [$"is not a field of {definition.Singular}; the fields are {string.Join(", ", definition.Fields.Select(f => f.Name))}"];
                continue;
            }

            var (values, error) = ReadJson(field, node);
            if (error is not null)
            {
                input.Errors[name] = [error];
            }
            else
            {
                input.Values[name] = values;
            }
        }

        return input;
    }

    private static (IReadOnlyList<string> Values, string? Error) ReadJson(RegisterField field, JsonNode? node)
    {
        if (node is null)
        {
            return field.IsMultiple ? ([], null) : ([""], null);
        }

        switch (field.Kind)
        {
            case FieldKind.Bool:
                return node.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                    ? ([node.GetValue<bool>() ? "true" : "false"], null)
                    : ([], "must be true or false");
            case FieldKind.Number:
                return node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var number)
                    ? ([number.ToString(CultureInfo.InvariantCulture)], null)
                    : ([], "must be a whole number");
            case FieldKind.EnumSet or FieldKind.ReferenceSet or FieldKind.RequirementSet:
                if (node is not JsonArray array || array.Any(i => i?.GetValueKind() != JsonValueKind.String))
                {
                    return ([], "must be an array of strings");
                }

                return (array.Select(i => i!.GetValue<string>()).ToList(), null);
            case FieldKind.Metrics:
                if (node is not JsonObject metrics || metrics.Any(m => m.Value?.GetValueKind() != JsonValueKind.Number))
                {
                    return ([], "must be an object of metric names to numbers, e.g. {\"auc\": 0.81}");
                }

                return ([string.Join("; ", metrics.Select(m => m.Key + "=" + m.Value!.GetValue<double>().ToString("R", CultureInfo.InvariantCulture)))], null);
            default:
                return node.GetValueKind() == JsonValueKind.String ? ([node.GetValue<string>()], null) : ([], "must be a string");
        }
    }
}

/// <summary>A person named by e-mail: the id when the person has an account, else null (an account is made on save).</summary>
public sealed record PersonValue(string Email, Guid? Id);

/// <summary>Turns text values into typed ones per field kind, with one rule message per problem.</summary>
public static class FieldText
{
    public static bool TryParse(RegisterField field, IReadOnlyList<string> values, out object? value, out string? error)
    {
        value = null;
        error = null;
        var text = values.Count == 0 ? "" : values[0].Trim();
        if (!field.IsMultiple && values.Count > 1)
        {
            error = "takes one value";
            return false;
        }

        if (field.Required && !field.IsMultiple && text.Length == 0)
        {
            error = "is required";
            return false;
        }

        switch (field.Kind)
        {
            case FieldKind.Text or FieldKind.LongText:
                if (text.Length > field.MaxLength)
                {
                    error = $"must be at most {field.MaxLength} characters";
                }
                else if (text.Any(c => char.IsControl(c) && (field.Kind == FieldKind.Text || c is not ('\n' or '\r' or '\t'))))
                {
                    error = field.Kind == FieldKind.Text ? "must be one line without control characters" : "must not contain control characters";
                }

                value = text.Replace("\r\n", "\n", StringComparison.Ordinal);
                break;
            case FieldKind.Bool:
                value = text.ToLowerInvariant() switch
                {
                    "true" or "yes" or "on" => true,
                    "false" or "no" or "" => false,
                    _ => null,
                };
                error = value is null ? "must be true or false" : null;
                break;
            case FieldKind.Number when field.Optional && text.Length == 0:
                break;
            case FieldKind.Number:
                if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n < field.Min || n > field.Max)
                {
                    error = $"must be a whole number from {field.Min} to {field.Max}";
                }

                value = n;
                break;
            case FieldKind.Date:
                if (text.Length > 0)
                {
                    if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        value = date;
                    }
                    else
                    {
                        error = "must be a date written yyyy-MM-dd";
                    }
                }

                break;
            case FieldKind.Enum:
                if (text.Length > 0)
                {
                    value = ParseEnum(field.EnumType!, text);
                    error = value is null ? $"must be one of {Allowed(field.EnumType!)}" : null;
                }

                break;
            case FieldKind.EnumSet:
                var items = new List<object>();
                foreach (var item in values.Select(v => v.Trim()).Where(v => v.Length > 0))
                {
                    var parsed = ParseEnum(field.EnumType!, item);
                    if (parsed is null)
                    {
                        error = $"'{Shorten(item)}' is not one of {Allowed(field.EnumType!)}";
                        break;
                    }

                    items.Add(parsed);
                }

                value = items.Distinct().ToList();
                break;
            case FieldKind.Person:
                if (text.Length > 0)
                {
                    if (text.Length > 254 || !MailAddress.TryCreate(text, out var address) || address.Address != text)
                    {
                        error = "must be an e-mail address";
                    }

                    value = text.ToLowerInvariant();
                }

                break;
            case FieldKind.Reference:
                value = text.Length > 0 ? text.ToUpperInvariant() : null;
                break;
            case FieldKind.ReferenceSet:
                value = values.Select(v => v.Trim().ToUpperInvariant()).Where(v => v.Length > 0).Distinct().ToList();
                break;
            case FieldKind.Metrics:
                value = ParseMetrics(text, out error);
                break;
            case FieldKind.Requirement:
                value = text.Length > 0 ? text : null;
                break;
            case FieldKind.RequirementSet:
                value = values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct().ToList();
                break;
        }

        return error is null;
    }

    private static string? ParseMetrics(string text, out string? error)
    {
        error = null;
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length is 0 or > 60 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                || !double.IsFinite(number))
            {
                error = $"'{Shorten(pair)}' is not name=number; write metrics as auc=0.81; ks=0.42";
                return null;
            }

            if (!metrics.TryAdd(parts[0], number))
            {
                error = $"names {parts[0]} twice";
                return null;
            }
        }

        return JsonSerializer.Serialize(metrics);
    }

    /// <summary>The metrics JSON written for a cell: "auc=0.81; ks=0.42".</summary>
    public static string MetricsText(string json) =>
        string.Join("; ", (JsonSerializer.Deserialize<SortedDictionary<string, double>>(json) ?? [])
            .Select(m => m.Key + "=" + m.Value.ToString("R", CultureInfo.InvariantCulture)));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Dictionary<string, object>> EnumNames = new();

    public static object? ParseEnum(Type type, string text) =>
        EnumNames.GetOrAdd(type, t => Enum.GetValues(t).Cast<object>().ToDictionary(v => KebabCase.Of(v.ToString()!), StringComparer.Ordinal))
            .GetValueOrDefault(text);

    public static string Allowed(Type type) => string.Join(", ", Enum.GetNames(type).Select(KebabCase.Of));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Enum, string> EnumTexts = new();

    /// <summary>An enum value in kebab-case; remembered per value, because lists write several per row.</summary>
    public static string EnumText(object value) =>
        value is Enum e ? EnumTexts.GetOrAdd(e, v => KebabCase.Of(v.ToString())) : KebabCase.Of(value.ToString()!);

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
