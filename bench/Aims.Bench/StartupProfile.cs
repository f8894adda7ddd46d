using System.Diagnostics;
using System.Globalization;
using Aims.Data;
using Aims.Domain.Catalog;
using Aims.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aims.Bench;

/// <summary>
/// `startup-profile --data DIR`: where a cold start of the server spends its time, phase by phase, in this fresh process.
/// It builds the app with the product's own <see cref="AimsHost.Build"/> and runs the steps of its start-up initializer
/// one by one before starting it, so each phase's time includes the JIT compilation it triggers first. Run it on a
/// folder that `aims serve` already created (the restart case); the numbers add up to about what `aims serve` needs.
/// </summary>
public static class StartupProfile
{
    public static async Task<int> RunAsync(Arguments a)
    {
        var data = a.Required("data");
        var port = (int)a.Number("port", 5299);
        a.RejectUnknown();
        var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        var phases = new List<(string Name, double Ms)>();
        var clock = Stopwatch.StartNew();
        void Phase(string name)
        {
            phases.Add((name, clock.Elapsed.TotalMilliseconds));
            clock.Restart();
        }

        var sinceProcessStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        phases.Add(("runtime start until Main (this tool, not aims)", sinceProcessStart));
        clock.Restart();

        var settings = DatabaseSettings.ForFolder(data);
        var app = AimsHost.Build(new AimsHostOptions(settings), [], b => b.WebHost.UseUrls(url));
        Phase("AimsHost.Build (builder, services, endpoints)");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AimsSession>().ActAsSystem("startup-profile");
            var db = scope.ServiceProvider.GetRequiredService<AimsDbContext>();
            Phase("resolve AimsDbContext (DI scope)");
            _ = db.Model;
            Phase("EF Core model of the context (first use)");
            var pending = (await db.Database.GetPendingMigrationsAsync()).Count();
            Phase($"migrations: pending check ({pending} pending)");
            await DatabaseInitializer.MigrateAsync(db);
            Phase("DatabaseInitializer.MigrateAsync (WAL pragma, Migrate)");
            var catalog = CatalogReader.Load();
            Phase("CatalogReader.Load (embedded JSON, validation)");
            _ = DatabaseInitializer.Digest(catalog);
            Phase("catalog digest");
            await DatabaseInitializer.LoadCatalogAsync(db, catalog);
            Phase("DatabaseInitializer.LoadCatalogAsync (release lookup)");
        }

        await app.StartAsync();
        Phase("app.StartAsync (hosted services again, warm; Kestrel)");
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Phase($"first GET /health/ready ({(int)ready.StatusCode}; routing table, health check, DB)");
        var second = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Phase($"second GET /health/ready ({(int)second.StatusCode})");
        var login = await http.GetAsync(new Uri("/login", UriKind.Relative));
        Phase($"first GET /login ({(int)login.StatusCode}; Razor components, antiforgery, DataProtection key ring)");
        await app.StopAsync();
        await app.DisposeAsync();

        Console.WriteLine("phase                                                                  ms");
        foreach (var (name, ms) in phases)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-66} {ms,8:F0}"));
        }

        var toReady = phases.TakeWhile(p => !p.Name.StartsWith("second", StringComparison.Ordinal)).Sum(p => p.Ms);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"total until the first ready answer",-66} {toReady,8:F0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU time of this process: {Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds:F0} ms; GC heap {GC.GetTotalMemory(false) / 1048576} MB"));
        return 0;
    }
}
