using Aims.Data;
using Npgsql;

namespace Aims.Testing;

public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A fresh, empty database for one test class: an SQLite file in a temp folder, or a new database on the real
/// PostgreSQL server the test command started (AIMS_TEST_POSTGRES). Dropped afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "AIMS_TEST_POSTGRES";

    private readonly string? _folder;
    private readonly string? _databaseName;

    private TestDatabase(DatabaseSettings settings, string? folder, string? databaseName)
    {
        Settings = settings;
        _folder = folder;
        _databaseName = databaseName;
    }

    public DatabaseSettings Settings { get; }

    public Provider Provider => Settings.Provider == DatabaseProvider.Sqlite ? Provider.Sqlite : Provider.Postgres;

    /// <summary>The SQLite data folder (for `aims --data`); null on PostgreSQL.</summary>
    public string? Folder => _folder;

    /// <summary>The arguments that point an `aims` verb at this database.</summary>
    public string[] CliArguments => _folder is not null ? ["--data", _folder] : ["--database", Settings.ConnectionString];

    public static Task<TestDatabase> CreateAsync(Provider provider) =>
        provider == Provider.Sqlite ? Task.FromResult(CreateSqlite()) : CreatePostgresAsync();

    public static TestDatabase CreateSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "aims-test-" + Guid.NewGuid().ToString("N")[..12]);
        return new TestDatabase(DatabaseSettings.ForFolder(folder), folder, null);
    }

    public static async Task<TestDatabase> CreatePostgresAsync()
    {
        var server = PostgresServer;
        var name = "aims_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true, MaxPoolSize = 40 };
        return new TestDatabase(new DatabaseSettings(DatabaseProvider.Postgres, builder.ConnectionString), null, name);
    }

    /// <summary>The server's connection string; the test command sets it. Missing it is an error, never a skip.</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run the tests with ./scripts/test.sh, which starts a throwaway PostgreSQL server and sets it.");

    public AimsDbContext CreateContext(AimsSession? session = null) => DataServiceCollectionExtensions.CreateContext(Settings, session ?? new AimsSession());

    public async ValueTask DisposeAsync()
    {
        if (_databaseName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A process that still holds the file is gone soon; the temp folder is cleaned by the OS.
            }
        }
    }
}
