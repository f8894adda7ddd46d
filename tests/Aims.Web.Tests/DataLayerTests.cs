using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Ledger;
using Aims.Domain.People;
using Aims.Testing;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Tests;

/// <summary>The data layer on each provider: migrations, the ledger written in the same transaction, no fork under concurrency.</summary>
public abstract class DataLayerTests(WebFixture fixture)
{
    private AimsDbContext Context(Guid? organization = null)
    {
        var session = new AimsSession();
        session.ActAsSystem("test", organization);
        return fixture.Database.CreateContext(session);
    }

    private async Task<Guid> DemoIdAsync()
    {
        await using var db = Context();
        return await db.Organizations.Where(o => o.Slug == "demo").Select(o => o.Id).SingleAsync();
    }

    [Fact]
    public async Task The_model_has_no_change_without_a_migration_and_every_migration_is_applied()
    {
        await using var db = Context();
        Assert.False(db.Database.HasPendingModelChanges(), $"{fixture.Provider}: the model changed; add a migration for this provider.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task A_save_that_fails_leaves_neither_the_record_nor_an_event()
    {
        var demo = await DemoIdAsync();
        await using var before = Context(demo);
        var events = await before.LedgerEvents.CountAsync();
        var head = await before.ChainHeads.AsNoTracking().SingleAsync(h => h.OrganizationId == demo);

        await using (var db = Context(demo))
        {
            db.Organizations.Add(new Organization { Slug = "demo", Name = "Duplicate slug" });
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var after = Context(demo);
        Assert.Equal(events, await after.LedgerEvents.CountAsync());
        var headAfter = await after.ChainHeads.AsNoTracking().SingleAsync(h => h.OrganizationId == demo);
        Assert.Equal(head.Sequence, headAfter.Sequence);
        Assert.Equal(head.Hash, headAfter.Hash);
        Assert.Equal(1, await after.Organizations.CountAsync(o => o.Slug == "demo"));
    }

    [Fact]
    public async Task Deleting_keeps_the_row_as_a_tombstone_and_the_event_holds_what_was_deleted()
    {
        var demo = await DemoIdAsync();
        Guid membershipId;
        await using (var db = Context(demo))
        {
            var person = new Person { UserName = $"t{Guid.NewGuid():N}@example.org", Email = "t@example.org", DisplayName = "Temporary" };
            db.Users.Add(person);
            var membership = new Membership { OrganizationId = demo, PersonId = person.Id, Role = Role.Viewer };
            db.Memberships.Add(membership);
            await db.SaveChangesAsync();
            membershipId = membership.Id;
            db.Memberships.Remove(membership);
            await db.SaveChangesAsync();
        }

        await using var check = Context(demo);
        Assert.False(await check.Memberships.AnyAsync(m => m.Id == membershipId));
        var row = await check.Memberships.IgnoreQueryFilters([AimsDbContext.SoftDeleteFilter]).SingleAsync(m => m.Id == membershipId);
        Assert.NotNull(row.DeletedAt);
        var last = await check.LedgerEvents.Where(e => e.EntityId == membershipId.ToString()).OrderBy(e => e.Sequence).Select(e => e.Json).ToListAsync();
        Assert.Equal(2, last.Count);
        Assert.Contains("\"action\":\"delete\"", last[1], StringComparison.Ordinal);
        Assert.Contains("\"role\":\"viewer\"", last[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_writers_give_one_unbroken_chain_and_distinct_references()
    {
        var demo = await DemoIdAsync();
        await using var setup = Context(demo);
        var owner = await setup.Memberships.Where(m => m.Role == Role.Administrator).Select(m => m.PersonId).FirstAsync();
        var before = await setup.LedgerEvents.CountAsync();

        const int writers = 6, each = 8;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < each; i++)
            {
                await using var db = Context(demo);
                db.AccessTokens.Add(new AccessToken
                {
                    OrganizationId = demo, PersonId = owner, Name = $"w{w}-{i}", Scope = Scope.Read, Prefix = "aims_bench",
                    TokenHash = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()).PadRight(64, '0'), ExpiresAt = DateTimeOffset.UtcNow.AddDays(1),
                });
                await db.SaveChangesAsync();
            }
        })));

        await using var check = Context(demo);
        var rows = await check.LedgerEvents.OrderBy(e => e.Sequence).Select(e => new { e.Sequence, e.Hash, e.Json }).ToListAsync();
        Assert.Equal(before + writers * each, rows.Count);
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i), rows.Select(r => r.Sequence));
        var result = LedgerVerifier.Verify(rows.Select(r => new StoredEvent(r.Hash, System.Text.Encoding.UTF8.GetBytes(r.Json))));
        Assert.True(result.Intact, result.Summary);
        var references = await check.AccessTokens.Where(t => EF.Functions.Like(t.Name, "w%")).Select(t => t.Reference).ToListAsync();
        Assert.Equal(writers * each, references.Distinct().Count());
    }

    [Fact]
    public void Every_organization_owned_entity_is_filtered_by_organization()
    {
        using var db = Context();
        foreach (var type in db.Model.GetEntityTypes().Where(t => typeof(IOrganizationOwned).IsAssignableFrom(t.ClrType)))
        {
            Assert.Contains(type.GetDeclaredQueryFilters(), f => f.Key == AimsDbContext.TenantFilter);
        }

        foreach (var type in db.Model.GetEntityTypes().Where(t => typeof(ILedgered).IsAssignableFrom(t.ClrType)))
        {
            var known = typeof(IOrganizationOwned).IsAssignableFrom(type.ClrType) || type.ClrType == typeof(Organization)
                || type.ClrType == typeof(Person) || type.ClrType == typeof(CatalogRelease);
            Assert.True(known, $"{type.ClrType.Name} is ledgered but belongs to no chain rule in LedgerWriter.ChainOf");
        }
    }
}

public sealed class SqliteDataLayerTests(SqliteFixture fixture) : DataLayerTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresDataLayerTests(PostgresFixture fixture) : DataLayerTests(fixture), IClassFixture<PostgresFixture>;
