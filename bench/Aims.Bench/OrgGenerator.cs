using System.Diagnostics;
using System.Globalization;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Catalog;
using Aims.Domain.People;
using Aims.Web.Features.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Aims.Bench;

/// <summary>
/// `generate-org`: a large synthetic organization written through the real data layer, so every record has its
/// ledger events exactly as the product makes them. The work is a list of <see cref="IOrgStep"/>s run in order;
/// a later feature adds its records by writing one step class and adding it to <see cref="Steps"/>.
/// </summary>
public static class OrgGenerator
{
    /// <summary>The steps, in order; each may use what the steps before it made (see <see cref="OrgContext"/>).</summary>
    public static IReadOnlyList<IOrgStep> Steps { get; } =
    [
        new OrganizationStep(),
        new PeopleStep(),
        new TokensStep(),
        new EvidenceStep(),
    ];

    public static async Task<int> RunAsync(Arguments a)
    {
        var data = a.Get("data");
        var database = a.Get("database");
        if ((data is null) == (database is null))
        {
            throw new UsageException("give either --data DIR or --database CONNSTRING");
        }

        var settings = database is not null ? DatabaseSettings.ForConnectionString(database) : DatabaseSettings.ForFolder(data!);
        var counts = Steps.Where(s => s.CountOption is not null)
            .ToDictionary(s => s.CountOption!, s => a.Number(s.CountOption!, s.DefaultCount), StringComparer.Ordinal);
        var context = new OrgContext(settings, a.Get("org") ?? "bench", counts, (int)Math.Max(1, a.Number("batch", 500)), new Random((int)a.Number("seed", 42)));
        a.RejectUnknown();

        var total = Stopwatch.StartNew();
        await using (var db = context.OpenContext(out _))
        {
            await DatabaseInitializer.MigrateAsync(db);
            await DatabaseInitializer.LoadCatalogAsync(db, CatalogReader.Load());
        }

        Console.WriteLine($"database: {settings.Describe()} (migrated, catalog loaded in {total.Elapsed.TotalSeconds:F1} s)");
        foreach (var step in Steps)
        {
            var clock = Stopwatch.StartNew();
            var made = await step.RunAsync(context, CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{step.Name,-14} {made,8} record(s) in {clock.Elapsed.TotalSeconds,6:F1} s"));
        }

        await using (var db = context.OpenContext(out _))
        {
            var events = await db.LedgerEvents.IgnoreQueryFilters().CountAsync(e => e.OrganizationId == context.OrganizationId);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"organization '{context.Slug}' ({context.OrganizationId}): {events} ledger event(s) in its chain; total {total.Elapsed.TotalSeconds:F1} s"));
        }

        return 0;
    }
}

/// <summary>One kind of record the generator makes.</summary>
public interface IOrgStep
{
    string Name { get; }

    /// <summary>The option that sets how many records this step makes (e.g. "people"), or null when it has none.</summary>
    string? CountOption { get; }

    long DefaultCount { get; }

    /// <summary>Makes the records; returns how many.</summary>
    Task<long> RunAsync(OrgContext context, CancellationToken ct);
}

/// <summary>What the steps share: the database, the organization, the counts asked for, and what earlier steps made.</summary>
public sealed class OrgContext(DatabaseSettings settings, string slug, IReadOnlyDictionary<string, long> counts, int batchSize, Random random)
{
    public DatabaseSettings Settings { get; } = settings;

    public string Slug { get; } = slug;

    public int BatchSize { get; } = batchSize;

    public Random Random { get; } = random;

    public Guid OrganizationId { get; set; }

    /// <summary>Members of the organization made so far (id and role), for steps that need an owner or an actor.</summary>
    public List<(Guid PersonId, Role Role)> Members { get; } = [];

    public long Count(string option) => counts[option];

    /// <summary>
    /// A fresh context acting as the system component "bench-generator" inside the organization (once it exists). Use one
    /// per batch: the change tracker stays small and each SaveChanges is one ledger transaction.
    /// </summary>
    public AimsDbContext OpenContext(out AimsSession session)
    {
        session = new AimsSession();
        session.ActAsSystem("bench-generator", OrganizationId == Guid.Empty ? null : OrganizationId);
        return DataServiceCollectionExtensions.CreateContext(Settings, session);
    }

    /// <summary>Runs <paramref name="add"/> for items 0..count-1 in batches of <see cref="BatchSize"/>, one SaveChanges per batch.</summary>
    public async Task<long> InBatchesAsync(long count, Action<AimsDbContext, AimsSession, long> add, CancellationToken ct)
    {
        for (long start = 0; start < count; start += BatchSize)
        {
            await using var db = OpenContext(out var session);
            var end = Math.Min(count, start + BatchSize);
            for (var i = start; i < end; i++)
            {
                add(db, session, i);
            }

            await db.SaveChangesAsync(ct);
        }

        return count;
    }

