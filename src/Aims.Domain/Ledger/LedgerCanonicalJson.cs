using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Aims.Domain.Ledger;

/// <summary>
/// Writes an event as canonical UTF-8 JSON: a fixed member order, no whitespace, record fields sorted by name,
/// times as UTC with microseconds. These bytes are hashed and stored as they are; nobody re-serializes them later.
/// </summary>
public static class LedgerCanonicalJson
{
    public const int FormatVersion = 1;

    /// <summary>The members of an event, in the only order a valid event has them.</summary>
    public static readonly IReadOnlyList<string> Members =
        ["v", "chain", "seq", "prev", "at", "actor", "type", "id", "ref", "action", "reason", "before", "after"];

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    private static readonly JsonEncodedText V = JsonEncodedText.Encode("v");
    private static readonly JsonEncodedText Chain = JsonEncodedText.Encode("chain");
    private static readonly JsonEncodedText Seq = JsonEncodedText.Encode("seq");
    private static readonly JsonEncodedText Prev = JsonEncodedText.Encode("prev");
    private static readonly JsonEncodedText At = JsonEncodedText.Encode("at");
    private static readonly JsonEncodedText Actor = JsonEncodedText.Encode("actor");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Ref = JsonEncodedText.Encode("ref");
    private static readonly JsonEncodedText ActionName = JsonEncodedText.Encode("action");
    private static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText Before = JsonEncodedText.Encode("before");
    private static readonly JsonEncodedText After = JsonEncodedText.Encode("after");

    /// <summary>The length of <see cref="FormatTime"/>'s text: yyyy-MM-ddTHH:mm:ss.ffffffZ.</summary>
    private const int TimeLength = 27;

    // Every ledger and lifecycle write passes here (thousands per second while ingesting), so one buffer and one writer
    // per thread are reused instead of allocated per event. Write is synchronous and never re-entered.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    public static string FormatTime(DateTimeOffset at)
    {
        Span<char> text = stackalloc char[TimeLength];
        FormatTime(at, text);
        return new string(text);
    }

    /// <summary>
    /// yyyy-MM-ddTHH:mm:ss.ffffffZ in UTC, the fraction truncated to microseconds: what the custom format string writes,
    /// written by hand because every event has at least one time and the format string is parsed on every call.
    /// </summary>
    internal static void FormatTimeUtf8(DateTimeOffset at, Span<byte> into) => FormatTime(at, into);

    private static void FormatTime<T>(DateTimeOffset at, Span<T> into) where T : unmanaged, IBinaryInteger<T>
    {
        var utc = at.UtcDateTime;
        var fraction = (int)(utc.Ticks % TimeSpan.TicksPerSecond / 10);
        Digits(into[..4], utc.Year);
        into[4] = T.CreateTruncating('-');
        Digits(into.Slice(5, 2), utc.Month);
        into[7] = T.CreateTruncating('-');
        Digits(into.Slice(8, 2), utc.Day);
        into[10] = T.CreateTruncating('T');
        Digits(into.Slice(11, 2), utc.Hour);
        into[13] = T.CreateTruncating(':');
        Digits(into.Slice(14, 2), utc.Minute);
        into[16] = T.CreateTruncating(':');
        Digits(into.Slice(17, 2), utc.Second);
        into[19] = T.CreateTruncating('.');
        Digits(into.Slice(20, 6), fraction);
        into[26] = T.CreateTruncating('Z');
    }

