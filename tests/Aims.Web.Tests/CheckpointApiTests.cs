using System.Security.Cryptography;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Data.Ledger;
using Aims.Domain.Ledger;
using Aims.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aims.Web.Tests;

/// <summary>
/// Signed checkpoints through the API and the data layer, on each provider: the demo has some, anyone who may write
/// signs one on demand, an administrator rotates the key, exports verify against the published key across the
/// rotation, automatic checkpoints come every N events, and a node without the key fails clearly and saves nothing.
/// </summary>
public abstract class CheckpointApiTests(WebFixture fixture)
{
    private ILedgerKeys Keys => fixture.Factory.Services.GetRequiredService<ILedgerKeys>();

    private AimsDbContext Context(Guid? organization = null)
    {
        var session = new AimsSession();
        session.ActAsSystem("test", organization);
        return fixture.Database.CreateContext(session);
    }

    private async Task<Guid> OrgIdAsync(string slug)
    {
        await using var db = Context();
        return await db.Organizations.Where(o => o.Slug == slug).Select(o => o.Id).SingleAsync();
    }

    private static VerificationResult VerifyExport(byte[] export, byte[]? publicKey) =>
        LedgerExportFormat.VerifyFile(new MemoryStream(export), new ExportTrust(publicKey));

    private static byte[] Spki(string pem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return key.ExportSubjectPublicKeyInfo();
    }

    [Fact]
    public async Task The_demo_has_checkpoints_and_the_published_key_verifies_its_export()
    {
        var auditor = await fixture.ClientAsync("external.auditor@example.org");
        var list = await (await auditor.GetAsync("/api/v1/ledger/checkpoints")).ReadAsync();
        Assert.True(list.GetProperty("total").GetInt32() >= 2, list.GetRawText());
        var key = await (await auditor.GetAsync("/api/v1/ledger/key")).ReadAsync();
        var keyId = key.GetProperty("keyId").GetString()!;
        Assert.Equal(keyId, list.GetProperty("items")[0].GetProperty("keyId").GetString());

        var pem = await auditor.GetAsync("/api/v1/ledger/key.pem");
        Assert.Equal(CheckpointContentType, pem.Content.Headers.ContentType?.MediaType);
        var spki = Spki(await pem.Content.ReadAsStringAsync());
        Assert.Equal(keyId, LedgerCheckpoint.KeyId(spki));

        var export = await (await auditor.GetAsync("/api/v1/ledger/export")).Content.ReadAsByteArrayAsync();
        var result = VerifyExport(export, spki);
        Assert.True(result.Intact, result.Summary);
        Assert.True(result.Checkpoints >= 2);
        Assert.Contains("given key", result.Summary, StringComparison.Ordinal);

        await (await auditor.GetAsync("/api/v1/ledger/checkpoints?pageSize=0")).AssertProblemAsync(400, "pageSize");
    }

    private const string CheckpointContentType = "application/x-pem-file";

    [Fact]
    public async Task A_writer_signs_a_checkpoint_on_demand_a_reader_cannot()
    {
        var auditor = await fixture.ClientAsync("external.auditor@example.org");
        var before = (await (await auditor.GetAsync("/api/v1/ledger/checkpoints")).ReadAsync()).GetProperty("total").GetInt32();
        await (await auditor.PostAsync("/api/v1/ledger/checkpoints", null)).AssertProblemAsync(403);

        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var response = await lead.PostAsync("/api/v1/ledger/checkpoints", null);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var made = await response.ReadAsync();
        Assert.Equal(made.GetProperty("sequence").GetInt64() - 1, made.GetProperty("headSequence").GetInt64());
        Assert.Equal("checkpoint", made.GetProperty("action").GetString());

        var after = await (await auditor.GetAsync("/api/v1/ledger/checkpoints")).ReadAsync();
        Assert.Equal(before + 1, after.GetProperty("total").GetInt32());
        var verify = await (await auditor.GetAsync("/api/v1/ledger/verify")).ReadAsync();
        Assert.True(verify.GetProperty("intact").GetBoolean(), verify.GetRawText());
    }

    [Fact]
    public async Task An_administrator_rotates_the_key_and_exports_verify_across_the_rotation_with_either_key()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org", "sandbox"); // the sandbox's administrator
        await lead.PostAsync("/api/v1/ledger/checkpoints", null);
        var oldKey = Spki((await (await lead.GetAsync("/api/v1/ledger/key")).ReadAsync()).GetProperty("publicKeyPem").GetString()!);
        var writer = await fixture.ClientAsync("aims.lead@example.org");
        await (await writer.PostAsync("/api/v1/ledger/key/rotate", null)).AssertProblemAsync(403); // demo: a writer, not an administrator

        var rotated = await lead.PostAsync("/api/v1/ledger/key/rotate", null);
        Assert.Equal(System.Net.HttpStatusCode.Created, rotated.StatusCode);
        var rotation = await rotated.ReadAsync();
        Assert.Equal("key-rotation", rotation.GetProperty("action").GetString());
        Assert.Equal(LedgerCheckpoint.KeyId(oldKey), rotation.GetProperty("keyId").GetString());
        var newKeyId = rotation.GetProperty("newKeyId").GetString()!;
        var newKey = Spki((await (await lead.GetAsync("/api/v1/ledger/key")).ReadAsync()).GetProperty("publicKeyPem").GetString()!);
        Assert.Equal(newKeyId, LedgerCheckpoint.KeyId(newKey));

