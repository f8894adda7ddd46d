using Aims.Data;
using Aims.Domain.People;
using Microsoft.AspNetCore.Authorization;

namespace Aims.Web.Infrastructure.Auth;

/// <summary>
/// Policies are declared per endpoint and per page: read (any member), write (a role that changes records), admin.
/// The "api-" ones authenticate with a bearer token only; the others with the sign-in cookie.
/// </summary>
public static class Policies
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";
    public const string ApiRead = "api-read";
    public const string ApiWrite = "api-write";
    public const string ApiAdmin = "api-admin";

    /// <summary>Any bearer token; the lifecycle ingestion endpoint then requires an ingestion token for the system itself.</summary>
    public const string ApiIngest = "api-ingest";

    public static IServiceCollection AddAimsAuthorization(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, ScopeHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Read, p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(Scope.Read)))
            .AddPolicy(Write, p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(Scope.Write)))
            .AddPolicy(Admin, p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(Scope.Admin)))
            .AddPolicy(ApiRead, p => Api(p).AddRequirements(new ScopeRequirement(Scope.Read)))
            .AddPolicy(ApiWrite, p => Api(p).AddRequirements(new ScopeRequirement(Scope.Write)))
            .AddPolicy(ApiAdmin, p => Api(p).AddRequirements(new ScopeRequirement(Scope.Admin)))
            .AddPolicy(ApiIngest, p => Api(p));
        return services;
    }

    private static AuthorizationPolicyBuilder Api(AuthorizationPolicyBuilder p) =>
        p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireAuthenticatedUser();
}

public sealed record ScopeRequirement(Scope Minimum) : IAuthorizationRequirement;

/// <summary>Succeeds when the session (resolved by <see cref="SessionMiddleware"/>) is in an organization with enough scope.</summary>
public sealed class ScopeHandler(IHttpContextAccessor accessor) : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var session = accessor.HttpContext?.RequestServices.GetService<AimsSession>();
        // An ingestion token appends lifecycle events of one system and can do nothing else, not even read.
        if (session is { OrganizationId: not null, Scope: { } scope, IngestSystemId: null } && scope >= requirement.Minimum)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
