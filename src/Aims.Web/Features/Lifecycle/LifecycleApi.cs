using System.Text.Json;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Data.Lifecycle;
using Aims.Domain.Ledger;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aims.Web.Features.Lifecycle;

/// <summary>Lifecycle event logs (docs/lifecycle-events.md): ingestion, queries, export, phases, retention.</summary>
public static class LifecycleApi
{
    public static void Map(RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        var events = api.MapGroup("/lifecycle-events").WithTags("Lifecycle events");
        // The body is read by LifecycleBatchReader; Accepts documents it and lets routing refuse other media types (415).
        events.MapPost("/", Ingest).RequireAuthorization(Policies.ApiIngest).Accepts<JsonElement>("application/json")
            .WithSummary("Appends a batch of lifecycle events of one AI system (ingestion token); idempotent by event id");
        events.MapGet("/", List).RequireAuthorization(Policies.ApiRead)
            .WithSummary("Lifecycle events, newest first; filter by system, stage, type, from/to (when they happened), decisionId");

        var lifecycle = api.MapGroup("/lifecycle").WithTags("Lifecycle events");
        lifecycle.MapGet("/status", Status).RequireAuthorization(Policies.ApiRead)
            .WithSummary("Each system's stream and required phases; flagged when a required stage logged nothing in its interval");
        lifecycle.MapGet("/settings", Settings).RequireAuthorization(Policies.ApiRead).WithSummary("Retention and checkpoint interval");
        lifecycle.MapPut("/settings", SetSettings).RequireAuthorization(Policies.ApiAdmin).WithSummary("Changes retention (at least 6 months) or the checkpoint interval; If-Match");
        lifecycle.MapPost("/prune", Prune).RequireAuthorization(Policies.ApiAdmin)
            .WithSummary("Removes stream segments older than the retention, only up to a signed checkpoint");

        var system = api.MapGroup("/ai-systems/{reference}").WithTags("Lifecycle events");
        system.MapGet("/lifecycle-events/export", Export).RequireAuthorization(Policies.ApiRead)
            .WithSummary("The system's stream as JSON Lines in the ledger export format, checkable with `aims verify --file`")
            .Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson");
        system.MapGet("/lifecycle-events/verify", Verify).RequireAuthorization(Policies.ApiRead).WithSummary("Verifies the system's stream from its stored bytes");
        system.MapGet("/lifecycle-phases", Phases).RequireAuthorization(Policies.ApiRead).WithSummary("The stages this system must log, and how often");
        system.MapPut("/lifecycle-phases", SetPhases).RequireAuthorization(Policies.ApiWrite).WithSummary("Replaces the stages this system must log; If-Match");

        app.MapGet(LifecyclePage.ExportPath + "/{reference}", PageExport).RequireAuthorization(Policies.Read).ExcludeFromDescription();
    }

    private static Task<Results<Ok<IngestAcknowledgement>, ValidationProblem, ProblemHttpResult>> Ingest(
        HttpRequest request, AimsSession session, AimsDbContext db, LifecycleStreamWriter writer, TimeProvider time, CancellationToken ct) =>
        LifecycleIngestion.IngestAsync(request, session, db, writer, time, ct);

    private static async Task<Results<Ok<PagedList<LifecycleEventView>>, ValidationProblem>> List(
        [AsParameters] PageQuery paging, string? system, string? stage, string? type, DateTimeOffset? from, DateTimeOffset? to, string? decisionId,
        AimsDbContext db, CancellationToken ct)
    {
        var filter = new LifecycleFilter(system, stage, type, from, to, decisionId);
        var (systemId, errors) = await LifecycleQueries.ResolveAsync(db, filter, ct);
        foreach (var (field, messages) in paging.Validate(LifecycleQueries.Sorts))
        {
            errors[field] = messages;
        }

        return errors.Count > 0 ? Problems.Invalid(errors) : TypedResults.Ok(await LifecycleQueries.ListAsync(db, systemId, filter, paging, ct));
    }