        await lead.PostAsync("/api/v1/ledger/checkpoints", null); // signed by the new key
        var export = await (await lead.GetAsync("/api/v1/ledger/export")).Content.ReadAsByteArrayAsync();
        foreach (var key in new[] { oldKey, newKey })
        {
            var result = VerifyExport(export, key);
            Assert.True(result.Intact, result.Summary);
            Assert.True(result.Rotations >= 1);
        }

        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.False(VerifyExport(export, stranger.ExportSubjectPublicKeyInfo()).Intact);

        var sandbox = await OrgIdAsync("sandbox");
        var file = Path.Combine(Keys.Directory, sandbox.ToString("D") + ".pem");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Keys.Directory));
        }
    }

    [Fact]
    public async Task Every_n_events_the_writer_appends_a_checkpoint_in_the_same_transaction()
    {
        var sandbox = await OrgIdAsync("sandbox");
        long firstNew;
        await using (var db = Context(sandbox))
        {
            db.Signing = db.Signing! with { Interval = 4 };
            firstNew = (await db.ChainHeads.AsNoTracking().SingleAsync(h => h.OrganizationId == sandbox)).Sequence + 1;
            for (var i = 0; i < 9; i++)
            {
                var org = await db.Organizations.SingleAsync(o => o.Id == sandbox);
                org.Name = "Harbor Labs Sandbox " + i;
                await db.SaveChangesAsync();
            }
        }

        await using var check = Context(sandbox);
        var added = await check.LedgerEvents.AsNoTracking().Where(e => e.Sequence >= firstNew).OrderBy(e => e.Sequence).ToListAsync();
        var checkpoints = added.Where(e => e.EntityType == LedgerCheckpoint.EntityType).ToList();

        // One event per save: a checkpoint follows each event whose sequence is a multiple of 4, and takes a number itself.
        var expected = new List<long>();
        for (long seq = firstNew - 1, i = 0; i < 9; i++)
        {
            if (++seq % 4 == 0)
            {
                expected.Add(++seq);
            }
        }

        Assert.Equal(expected, checkpoints.Select(c => c.Sequence));
        Assert.Equal(9 + expected.Count, added.Count);
        Assert.All(checkpoints, c =>
        {
            Assert.Equal("system:ledger", c.Actor);
            Assert.True(LedgerCheckpoint.TryRead(System.Text.Encoding.UTF8.GetBytes(c.Json), out var claim, out var problem), problem);
            Assert.Equal((c.PreviousHash, c.Sequence - 1), (claim.Head, claim.HeadSeq));
        });
        Assert.True((await Features.Ledger.LedgerQueries.VerifyAsync(check, default)).Intact);
    }

    [Fact]
    public async Task A_bulk_insert_that_crosses_the_interval_ends_with_one_checkpoint()
    {
        var sandbox = await OrgIdAsync("sandbox");
        await using var db = Context(sandbox);
        db.Signing = db.Signing! with { Interval = 5 };
        var first = (await db.ChainHeads.AsNoTracking().SingleAsync(h => h.OrganizationId == sandbox)).Sequence + 1;
        var issues = Enumerable.Range(1, 12).Select(i => (object)new ContextIssue { OrganizationId = sandbox, Title = "Bulk issue " + i }).ToList();
        await new LedgerBulkInsert(db).InsertAsync(issues, default);

        var added = await db.LedgerEvents.AsNoTracking().Where(e => e.Sequence >= first).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(13, added.Count);
        Assert.Equal([LedgerCheckpoint.EntityType], added.Where(e => e.EntityType == LedgerCheckpoint.EntityType).Select(e => e.EntityType));
        Assert.Equal(LedgerCheckpoint.EntityType, added[^1].EntityType);
        Assert.True((await Features.Ledger.LedgerQueries.VerifyAsync(db, default)).Intact);
    }

    [Fact]
    public async Task A_node_without_the_key_of_a_chain_with_checkpoints_fails_clearly_and_saves_nothing()
    {
        var demo = await OrgIdAsync("demo");
        var file = Path.Combine(Keys.Directory, demo.ToString("D") + ".pem");
        var aside = file + ".aside";
        await using var before = Context(demo);
        var head = await before.ChainHeads.AsNoTracking().SingleAsync(h => h.OrganizationId == demo);
        File.Move(file, aside);
        try
        {
            var lead = await fixture.ClientAsync("aims.lead@example.org");
            var problem = await (await lead.PostAsync("/api/v1/ledger/checkpoints", null)).AssertProblemAsync(503);
            Assert.Contains("missing", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.False(File.Exists(file), "a second key was made for a chain that has checkpoints");

            // An ordinary write that crosses the interval fails the same way, and rolls back.
            await using (var db = Context(demo))
            {
                db.Signing = db.Signing! with { Interval = 1 };
                var org = await db.Organizations.SingleAsync(o => o.Id == demo);
                org.Name = "Renamed without a key";
                await Assert.ThrowsAsync<LedgerKeyException>(() => db.SaveChangesAsync());
            }

            await using var after = Context(demo);
            var headAfter = await after.ChainHeads.AsNoTracking().SingleAsync(h => h.OrganizationId == demo);
            Assert.Equal((head.Sequence, head.Hash), (headAfter.Sequence, headAfter.Hash));
            Assert.NotEqual("Renamed without a key", (await after.Organizations.SingleAsync(o => o.Id == demo)).Name);
        }
        finally
        {
            File.Move(aside, file, overwrite: true);
        }
    }
}

public sealed class SqliteCheckpointApiTests(SqliteFixture fixture) : CheckpointApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresCheckpointApiTests(PostgresFixture fixture) : CheckpointApiTests(fixture), IClassFixture<PostgresFixture>;
