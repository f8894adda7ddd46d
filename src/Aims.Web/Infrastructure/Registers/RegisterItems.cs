using System.Text.Json;
using Aims.Data;
using Aims.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Infrastructure.Registers;

/// <summary>
/// A record as the outside sees it: its reference and version, and each field as written on the wire (enums in
/// kebab-case, people as e-mail addresses, links as references). The API writes it as JSON, export as cells.
/// </summary>
public sealed record RegisterItem(Guid Id, string Reference, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyDictionary<string, object?> Values)
{
    /// <summary>The definition's derived columns: name -> values (read-only, not part of import or export).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Derived { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The record itself, for state that is not a field (a risk's acceptance); never written to files.</summary>
    public RegisterRecord? Record { get; init; }

    /// <summary>A field as one cell of text: sets joined with ", ", metrics as "auc=0.81; ks=0.42".</summary>
    public string Text(string field) => Values.TryGetValue(field, out var value) ? CellText(value) : "";

    public static string CellText(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        IReadOnlyList<string> list => string.Join(", ", list),
        SortedDictionary<string, double> metrics => string.Join("; ", metrics.Select(m => m.Key + "=" + m.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture))),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>
/// Turns records into <see cref="RegisterItem"/>s, loading the people, references and links they name in a few queries.
/// The ids go as one JSON parameter (EF.Parameter): with EF's default of one SQL parameter per id, expanding the
/// statement and converting each parameter on every query was a cost per row in each of these queries (perf).
/// </summary>
public static class RegisterItems
{
    /// <summary>
    /// Items with every field, or with <paramref name="only"/> these (a list page's columns): fields left out are
    /// neither looked up (people, references, links) nor converted, and are absent from <see cref="RegisterItem.Values"/>.
    /// </summary>
    public static async Task<List<RegisterItem>> ReadAsync(
        AimsDbContext db, RegisterSet registers, RegisterDefinition definition, IReadOnlyList<RegisterRecord> records, CancellationToken ct, IReadOnlyList<RegisterField>? only = null)
    {
        var fields = only ?? definition.Fields;
        var ids = records.Select(r => r.Id).ToList();
        var people = await PeopleAsync(db, fields, records, ct);
        var references = new Dictionary<Guid, string>();
        foreach (var field in fields.Where(f => f.Kind == FieldKind.Reference))
        {
            var targets = records.Select(r => field.Get(r) switch { Guid g => g, _ => (Guid?)null }).OfType<Guid>().Distinct().ToList();
            await AddReferencesAsync(db, registers.Get(field.Target!), targets, references, ct);
        }

        var links = new Dictionary<string, ILookup<Guid, Guid>>();
        foreach (var field in fields.Where(f => f.Kind == FieldKind.ReferenceSet))
        {
            var rows = await LinksAsync(db, field.LinkKind!, ids, ct);
            links[field.Name] = rows.ToLookup(l => l.FromId, l => l.ToId);
            await AddReferencesAsync(db, registers.Get(field.Target!), rows.Select(l => l.ToId).Distinct().ToList(), references, ct);
        }

        var derived = new Dictionary<string, Dictionary<Guid, IReadOnlyList<string>>>();
        foreach (var column in definition.Derived)
        {
            derived[column.Name] = await column.Compute(db, records, ct);
        }

        // Plain loops with sized maps: this runs for every row of every list page and API answer.
        var items = new List<RegisterItem>(records.Count);
        foreach (var r in records)
        {
            var values = new Dictionary<string, object?>(fields.Count);
            foreach (var f in fields)
            {
                values[f.Name] = Wire(f, r, people, references, links);
            }

            var derivedValues = new Dictionary<string, IReadOnlyList<string>>(derived.Count);
            foreach (var (name, byId) in derived)
            {
                derivedValues[name] = byId.GetValueOrDefault(r.Id) ?? [];
            }

            items.Add(new RegisterItem(r.Id, r.Reference, r.Version, r.CreatedAt, r.UpdatedAt, values) { Derived = derivedValues, Record = r });
        }

        return items;
    }

