using System.Text.Json;
using Aims.Data.Entities;
using Aims.Domain.Evidence;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aims.Web.Features.Evidence;

/// <summary>The evidence vault's API: items (files, links, records), versions, downloads, links, requests and settings.</summary>
public static class EvidenceApi
{
    public static void Map(RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        var evidence = api.MapGroup("/evidence").WithTags("Evidence");
        evidence.MapGet("", List).RequireAuthorization(Policies.ApiRead)
            .WithSummary("Evidence items: q, freshness (current, expiring, expired), owner (e-mail), control (A.6.2.8 or framework:id), sort, page, pageSize");
        evidence.MapGet("/export", Export).RequireAuthorization(Policies.ApiRead).WithSummary("The filtered list as CSV");
        evidence.MapPost("", Create).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("A new item: multipart/form-data with the part 'file' and fields (title, owner, validUntil, controls, …), or JSON with a url or record")
            .WithDescription("The file is streamed, hashed (SHA-256) and typed from its own bytes; a declared type the bytes contradict is refused with 415.");
        evidence.MapGet("/{reference}", Get).RequireAuthorization(Policies.ApiRead).WithSummary("An item with its links and the requirements it also covers through crosswalks");
        evidence.MapPatch("/{reference}", Update).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Changes title, description, owner, source system or valid-until (If-Match); the content needs a new version");
        evidence.MapGet("/{reference}/versions", Versions).RequireAuthorization(Policies.ApiRead).WithSummary("Every version, newest first");
        evidence.MapPost("/{reference}/versions", AddVersion).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("A new version (If-Match): a file (multipart), or JSON with a url or record; older versions are kept");
        evidence.MapGet("/{reference}/content", (string reference, HttpContext c, CancellationToken ct) => Download(reference, null, c, ct)).RequireAuthorization(Policies.ApiRead)
            .WithSummary("The current version's file, as an attachment");
        evidence.MapGet("/{reference}/versions/{number:int}/content", (string reference, int number, HttpContext c, CancellationToken ct) => Download(reference, number, c, ct))
            .RequireAuthorization(Policies.ApiRead).WithSummary("One version's file, as an attachment");
        evidence.MapPost("/{reference}/links", Link).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Links the item to a requirement (any framework), risk, impact assessment, action or nonconformity of this organization");
        evidence.MapDelete("/{reference}/links/{linkId:guid}", Unlink).RequireAuthorization(Policies.ApiWrite).WithSummary("Removes a link (the ledger keeps it)");

        var requests = api.MapGroup("/evidence-requests").WithTags("Evidence");
        requests.MapGet("", Requests).RequireAuthorization(Policies.ApiRead).WithSummary("Evidence requests: status (open, closed), mine=true for the caller's own");
        requests.MapGet("/reminders", Reminders).RequireAuthorization(Policies.ApiRead).WithSummary("The caller's open requests that are due soon or overdue");
        requests.MapPost("", Request).RequireAuthorization(Policies.ApiWrite).WithSummary("Asks an owner for evidence of a requirement by a date; closed by the evidence that answers it");
        requests.MapGet("/{reference}", RequestOne).RequireAuthorization(Policies.ApiRead).WithSummary("One request");

        var settings = api.MapGroup("/evidence-settings").WithTags("Evidence");
        settings.MapGet("", GetSettings).RequireAuthorization(Policies.ApiRead).WithSummary("How many days before valid-until evidence counts as expiring (default 30)");
        settings.MapPut("", PutSettings).RequireAuthorization(Policies.ApiWrite).WithSummary("Saves a new version of the evidence settings (If-Match: the version read, \"0\" for the first)");

        EvidencePageEndpoints.Map(app);
    }

    private static EvidenceService Service(HttpContext context) => EvidenceService.From(context.RequestServices);

