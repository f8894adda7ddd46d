using System.Data.Common;
using System.Text.RegularExpressions;
using Aims.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Aims.Cli.Tests;

/// <summary>
/// The ledger table itself: the database refuses UPDATE and DELETE on it; and when someone with the power to drop
/// that guard changes an event anyway, `aims verify` names the organization and the event.
/// </summary>
public sealed class DatabaseTamperTests
{
    private const string DemoChain = "(SELECT id FROM organizations WHERE slug = 'demo')";
    private const string SandboxChain = "(SELECT id FROM organizations WHERE slug = 'sandbox')";

    private static async Task<DbConnection> OpenAsync(TestDatabase db)
    {
        DbConnection connection = db.Provider == Provider.Sqlite
            ? new SqliteConnection(db.Settings.ConnectionString)
            : new NpgsqlConnection(db.Settings.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(DbConnection connection, string where = "1 = 1")
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM ledger_events WHERE " + where;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Names(CliResult result, string chain, params long[] sequences) =>
        Assert.True(
            Cli.Lines(result.Stdout).Any(l => l.StartsWith(chain + ":", StringComparison.Ordinal)
                && sequences.Any(sequence => Regex.IsMatch(l, $@"broken.*\bevent {sequence}\b"))),
            $"verify should name {chain} event {string.Join(" or ", sequences)} as broken:\n{result}");

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_database_refuses_update_and_delete_and_verify_catches_a_change_made_behind_its_back(Provider provider)
    {
        await using var demo = await DemoDatabase.StartAsync(provider);
        await demo.StopServerAsync();
        var db = demo.Database;
        string[] verify = ["verify"];

        await using (var connection = await OpenAsync(db))
        {
            var before = await CountAsync(connection);
            Assert.True(before > 10, "the demo should have left events in the ledger");

            foreach (var sql in new[]
                     {
                         "UPDATE ledger_events SET json = json || ' '",
                         "UPDATE ledger_events SET actor = 'person:someone-else' WHERE sequence = 1",
                         $"UPDATE ledger_events SET hash = previous_hash WHERE organization_id = {DemoChain} AND sequence = 2",
                         "DELETE FROM ledger_events",
                         $"DELETE FROM ledger_events WHERE organization_id = {DemoChain} AND sequence = 3",
                     })
            {
                await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(connection, sql));
            }

            if (provider == Provider.Postgres)
            {
                await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(connection, "TRUNCATE ledger_events"));
            }

            Assert.Equal(before, await CountAsync(connection));
        }

        (await Cli.RunAsync(db, verify)).Expect(Cli.Ok);

        // Someone who can drop the guard changes one byte of demo's third event.
        await using (var connection = await OpenAsync(db))
        {
            await ExecuteAsync(connection, provider == Provider.Sqlite
                ? "DROP TRIGGER ledger_events_no_update"
                : "DROP TRIGGER ledger_events_no_change ON ledger_events");
            var changed = await ExecuteAsync(connection,
                $"UPDATE ledger_events SET json = replace(json, '\"action\":\"', '\"action\":\"x') WHERE organization_id = {DemoChain} AND sequence = 3");
            Assert.Equal(1, changed);
        }

        var all = (await Cli.RunAsync(db, verify)).Expect(Cli.CheckFailed);
        Names(all, "demo", 3);
        Assert.Contains(Cli.Lines(all.Stdout), l => l.StartsWith("system:", StringComparison.Ordinal) && l.Contains("intact", StringComparison.Ordinal));
        Assert.Contains(Cli.Lines(all.Stdout), l => l.StartsWith("sandbox:", StringComparison.Ordinal) && l.Contains("intact", StringComparison.Ordinal));

        Names((await Cli.RunAsync(db, verify, "--org", "demo")).Expect(Cli.CheckFailed), "demo", 3);
        (await Cli.RunAsync(db, verify, "--org", "sandbox")).Expect(Cli.Ok);

        // The export carries the changed bytes as they are, and the offline check catches them too.
        using var temp = new TempFolder();
        var export = (await Cli.RunAsync(db, ["ledger", "export"], "--org", "demo")).Expect(Cli.Ok);
        var file = temp.File("demo.jsonl");
        await File.WriteAllTextAsync(file, export.Stdout);
        var offline = (await Cli.RunAsync("verify", "--file", file)).Expect(Cli.CheckFailed);
        Assert.Matches(@"broken.*\bevent 3\b", offline.Stdout + offline.Stderr);

        // And an event removed from sandbox's chain leaves a gap that verify names.
        await using (var connection = await OpenAsync(db))
        {
            if (provider == Provider.Sqlite)
            {
                await ExecuteAsync(connection, "DROP TRIGGER ledger_events_no_delete");
            }

            Assert.Equal(1, await ExecuteAsync(connection, $"DELETE FROM ledger_events WHERE organization_id = {SandboxChain} AND sequence = 2"));
        }

        var gap = (await Cli.RunAsync(db, verify, "--org", "sandbox")).Expect(Cli.CheckFailed);
        Names(gap, "sandbox", 2, 3); // the missing event, or the one found in its place
    }
}
