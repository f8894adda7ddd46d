using System.Buffers;
using System.Text.Json;

namespace Aims.Domain.Ledger;

/// <summary>Reads the header of an event's canonical bytes strictly: every member, in order, nothing else.</summary>
public static class LedgerEventParser
{
    public static bool TryParse(ReadOnlySpan<byte> canonicalEvent, out LedgerEventHeader header, out string problem)
    {
        header = null!;
        try
        {
            var r = new Utf8JsonReader(canonicalEvent, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            Expect(ref r, JsonTokenType.StartObject, "an event must be a JSON object");
            var version = ReadNumber(ref r, "v");
            if (version != LedgerCanonicalJson.FormatVersion)
            {
                problem = $"unsupported event format version {version}";
                return false;
            }

            var chain = ReadString(ref r, "chain");
            var seq = ReadNumber(ref r, "seq");
            var prev = ReadString(ref r, "prev");
            var at = ReadString(ref r, "at");
            var actor = ReadString(ref r, "actor");
            var type = ReadString(ref r, "type");
            var id = ReadString(ref r, "id");
            var reference = ReadNullableString(ref r, "ref");
            var action = ReadString(ref r, "action");
            var reason = ReadNullableString(ref r, "reason");
            SkipFields(ref r, "before");
            SkipFields(ref r, "after");
            Expect(ref r, JsonTokenType.EndObject, "unknown member after \"after\"");
            if (r.Read())
            {
                throw new FormatException("content after the event object");
            }

            if (seq < 1)
            {
                throw new FormatException("\"seq\" must be 1 or more");
            }

            if (!IsHash(prev))
            {
                throw new FormatException("\"prev\" must be 64 lower-case hex digits");
            }

            header = new LedgerEventHeader((int)version, chain, seq, prev, at, actor, type, id, reference, action, reason);
            problem = "";
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            problem = e.Message;
            return false;
        }
    }

    public static bool IsHash(string value) =>
        value.Length == 64 && value.AsSpan().IndexOfAnyExcept(LowerHexChars) < 0;

    /// <summary>Whether <paramref name="utf8"/> is 64 lower-case hex digits.</summary>
    public static bool IsHash(ReadOnlySpan<byte> utf8) => utf8.Length == 64 && utf8.IndexOfAnyExcept(LowerHex) < 0;

    private static readonly SearchValues<char> LowerHexChars = SearchValues.Create("0123456789abcdef");
    private static readonly SearchValues<byte> LowerHex = SearchValues.Create("0123456789abcdef"u8);

    private static void Expect(ref Utf8JsonReader r, JsonTokenType type, string message)
    {
        if (!r.Read() || r.TokenType != type)
        {
            throw new FormatException(message);
        }
    }

    private static void Member(ref Utf8JsonReader r, string name)
    {
        if (!r.Read() || r.TokenType != JsonTokenType.PropertyName || !r.ValueTextEquals(name))
        {
            var found = r.TokenType == JsonTokenType.PropertyName ? r.GetString() : r.TokenType.ToString();
            throw new FormatException($"expected member \"{name}\" but found \"{found}\"");
        }

        if (!r.Read())
        {
            throw new FormatException($"member \"{name}\" has no value");
        }
    }

    private static string ReadString(ref Utf8JsonReader r, string name)
    {
        Member(ref r, name);
        return r.TokenType == JsonTokenType.String
            ? r.GetString()!
            : throw new FormatException($"\"{name}\" must be a string");
    }

    private static string? ReadNullableString(ref Utf8JsonReader r, string name)
    {
        Member(ref r, name);
        return r.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => r.GetString(),
            _ => throw new FormatException($"\"{name}\" must be a string or null"),
        };
    }

    private static long ReadNumber(ref Utf8JsonReader r, string name)
    {
        Member(ref r, name);
        return r.TokenType == JsonTokenType.Number && r.TryGetInt64(out var value)
            ? value
            : throw new FormatException($"\"{name}\" must be an integer");
    }

    private static void SkipFields(ref Utf8JsonReader r, string name)
    {
        Member(ref r, name);
        if (r.TokenType == JsonTokenType.StartObject)
        {
            r.Skip();
        }
        else if (r.TokenType != JsonTokenType.Null)
        {
            throw new FormatException($"\"{name}\" must be an object or null");
        }
    }
}