    private static void Digits<T>(Span<T> into, int value) where T : unmanaged, IBinaryInteger<T>
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = T.CreateTruncating('0' + (value % 10));
            value /= 10;
        }
    }

    public static byte[] Write(LedgerEventDraft e)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var w = _writer;
        if (w is null)
        {
            w = _writer = new Utf8JsonWriter(buffer, WriterOptions);
        }
        else
        {
            w.Reset(buffer);
        }

        Span<byte> time = stackalloc byte[TimeLength];
        FormatTime(e.At, time);
        w.WriteStartObject();
        w.WriteNumber(V, FormatVersion);
        w.WriteString(Chain, e.Chain);
        w.WriteNumber(Seq, e.Sequence);
        w.WriteString(Prev, e.PreviousHash);
        w.WriteString(At, time);
        w.WriteString(Actor, e.Actor);
        w.WriteString(Type, e.EntityType);
        w.WriteString(Id, e.EntityId);
        WriteNullableString(w, Ref, e.Reference);
        w.WriteString(ActionName, e.Action);
        WriteNullableString(w, Reason, e.Reason);
        WriteFields(w, Before, e.Before);
        WriteFields(w, After, e.After);
        w.WriteEndObject();
        w.Flush();
        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > 1 << 20)
        {
            _buffer = null; // an unusually large event: do not keep its buffer for the thread's lifetime
            _writer = null;
        }

        return bytes;
    }

    /// <summary>
    /// The canonical bytes of an event written before its place in a chain is known: <see cref="CanonicalTemplate.Write"/>
    /// puts in seq, prev and at and gives exactly what <see cref="Write"/> gives for the completed draft. Writers that
    /// hold a lock while they chain (lifecycle batches) do the costly part of the writing before they take it.
    /// </summary>
    public static CanonicalTemplate Prepare(LedgerEventDraft e)
    {
        var bytes = Write(e with { Sequence = 1, PreviousHash = LedgerHash.Genesis, At = DateTimeOffset.UnixEpoch });
        ReadOnlySpan<byte> start = "{\"v\":1,\"chain\":\""u8;
        ReadOnlySpan<byte> middle = "1,\"prev\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"at\":\"1970-01-01T00:00:00.000000Z\""u8;
        var seqAt = bytes.AsSpan(start.Length).IndexOf("\",\"seq\":"u8);
        if (!bytes.AsSpan().StartsWith(start) || seqAt < 0)
        {
            return new CanonicalTemplate(e, null, 0);
        }

        var prefix = start.Length + seqAt + "\",\"seq\":"u8.Length;
        return bytes.AsSpan(prefix).StartsWith(middle)
            ? new CanonicalTemplate(e, bytes, prefix)
            : new CanonicalTemplate(e, null, 0); // a chain name with escapes: written in full when completed
    }

    private static void WriteNullableString(Utf8JsonWriter w, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteFields(Utf8JsonWriter w, JsonEncodedText? name, IReadOnlyList<LedgerField>? fields)
    {
        if (fields is null)
        {
            w.WriteNull(name!.Value);
            return;
        }

        if (name is { } n)
        {
            w.WriteStartObject(n);
        }
        else
        {
            w.WriteStartObject();
        }

        // Fields usually arrive sorted already (the writers build them from sorted property lists); sort only when not.
        var sorted = true;
        for (var i = 1; i < fields.Count && sorted; i++)
        {
            sorted = string.CompareOrdinal(fields[i - 1].Name, fields[i].Name) <= 0;
        }

        IReadOnlyList<LedgerField> ordered = sorted ? fields : [.. fields.OrderBy(f => f.Name, StringComparer.Ordinal)];
        for (var i = 0; i < ordered.Count; i++)
        {
            w.WritePropertyName(ordered[i].Name);
            WriteValue(w, ordered[i].Value);
        }

        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case decimal m: w.WriteNumberValue(m); break;
            case double d: w.WriteNumberValue(d); break;
            case Guid g: w.WriteStringValue(g.ToString("D")); break;
            case DateTimeOffset t: w.WriteStringValue(FormatTime(t)); break;
            case DateTime t:
                // Local times are converted; unspecified ones are taken as UTC (how the database hands them back).
                w.WriteStringValue(FormatTime(new DateTimeOffset(t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc))));
                break;
            case DateOnly d: w.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case Enum en: w.WriteStringValue(KebabCase.Of(en.ToString())); break;
            case IReadOnlyList<LedgerField> nested:
                // A nested record (e.g. a lifecycle event's free attributes): an object with its members sorted by name.
                WriteFields(w, null, nested);
                break;
            case System.Collections.IEnumerable list:
                w.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(w, item);
                }

                w.WriteEndArray();
                break;
            default: w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}

public static class KebabCase
{
    /// <summary>Enough for every enum value and type name; arbitrary input beyond it is converted without being kept.</summary>
    private const int MaxCached = 4096;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>Kebab-case of a name; names are a small fixed set (enum values, types) converted once per row, so they are remembered.</summary>
    public static string Of(string pascal)
    {
        if (Cache.TryGetValue(pascal, out var kebab))
        {
            return kebab;
        }

        kebab = JsonNamingPolicy.KebabCaseLower.ConvertName(pascal);
        if (Cache.Count < MaxCached)
        {
            Cache.TryAdd(pascal, kebab);
        }

        return kebab;
    }
}

/// <summary>An event's canonical bytes without seq, prev and at (see <see cref="LedgerCanonicalJson.Prepare"/>).</summary>
public sealed class CanonicalTemplate
{
    private const int MiddleLength = 1 + 9 + 64 + 8 + 27 + 1; // 1,"prev":"<64>","at":"<27>"
    private readonly LedgerEventDraft _draft;
    private readonly byte[]? _bytes;
    private readonly int _prefix;

    internal CanonicalTemplate(LedgerEventDraft draft, byte[]? bytes, int prefix) => (_draft, _bytes, _prefix) = (draft, bytes, prefix);

    internal LedgerEventDraft Draft => _draft;

    /// <summary>
    /// The bytes from the "type" member to the end: everything of the event but its chain, place and actor; empty when
    /// the template could not be cut (then callers write the event in full).
    /// </summary>
    internal ReadOnlySpan<byte> FromType()
    {
        if (_bytes is null)
        {
            return default;
        }

        // An escaped actor holds no bare quote, so the first "," "type" after the actor's opening is its end.
        var rest = _bytes.AsSpan(_prefix + MiddleLength);
        var end = rest.IndexOf("\",\"type\":\""u8);
        return end < 0 ? default : rest[(end + 1)..];
    }

    /// <summary>The completed draft's canonical bytes.</summary>
    public byte[] Write(long sequence, string previousHash, DateTimeOffset at)
    {
        if (_bytes is null || sequence < 0 || previousHash.Length != 64 || !Ascii.IsValid(previousHash))
        {
            return LedgerCanonicalJson.Write(_draft with { Sequence = sequence, PreviousHash = previousHash, At = at });
        }

        Span<byte> digits = stackalloc byte[20];
        sequence.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
        var suffix = _bytes.AsSpan(_prefix + MiddleLength);
        var result = new byte[_prefix + length + MiddleLength - 1 + suffix.Length];
        var into = result.AsSpan();
        _bytes.AsSpan(0, _prefix).CopyTo(into);
        into = into[_prefix..];
        digits[..length].CopyTo(into);
        into = into[length..];
        ",\"prev\":\""u8.CopyTo(into);
        into = into[9..];
        Encoding.ASCII.GetBytes(previousHash, into);
        into = into[64..];
        "\",\"at\":\""u8.CopyTo(into);
        into = into[8..];
        LedgerCanonicalJson.FormatTimeUtf8(at, into);
        into = into[27..];
        into[0] = (byte)'"';
        suffix.CopyTo(into[1..]);
        return result;
    }
}