    private static object? Wire(RegisterField field, RegisterRecord record, Dictionary<Guid, string> people, Dictionary<Guid, string> references, Dictionary<string, ILookup<Guid, Guid>> links)
    {
        var value = field.Get(record);
        return field.Kind switch
        {
            FieldKind.Enum => value is null ? null : FieldText.EnumText(value),
            FieldKind.EnumSet => EnumTexts((System.Collections.IEnumerable)value!),
            FieldKind.Date => value is DateOnly d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
            FieldKind.Person => value is Guid p && people.TryGetValue(p, out var email) ? email : null,
            FieldKind.Reference => value is Guid g && references.TryGetValue(g, out var reference) ? reference : null,
            FieldKind.ReferenceSet => links[field.Name][record.Id].Select(t => references.GetValueOrDefault(t)).OfType<string>()
                .OrderBy(t => t, ReferenceOrder.Instance).ToList(),
            FieldKind.Requirement => value is string { Length: > 0 } id ? id : null,
            FieldKind.RequirementSet => ((string)value!).Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
            FieldKind.Metrics => JsonSerializer.Deserialize<SortedDictionary<string, double>>((string)value!) is { } m
                ? new SortedDictionary<string, double>(m, StringComparer.Ordinal) : null,
            _ => value,
        };
    }

    private static List<string> EnumTexts(System.Collections.IEnumerable values)
    {
        var texts = new List<string>();
        foreach (var value in values)
        {
            texts.Add(FieldText.EnumText(value));
        }

        return texts;
    }

    private static async Task<Dictionary<Guid, string>> PeopleAsync(AimsDbContext db, IReadOnlyList<RegisterField> fields, IReadOnlyList<RegisterRecord> records, CancellationToken ct)
    {
        var ids = fields.Where(f => f.Kind == FieldKind.Person)
            .SelectMany(f => records.Select(r => f.Get(r) as Guid?)).OfType<Guid>().Distinct().ToList();
        var people = new Dictionary<Guid, string>();
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var p in await db.Users.Where(u => EF.Parameter(chunk).Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToListAsync(ct))
            {
                people[p.Id] = p.Email!;
            }
        }

        return people;
    }

    private static async Task<List<RegisterLink>> LinksAsync(AimsDbContext db, string kind, List<Guid> from, CancellationToken ct)
    {
        var rows = new List<RegisterLink>();
        foreach (var chunk in from.Chunk(500))
        {
            rows.AddRange(await db.RegisterLinks.AsNoTracking().Where(l => l.Kind == kind && EF.Parameter(chunk).Contains(l.FromId)).ToListAsync(ct));
        }

        return rows;
    }

    /// <summary>Includes deleted targets: a link or reference to a record deleted later still names it.</summary>
    private static async Task AddReferencesAsync(AimsDbContext db, RegisterDefinition target, List<Guid> ids, Dictionary<Guid, string> into, CancellationToken ct)
    {
        foreach (var chunk in ids.Where(i => !into.ContainsKey(i)).Chunk(500))
        {
            foreach (var row in await target.Query(db).IgnoreQueryFilters([AimsDbContext.SoftDeleteFilter])
                .Where(r => EF.Parameter(chunk).Contains(r.Id)).Select(r => new { r.Id, r.Reference }).ToListAsync(ct))
            {
                into[row.Id] = row.Reference;
            }
        }
    }
}

/// <summary>Orders references by prefix, then by number: SYS-2 before SYS-10.</summary>
public sealed class ReferenceOrder : IComparer<string>
{
    public static readonly ReferenceOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        var (px, nx) = Split(x ?? "");
        var (py, ny) = Split(y ?? "");
        var byPrefix = string.CompareOrdinal(px, py);
        return byPrefix != 0 ? byPrefix : nx.CompareTo(ny);
    }

    private static (string Prefix, long Number) Split(string reference)
    {
        var dash = reference.LastIndexOf('-');
        return dash > 0 && long.TryParse(reference.AsSpan(dash + 1), out var n) ? (reference[..dash], n) : (reference, 0);
    }
}
