using System.Text.Json.Nodes;
using Aims.Data;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Aims.Web.Infrastructure.Registers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aims.Web.Features.Registers;

/// <summary>The same five endpoints for every register: list, read, create, update (If-Match), delete.</summary>
public static class RegisterApi
{
    private static readonly HashSet<string> PagingKeys = ["page", "pageSize", "sort", "q"];

    private static readonly HashSet<string> ReadOnlyMembers = ["id", "reference", "version", "createdAt", "updatedAt"];

    public static void Map(RouteGroupBuilder api, RegisterDefinition definition)
    {
        var group = api.MapGroup("/" + definition.Name).WithTags(definition.Plural[..1].ToUpperInvariant() + definition.Plural[1..]);
        var fields = string.Join(", ", definition.Fields.Select(f => $"{f.Name} ({Describe(f)}{(f.Required ? ", required" : "")})"));
        group.MapGet("", (HttpContext c, [AsParameters] PageQuery paging, RegisterService s, CancellationToken ct) => List(definition, c, paging, s, ct))
            .RequireAuthorization(Policies.ApiRead).WithSummary($"Lists {definition.Plural}")
            .WithDescription($"Filters: {string.Join(", ", definition.Fields.Where(f => f.Kind is FieldKind.Enum or FieldKind.Bool or FieldKind.Reference or FieldKind.Person).Select(f => f.Name))}. Sorts: {string.Join(", ", definition.SortKeys)}.");
        group.MapGet("/{reference}", (string reference, HttpContext c, RegisterService s, CancellationToken ct) => Get(definition, reference, c, s, ct))
            .RequireAuthorization(Policies.ApiRead).WithSummary($"One {definition.Singular}, by reference ({definition.Prefix}-n)");
        group.MapPost("", (JsonObject body, HttpContext c, RegisterService s, CancellationToken ct) => Create(definition, body, c, s, ct))
            .RequireAuthorization(Policies.ApiWrite).WithSummary($"Adds {RegisterService.Article(definition.Singular)} {definition.Singular}").WithDescription("Fields: " + fields);
        group.MapPatch("/{reference}", (string reference, JsonObject body, HttpContext c, RegisterService s, CancellationToken ct) => Update(definition, reference, body, c, s, ct))
            .RequireAuthorization(Policies.ApiWrite).WithSummary($"Changes the fields given of {RegisterService.Article(definition.Singular)} {definition.Singular} (If-Match required)")
            .WithDescription("Fields: " + fields);
        group.MapDelete("/{reference}", (string reference, HttpContext c, RegisterService s, CancellationToken ct) => Delete(definition, reference, c, s, ct))
            .RequireAuthorization(Policies.ApiWrite).WithSummary($"Deletes {RegisterService.Article(definition.Singular)} {definition.Singular} (kept in the ledger and its history)");
    }

    private static string Describe(RegisterField f) => f.Kind switch
    {
        FieldKind.Enum => "one of " + FieldText.Allowed(f.EnumType!),
        FieldKind.EnumSet => "array of " + FieldText.Allowed(f.EnumType!),
        FieldKind.Reference => $"reference of {f.Target}",
        FieldKind.ReferenceSet => $"array of references of {f.Target}",
        FieldKind.Person => "e-mail",
        FieldKind.Date => "yyyy-MM-dd",
        FieldKind.Number => $"{f.Min}..{f.Max}",
        FieldKind.Metrics => "object of numbers",
        FieldKind.Bool => "boolean",
        _ => $"string ≤ {f.MaxLength}",
    };

