using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aims.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Aims.Web.Features.Registers;

/// <summary>
/// A register list answer: the same bytes and the same OpenAPI description as <c>Ok(PagedList&lt;Dictionary&lt;string, object?&gt;&gt;)</c>,
/// but each item is written by <see cref="RegisterRowConverter"/> instead of System.Text.Json's object polymorphism, which
/// looked up a converter for the runtime type of every value of every row.
/// </summary>
public sealed class RegisterListResult(PagedList<Dictionary<string, object?>> page) : IResult, IEndpointMetadataProvider
{
    public PagedList<Dictionary<string, object?>> Value => page;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var rows = new PagedList<RegisterRow>(page.Items.Select(i => new RegisterRow(i)).ToList(), page.Total, page.Page, page.PageSize);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        return httpContext.Response.WriteAsJsonAsync(rows, options, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe<Ok<PagedList<Dictionary<string, object?>>>>(method, builder);

    private static void Describe<T>(MethodInfo method, EndpointBuilder builder) where T : IEndpointMetadataProvider => T.PopulateMetadata(method, builder);
}

/// <summary>One item of a register list, written as its map of wire values.</summary>
[JsonConverter(typeof(RegisterRowConverter))]
public sealed record RegisterRow(Dictionary<string, object?> Values);

/// <summary>
/// Writes the values a register item holds (text, numbers, flags, ids, times, lists of text) with a type switch;
/// anything else goes through the serializer by its runtime type, exactly as the object converter would.
/// </summary>
public sealed class RegisterRowConverter : JsonConverter<RegisterRow>
{
    public override RegisterRow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("register rows are only written");

    public override void Write(Utf8JsonWriter writer, RegisterRow value, JsonSerializerOptions options)
    {
        // Text and times go through the configured converters (NUL guard, UTC microseconds), as they would otherwise.
        var text = (JsonConverter<string>)options.GetConverter(typeof(string));
        var time = (JsonConverter<DateTimeOffset>)options.GetConverter(typeof(DateTimeOffset));
        writer.WriteStartObject();
        foreach (var (name, item) in value.Values)
        {
            writer.WritePropertyName(name);
            switch (item)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string s:
                    text.Write(writer, s, options);
                    break;
                case bool b:
                    writer.WriteBooleanValue(b);
                    break;
                case int i:
                    writer.WriteNumberValue(i);
                    break;
                case long l:
                    writer.WriteNumberValue(l);
                    break;
                case Guid g:
                    writer.WriteStringValue(g);
                    break;
                case DateTimeOffset t:
                    time.Write(writer, t, options);
                    break;
                case IReadOnlyList<string?> list:
                    // Sets and derived columns (List<string>, arrays, collection expressions): written as arrays either way.
                    writer.WriteStartArray();
                    foreach (var s in list)
                    {
                        if (s is null)
                        {
                            writer.WriteNullValue();
                        }
                        else
                        {
                            text.Write(writer, s, options);
                        }
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    JsonSerializer.Serialize(writer, item, item.GetType(), options);
                    break;
            }
        }

        writer.WriteEndObject();
    }
}
