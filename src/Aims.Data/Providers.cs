using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Aims.Data;

/// <summary>The embedded default: one SQLite file. Times are stored as sortable integers.</summary>
public sealed class SqliteAimsDbContext(DbContextOptions<SqliteAimsDbContext> options, AimsSession session) : AimsDbContext(options, session)
{
    public override bool IsPostgres => false;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no time type; as ticks the values sort and compare correctly and keep their microseconds.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>PostgreSQL, for deployments with several web nodes.</summary>
public sealed class PostgresAimsDbContext(DbContextOptions<PostgresAimsDbContext> options, AimsSession session) : AimsDbContext(options, session)
{
    public override bool IsPostgres => true;
}

/// <summary>Used by <c>dotnet ef</c> only.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAimsDbContext>
{
    public SqliteAimsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAimsDbContext>().UseSqlite("Data Source=design.db").Options, new AimsSession());
}

/// <summary>Used by <c>dotnet ef</c> only.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAimsDbContext>
{
    public PostgresAimsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAimsDbContext>().UseNpgsql("Host=localhost;Database=aims_design").Options, new AimsSession());
}
