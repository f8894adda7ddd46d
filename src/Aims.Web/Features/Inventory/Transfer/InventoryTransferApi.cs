using Aims.Data;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Aims.Web.Infrastructure.Registers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Inventory.Transfer;

public sealed record ImportSummary(int Created, int Updated, int Unchanged, IReadOnlyList<string> PeopleToInvite);

/// <summary>Export, template and import of the inventory through the API (bearer) and the page's downloads (cookie).</summary>
public static class InventoryTransferApi
{
    /// <summary>Bodies up to this size may be imported (the rest of the API stops at <see cref="AimsHost.MaxRequestBodyBytes"/>).</summary>
    public const long MaxImportBytes = 50L * 1024 * 1024;

    public const string ApiImportPath = "/api/v1/inventory/import";

    public const string PagePath = "/inventory/transfer";

    private static readonly string[] BodyTypes =
    [
        "application/json", "text/csv", "application/octet-stream", InventoryTransfer.ContentType(TransferFormat.Xlsx),
    ];

    /// <summary>The export, template and import endpoints of one transfer set, under <paramref name="api"/>.</summary>
    public static void Map(RouteGroupBuilder api, TransferSet set)
    {
        api.MapGet("/export", (HttpContext c, AimsDbContext db, string? format, string? entity, CancellationToken ct) => Export(set, c, db, format, entity, ct))
            .RequireAuthorization(Policies.ApiRead)
            .WithSummary($"{Capital(set.Title)} as a file: json or xlsx (every register), csv (one register, entity={set.DefaultEntity.Name} by default)");
        api.MapGet("/template", (HttpContext c, AimsDbContext db, string? format, string? entity, CancellationToken ct) => Template(set, c, db, format, entity, ct))
            .RequireAuthorization(Policies.ApiRead)
            .WithSummary("An empty csv (one register) or xlsx (a sheet per register) with the columns to fill in");
        api.MapPost("/import", (HttpContext c, RegisterService s, string? entity, CancellationToken ct) => Import(set, c, s, entity, ct))
            .RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Imports a json, xlsx or csv file (raw body or multipart part 'file'): every row is checked, all are saved or none")
            .WithDescription($"A row whose reference exists updates that record. Errors are keyed like '{set.DefaultEntity.Name}.csv line 3: owner'.");
    }