    private static async Task<Results<Ok<PagedList<EvidenceView>>, ValidationProblem, ProblemHttpResult>> List(
        HttpContext context, int? page, int? pageSize, string? sort, string? q, string? freshness, string? owner, string? control, CancellationToken ct)
    {
        var outcome = await EvidenceQueries.ListAsync(Service(context), new PageQuery(page, pageSize, sort, q), new EvidenceFilter(freshness, owner, control), ct);
        return outcome.ToResult(TypedResults.Ok);
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> Export(HttpContext context, string? sort, string? q, string? freshness, string? owner, string? control, CancellationToken ct)
    {
        var outcome = await EvidenceCsv.WriteAsync(Service(context), new PageQuery(null, null, sort, q), new EvidenceFilter(freshness, owner, control), ct);
        if (!outcome.IsOk)
        {
            return Problems.Invalid(outcome.Errors);
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(outcome.Value!, "text/csv; charset=utf-8", "evidence.csv");
    }

    private static async Task<IResult> Create(HttpContext context, CancellationToken ct)
    {
        var service = Service(context);
        var (input, upload, problem) = await ReadAsync(context, service, ct);
        await using (upload)
        {
            if (problem is not null)
            {
                return problem;
            }

            var outcome = await service.CreateAsync(input!, upload?.File, ct);
            if (!outcome.IsOk)
            {
                return outcome.ToResult(_ => TypedResults.Ok());
            }

            var view = (await EvidenceQueries.ViewAsync(service, outcome.Value!.Reference, ct))!;
            ETags.Set(context, view.Version);
            return TypedResults.Created($"/api/v1/evidence/{view.Reference}", view);
        }
    }

    private static async Task<IResult> AddVersion(string reference, HttpContext context, CancellationToken ct)
    {
        var service = Service(context);
        var item = await service.FindAsync(reference, ct);
        if (item is null)
        {
            return Problems.NotFound(reference);
        }

        if (ETags.Check(context.Request, item.Version) is { } precondition)
        {
            return precondition;
        }

        var (input, upload, problem) = await ReadAsync(context, service, ct);
        await using (upload)
        {
            if (problem is not null)
            {
                return problem;
            }

            var outcome = await service.AddVersionAsync(item, input!, upload?.File, item.Version, ct);
            if (!outcome.IsOk)
            {
                return outcome.ToResult(_ => TypedResults.Ok());
            }

            var view = (await EvidenceQueries.ViewAsync(service, reference, ct))!;
            ETags.Set(context, view.Version);
            return TypedResults.Ok(view);
        }
    }

    /// <summary>JSON (a link or a record) or multipart (a file and fields); a file's declared type must agree with its bytes (415).</summary>
    private static async Task<(EvidenceInput? Input, UploadBody? Upload, IResult? Problem)> ReadAsync(HttpContext context, EvidenceService service, CancellationToken ct)
    {
        var request = context.Request;
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                var input = await JsonSerializer.DeserializeAsync<EvidenceInput>(request.Body, ApiJson.Options, ct);
                return input is null ? (null, null, Problems.Invalid("body", "must be a JSON object")) : (input, null, null);
            }
            catch (JsonException e)
            {
                return (null, null, Problems.Invalid(string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.'), e.Message.Split(" Path:")[0]));
            }
        }

        var limit = EvidenceUpload.MaxBytes(context.RequestServices.GetRequiredService<IConfiguration>());
        var upload = await EvidenceUpload.ReadAsync(request, service.Store, limit, null, ct);
        return (upload.Ok ? CheckUpload(upload) : null, upload, upload.Ok ? null : ProblemOf(upload));
    }

    /// <summary>The fields of a multipart upload as an input, after the declared-type rule; problems land on <paramref name="upload"/>.</summary>
    public static EvidenceInput? CheckUpload(UploadBody upload)
    {
        if (upload.File is { } file && !ContentSniffer.Agrees(file.DeclaredType, file.DetectedType))
        {
            upload.Fail(StatusCodes.Status415UnsupportedMediaType, "file",
                $"was declared {file.DeclaredType} but its content is {file.DetectedType}: the type is taken from the bytes, and they must agree");
            return null;
        }

        var errors = new Dictionary<string, string[]>();
        var input = EvidenceInput.FromFields(upload, errors);
        foreach (var (field, rules) in errors)
        {
            upload.Fail(StatusCodes.Status400BadRequest, field, rules[0]);
        }

        return upload.Ok ? input : null;
    }

    public static IResult ProblemOf(UploadBody upload) => upload.Status switch
    {
        StatusCodes.Status413PayloadTooLarge => TypedResults.Problem(statusCode: 413, title: "File too large", detail: string.Join(" ", upload.Errors.Select(e => $"{e.Key} {e.Value[0]}")),
            extensions: new Dictionary<string, object?> { ["errors"] = upload.Errors }),
        StatusCodes.Status415UnsupportedMediaType => TypedResults.Problem(statusCode: 415, title: "Unsupported or mismatched content type", detail: string.Join(" ", upload.Errors.Select(e => $"{e.Key} {e.Value[0]}")),
            extensions: new Dictionary<string, object?> { ["errors"] = upload.Errors }),
        _ => Problems.Invalid(upload.Errors),
    };

    private static async Task<Results<Ok<EvidenceView>, ProblemHttpResult>> Get(string reference, HttpContext context, CancellationToken ct)
    {
        var view = await EvidenceQueries.ViewAsync(Service(context), reference, ct);
        if (view is null)
        {
            return Problems.NotFound(reference);
        }

        ETags.Set(context, view.Version);
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<EvidenceView>, ValidationProblem, ProblemHttpResult>> Update(string reference, EvidencePatch body, HttpContext context, CancellationToken ct)
    {
        var service = Service(context);
        var item = await service.FindAsync(reference, ct);
        if (item is null)
        {
            return Problems.NotFound(reference);
        }

        if (ETags.Check(context.Request, item.Version) is { } precondition)
        {
            return precondition;
        }

        var outcome = await service.UpdateAsync(item, body, ct);
        if (!outcome.IsOk)
        {
            return Problems.Invalid(outcome.Errors);
        }

        var view = (await EvidenceQueries.ViewAsync(service, reference, ct))!;
        ETags.Set(context, view.Version);
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<List<VersionView>>, ProblemHttpResult>> Versions(string reference, HttpContext context, CancellationToken ct)
    {
        var service = Service(context);
        var item = await service.FindAsync(reference, ct);
        return item is null ? Problems.NotFound(reference) : TypedResults.Ok(await EvidenceQueries.VersionsAsync(service.Db, item, ct));
    }

    public static async Task<IResult> Download(string reference, int? number, HttpContext context, CancellationToken ct)
    {
        var service = Service(context);
        var item = await service.FindAsync(reference, ct);
        var version = item is null ? null : await EvidenceDownload.VersionAsync(service.Db, item, number ?? item.CurrentVersion, ct);
        if (item is null || version is null)
        {
            return Problems.NotFound(number is null ? reference : $"{reference} version {number}");
        }

        return await EvidenceDownload.SendAsync(service, context, version, ct);
    }

    private static async Task<Results<Created<LinkView>, ValidationProblem, ProblemHttpResult>> Link(string reference, LinkRequest body, HttpContext context, CancellationToken ct)
    {
        var service = Service(context);
        var item = await service.FindAsync(reference, ct);
        if (item is null)
        {
            return Problems.NotFound(reference);
        }

        var outcome = await service.LinkAsync(item, body, ct);
        if (!outcome.IsOk)
        {
            return outcome.Status == OutcomeStatus.Invalid ? Problems.Invalid(outcome.Errors) : Problems.Conflict(outcome.Detail!);
        }

        var view = (await EvidenceQueries.ViewAsync(service, reference, ct))!;
        return TypedResults.Created($"/api/v1/evidence/{reference}/links/{outcome.Value!.Id:D}", view.Links.First(l => l.Id == outcome.Value.Id.ToString("D")));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Unlink(string reference, Guid linkId, HttpContext context, CancellationToken ct)
    {
        var service = Service(context);
        var item = await service.FindAsync(reference, ct);
        if (item is null)
        {
            return Problems.NotFound(reference);
        }

        var outcome = await service.UnlinkAsync(item, linkId, ct);
        return outcome.IsOk ? TypedResults.NoContent() : Problems.NotFound(outcome.Detail!);
    }

    private static async Task<Results<Ok<List<RequestView>>, ValidationProblem>> Requests(HttpContext context, string? status, bool? mine, CancellationToken ct)
    {
        if (status is not null && !EnumText.TryParse<EvidenceRequestState>(status, out _))
        {
            return Problems.Invalid("status", $"must be one of {EnumText.Allowed<EvidenceRequestState>()}");
        }

        return TypedResults.Ok(await EvidenceQueries.RequestsAsync(Service(context), status, mine == true, ct));
    }

    private static async Task<Ok<List<RequestView>>> Reminders(HttpContext context, CancellationToken ct) =>
        TypedResults.Ok(await EvidenceQueries.RemindersAsync(Service(context), ct));

    private static async Task<Results<Created<RequestView>, ValidationProblem, ProblemHttpResult>> Request(EvidenceRequestInput body, HttpContext context, CancellationToken ct)
    {
        var service = Service(context);
        var outcome = await service.RequestAsync(body, ct);
        if (!outcome.IsOk)
        {
            return Problems.Invalid(outcome.Errors);
        }

        var view = (await EvidenceQueries.RequestsAsync(service, null, false, ct)).First(r => r.Reference == outcome.Value!.Reference);
        return TypedResults.Created($"/api/v1/evidence-requests/{view.Reference}", view);
    }

    private static async Task<Results<Ok<RequestView>, ProblemHttpResult>> RequestOne(string reference, HttpContext context, CancellationToken ct)
    {
        var view = (await EvidenceQueries.RequestsAsync(Service(context), null, false, ct)).FirstOrDefault(r => r.Reference == reference);
        return view is null ? Problems.NotFound(reference) : TypedResults.Ok(view);
    }

    private static async Task<Ok<Risks.SettingsView<EvidenceSettings>>> GetSettings(HttpContext context, CancellationToken ct)
    {
        var view = await Service(context).SettingsAsync(ct);
        ETags.Set(context, view.Version ?? 0);
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<Risks.SettingsView<EvidenceSettings>>, ValidationProblem, ProblemHttpResult>> PutSettings(EvidenceSettings body, HttpContext context, CancellationToken ct)
    {
        var service = Service(context);
        var current = await service.SettingsAsync(ct);
        if (ETags.Check(context.Request, current.Version ?? 0) is { } precondition)
        {
            return precondition;
        }

        var outcome = await service.SaveSettingsAsync(body, current.Version, ct);
        if (outcome.IsOk)
        {
            ETags.Set(context, outcome.Value!.Version ?? 0);
        }

        return outcome.ToResult(TypedResults.Ok);
    }
}
