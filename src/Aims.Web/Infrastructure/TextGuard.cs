using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aims.Web.Infrastructure;

/// <summary>
/// Refuses the NUL character anywhere a request carries text (query, form, the change-reason header): PostgreSQL
/// cannot store it and SQLite would, so both databases must never see it. Kestrel already refuses it in the path;
/// JSON strings are checked by <see cref="NoNulStringConverter"/>.
/// </summary>
public sealed class TextGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var field = context.Request.Query.FirstOrDefault(q => q.Key.Contains('\0') || q.Value.Any(v => v?.Contains('\0') == true)).Key
            ?? (context.Request.Headers["X-Change-Reason"].Any(v => v?.Contains('\0') == true) ? "X-Change-Reason" : null);
        // Evidence uploads are streamed, never read whole as a form; their reader refuses NUL in fields itself.
        if (field is null && context.Request.HasFormContentType && context.Request.ContentLength is > 0 && !Features.Evidence.EvidenceUpload.IsUploadPath(context.Request))
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            field = form.FirstOrDefault(f => f.Key.Contains('\0') || f.Value.Any(v => v?.Contains('\0') == true)).Key;
        }

        if (field is not null)
        {
            await Problems.Write(context, StatusCodes.Status400BadRequest, "The request is not valid", "Text must not contain the NUL character.",
                new Dictionary<string, string[]> { [field.Replace("\0", "", StringComparison.Ordinal)] = ["must not contain the NUL character"] });
            return;
        }

        await next(context);
    }
}

/// <summary>Strings in API bodies: the NUL character is refused with the member's path.</summary>
public sealed class NoNulStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return value?.Contains('\0') == true ? throw new JsonException("must not contain the NUL character") : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
