using Aims.Domain.Ledger;

namespace Aims.Web.Infrastructure;

/// <summary>Enums in URLs are written as in JSON: kebab-case ("external-auditor").</summary>
public static class EnumText
{
    public static string Of<T>(T value) where T : struct, Enum => KebabCase.Of(value.ToString());

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Of(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static string Allowed<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(Of));
}
