using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Unicode;

namespace Aims.Domain.Ledger;

/// <summary>
/// What the verifier learned from one event's bytes before the checks that depend on the event before it: the header
/// members it links by (or why the event is malformed) and whether the bytes match the claimed hash. Computing these
/// needs nothing but the event itself, so the verifier computes them for many events at once on every core.
/// </summary>
internal struct EventFacts
{
    /// <summary>Why the exported line around the event is not the fixed wrapper; the event was not looked at.</summary>
    public string? WrapperProblem;

    /// <summary>Why the event is malformed (the strict parser's message), or null.</summary>
    public string? Problem;

    /// <summary>The header as the strict parser reads it, when the event needed that parser; null on the fast path.</summary>
    public LedgerEventHeader? Header;

    public long Sequence;

    /// <summary>Where the (unescaped) "chain" value and the 64 hex digits of "prev" are in the event, on the fast path.</summary>
    public int ChainStart;

    public int ChainLength;

    public int PrevStart;

    public bool HashMatches;
}

/// <summary>
/// A fast reader for the header of an event in exactly the form <see cref="LedgerCanonicalJson"/> writes it: the
/// members in order, no whitespace, simple string escapes, "before"/"after" fully validated as JSON. It never decides
/// that an event is malformed: whatever it does not recognise goes to <see cref="LedgerEventParser.TryParse"/>, the strict
/// parser, which decides and words the problem. So both paths accept exactly the same events, and the fast one
/// allocates nothing.
/// </summary>
internal static class LedgerEventScanner
{
    private const int MaxDepth = 32; // the strict parser's reader allows 64

