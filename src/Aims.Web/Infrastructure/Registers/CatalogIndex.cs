using Aims.Data;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Infrastructure.Registers;

/// <summary>The catalog's requirement ids and kinds, read once per request, to check fields that cite requirements.</summary>
public sealed class CatalogIndex(AimsDbContext db)
{
    private Dictionary<(string Framework, string Id), (string Kind, int Position)>? _requirements;

    public async Task<IReadOnlyDictionary<(string Framework, string Id), (string Kind, int Position)>> AllAsync(CancellationToken ct) =>
        _requirements ??= await db.CatalogRequirements.AsNoTracking()
            .Select(r => new { r.FrameworkId, r.Id, r.Kind, r.Position })
            .ToDictionaryAsync(r => (r.FrameworkId, r.Id), r => (r.Kind, r.Position), ct);

    /// <summary>The ids in catalog order as stored ("A.6.2.4,A.7.4"), or the rule the first unknown id breaks.</summary>
    public async Task<(string Canonical, string? Problem)> CheckAsync(RegisterField field, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var all = await AllAsync(ct);
        var found = new List<(string Text, string Framework, int Position)>();
        foreach (var id in ids)
        {
            var key = field.Framework is { } framework ? (framework, id) : Split(id);
            if (!all.TryGetValue(key, out var requirement) || (field.Kinds.Count > 0 && !field.Kinds.Contains(requirement.Kind)))
            {
                var what = field.Framework is null ? "a requirement of the catalog written framework:id (iso42001:A.6.2.4)" : $"a {string.Join(" or ", field.Kinds)} of {field.Framework}";
                return ("", $"'{(id.Length > 40 ? id[..40] + "…" : id)}' is not {what}");
            }

            found.Add((id, key.Item1, requirement.Position));
        }

        return (string.Join(",", found.OrderBy(f => f.Framework, StringComparer.Ordinal).ThenBy(f => f.Position).Select(f => f.Text)), null);
    }

    private static (string, string) Split(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? (text[..colon], text[(colon + 1)..]) : ("", text);
    }
}
