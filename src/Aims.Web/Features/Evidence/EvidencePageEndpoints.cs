using System.Text.Json;
using Aims.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Aims.Web.Features.Evidence;

/// <summary>What a refused upload form gives back to its page: the values typed and the messages per field.</summary>
public sealed record UploadFormState(Dictionary<string, string> Values, Dictionary<string, string[]> Errors);

/// <summary>
/// The pages' side of uploads and downloads, with the sign-in cookie. Static SSR has no interactive file input, so the
/// upload forms post multipart straight here; the endpoint streams the file (see <see cref="EvidenceUpload"/>), checks
/// the form's antiforgery token as it arrives (before any file byte is read) and answers with a redirect: to the item,
/// or back to the form with its messages next to the fields (carried protected in the address, so they cannot be forged).
/// </summary>
public static class EvidencePageEndpoints
{
    private const string Purpose = "aims.evidence.upload-form";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/evidence/upload", (HttpContext c, CancellationToken ct) => UploadAsync(c, null, ct)).RequireAuthorization(Policies.Write).DisableAntiforgery();
        app.MapPost("/evidence/{reference}/upload", (string reference, HttpContext c, CancellationToken ct) => UploadAsync(c, reference, ct)).RequireAuthorization(Policies.Write).DisableAntiforgery();
        app.MapGet("/evidence/{reference}/versions/{number:int}/download", (string reference, int number, HttpContext c, CancellationToken ct) => EvidenceApi.Download(reference, number, c, ct))
            .RequireAuthorization(Policies.Read);
        app.MapGet("/evidence/export.csv", async (HttpContext c, string? sort, string? q, string? freshness, string? owner, string? control, CancellationToken ct) =>
        {
            var outcome = await EvidenceCsv.WriteAsync(EvidenceService.From(c.RequestServices), new Infrastructure.PageQuery(null, null, sort, q), new EvidenceFilter(freshness, owner, control), ct);
            return outcome.IsOk ? Results.File(outcome.Value!, "text/csv; charset=utf-8", "evidence.csv") : Infrastructure.Problems.Invalid(outcome.Errors);
        }).RequireAuthorization(Policies.Read);
    }

    private static async Task<IResult> UploadAsync(HttpContext context, string? reference, CancellationToken ct)
    {
        var service = EvidenceService.From(context.RequestServices);
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        var options = context.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;
        var validated = false;
        var limit = EvidenceUpload.MaxBytes(context.RequestServices.GetRequiredService<IConfiguration>());
        var formPage = reference is null ? "/evidence/new" : $"/evidence/{reference}";
        await using var upload = await EvidenceUpload.ReadAsync(context.Request, service.Store, limit, async (name, value) =>
        {
            if (name != options.FormFieldName)
            {
                // Other fields are kept; the whole upload is refused below unless a valid token came with it.
                return true;
            }

            validated = await ValidTokenAsync(context, antiforgery, options, value);
            return validated;
        }, ct);
        if (!validated)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form has expired",
                detail: "The form's antiforgery token is missing or not valid: reload the page and send the form again.");
        }

        if (!upload.Ok)
        {
            return Back(context, formPage, upload, upload.Errors);
        }

        var input = EvidenceApi.CheckUpload(upload);
        if (input is null)
        {
            return Back(context, formPage, upload, upload.Errors);
        }

        if (upload.Field("reason") is { Length: > 0 } reason)
        {
            service.Db.Session.Reason = reason.Length > 500 ? reason[..500] : reason;
        }

        Infrastructure.Outcome<Data.Entities.EvidenceItem> outcome;
        if (reference is null)
        {
            outcome = await service.CreateAsync(input, upload.File, ct);
        }
        else
        {
            var item = await service.FindAsync(reference, ct);
            if (item is null)
            {
                return TypedResults.NotFound();
            }

            outcome = await service.AddVersionAsync(item, input, upload.File, long.TryParse(upload.Field("version"), out var v) ? v : null, ct);
        }

        return outcome.IsOk
            ? TypedResults.Redirect($"/evidence/{outcome.Value!.Reference}?saved=1")
            : Back(context, formPage, upload, outcome.Status == Infrastructure.OutcomeStatus.Invalid ? outcome.Errors : new() { ["form"] = [.. outcome.Messages] });
    }

    /// <summary>
    /// Checks the token the form carried: the token store reads a header when the request is not a form, so the
    /// multipart body (which would otherwise be read whole) is hidden while it looks.
    /// </summary>
    private static async Task<bool> ValidTokenAsync(HttpContext context, IAntiforgery antiforgery, AntiforgeryOptions options, string token)
    {
        var contentType = context.Request.ContentType;
        var header = options.HeaderName ?? "RequestVerificationToken";
        try
        {
            context.Request.ContentType = "application/octet-stream";
            context.Request.Headers[header] = token;
            return await antiforgery.IsRequestValidAsync(context);
        }
        finally
        {
            context.Request.ContentType = contentType;
            context.Request.Headers.Remove(header);
        }
    }

    private static RedirectHttpResult Back(HttpContext context, string page, UploadBody upload, Dictionary<string, string[]> errors)
    {
        var values = upload.Fields.Where(f => f.Key is not ("__RequestVerificationToken" or "version")).ToDictionary(f => f.Key, f => string.Join(",", f.Value));
        var state = JsonSerializer.Serialize(new UploadFormState(values, errors));
        var protector = context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
        return TypedResults.Redirect($"{page}?form={Uri.EscapeDataString(protector.Protect(state))}");
    }

    /// <summary>The state a refused upload left for its form, or null when there is none or it was tampered with.</summary>
    public static UploadFormState? Read(IServiceProvider services, string? form)
    {
        if (string.IsNullOrEmpty(form))
        {
            return null;
        }

        try
        {
            var json = services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(form);
            return JsonSerializer.Deserialize<UploadFormState>(json);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
