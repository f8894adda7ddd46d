using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Evidence;
using Aims.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Evidence;

/// <summary>
/// Sends a stored file back: always as an attachment, never sniffed by the browser, and active content (HTML, SVG)
/// as plain bytes, so a file uploaded as evidence can never run script in the product's origin.
/// </summary>
public static class EvidenceDownload
{
    public static Task<EvidenceVersion?> VersionAsync(AimsDbContext db, EvidenceItem item, int number, CancellationToken ct) =>
        db.EvidenceVersions.AsNoTracking().FirstOrDefaultAsync(v => v.EvidenceId == item.Id && v.Number == number, ct);

    public static async Task<IResult> SendAsync(EvidenceService service, HttpContext context, EvidenceVersion version, CancellationToken ct)
    {
        if (version.Sha256.Length == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No file",
                detail: $"Version {version.Number} is {(version.Url.Length > 0 ? "a link: " + version.Url : "a record: " + version.Record)}, not a file.");
        }

        var stream = await service.Store.OpenAsync(service.Db, version.Sha256, ct);
        if (stream is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Content missing",
                detail: $"The stored content {version.Sha256} of version {version.Number} is missing from the evidence store.");
        }

        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        headers.CacheControl = "private, no-store";
        headers["X-Content-SHA256"] = version.Sha256;
        var type = ContentSniffer.IsActive(version.ContentType) || version.ContentType.Length == 0 ? ContentSniffer.Binary : version.ContentType;
        return TypedResults.Stream(stream, type, version.FileName);
    }
}