    private static async Task<Results<RegisterListResult, ValidationProblem>> List(
        RegisterDefinition definition, HttpContext context, PageQuery paging, RegisterService service, CancellationToken ct)
    {
        var errors = paging.Validate(definition.SortKeys.ToList());
        var given = context.Request.Query.Where(q => !PagingKeys.Contains(q.Key)).Select(q => KeyValuePair.Create(q.Key, q.Value.ToString()));
        var (filterErrors, filters) = await RegisterQueries.ParseFiltersAsync(service, definition, given, ct);
        foreach (var (k, v) in filterErrors)
        {
            errors[k] = v;
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var page = await RegisterQueries.ListAsync(service.Db, definition, paging, filters, ct);
        var items = await RegisterItems.ReadAsync(service.Db, service.Registers, definition, page.Items, ct);
        return new RegisterListResult(new PagedList<Dictionary<string, object?>>(items.Select(i => ToJson(definition, i)).ToList(), page.Total, page.Page, page.PageSize));
    }

    private static async Task<Results<Ok<Dictionary<string, object?>>, ProblemHttpResult>> Get(
        RegisterDefinition definition, string reference, HttpContext context, RegisterService service, CancellationToken ct)
    {
        var record = await service.FindAsync(definition, reference, ct);
        if (record is null)
        {
            return Problems.NotFound($"{reference}");
        }

        ETags.Set(context, record.Version);
        return TypedResults.Ok(await ItemAsync(definition, record, service, ct));
    }

    private static async Task<Results<Created<Dictionary<string, object?>>, ValidationProblem, ProblemHttpResult>> Create(
        RegisterDefinition definition, JsonObject body, HttpContext context, RegisterService service, CancellationToken ct)
    {
        var outcome = await service.SaveAsync(definition, null, RegisterInput.FromJson(definition, body), null, ct);
        if (!outcome.IsOk)
        {
            return outcome.ToResult(_ => TypedResults.Created("", new Dictionary<string, object?>()));
        }

        ETags.Set(context, outcome.Value!.Version);
        return TypedResults.Created($"/api/v1/{definition.Name}/{outcome.Value.Reference}", await ItemAsync(definition, outcome.Value, service, ct));
    }

    private static async Task<Results<Ok<Dictionary<string, object?>>, ValidationProblem, ProblemHttpResult>> Update(
        RegisterDefinition definition, string reference, JsonObject body, HttpContext context, RegisterService service, CancellationToken ct)
    {
        var record = await service.FindAsync(definition, reference, ct);
        if (record is null)
        {
            return Problems.NotFound(reference);
        }

        if (ETags.Check(context.Request, record.Version) is { } precondition)
        {
            return precondition;
        }

        // Read-only members may be sent back as read (a GET, edited, PATCHed); they must not change.
        var outcome = await service.SaveAsync(definition, record, RegisterInput.FromJson(definition, body, ReadOnlyMembers.Concat(definition.Derived.Select(d => d.Name)).ToHashSet()), null, ct);
        if (!outcome.IsOk)
        {
            return outcome.ToResult(_ => TypedResults.Ok(new Dictionary<string, object?>()));
        }

        ETags.Set(context, outcome.Value!.Version);
        return TypedResults.Ok(await ItemAsync(definition, outcome.Value, service, ct));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(
        RegisterDefinition definition, string reference, HttpContext context, RegisterService service, CancellationToken ct)
    {
        var record = await service.FindAsync(definition, reference, ct);
        if (record is null)
        {
            return Problems.NotFound(reference);
        }

        if (context.Request.Headers.IfMatch.Count > 0 && ETags.Check(context.Request, record.Version) is { } precondition)
        {
            return precondition;
        }

        return (await service.DeleteAsync(definition, record, null, ct)).ToResult(_ => TypedResults.NoContent());
    }

    private static async Task<Dictionary<string, object?>> ItemAsync(RegisterDefinition definition, Data.Entities.RegisterRecord record, RegisterService service, CancellationToken ct) =>
        ToJson(definition, (await RegisterItems.ReadAsync(service.Db, service.Registers, definition, [record], ct))[0]);

    public static Dictionary<string, object?> ToJson(RegisterDefinition definition, RegisterItem item)
    {
        var json = new Dictionary<string, object?>(5 + item.Values.Count + item.Derived.Count)
        {
            ["id"] = item.Id, ["reference"] = item.Reference, ["version"] = item.Version, ["createdAt"] = item.CreatedAt, ["updatedAt"] = item.UpdatedAt,
        };
        foreach (var (k, v) in item.Values)
        {
            json[k] = v;
        }

        foreach (var (k, v) in item.Derived)
        {
            json[k] = v;
        }

        if (item.Record is not null)
        {
            definition.Describe(item.Record, json);
        }

        return json;
    }
}
