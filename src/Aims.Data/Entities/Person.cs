using Microsoft.AspNetCore.Identity;

namespace Aims.Data.Entities;

/// <summary>
/// Someone who signs in. People belong to no organization; memberships give them a role in each.
/// The ledger names a person only by id (see <see cref="Ledger.LedgerPolicy"/>), so a person can be pseudonymized later.
/// </summary>
public sealed class Person : IdentityUser<Guid>, ILedgered
{
    public Person()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public required string DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when an administrator created the account with a generated password: the person must choose their own first.</summary>
    public bool MustChangePassword { get; set; }
}
