using Aims.Web.Features.Inventory.Transfer;
using Microsoft.AspNetCore.Http.Features;

namespace Aims.Web.Infrastructure;

/// <summary>
/// Refuses a declared body over the limit with 413 before anything reads it. Kestrel enforces the same limit on
/// bodies without a length; this makes the answer a problem naming the rule, on every server. Inventory imports
/// carry whole spreadsheets and get a larger limit (for the server and for multipart forms alike).
/// </summary>
public sealed class RequestSizeLimit(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var import = HttpMethods.IsPost(context.Request.Method)
            && (context.Request.Path.Equals(InventoryTransferApi.ApiImportPath, StringComparison.OrdinalIgnoreCase)
                || context.Request.Path.Equals(InventoryTransferApi.PagePath, StringComparison.OrdinalIgnoreCase));
        // Evidence uploads stream their file and enforce their own (configurable) limit as they read.
        var evidence = Features.Evidence.EvidenceUpload.IsUploadPath(context.Request);
        var limit = evidence ? Features.Evidence.EvidenceUpload.BodyLimit(Features.Evidence.EvidenceUpload.MaxBytes(context.RequestServices.GetRequiredService<IConfiguration>()))
            : import ? InventoryTransferApi.MaxImportBytes : AimsHost.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await Problems.Write(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"The body must not exceed {limit} bytes.",
                new Dictionary<string, string[]> { ["body"] = [$"must not exceed {limit} bytes"] });
            return;
        }

        if (import)
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }

            context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions { MultipartBodyLengthLimit = limit }));
        }

        await next(context);
    }
}