    // A string ends at a quote; a backslash starts an escape; control characters are not allowed unescaped.
    private static readonly SearchValues<byte> StringSpecials = SearchValues.Create(
        [(byte)'"', (byte)'\\', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    private static readonly SearchValues<byte> LowerHex = SearchValues.Create("0123456789abcdef"u8);

    /// <summary>Reads the header of <paramref name="e"/> into <paramref name="facts"/> (problem, header or positions; not the hash).</summary>
    public static void Read(ReadOnlySpan<byte> e, ref EventFacts facts)
    {
        if (TryScan(e, ref facts))
        {
            return;
        }

        if (LedgerEventParser.TryParse(e, out var header, out var problem))
        {
            facts.Header = header;
            facts.Sequence = header.Sequence;
        }
        else
        {
            facts.Problem = problem;
        }
    }

    /// <summary>The fast path: true only for an event the strict parser certainly accepts, with its positions filled in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryScan(ReadOnlySpan<byte> e, ref EventFacts facts)
    {
        var i = 0;
        if (!Literal(e, ref i, "{\"v\":1,\"chain\":"u8) || !String(e, ref i, out var chainEscaped))
        {
            return false;
        }

        // The value starts after the literal and its opening quote; String() leaves i after the closing quote.
        const int chainStart = 16;
        var chainLength = i - 1 - chainStart;
        if (chainEscaped || !Literal(e, ref i, ",\"seq\":"u8))
        {
            return false;
        }

        // seq: 1 to 18 digits without a leading zero, so it fits a long and is at least 1.
        var digitsStart = i;
        long seq = 0;
        while (i < e.Length && (uint)(e[i] - '0') <= 9 && i - digitsStart < 18)
        {
            seq = (seq * 10) + (e[i] - '0');
            i++;
        }

        if (i == digitsStart || e[digitsStart] == '0' || !Literal(e, ref i, ",\"prev\":\""u8))
        {
            return false;
        }

        var prevStart = i;
        if (e.Length - i < 65 || e.Slice(i, 64).IndexOfAnyExcept(LowerHex) >= 0 || e[i + 64] != '"')
        {
            return false;
        }

        i += 65;
        if (!Literal(e, ref i, ",\"at\":"u8) || !String(e, ref i, out _)
            || !Literal(e, ref i, ",\"actor\":"u8) || !String(e, ref i, out _)
            || !Literal(e, ref i, ",\"type\":"u8) || !String(e, ref i, out _)
            || !Literal(e, ref i, ",\"id\":"u8) || !String(e, ref i, out _)
            || !Literal(e, ref i, ",\"ref\":"u8) || !StringOrNull(e, ref i)
            || !Literal(e, ref i, ",\"action\":"u8) || !String(e, ref i, out _)
            || !Literal(e, ref i, ",\"reason\":"u8) || !StringOrNull(e, ref i)
            || !Literal(e, ref i, ",\"before\":"u8) || !ObjectOrNull(e, ref i)
            || !Literal(e, ref i, ",\"after\":"u8) || !ObjectOrNull(e, ref i)
            || !Literal(e, ref i, "}"u8) || i != e.Length)
        {
            return false;
        }

        // Strings were only checked for their JSON form; the strict parser also needs them to be UTF-8.
        if (!Utf8.IsValid(e))
        {
            return false;
        }

        facts.Sequence = seq;
        facts.ChainStart = chainStart;
        facts.ChainLength = chainLength;
        facts.PrevStart = prevStart;
        return true;
    }

    private static bool Literal(ReadOnlySpan<byte> e, ref int i, ReadOnlySpan<byte> literal)
    {
        if (!e[i..].StartsWith(literal))
        {
            return false;
        }

        i += literal.Length;
        return true;
    }

    /// <summary>A string with only the short escapes (\" \\ \/ \b \f \n \r \t); \u escapes go to the strict parser.</summary>
    private static bool String(ReadOnlySpan<byte> e, ref int i, out bool escaped)
    {
        escaped = false;
        if (i >= e.Length || e[i] != '"')
        {
            return false;
        }

        i++;
        while (true)
        {
            var next = e[i..].IndexOfAny(StringSpecials);
            if (next < 0)
            {
                return false;
            }

            i += next;
            switch (e[i])
            {
                case (byte)'"':
                    i++;
                    return true;
                case (byte)'\\':
                    if (i + 1 >= e.Length || e[i + 1] is not ((byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t'))
                    {
                        return false;
                    }

                    escaped = true;
                    i += 2;
                    break;
                default:
                    return false; // a control character
            }
        }
    }

    private static bool StringOrNull(ReadOnlySpan<byte> e, ref int i) =>
        Literal(e, ref i, "null"u8) || String(e, ref i, out _);

    private static bool ObjectOrNull(ReadOnlySpan<byte> e, ref int i) =>
        Literal(e, ref i, "null"u8) || (i < e.Length && e[i] == '{' && Value(e, ref i, 1));

    /// <summary>Any JSON value without whitespace: objects, arrays, strings, numbers, true, false, null.</summary>
    private static bool Value(ReadOnlySpan<byte> e, ref int i, int depth)
    {
        if (i >= e.Length)
        {
            return false;
        }

        switch (e[i])
        {
            case (byte)'"':
                return String(e, ref i, out _);
            case (byte)'{':
                if (depth > MaxDepth)
                {
                    return false;
                }

                i++;
                if (i < e.Length && e[i] == '}')
                {
                    i++;
                    return true;
                }

                while (true)
                {
                    if (!String(e, ref i, out _) || !Literal(e, ref i, ":"u8) || !Value(e, ref i, depth + 1) || i >= e.Length)
                    {
                        return false;
                    }

                    if (e[i] == '}')
                    {
                        i++;
                        return true;
                    }

                    if (e[i] != ',')
                    {
                        return false;
                    }

                    i++;
                }

            case (byte)'[':
                if (depth > MaxDepth)
                {
                    return false;
                }

                i++;
                if (i < e.Length && e[i] == ']')
                {
                    i++;
                    return true;
                }

                while (true)
                {
                    if (!Value(e, ref i, depth + 1) || i >= e.Length)
                    {
                        return false;
                    }

                    if (e[i] == ']')
                    {
                        i++;
                        return true;
                    }

                    if (e[i] != ',')
                    {
                        return false;
                    }

                    i++;
                }

            case (byte)'t':
                return Literal(e, ref i, "true"u8);
            case (byte)'f':
                return Literal(e, ref i, "false"u8);
            case (byte)'n':
                return Literal(e, ref i, "null"u8);
            default:
                return Number(e, ref i);
        }
    }

    /// <summary>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    private static bool Number(ReadOnlySpan<byte> e, ref int i)
    {
        if (i < e.Length && e[i] == '-')
        {
            i++;
        }

        if (i >= e.Length || !IsDigit(e[i]))
        {
            return false;
        }

        if (e[i] == '0')
        {
            i++;
        }
        else
        {
            Digits(e, ref i);
        }

        if (i < e.Length && e[i] == '.')
        {
            i++;
            if (i >= e.Length || !IsDigit(e[i]))
            {
                return false;
            }

            Digits(e, ref i);
        }

        if (i < e.Length && (e[i] == 'e' || e[i] == 'E'))
        {
            i++;
            if (i < e.Length && (e[i] == '+' || e[i] == '-'))
            {
                i++;
            }

            if (i >= e.Length || !IsDigit(e[i]))
            {
                return false;
            }

            Digits(e, ref i);
        }

        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static void Digits(ReadOnlySpan<byte> e, ref int i)
    {
        while (i < e.Length && IsDigit(e[i]))
        {
            i++;
        }
    }
}
