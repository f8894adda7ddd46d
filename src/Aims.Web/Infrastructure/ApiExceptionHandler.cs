using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Infrastructure;

/// <summary>
/// Turns what a caller got wrong into a 4xx problem naming the field and the rule: malformed or oversized bodies,
/// unknown members, wrong types, unknown enum values, text that is not UTF-8, unparsable query values; and stale writes into 412.
/// Anything else is our fault: a 500 problem without internals.
/// </summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var context = httpContext;
        switch (exception)
        {
            case BadHttpRequestException bad:
                var (field, message) = Describe(bad);
                var status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest;
                await Problems.Write(context, status, status == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "The request is not valid",
                    message, new Dictionary<string, string[]> { [field] = [message] });
                return true;
            case InvalidOperationException { InnerException: System.Text.DecoderFallbackException }:
                // System.Text.Json finds a string that is not UTF-8 only when it makes the text, after the body was accepted.
                await Problems.Write(context, StatusCodes.Status400BadRequest, "The request is not valid", "The body's text must be UTF-8.",
                    new Dictionary<string, string[]> { ["body"] = ["must be UTF-8 (a string holds bytes that are not)"] });
                return true;
            case DbUpdateConcurrencyException:
                await Problems.Write(context, StatusCodes.Status412PreconditionFailed, "The record has changed",
                    "Someone changed this record after you read it. Read it again and reapply your change.",
                    new Dictionary<string, string[]> { ["If-Match"] = ["does not match the current version"] });
                return true;
            case DbUpdateException update when IsUniqueViolation(update):
                await Problems.Write(context, StatusCodes.Status409Conflict, "Conflict",
                    "A record with the same key was created at the same moment. Read the current state and try again.");
                return true;
            case Aims.Data.Ledger.LedgerKeyException key:
                // A node without the organization's signing key: configuration, not the caller; nothing was saved.
                logger.LogError(exception, "Ledger key problem on {Path}", context.Request.Path);
                await Problems.Write(context, StatusCodes.Status503ServiceUnavailable, "The ledger signing key is not available", key.Message);
                return true;
            default:
                logger.LogError(exception, "Unhandled error on {Path}", context.Request.Path);
                await Problems.Write(context, StatusCodes.Status500InternalServerError, "Unexpected error",
                    "Something went wrong on our side; nothing was saved. The trace id identifies it in the server log.");
                return true;
        }
    }

    private static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException is Npgsql.PostgresException { SqlState: "23505" }
        || e.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } sqlite && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal);

    internal static (string Field, string Message) Describe(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ("body", $"must not exceed {AimsHost.MaxRequestBodyBytes} bytes");
        }

        if (bad.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            var text = json.Message;
            var rule = text switch
            {
                _ when text.Contains("could not be mapped", StringComparison.Ordinal) => "is not a member of this request",
                _ when text.Contains("NUL character", StringComparison.Ordinal) => "must not contain the NUL character",
                _ when text.Contains("missing required properties", StringComparison.Ordinal) => "is required",
                _ when text.Contains("could not be converted", StringComparison.Ordinal) && json.Path is not null =>
                    "has the wrong type or an unknown value (enums are kebab-case strings, numbers are numbers)",
                _ when text.Contains("null", StringComparison.OrdinalIgnoreCase) => "must not be null",
                _ => "is not valid JSON",
            };
            if (text.Contains("could not be mapped", StringComparison.Ordinal))
            {
                var start = text.IndexOf('\'', StringComparison.Ordinal);
                var end = start < 0 ? -1 : text.IndexOf('\'', start + 1);
                if (end > start)
                {
                    field = text[(start + 1)..end];
                }
            }

            return (field, rule);
        }

        // e.g. 'Failed to bind parameter "int page" from "abc".' or 'Required parameter "X x" was not provided'.
        var quoted = bad.Message.Split('"');
        if (quoted.Length >= 3)
        {
            var parameter = JsonNamingPolicy.CamelCase.ConvertName(quoted[1].Split(' ')[^1]);
            if (bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) && bad.Message.Contains("no body", StringComparison.OrdinalIgnoreCase))
            {
                return ("body", "a JSON body is required");
            }

            return (parameter, bad.Message.StartsWith("Failed to bind", StringComparison.Ordinal)
                ? $"'{(quoted.Length >= 4 ? quoted[3] : "")}' is not a valid value"
                : "is required");
        }

        return ("body", bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) ? "a JSON body is required" : bad.Message);
    }

    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }
}
