using Aims.Data;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Aims.Web.Infrastructure.Registers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aims.Web.Features.Assurance;

public sealed record SoaChange(string Control, string Field, string Before, string After);

public sealed record SoaSide(string Version, string? ApprovedBy, DateTimeOffset? ApprovedAt, string Note);

public sealed record SoaComparison(SoaSide From, SoaSide To, IReadOnlyList<SoaChange> Changes);

public static class SoaApi
{
    public static void Map(RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        var soa = api.MapGroup("/soa").WithTags("Statement of Applicability");
        soa.MapGet("", List).RequireAuthorization(Policies.ApiRead)
            .WithSummary("Every Annex A control: applicability from the risk treatment and other drivers, decision, traceability, computed readiness; filters applicable, ready, area, q");
        soa.MapPut("/{controlId}", Put).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Records the decision and traceability of one control (If-Match: the row's version once it has one). Excluding needs a justification");
        soa.MapGet("/export", Export).RequireAuthorization(Policies.ApiRead).WithSummary("format=csv|xlsx|json|html, version=N for an approved version (default: as it stands)");
        app.MapGet("/assurance/soa/download", Export).RequireAuthorization(Policies.Read).ExcludeFromDescription();
        soa.MapGet("/versions", Versions).RequireAuthorization(Policies.ApiRead).WithSummary("Approved, frozen versions, newest first");
        soa.MapPost("/versions", Approve).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Asks to approve and freeze the SoA as it stands: an approval request (APR-n, 202) under the decision boundary; frozen when approved (201 with the request when the boundary is automatic)");
        soa.MapGet("/versions/{number:int}", Version).RequireAuthorization(Policies.ApiRead).WithSummary("One approved version with its rows");
        soa.MapGet("/compare", Compare).RequireAuthorization(Policies.ApiRead)
            .WithSummary("What changed between two versions (from=N, to=M or current) and who approved each");
    }

    private static async Task<Results<Ok<List<SoaRowView>>, ValidationProblem>> List(bool? applicable, bool? ready, string? area, string? q, AimsDbContext db, CancellationToken ct)
    {
        var rows = await Soa.RowsAsync(db, ct);
        if (area is not null && rows.All(r => r.Area != area))
        {
            return Problems.Invalid("area", $"must be an Annex A area: {string.Join(", ", rows.Select(r => r.Area).Distinct())}");
        }

        return TypedResults.Ok(Filter(rows, applicable, ready, area, q));
    }

    public static List<SoaRowView> Filter(List<SoaRowView> rows, bool? applicable, bool? ready, string? area, string? q) =>
        [.. rows.Where(r => (applicable is null || r.Applicable == applicable) && (ready is null || r.AuditReady == ready) && (area is null || r.Area == area)
            && (string.IsNullOrWhiteSpace(q) || r.ControlId.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase) || r.Title.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase)))];

    private static async Task<Results<Ok<SoaRowView>, ValidationProblem, ProblemHttpResult>> Put(
        string controlId, SoaRequest body, HttpContext context, RegisterService service, CancellationToken ct)
    {
        var existing = (await Soa.RowsAsync(service.Db, ct)).FirstOrDefault(r => r.ControlId == controlId);
        if (existing is { Version: > 0 } && ETags.Check(context.Request, existing.Version) is { } precondition)
        {
            return precondition;
        }

        var outcome = await Soa.SaveAsync(service, controlId, body, null, ct);
        return outcome.ToResult(row =>
        {
            ETags.Set(context, row.Version);
            return TypedResults.Ok(row);
        });
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Export(string? format, int? version, AimsDbContext db, CancellationToken ct)
    {
        format ??= "csv";
        if (!SoaExport.Formats.Contains(format))
        {
            return Problems.Invalid("format", $"must be one of {string.Join(", ", SoaExport.Formats)}");
        }

        var rows = await RowsOfAsync(db, version, ct);
        if (rows is null)
        {
            return Problems.NotFound($"SoA version {version}");
        }

        using var output = new MemoryStream();
        var title = version is null ? "Statement of Applicability (as it stands)" : $"Statement of Applicability, version {version}";
        await SoaExport.WriteAsync(rows, format, title, output, ct);
        return TypedResults.File(output.ToArray(), SoaExport.ContentType(format), $"soa{(version is null ? "" : "-v" + version)}.{format}");
    }

    public static async Task<IReadOnlyList<SoaRowView>?> RowsOfAsync(AimsDbContext db, int? version, CancellationToken ct) =>
        version is { } n ? (await Soa.VersionAsync(db, n, ct))?.Rows : await Soa.RowsAsync(db, ct);

    private static async Task<Ok<List<SoaVersion>>> Versions(AimsDbContext db, CancellationToken ct) => TypedResults.Ok(await Soa.VersionsAsync(db, ct));

    private static async Task<Results<Accepted<Approvals.ApprovalView>, ValidationProblem, ProblemHttpResult>> Approve(ApproveRequest? body, AimsDbContext db, TimeProvider time, CancellationToken ct)
    {
        var outcome = await Soa.ApproveAsync(db, time, body?.Note ?? "", Domain.Approvals.Channel.Token, ct);
        return Approvals.ApprovalsApi.ToResult(outcome, v => TypedResults.Accepted($"/api/v1/approvals/{v.Reference}", v));
    }

    private static async Task<Results<Ok<SoaVersion>, ProblemHttpResult>> Version(int number, AimsDbContext db, CancellationToken ct) =>
        await Soa.VersionAsync(db, number, ct) is { } v ? TypedResults.Ok(v) : Problems.NotFound($"SoA version {number}");

    private static async Task<Results<Ok<SoaComparison>, ValidationProblem, ProblemHttpResult>> Compare(int? from, string? to, AimsDbContext db, CancellationToken ct)
    {
        if (from is null)
        {
            return Problems.Invalid("from", "is required: the number of an approved version");
        }

        int? toNumber = null;
        if (to is not null && to != "current")
        {
            if (!int.TryParse(to, out var n))
            {
                return Problems.Invalid("to", "must be a version number or current");
            }

            toNumber = n;
        }

        var outcome = await CompareAsync(db, from.Value, toNumber, ct);
        return outcome.ToResult(TypedResults.Ok);
    }

    public static async Task<Outcome<SoaComparison>> CompareAsync(AimsDbContext db, int from, int? to, CancellationToken ct)
    {
        var before = await Soa.VersionAsync(db, from, ct);
        if (before is null)
        {
            return Outcome<SoaComparison>.NotFound($"SoA version {from}");
        }

        var after = to is { } n ? await Soa.VersionAsync(db, n, ct) : new SoaVersion(0, "", "", default, "", await Soa.RowsAsync(db, ct));
        if (after is null)
        {
            return Outcome<SoaComparison>.NotFound($"SoA version {to}");
        }

        var old = before.Rows.ToDictionary(r => r.ControlId);
        var changes = new List<SoaChange>();
        foreach (var row in after.Rows)
        {
            if (!old.TryGetValue(row.ControlId, out var was))
            {
                changes.Add(new SoaChange(row.ControlId, "control", "", "added"));
                continue;
            }

            void Diff(string field, string a, string b)
            {
                if (a != b)
                {
                    changes.Add(new SoaChange(row.ControlId, field, a, b));
                }
            }

            Diff("applicable", was.Applicable ? "applicable" : "excluded", row.Applicable ? "applicable" : "excluded");
            Diff("decision", was.Decision, row.Decision);
            Diff("drivers", string.Join(", ", was.Drivers), string.Join(", ", row.Drivers));
            Diff("justification", was.Justification, row.Justification);
            Diff("implementationStatus", was.ImplementationStatus, row.ImplementationStatus);
            Diff("plannedOn", was.PlannedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "", row.PlannedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "");
            Diff("procedure", was.Procedure, row.Procedure);
            Diff("evidence", was.Evidence, row.Evidence);
            Diff("owner", was.Responsible, row.Responsible);
            Diff("readiness", was.AuditReady ? "audit-ready" : "not audit-ready", row.AuditReady ? "audit-ready" : "not audit-ready");
        }

        SoaSide Side(SoaVersion v, bool current) => current
            ? new SoaSide("current", null, null, "as it stands, not approved")
            : new SoaSide(v.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{v.ApprovedBy} ({v.ApprovedRole})", v.ApprovedAt, v.Note);
        return Outcome<SoaComparison>.Ok(new SoaComparison(Side(before, false), Side(after, to is null), changes));
    }
}