    private static async Task<Ok<List<LifecycleSystemStatus>>> Status(AimsDbContext db, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await LifecycleQueries.StatusAsync(db, Clock.Now(time), null, ct));

    private static async Task<Ok<LifecycleSettingsView>> Settings(HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        var view = await LifecycleConfiguration.SettingsAsync(db, ct);
        ETags.Set(context, view.Version);
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<LifecycleSettingsView>, ValidationProblem, ProblemHttpResult>> SetSettings(
        LifecycleSettingsRequest request, HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        var current = await LifecycleConfiguration.SettingsAsync(db, ct);
        if (ETags.Check(context.Request, current.Version) is { } precondition)
        {
            return precondition;
        }

        var outcome = await LifecycleConfiguration.SetSettingsAsync(db, request, current.Version, ct);
        if (outcome.Value is { } view)
        {
            ETags.Set(context, view.Version);
        }

        return outcome.ToResult(TypedResults.Ok);
    }

    private static async Task<Ok<List<PruneResult>>> Prune(LifecyclePruner pruner, CancellationToken ct) =>
        TypedResults.Ok(await pruner.PruneAsync(ct));

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Export(string reference, HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        if (await LifecycleConfiguration.SystemAsync(db, reference, ct) is not { } system)
        {
            return Problems.NotFound($"AI system {reference}");
        }

        await WriteDownloadAsync(context, db, system, ct);
        return TypedResults.Empty;
    }

    private static async Task<Results<Ok<VerificationResult>, ProblemHttpResult>> Verify(string reference, AimsDbContext db, CancellationToken ct) =>
        await LifecycleConfiguration.SystemAsync(db, reference, ct) is { } system
            ? TypedResults.Ok(await LifecycleQueries.VerifyAsync(db, system.Id, ct))
            : Problems.NotFound($"AI system {reference}");

    private static async Task<Results<Ok<PhasesView>, ProblemHttpResult>> Phases(string reference, HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        if (await LifecycleConfiguration.SystemAsync(db, reference, ct) is not { } system)
        {
            return Problems.NotFound($"AI system {reference}");
        }

        var view = await LifecycleConfiguration.PhasesAsync(db, system.Id, system.Reference, ct);
        ETags.Set(context, view.Version);
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<PhasesView>, ValidationProblem, ProblemHttpResult>> SetPhases(
        string reference, PhasesRequest request, HttpContext context, AimsDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await LifecycleConfiguration.SystemAsync(db, reference, ct) is not { } system)
        {
            return Problems.NotFound($"AI system {reference}");
        }

        var current = await LifecycleConfiguration.PhasesAsync(db, system.Id, system.Reference, ct);
        if (ETags.Check(context.Request, current.Version) is { } precondition)
        {
            return precondition;
        }

        var outcome = await LifecycleConfiguration.SetPhasesAsync(db, system.Id, system.Reference, request, current.Version, Clock.Now(time), ct);
        if (outcome.Value is { } view)
        {
            ETags.Set(context, view.Version);
        }

        return outcome.ToResult(TypedResults.Ok);
    }

    private static async Task<Results<EmptyHttpResult, NotFound>> PageExport(string reference, HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        if (await LifecycleConfiguration.SystemAsync(db, reference, ct) is not { } system)
        {
            return TypedResults.NotFound();
        }

        await WriteDownloadAsync(context, db, system, ct);
        return TypedResults.Empty;
    }

    private static async Task WriteDownloadAsync(HttpContext context, AimsDbContext db, (Guid Id, string Reference) system, CancellationToken ct)
    {
        context.Response.ContentType = "application/x-ndjson";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"lifecycle-{system.Reference.ToLowerInvariant()}.jsonl\"";
        await LifecycleQueries.ExportAsync(db, system.Id, context.Response.Body, ct);
    }
}
