using Aims.Data.Entities;

namespace Aims.Data.Ledger;

/// <summary>
/// What the ledger leaves out, and why. This is the documented exclusion list (docs/decisions/0002-ledger.md):
/// personal data (so a person can be pseudonymized without breaking the chain), secrets, and counters that change
/// on every sign-in or token use and say nothing about the AIMS.
/// </summary>
public static class LedgerPolicy
{
    private static readonly Dictionary<Type, HashSet<string>> Excluded = new()
    {
        [typeof(Person)] =
        [
            nameof(Person.UserName), nameof(Person.NormalizedUserName), nameof(Person.Email), nameof(Person.NormalizedEmail),
            nameof(Person.DisplayName), nameof(Person.PhoneNumber), nameof(Person.PasswordHash), nameof(Person.SecurityStamp),
            nameof(Person.ConcurrencyStamp), nameof(Person.AccessFailedCount), nameof(Person.LockoutEnd),
        ],
        [typeof(AccessToken)] = [nameof(AccessToken.TokenHash), nameof(AccessToken.LastUsedAt)],
    };

    public static bool IsRecorded(Type entity, string property) =>
        !(Excluded.TryGetValue(entity, out var names) && names.Contains(property));

    /// <summary>The name a record type has in the ledger and in history URLs: kebab-case, e.g. "access-token".</summary>
    public static string TypeName(Type entity) => Aims.Domain.Ledger.KebabCase.Of(entity.Name);
}
