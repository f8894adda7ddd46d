using Aims.Data;
using Aims.Data.Entities;
using Aims.Data.Lifecycle;
using Aims.Domain.Lifecycle;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Lifecycle;

/// <summary>
/// The ingestion endpoint's rules, in the order a sender meets them: the token must be an ingestion token, every event
/// must name that token's system, every event must pass the batch rules, and an event id already used must carry the
/// same content. Only then is the batch appended, in one transaction, and acknowledged after the commit.
/// </summary>
public static class LifecycleIngestion
{
    public static async Task<Results<Ok<IngestAcknowledgement>, ValidationProblem, ProblemHttpResult>> IngestAsync(
        HttpRequest request, AimsSession session, AimsDbContext db, LifecycleStreamWriter writer, TimeProvider time, CancellationToken ct)
    {
        if (session.IngestSystemId is not { } systemId)
        {
            return Forbidden("token", "Appending lifecycle events needs an ingestion token bound to the AI system "
                + "(create one with `aims token create --ingest SYS-3` or on the Tokens page); this token is not one.");
        }

        var system = await db.AiSystems.AsNoTracking().Where(s => s.Id == systemId).Select(s => new { s.Reference }).FirstOrDefaultAsync(ct);
        if (system is null)
        {
            return Forbidden("token", "The AI system this ingestion token is bound to no longer exists in the organization.");
        }

        var (inputs, shapeErrors) = await LifecycleBatchReader.ReadAsync(request, ct);
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].System is { Length: > 0 } named && !string.Equals(named.Trim(), system.Reference, StringComparison.OrdinalIgnoreCase))
            {
                return Forbidden($"events[{i}].system",
                    $"Event {i} is for {named.Trim()}, but this ingestion token may only append events of {system.Reference} (an ingestion token is bound to one AI system). Nothing of the batch was stored.");
            }
        }

        var (events, errors) = LifecycleBatchRules.Validate(inputs, Clock.Now(time));
        foreach (var (field, messages) in shapeErrors)
        {
            errors[field] = messages; // a wrong type outranks "is required" for the same member
        }

        if (errors.Count > 0)
        {
            return Infrastructure.Problems.Invalid(errors);
        }

        var (ack, clash) = await writer.AppendAsync(systemId, system.Reference, events, ct);
        if (clash is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: $"Event {clash.Index} reuses event id '{clash.EventId}' (already seq {clash.Sequence} of the stream) with different content: an event id names one event only. Nothing of the batch was stored.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [$"events[{clash.Index}].eventId"] = ["is already used for a different event"] } });
        }

        return TypedResults.Ok(ack!);
    }

    private static ProblemHttpResult Forbidden(string field, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: detail,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });
}