    public T Pick<T>(IReadOnlyList<T> values) => values[Random.Next(values.Count)];
}

/// <summary>The organization itself (its own "create" event starts its chain).</summary>
public sealed class OrganizationStep : IOrgStep
{
    public string Name => "organization";

    public string? CountOption => null;

    public long DefaultCount => 1;

    public async Task<long> RunAsync(OrgContext context, CancellationToken ct)
    {
        await using var db = context.OpenContext(out _);
        if (await db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.Slug == context.Slug, ct))
        {
            throw new UsageException($"the database already holds an organization '{context.Slug}'; use another --org or an empty database");
        }

        var org = new Organization { Slug = context.Slug, Name = "Synthetic Benchmark Holdings (" + context.Slug + ")" };
        db.Organizations.Add(org);
        await db.SaveChangesAsync(ct);
        context.OrganizationId = org.Id;
        return 1;
    }
}

/// <summary>People (no password: Identity hashing is not what is measured) and their memberships with a spread of roles.</summary>
public sealed class PeopleStep : IOrgStep
{
    private static readonly string[] Given = ["Ada", "Ben", "Chiara", "Dmitri", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kofi", "Lena", "Mateo", "Nadia", "Omar", "Priya"];
    private static readonly string[] Family = ["Andersen", "Bauer", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jansen", "Kowalski", "Larsen", "Moreau", "Nowak"];

    // Roughly how an organization is staffed: many contributors and viewers, few administrators.
    private static readonly Role[] RoleMix =
    [
        Role.Administrator, Role.AimsLead, Role.ControlOwner, Role.ControlOwner, Role.ControlOwner, Role.Contributor, Role.Contributor,
        Role.Contributor, Role.Contributor, Role.Contributor, Role.InternalAuditor, Role.ExternalAuditor, Role.Viewer, Role.Viewer, Role.Viewer,
    ];

    public string Name => "people";

    public string? CountOption => "people";

    public long DefaultCount => 1000;

    public async Task<long> RunAsync(OrgContext context, CancellationToken ct)
    {
        var count = context.Count("people");
        var people = new List<(Guid Id, Role Role)>();
        await context.InBatchesAsync(count, (db, _, i) =>
        {
            var email = $"person{i.ToString(CultureInfo.InvariantCulture)}.{context.Slug}@bench.example.org";
            var person = new Person
            {
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                DisplayName = context.Pick(Given) + " " + context.Pick(Family),
                PasswordHash = null,
                LockoutEnabled = true,
            };
            db.Users.Add(person);
            people.Add((person.Id, i == 0 ? Role.Administrator : context.Pick(RoleMix)));
        }, ct);

        await context.InBatchesAsync(people.Count, (db, _, i) =>
        {
            var (id, role) = people[(int)i];
            db.Memberships.Add(new Membership { OrganizationId = context.OrganizationId, PersonId = id, Role = role });
        }, ct);

        context.Members.AddRange(people);
        return count;
    }
}

/// <summary>Personal access tokens through the product's own TokenService (one transaction each, as in the app).</summary>
public sealed class TokensStep : IOrgStep
{
    private static readonly string[] Purposes = ["CI pipeline", "evaluation runner", "nightly export", "monitoring agent", "notebook", "data-quality job"];

    public string Name => "tokens";

    public string? CountOption => "tokens";

    public long DefaultCount => 200;

    public async Task<long> RunAsync(OrgContext context, CancellationToken ct)
    {
        var count = context.Count("tokens");
        if (count > 0 && context.Members.Count == 0)
        {
            throw new UsageException("--tokens needs at least one person (--people)");
        }

        await using var db = context.OpenContext(out var session);
        for (long i = 0; i < count; i++)
        {
            var (person, _) = context.Pick(context.Members);
            session.Reason = i % 4 == 0 ? "Requested for the " + context.Pick(Purposes) + "." : null;
            var outcome = await TokenService.CreateAsync(db, person, Scope.Admin,
                new CreateTokenRequest { Name = context.Pick(Purposes) + " " + i.ToString(CultureInfo.InvariantCulture), ExpiresInDays = 1 + context.Random.Next(366) }, ct);
            if (!outcome.IsOk)
            {
                throw new InvalidOperationException(string.Join("; ", outcome.Messages));
            }

            if ((i + 1) % context.BatchSize == 0)
            {
                db.ChangeTracker.Clear();
            }
        }

        return count;
    }
}
