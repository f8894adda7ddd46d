using System.Text.Json;
using System.Text.Json.Serialization;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Web.Components;
using Aims.Web.Features;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Scalar.AspNetCore;

namespace Aims.Web;

/// <summary>What a start of the web app needs to know: where the data is and whether to seed the demo organizations.</summary>
public sealed record AimsHostOptions(DatabaseSettings Database, bool Demo = false)
{
    /// <summary>For the web project's own entry point: AIMS_DATABASE, else the SQLite file in AIMS_DATA or the per-user folder.</summary>
    public static AimsHostOptions FromEnvironment() =>
        new(DatabaseSettings.Resolve(null, Environment.GetEnvironmentVariable("AIMS_DATA")), Environment.GetEnvironmentVariable("AIMS_DEMO") == "1");
}

/// <summary>
/// The one builder of the web app. The web project's Program and <c>aims serve</c> both call <see cref="Build"/>.
/// </summary>
public static class AimsHost
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <param name="contentRoot">
    /// Where wwwroot and the static-asset manifest are: `aims serve` passes its own folder so it serves the same files
    /// wherever it is started from; the web project's Program leaves it to the host (and to WebApplicationFactory).
    /// </param>
    public static WebApplication Build(AimsHostOptions options, string[] args, Action<WebApplicationBuilder>? configure = null, string? contentRoot = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = contentRoot });
        // Serves wwwroot and the framework's scripts when run from a build folder; a no-op in a published folder.
        builder.WebHost.UseStaticWebAssets();
        // SQL statements are not news at Information level; warnings and errors still show.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            k.AddServerHeader = false;
        });
        builder.Services.Configure<FormOptions>(f => f.MultipartBodyLengthLimit = MaxRequestBodyBytes);
        options = WithLedgerSettings(options, builder.Configuration);
        AddServices(builder.Services, options);
        configure?.Invoke(builder);

        var app = builder.Build();
        Configure(app);
        return app;
    }

    /// <summary>Aims:Ledger:KeyDirectory (shared by every node) and Aims:Ledger:CheckpointInterval, when configured.</summary>
    private static AimsHostOptions WithLedgerSettings(AimsHostOptions options, ConfigurationManager configuration)
    {
        var database = options.Database;
        if (configuration["Aims:Ledger:KeyDirectory"] is { Length: > 0 } keys)
        {
            database = database with { LedgerKeyDirectory = keys };
        }

        if (configuration.GetValue<int?>("Aims:Ledger:CheckpointInterval") is { } interval)
        {
            database = database with { CheckpointInterval = interval };
        }

        return options with { Database = database };
    }

    private static void AddServices(IServiceCollection services, AimsHostOptions options)
    {
        // First of all hosted services: the database must be migrated before anything (the key ring) reads it.
        services.AddSingleton<Readiness>();
        services.AddHostedService<AimsInitializer>();
        services.AddSingleton(options);
        services.AddSingleton(options.Database);
        services.AddSingleton(TimeProvider.System);
        services.AddAimsData();
        Features.Lifecycle.LifecycleServices.AddLifecycle(services);

        services.AddAimsIdentity();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddIdentityCookies();
        services.AddAuthentication().AddScheme<BearerTokenOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "aims.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        services.AddAimsAuthorization();
        services.AddScoped<SessionResolver>();
        Features.Registers.AllRegisters.AddRegisters(services);

        services.AddRazorComponents();
        services.AddAntiforgery(o => o.Cookie.Name = "aims.antiforgery");
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();

        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
            if (ctx.ProblemDetails is HttpValidationProblemDetails validation)
            {
                // Field names as the client wrote them (camelCase JSON), whichever validator produced them.
                var errors = validation.Errors.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value);
                validation.Errors.Clear();
                foreach (var (key, value) in errors)
                {
                    validation.Errors[key] = value;
                }
            }
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddValidation();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityTransformer>());

        services.AddHealthChecks()
            .AddCheck<ReadinessCheck>("ready", tags: ["ready"]);
    }

    private static void Configure(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseMiddleware<RequestSizeLimit>();
        app.UseMiddleware<TextGuard>();
        // Pages get a page for an empty 404; the API gets problem details (AddProblemDetails) for any empty error.
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePages());
        // Routing after the status-code pages, so a re-executed request is routed again.
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<SessionMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapOpenApi();
        app.MapScalarApiReference("/api/docs", o => o
            .WithTitle("Aims API")
            .DisableDefaultFonts()
            // Scalar's default fonts come from its CDN; these are the ones the pages use, nothing from the network.
            .WithCustomCss(":root { --scalar-font: 'Liberation Sans', Arial, Helvetica, sans-serif; --scalar-font-code: 'Liberation Mono', monospace; }")
            .AddPreferredSecuritySchemes(BearerTokenHandler.SchemeName));

        var api = app.MapGroup("/api/v1").DisableAntiforgery();
        FeatureEndpoints.Map(api, app);

        app.MapRazorComponents<App>();
    }
}

/// <summary>The API's JSON rules: camelCase, kebab-case enum strings (never numbers), unknown members refused.</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        o.NumberHandling = JsonNumberHandling.Strict;
        o.RespectNullableAnnotations = true;
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        o.Converters.Add(new UtcMicrosecondsConverter());
        o.Converters.Add(new NoNulStringConverter());
        o.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }

    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(o);
        return o;
    }
}

/// <summary>Times on the wire are UTC ISO 8601 with microseconds ("2026-11-23T21:34:59.123456Z"); any offset is accepted on input.</summary>
public sealed class UtcMicrosecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Aims.Domain.Ledger.LedgerCanonicalJson.FormatTime(value));
}

public static class IdentityServiceCollectionExtensions
{
    /// <summary>People, passwords and the key ring: the same rules for the web app and for `aims` verbs that add people.</summary>
    public static IServiceCollection AddAimsIdentity(this IServiceCollection services)
    {
        services.AddIdentityCore<Person>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AimsDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddDataProtection().SetApplicationName("aims").PersistKeysToDbContext<AimsDbContext>();
        return services;
    }
}
