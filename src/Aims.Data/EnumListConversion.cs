using Aims.Domain.Ledger;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Aims.Data;

/// <summary>
/// A set of enum values stored as one text column, kebab-case, in declaration order ("provider,deployer"): the same
/// on SQLite and PostgreSQL, readable in SQL, and the same bytes for the same set.
/// </summary>
public static class EnumListConversion
{
    public static ValueConverter<IReadOnlyList<T>, string> Converter<T>() where T : struct, Enum =>
        new(v => Write(v), s => Read<T>(s));

    public static ValueComparer<IReadOnlyList<T>> Comparer<T>() where T : struct, Enum =>
        new((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)), v => v.ToList());

    /// <summary>Built once per enum type: every row of a list reads its sets through it.</summary>
    private static class Names<T> where T : struct, Enum
    {
        public static readonly Dictionary<string, T> ByName = Enum.GetValues<T>().ToDictionary(v => KebabCase.Of(v.ToString()), StringComparer.Ordinal);
    }

    public static string Write<T>(IEnumerable<T> values) where T : struct, Enum =>
        string.Join(",", values.Distinct().Order().Select(v => KebabCase.Of(v.ToString())));

    public static IReadOnlyList<T> Read<T>(string text) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        return text.Split(',').Select(s => Names<T>.ByName[s]).ToList();
    }
}
