using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aims.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the data lives: an SQLite file in a data folder (the embedded default) or a PostgreSQL connection string
/// (<c>--database</c> or <c>AIMS_DATABASE</c>).
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string EnvironmentVariable = "AIMS_DATABASE";
    public const string FileName = "aims.db";

    /// <summary>Where the ledger signing keys are (AIMS_LEDGER_KEYS, Aims:Ledger:KeyDirectory); null: "keys" beside the SQLite file, or in the per-user folder.</summary>
    public string? LedgerKeyDirectory { get; init; } = Environment.GetEnvironmentVariable("AIMS_LEDGER_KEYS") is { Length: > 0 } keys ? keys : null;

    /// <summary>A checkpoint every this many events (AIMS_CHECKPOINT_INTERVAL, Aims:Ledger:CheckpointInterval); 0 turns automatic ones off.</summary>
    public int CheckpointInterval { get; init; } =
        int.TryParse(Environment.GetEnvironmentVariable("AIMS_CHECKPOINT_INTERVAL"), System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n : Ledger.LedgerSigning.DefaultInterval;

    public static string DefaultDataFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "aims");

    public static DatabaseSettings ForFolder(string folder)
    {
        Directory.CreateDirectory(folder);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(Path.GetFullPath(folder), FileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 30,
            Pooling = true,
        };
        return new DatabaseSettings(DatabaseProvider.Sqlite, builder.ToString());
    }

    /// <summary>A PostgreSQL connection string ("Host=...") or an SQLite one ("Data Source=...").</summary>
    public static DatabaseSettings ForConnectionString(string connectionString) =>
        connectionString.TrimStart().StartsWith("Data Source", StringComparison.OrdinalIgnoreCase)
            ? new DatabaseSettings(DatabaseProvider.Sqlite, connectionString)
            : new DatabaseSettings(DatabaseProvider.Postgres, connectionString);

    /// <summary>--database wins, then AIMS_DATABASE, then the SQLite file in --data (or the per-user folder).</summary>
    public static DatabaseSettings Resolve(string? database, string? dataFolder)
    {
        if (!string.IsNullOrWhiteSpace(database))
        {
            return ForConnectionString(database);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(dataFolder) && !string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return ForConnectionString(fromEnvironment);
        }

        return ForFolder(string.IsNullOrWhiteSpace(dataFolder) ? DefaultDataFolder : dataFolder);
    }

    public string Describe() => Provider == DatabaseProvider.Sqlite
        ? "SQLite " + new SqliteConnectionStringBuilder(ConnectionString).DataSource
        : "PostgreSQL " + string.Join(' ', new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) is var b ? [b.Host ?? "", b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), b.Database ?? ""] : Array.Empty<string>());
}

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the AimsDbContext and the per-scope session it filters by. The provider is chosen when a context is
    /// created, from the <see cref="DatabaseSettings"/> registered in the container (tests replace that one service).
    /// </summary>
    public static IServiceCollection AddAimsData(this IServiceCollection services)
    {
        services.AddScoped<AimsSession>();
        services.AddDbContext<SqliteAimsDbContext>((sp, o) => o.UseSqlite(sp.GetRequiredService<DatabaseSettings>().ConnectionString));
        services.AddDbContext<PostgresAimsDbContext>((sp, o) => o.UseNpgsql(sp.GetRequiredService<DatabaseSettings>().ConnectionString));
        services.AddSingleton(sp => Ledger.LedgerSigning.For(sp.GetRequiredService<DatabaseSettings>()));
        services.AddSingleton(sp => sp.GetRequiredService<Ledger.LedgerSigning>().Keys);
        services.AddScoped<AimsDbContext>(sp =>
        {
            AimsDbContext db = sp.GetRequiredService<DatabaseSettings>().Provider == DatabaseProvider.Sqlite
                ? sp.GetRequiredService<SqliteAimsDbContext>()
                : sp.GetRequiredService<PostgresAimsDbContext>();
            db.Signing = sp.GetRequiredService<Ledger.LedgerSigning>();
            return db;
        });
        return services;
    }

    /// <summary>A context outside dependency injection, for the command line and tests.</summary>
    public static AimsDbContext CreateContext(DatabaseSettings settings, AimsSession session)
    {
        AimsDbContext db = settings.Provider == DatabaseProvider.Sqlite
            ? new SqliteAimsDbContext(new DbContextOptionsBuilder<SqliteAimsDbContext>().UseSqlite(settings.ConnectionString).Options, session)
            : new PostgresAimsDbContext(new DbContextOptionsBuilder<PostgresAimsDbContext>().UseNpgsql(settings.ConnectionString).Options, session);
        db.Signing = Ledger.LedgerSigning.For(settings);
        return db;
    }
}
