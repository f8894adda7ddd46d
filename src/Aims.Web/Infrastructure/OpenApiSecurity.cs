using Aims.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Aims.Web.Infrastructure;

/// <summary>Declares the bearer-token scheme in the OpenAPI document so the reference page can send a token.</summary>
public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerTokenHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A personal access token (aims_...), from `aims token create` or the Tokens page.",
        };
        document.Info.Title = "Aims API";
        document.Info.Description = "The REST API of Aims, the ISO/IEC 42001 AI management system. Bearer tokens only.";
        return Task.CompletedTask;
    }
}