    /// <summary>The inventory page's download links: the same files with the page's cookie instead of a token.</summary>
    public static void MapPageDownload(IEndpointRouteBuilder app) =>
        app.MapGet(PagePath + "/download", (HttpContext c, AimsDbContext db, string? format, string? entity, bool? template, CancellationToken ct) =>
            template == true ? Template(TransferSet.Inventory, c, db, format, entity, ct) : Export(TransferSet.Inventory, c, db, format, entity, ct)).RequireAuthorization(Policies.Read);

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> Export(TransferSet set, HttpContext context, AimsDbContext db, string? format, string? entity, CancellationToken ct)
    {
        var (kind, register, errors) = Parse(set, format ?? "json", entity, csvOnlyEntity: true);
        if (errors is not null)
        {
            return Problems.Invalid(errors);
        }

        var slug = await db.Organizations.Where(o => o.Id == db.CurrentOrganizationId).Select(o => o.Slug).FirstAsync(ct);
        using var buffer = new MemoryStream();
        await InventoryExport.WriteAsync(set, db, Features.Registers.AllRegisters.Set, slug, kind, register, buffer, ct);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(buffer.ToArray(), InventoryTransfer.ContentType(kind), set.FileName(slug, kind, register));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> Template(TransferSet set, HttpContext context, AimsDbContext db, string? format, string? entity, CancellationToken ct)
    {
        var (kind, register, errors) = Parse(set, format ?? "csv", entity, csvOnlyEntity: true);
        if (errors is null && kind == TransferFormat.Json)
        {
            errors = new() { ["format"] = ["must be csv or xlsx for a template"] };
        }

        if (errors is not null)
        {
            return Problems.Invalid(errors);
        }

        using var buffer = new MemoryStream();
        await InventoryExport.WriteTemplateAsync(set, db, Features.Registers.AllRegisters.Set, kind, register, buffer, ct);
        var name = kind == TransferFormat.Csv ? $"{(register ?? set.DefaultEntity).Name}.csv" : $"{set.Name}-template.xlsx";
        return TypedResults.File(buffer.ToArray(), InventoryTransfer.ContentType(kind), name);
    }

    private static (TransferFormat Format, RegisterDefinition? Entity, Dictionary<string, string[]>? Errors) Parse(TransferSet set, string format, string? entity, bool csvOnlyEntity)
    {
        var kind = InventoryTransfer.ParseFormat(format);
        if (kind is null)
        {
            return (default, null, new() { ["format"] = ["must be json, xlsx or csv"] });
        }

        if (string.IsNullOrEmpty(entity))
        {
            return (kind.Value, null, null);
        }

        var register = set.Find(entity);
        if (register is null)
        {
            return (kind.Value, null, new() { ["entity"] = [$"must be one of {set.EntityNames}"] });
        }

        return csvOnlyEntity && kind != TransferFormat.Csv
            ? (kind.Value, null, new() { ["entity"] = ["goes with format=csv; json and xlsx carry every register"] })
            : (kind.Value, register, null);
    }

    private static async Task<Results<Ok<ImportSummary>, ValidationProblem, ProblemHttpResult>> Import(
        TransferSet set, HttpContext context, RegisterService service, string? entity, CancellationToken ct)
    {
        RegisterDefinition? register = null;
        if (!string.IsNullOrEmpty(entity) && (register = set.Find(entity)) is null)
        {
            return Problems.Invalid("entity", $"must be one of {set.EntityNames}");
        }

        var request = context.Request;
        if (!request.HasFormContentType && !BodyTypes.Any(t => request.ContentType?.StartsWith(t, StringComparison.OrdinalIgnoreCase) == true))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported file type",
                detail: "Send the file as the body (application/json, text/csv or the xlsx type) or as the multipart part 'file'.");
        }

        var upload = await UploadedFile.ReadAsync(request, register?.Name ?? set.DefaultEntity.Name, ct);
        if (upload is null)
        {
            return Problems.Invalid("file", "is required: send the file as the body or as the multipart part 'file'");
        }

        await using (upload)
        {
            var result = await new InventoryImport(service, set).RunAsync(upload.Content, upload.Name, register ?? set.Find(Path.GetFileNameWithoutExtension(upload.Name)), ct);
            return result.Ok
                ? TypedResults.Ok(new ImportSummary(result.Created, result.Updated, result.Unchanged, result.PeopleToInvite))
                : TypedResults.ValidationProblem(result.ErrorMap(), title: "The file was not imported; nothing was changed",
                    detail: $"{result.Errors.Count + result.MoreErrors} problem(s): each names the row or line, the column and the rule.");
        }
    }
}

/// <summary>An uploaded file, spooled to a temporary file so that an upload of any size takes constant memory.</summary>
public sealed class UploadedFile(string name, FileStream content) : IAsyncDisposable
{
    public string Name { get; } = name;

    public FileStream Content { get; } = content;

    /// <summary>The multipart part 'file', or the raw body; null when there is nothing.</summary>
    public static async Task<UploadedFile?> ReadAsync(HttpRequest request, string? entity, CancellationToken ct)
    {
        Stream source;
        string name;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file");
            if (file is null || file.Length == 0)
            {
                return null;
            }

            source = file.OpenReadStream();
            name = Path.GetFileName(file.FileName);
        }
        else
        {
            source = request.Body;
            name = (entity ?? "upload") + ".csv";
        }

        var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 65536, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await source.CopyToAsync(spool, ct);
        if (spool.Length == 0)
        {
            await spool.DisposeAsync();
            return null;
        }

        spool.Position = 0;
        return new UploadedFile(string.IsNullOrWhiteSpace(name) ? "upload" : name, spool);
    }

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
