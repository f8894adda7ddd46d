using System.Net.Http.Headers;
using Aims.Data;
using Aims.Domain.People;
using Aims.Web;
using Aims.Web.Features.Tokens;
using Aims.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aims.Testing;

/// <summary>
/// The web app in process, on a test database, with the demo organizations seeded through the real start-up path.
/// Only the database settings are replaced; everything else is the product as shipped.
/// </summary>
public sealed class AimsFactory(TestDatabase database, bool demo = true) : WebApplicationFactory<Program>
{
    public TestDatabase Database => database;

    /// <summary>The product clock (TimeProvider) of this app: moves forward only when a test says so.</summary>
    public MovableClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Request-by-request information drowns a failing test's message in the log; warnings and errors stay.
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(database.Settings);
            services.AddSingleton(new AimsHostOptions(database.Settings, demo));
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>The demo administrator's password, as `aims serve --demo` prints it.</summary>
    public string DemoPassword => Services.GetRequiredService<Readiness>().DemoLogin?.Password
        ?? throw new InvalidOperationException("The demo was not seeded by this factory.");

    /// <summary>Runs code in a request-like scope acting in an organization (as the system), e.g. to arrange data.</summary>
    public async Task<T> InOrganizationAsync<T>(string slug, Func<AimsDbContext, AimsSession, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AimsDbContext>();
        var session = scope.ServiceProvider.GetRequiredService<AimsSession>();
        var org = await db.Organizations.AsNoTracking().SingleAsync(o => o.Slug == slug);
        session.ActAsSystem("test", org.Id);
        return await work(db, session);
    }

    /// <summary>A token for a demo person, created through the same service as `aims token create`.</summary>
    public Task<string> TokenAsync(string email, string slug = "demo", Scope? scope = null) =>
        InOrganizationAsync(slug, async (db, _) =>
        {
            var normalized = email.ToUpperInvariant();
            var person = await db.Users.SingleAsync(p => p.NormalizedEmail == normalized);
            var outcome = await TokenService.CreateAsync(db, person.Id, Scope.Admin, new CreateTokenRequest { Name = "test", Scope = scope }, default);
            return outcome.Value?.Secret ?? throw new InvalidOperationException(string.Join("; ", outcome.Messages));
        });

    public HttpClient ApiClient(string token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
