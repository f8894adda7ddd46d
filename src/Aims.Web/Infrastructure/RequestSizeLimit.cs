namespace Aims.Web.Infrastructure;

/// <summary>
/// Refuses a declared body over the limit with 413 before anything reads it. Kestrel enforces the same limit on
/// bodies without a length; this makes the answer a problem naming the rule, on every server.
/// </summary>
public sealed class RequestSizeLimit(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > AimsHost.MaxRequestBodyBytes)
        {
            await Problems.Write(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"The body must not exceed {AimsHost.MaxRequestBodyBytes} bytes.",
                new Dictionary<string, string[]> { ["body"] = [$"must not exceed {AimsHost.MaxRequestBodyBytes} bytes"] });
            return;
        }

        await next(context);
    }
}
