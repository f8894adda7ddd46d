using Aims.Data;
using Aims.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Infrastructure.Registers;

/// <summary>Every register of the product, found by name or reference prefix.</summary>
/// <param name="graphRules">Checks across records, run after a save inside its transaction (e.g. no cycle in dataset lineage); a problem undoes the save.</param>
/// <param name="reactions">
/// What other features do when any register record changes, in the same unit of work and at every door (a changed
/// system marks its risks for reassessment; a new use case starts an impact assessment). Arguments: the service, the
/// register, the record, whether it is new.
/// </param>
public sealed class RegisterSet(
    IEnumerable<RegisterDefinition> definitions,
    IReadOnlyList<Func<AimsDbContext, CancellationToken, Task<(string Field, string Rule)?>>> graphRules,
    IReadOnlyList<Func<RegisterService, RegisterDefinition, RegisterRecord, bool, CancellationToken, Task>> reactions)
{
    public IReadOnlyList<Func<RegisterService, RegisterDefinition, RegisterRecord, bool, CancellationToken, Task>> Reactions { get; } = reactions;

    public IReadOnlyList<RegisterDefinition> All { get; } = definitions.ToList();

    public IReadOnlyList<Func<AimsDbContext, CancellationToken, Task<(string Field, string Rule)?>>> GraphRules { get; } = graphRules;

    public RegisterDefinition? Find(string name) => All.FirstOrDefault(d => d.Name == name);

    public RegisterDefinition Get(string name) => Find(name) ?? throw new InvalidOperationException($"No register {name}.");

    public RegisterDefinition? ForType(Type type) => All.FirstOrDefault(d => d.ClrType == type);
}

/// <summary>
/// Finds records by reference for the fields that point at them, and knows records not yet saved (an import's rows
/// can point at each other). Queries only the references asked for, each once.
/// </summary>
public sealed class ReferenceIndex(AimsDbContext db)
{
    // Keyed by (prefix, number), not by the reference text: an import of 100,000 rows keeps one small entry per row,
    // so its memory stays nearly flat. Prefixes are interned (a handful of short strings).
    private readonly Dictionary<(string Prefix, long Number), Guid?> known = [];

    public void Add(string reference, Guid id)
    {
        if (Key(reference) is { } key)
        {
            known[key] = id;
        }
    }

    public async Task<Guid?> FindAsync(RegisterDefinition target, string reference, CancellationToken ct)
    {
        if (!reference.StartsWith(target.Prefix + "-", StringComparison.Ordinal) || Key(reference) is not { } key)
        {
            return null;
        }

        if (!known.TryGetValue(key, out var id))
        {
            id = await target.Query(db).Where(r => r.Reference == reference).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
            known[key] = id;
        }

        return id;
    }

    /// <summary>Loads every reference of a register at once, for imports of many rows.</summary>
    public async Task PreloadAsync(RegisterDefinition target, CancellationToken ct)
    {
        var prefix = string.Intern(target.Prefix);
        await foreach (var row in target.Query(db).Select(r => new { r.Number, r.Id }).AsAsyncEnumerable().WithCancellation(ct))
        {
            known.TryAdd((prefix, row.Number), row.Id);
        }
    }

    /// <summary>"SYS-12" as ("SYS", 12); null for text that is not prefix-number.</summary>
    public static (string Prefix, long Number)? Key(string reference)
    {
        var dash = reference.LastIndexOf('-');
        return dash > 0 && long.TryParse(reference.AsSpan(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0
            ? (string.Intern(reference[..dash]), number)
            : null;
    }
}

/// <summary>Finds people by e-mail; an address with no account yet gets one on save, listed as a person to invite.</summary>
public sealed class PersonIndex(AimsDbContext db)
{
    private readonly Dictionary<string, Guid> known = new(StringComparer.Ordinal);

    public async Task<Guid> ResolveAsync(string email, CancellationToken ct)
    {
        if (known.TryGetValue(email, out var id))
        {
            return id;
        }

        var normalized = email.ToUpperInvariant();
        var person = await db.Users.Where(p => p.NormalizedEmail == normalized).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            // An account without a password: the person cannot sign in until an administrator adds them to an organization.
            var pending = new Person
            {
                UserName = email, NormalizedUserName = normalized, Email = email, NormalizedEmail = normalized, DisplayName = email, MustChangePassword = true,
            };
            db.Users.Add(pending);
            person = pending.Id;
        }

        known[email] = person.Value;
        return person.Value;
    }
}
