using System.Collections.Concurrent;
using Aims.Testing;

namespace Aims.Cli.Tests;

/// <summary>
/// A database with the demo seeded by a real `aims serve --demo`, which keeps running beside the command-line
/// processes of the tests (several processes on one database is the point). Started on first use, per provider, so
/// a missing PostgreSQL fails the PostgreSQL tests only.
/// </summary>
public sealed class DemoDatabase : IAsyncDisposable
{
    private readonly Lazy<Task<string[]>> _export;
    private bool _stopped;

    private DemoDatabase(TestDatabase database, AimsProcess server)
    {
        Database = database;
        Server = server;
        _export = new Lazy<Task<string[]>>(async () =>
        {
            var result = (await Cli.RunAsync(database, ["ledger", "export"], "--org", "demo")).Expect(Cli.Ok);
            var lines = Cli.Lines(result.Stdout);
            Assert.Contains($"Exported {lines.Length - 1} event(s) of demo", result.Stderr, StringComparison.Ordinal); // and a signed head
            return lines;
        });
    }

    public TestDatabase Database { get; }

    public AimsProcess Server { get; }

    public string Url => Server.Url;

    /// <summary>Creates a fresh database and starts `aims serve --demo` on it; returns once /health/ready answers 200.</summary>
    public static async Task<DemoDatabase> StartAsync(Provider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        AimsProcess? server = null;
        try
        {
            server = await AimsProcess.ServeAsync(database, demo: true);
            Assert.False(string.IsNullOrEmpty(server.DemoPassword), "aims serve --demo should print the administrator's password:\n" + server.Output);
            await Cli.WaitForOkAsync(server.Url.TrimEnd('/') + "/health/ready", TimeSpan.FromSeconds(60));
            return new DemoDatabase(database, server);
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>`aims ledger export --org demo` as taken once (a copy each call): one line per event, then the signed head.</summary>
    public async Task<string[]> DemoExportAsync() => [.. await _export.Value];

    /// <summary>Stops the server, keeping the seeded database.</summary>
    public async ValueTask StopServerAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await Server.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>One demo database per provider, created when a test first asks for it.</summary>
public sealed class DemoDatabases : IAsyncLifetime
{
    private readonly ConcurrentDictionary<Provider, Lazy<Task<DemoDatabase>>> _started = new();

    public Task<DemoDatabase> GetAsync(Provider provider) =>
        _started.GetOrAdd(provider, p => new Lazy<Task<DemoDatabase>>(() => DemoDatabase.StartAsync(p))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var started in _started.Values)
        {
            if (started.IsValueCreated)
            {
                try
                {
                    await (await started.Value).DisposeAsync();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // It never started (e.g. no PostgreSQL); the tests that asked for it have failed already.
                }
            }
        }
    }
}

/// <summary>The token tests' demo databases (a collection of their own so that they run beside the ledger tests).</summary>
[CollectionDefinition(Name)]
public sealed class TokenDemoCollection : ICollectionFixture<DemoDatabases>
{
    public const string Name = "demo database for tokens";
}

/// <summary>The ledger tests' demo databases.</summary>
[CollectionDefinition(Name)]
public sealed class LedgerDemoCollection : ICollectionFixture<DemoDatabases>
{
    public const string Name = "demo database for the ledger";
}

/// <summary>The concurrent writers' demo databases, whose chain nothing else writes to while they count it.</summary>
[CollectionDefinition(Name)]
public sealed class WritersDemoCollection : ICollectionFixture<DemoDatabases>
{
    public const string Name = "demo database for concurrent writers";
}
