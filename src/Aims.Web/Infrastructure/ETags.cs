using Microsoft.AspNetCore.Http.HttpResults;

namespace Aims.Web.Infrastructure;

/// <summary>Optimistic concurrency: the ETag is the record's version; updates must send it back in If-Match.</summary>
public static class ETags
{
    public static string For(long version) => "\"" + version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";

    public static void Set(HttpContext context, long version) => context.Response.Headers.ETag = For(version);

    /// <summary>Null when If-Match names the current version; otherwise the 428 or 412 problem to return.</summary>
    public static ProblemHttpResult? Check(HttpRequest request, long currentVersion)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required",
                detail: "Send the record's ETag in an If-Match header so a change made meanwhile is not overwritten.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["If-Match"] = ["is required"] } });
        }

        var current = For(currentVersion);
        var matches = ifMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == current || t == "W/" + current);
        return matches
            ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The record has changed",
                detail: $"If-Match {ifMatch} does not match the current version {current}. Read the record again.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["If-Match"] = ["does not match the current version"] } });
    }
}
