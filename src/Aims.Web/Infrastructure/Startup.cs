using Aims.Data;
using Aims.Domain.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aims.Web.Infrastructure;

/// <summary>Set once the database is migrated, the catalog loaded and the demo seeded.</summary>
public sealed class Readiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    /// <summary>The demo administrator's password when this start created it; printed once by <c>aims serve</c>.</summary>
    public DemoLogin? DemoLogin { get; set; }

    public void MarkReady() => _ready = true;
}

public sealed record DemoLogin(string Email, string? Password);

public sealed class ReadinessCheck(Readiness readiness, AimsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsReady)
        {
            return HealthCheckResult.Unhealthy("starting: migrations, catalog or demo data not done yet");
        }

        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("the database does not answer");
    }
}

/// <summary>Runs before the server takes requests: migrations, catalog, demo data; then marks the app ready.</summary>
public sealed class AimsInitializer(IServiceScopeFactory scopes, AimsHostOptions options, Readiness readiness, ILogger<AimsInitializer> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<AimsSession>().ActAsSystem("startup");
        var db = services.GetRequiredService<AimsDbContext>();
        await DatabaseInitializer.MigrateAsync(db, cancellationToken);
        if (await DatabaseInitializer.LoadCatalogAsync(db, CatalogReader.Load(), cancellationToken))
        {
            logger.LogInformation("Loaded catalog {Version}", CatalogReader.Load().Version);
        }

        // The cookie key ring is created now, outside any transaction: on SQLite its first write would wait for one.
        services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector("aims.startup").Protect(System.Text.Encoding.UTF8.GetBytes("ready"));

        if (options.Demo)
        {
            try
            {
                readiness.DemoLogin = await DemoSeeder.SeedAsync(services, cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node seeded it at the same moment; its start printed the password.
                if (!await DemoExistsAsync(services, cancellationToken))
                {
                    throw;
                }

                readiness.DemoLogin = new DemoLogin(DemoSeeder.AdminEmail, null);
            }
        }

        readiness.MarkReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<bool> DemoExistsAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AimsDbContext>();
        return await db.Organizations.AnyAsync(o => o.Slug == DemoSeeder.DemoSlug, ct);
    }
}
