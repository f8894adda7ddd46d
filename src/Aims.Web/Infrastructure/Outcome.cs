using Microsoft.AspNetCore.Http.HttpResults;

namespace Aims.Web.Infrastructure;

public enum OutcomeStatus
{
    Ok,
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
    PreconditionFailed,
}

/// <summary>
/// What an application operation gives back to its callers: a value, or what was wrong with the request. The API
/// turns it into problem details, a page into messages next to the fields, the command line into stderr.
/// </summary>
public sealed record Outcome<T>(OutcomeStatus Status, T? Value, Dictionary<string, string[]> Errors, string? Detail)
{
    public bool IsOk => Status == OutcomeStatus.Ok;

    public static Outcome<T> Ok(T value) => new(OutcomeStatus.Ok, value, [], null);

    public static Outcome<T> Invalid(string field, string rule) => new(OutcomeStatus.Invalid, default, new() { [field] = [rule] }, null);

    public static Outcome<T> NotFound(string what) => new(OutcomeStatus.NotFound, default, [], what);

    public static Outcome<T> Conflict(string detail) => new(OutcomeStatus.Conflict, default, [], detail);

    public static Outcome<T> Forbidden(string detail) => new(OutcomeStatus.Forbidden, default, [], detail);

    public static Outcome<T> PreconditionFailed(string detail) => new(OutcomeStatus.PreconditionFailed, default, [], detail);

    /// <summary>One line per problem, for forms and the command line.</summary>
    public IEnumerable<string> Messages => Status == OutcomeStatus.Invalid
        ? Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))
        : Detail is null ? [] : [Status == OutcomeStatus.NotFound ? $"{Detail} does not exist in this organization." : Detail];

    public Results<TOk, ValidationProblem, ProblemHttpResult> ToResult<TOk>(Func<T, TOk> ok) where TOk : IResult => Status switch
    {
        OutcomeStatus.Ok => ok(Value!),
        OutcomeStatus.Invalid => Problems.Invalid(Errors),
        OutcomeStatus.NotFound => Problems.NotFound(Detail ?? "The record"),
        // A refusal by a named rule says which rule and which field (approvals, a register change another mechanism governs).
        OutcomeStatus.Conflict when Errors.TryGetValue("rule", out var rule) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
            detail: Detail, extensions: new Dictionary<string, object?> { ["rule"] = rule[0], ["errors"] = Errors }),
        OutcomeStatus.Conflict => Problems.Conflict(Detail ?? "The request conflicts with the current state."),
        OutcomeStatus.PreconditionFailed => TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The record has changed", detail: Detail,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["If-Match"] = ["does not match the current version"] } }),
        _ => Problems.Forbidden(Detail ?? "Not allowed."),
    };
}
