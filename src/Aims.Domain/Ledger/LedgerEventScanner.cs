using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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

    /// <summary>
    /// Set when "prev" was compared, in the parallel pass, with the hash claimed by the line before in the same chunk:
    /// once that line is proven, that hash is the one "prev" must name. <see cref="Links"/> is the answer.
    /// </summary>
    public bool LinkKnown;

    public bool Links;

    /// <summary>Set when "chain" was compared, in the parallel pass, with the chain already proven; <see cref="SameChain"/> is the answer.</summary>
    public bool ChainKnown;

    public bool SameChain;

    /// <summary>For a checkpoint event: what it says, checked on its own (form, key id, signature); or why it is not valid.</summary>
    public CheckpointClaim? Checkpoint;

    public string? CheckpointProblem;

    /// <summary>Set by the fast path when the header's "type" is the checkpoint type.</summary>
    public bool IsCheckpointType;
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

    private static readonly SearchValues<byte> LowerHex = SearchValues.Create("0123456789abcdef"u8);

    /// <summary>Reads the header of <paramref name="e"/> into <paramref name="facts"/> (problem, header or positions; not the hash).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Read(ReadOnlySpan<byte> e, ref EventFacts facts)
    {
        if (!TryScan(e, ref facts))
        {
            if (LedgerEventParser.TryParse(e, out var header, out var problem))
            {
                facts.Header = header;
                facts.Sequence = header.Sequence;
            }
            else
            {
                facts.Problem = problem;
                return;
            }
        }

        // A checkpoint is read and its signature checked here too: it needs nothing but the event, so on many cores.
        if (facts.Header is { } h ? h.EntityType == LedgerCheckpoint.EntityType : facts.IsCheckpointType)
        {
            if (LedgerCheckpoint.TryRead(e, out var claim, out var checkpointProblem))
            {
                facts.Checkpoint = claim;
            }
            else
            {
                facts.CheckpointProblem = checkpointProblem;
            }
        }
    }

    /// <summary>The "type" value of a checkpoint with its closing quote, as the fast path finds it.</summary>
    private static ReadOnlySpan<byte> CheckpointType => "ledger-checkpoint\""u8;

    /// <summary>The fast path: true only for an event the strict parser certainly accepts, with its positions filled in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryScan(ReadOnlySpan<byte> e, ref EventFacts facts)
    {
        var c = new Cursor(e);
        if (!c.Literal("{\"v\":1,\"chain\":"u8) || !c.String(out var chainEscaped))
        {
            return false;
        }

        // The value starts after the literal and its opening quote; String() leaves the cursor after the closing quote.
        const int chainStart = 16;
        var chainLength = c.Position - 1 - chainStart;
        if (chainEscaped || !c.Literal(",\"seq\":"u8) || !c.Sequence(out var seq) || !c.Literal(",\"prev\":\""u8))
        {
            return false;
        }

        var prevStart = c.Position;
        if (!c.Hash()
            || !c.Literal(",\"at\":"u8) || !c.String(out _)
            || !c.Literal(",\"actor\":"u8) || !c.String(out _)
            || !c.Literal(",\"type\":"u8))
        {
            return false;
        }

        var typeStart = c.Position + 1;
        if (!c.String(out var typeEscaped)
            || !c.Literal(",\"id\":"u8) || !c.String(out _)
            || !c.Literal(",\"ref\":"u8) || !c.StringOrNull()
            || !c.Literal(",\"action\":"u8) || !c.String(out _)
            || !c.Literal(",\"reason\":"u8) || !c.StringOrNull()
            || !c.Literal(",\"before\":"u8) || !c.ObjectOrNull()
            || !c.Literal(",\"after\":"u8) || !c.ObjectOrNull()
            || !c.Literal("}"u8) || c.Position != e.Length)
        {
            return false;
        }

        // Strings were only checked for their JSON form; the strict parser also needs them to be UTF-8. Bytes of 0x80 and
        // more can only be inside strings (anything else outside is refused above), and every block a string touches
        // was looked at: when none had such a byte, the event is ASCII and so valid UTF-8.
        if (c.SawNonAscii && !Utf8.IsValid(e))
        {
            return false;
        }

        // The type as written (a checkpoint's is plain ASCII, so an escaped one is not a checkpoint's).
        facts.IsCheckpointType = !typeEscaped && e[typeStart..].StartsWith(CheckpointType);
        facts.Sequence = seq;
        facts.ChainStart = chainStart;
        facts.ChainLength = chainLength;
        facts.PrevStart = prevStart;
        return true;
    }

    /// <summary>
    /// A position in an event and, for the 64-byte block around it, a bit mask of where quotes, backslashes and control
    /// characters are: a string is skipped by finding the next set bit instead of looking at its bytes one by one.
    /// Outside strings only literals, digits and punctuation are accepted, so a control character (or whitespace) can
    /// only pass unnoticed inside a string, where this mask finds it.
    /// </summary>
    private ref struct Cursor(ReadOnlySpan<byte> e)
    {
        private readonly ReadOnlySpan<byte> _e = e;
        private int _i;
        private int _block = -1;
        private ulong _mask;
        private bool _nonAscii;

        public readonly int Position => _i;

        /// <summary>Whether a block looked at for strings had a byte of 0x80 or more.</summary>
        public readonly bool SawNonAscii => _nonAscii;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Literal(ReadOnlySpan<byte> literal)
        {
            if (!_e[_i..].StartsWith(literal))
            {
                return false;
            }

            _i += literal.Length;
            return true;
        }

        /// <summary>seq: 1 to 18 digits without a leading zero, so it fits a long and is at least 1.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Sequence(out long value)
        {
            value = 0;
            var start = _i;
            while (_i < _e.Length && IsDigit(_e[_i]) && _i - start < 18)
            {
                value = (value * 10) + (_e[_i] - '0');
                _i++;
            }

            return _i > start && _e[start] != '0';
        }

        /// <summary>64 lower-case hex digits and the closing quote.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Hash()
        {
            if (_e.Length - _i < 65 || _e.Slice(_i, 64).IndexOfAnyExcept(LowerHex) >= 0 || _e[_i + 64] != '"')
            {
                return false;
            }

            _i += 65;
            return true;
        }

        /// <summary>A string with only the short escapes (\" \\ \/ \b \f \n \r \t); \u escapes go to the strict parser.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool String(out bool escaped)
        {
            escaped = false;
            if (_i >= _e.Length || _e[_i] != '"')
            {
                return false;
            }

            _i++;
            while (true)
            {
                var next = NextSpecial(_i);
                if (next < 0)
                {
                    return false;
                }

                _i = next;
                if (_e[_i] == '"')
                {
                    _i++;
                    return true;
                }

                // A backslash starts an escape; a control character is not allowed in a string.
                if (_e[_i] != '\\' || _i + 1 >= _e.Length || _e[_i + 1] is not ((byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t'))
                {
                    return false;
                }

                escaped = true;
                _i += 2;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool StringOrNull() => Literal("null"u8) || String(out _);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool ObjectOrNull() => Literal("null"u8) || (_i < _e.Length && _e[_i] == '{' && Value(1));

        /// <summary>Any JSON value without whitespace: objects, arrays, strings, numbers, true, false, null.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Value(int depth)
        {
            if (_i >= _e.Length)
            {
                return false;
            }

            switch (_e[_i])
            {
                case (byte)'"':
                    return String(out _);
                case (byte)'{':
                    if (depth > MaxDepth)
                    {
                        return false;
                    }

                    _i++;
                    if (_i < _e.Length && _e[_i] == '}')
                    {
                        _i++;
                        return true;
                    }

                    while (true)
                    {
                        if (!String(out _) || !Literal(":"u8) || !Member(depth + 1) || _i >= _e.Length)
                        {
                            return false;
                        }

                        if (_e[_i] == '}')
                        {
                            _i++;
                            return true;
                        }

                        if (_e[_i] != ',')
                        {
                            return false;
                        }

                        _i++;
                    }

                case (byte)'[':
                    if (depth > MaxDepth)
                    {
                        return false;
                    }

                    _i++;
                    if (_i < _e.Length && _e[_i] == ']')
                    {
                        _i++;
                        return true;
                    }

                    while (true)
                    {
                        if (!Value(depth + 1) || _i >= _e.Length)
                        {
                            return false;
                        }

                        if (_e[_i] == ']')
                        {
                            _i++;
                            return true;
                        }

                        if (_e[_i] != ',')
                        {
                            return false;
                        }

                        _i++;
                    }

                case (byte)'t':
                    return Literal("true"u8);
                case (byte)'f':
                    return Literal("false"u8);
                case (byte)'n':
                    return Literal("null"u8);
                default:
                    return Number();
            }
        }

        /// <summary>A member's value: the usual string, number or null here, anything else through <see cref="Value"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool Member(int depth)
        {
            if (_i < _e.Length)
            {
                var first = _e[_i];
                if (first == '"')
                {
                    return String(out _);
                }

                if (IsDigit(first))
                {
                    return Number();
                }

                if (first == 'n')
                {
                    return Literal("null"u8);
                }
            }

            return Value(depth);
        }

        /// <summary>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Number()
        {
            if (_i < _e.Length && _e[_i] == '-')
            {
                _i++;
            }

            if (_i >= _e.Length || !IsDigit(_e[_i]))
            {
                return false;
            }

            if (_e[_i] == '0')
            {
                _i++;
            }
            else
            {
                Digits();
            }

            if (_i < _e.Length && _e[_i] == '.')
            {
                _i++;
                if (_i >= _e.Length || !IsDigit(_e[_i]))
                {
                    return false;
                }

                Digits();
            }

            if (_i < _e.Length && (_e[_i] == 'e' || _e[_i] == 'E'))
            {
                _i++;
                if (_i < _e.Length && (_e[_i] == '+' || _e[_i] == '-'))
                {
                    _i++;
                }

                if (_i >= _e.Length || !IsDigit(_e[_i]))
                {
                    return false;
                }

                Digits();
            }

            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Digits()
        {
            while (_i < _e.Length && IsDigit(_e[_i]))
            {
                _i++;
            }
        }

        /// <summary>The position of the first quote, backslash or control character at or after <paramref name="from"/>, or -1.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private int NextSpecial(int from)
        {
            var block = from >> 6;
            if (block != _block)
            {
                _block = block;
                _mask = Specials(_e, block << 6, ref _nonAscii);
            }

            var bits = _mask & (ulong.MaxValue << (from & 63));
            while (bits == 0)
            {
                _block++;
                if (_block << 6 >= _e.Length)
                {
                    return -1;
                }

                bits = _mask = Specials(_e, _block << 6, ref _nonAscii);
            }

            return (_block << 6) + BitOperations.TrailingZeroCount(bits);
        }
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    /// <summary>Bit k is set when byte start + k is a quote, a backslash or below 0x20 (up to 64 bytes; none past the end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong Specials(ReadOnlySpan<byte> e, int start, ref bool nonAscii)
    {
        var block = e[start..];
        if (block.Length >= 64)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                var v = Vector512.Create(block);
                nonAscii |= v.ExtractMostSignificantBits() != 0;
                return (Vector512.Equals(v, Vector512.Create((byte)'"')) | Vector512.Equals(v, Vector512.Create((byte)'\\'))
                    | Vector512.LessThan(v, Vector512.Create((byte)0x20))).ExtractMostSignificantBits();
            }

            if (Vector256.IsHardwareAccelerated)
            {
                var low = Vector256.Create(block);
                var high = Vector256.Create(block[32..]);
                nonAscii |= (low | high).ExtractMostSignificantBits() != 0;
                var quote = Vector256.Create((byte)'"');
                var backslash = Vector256.Create((byte)'\\');
                var control = Vector256.Create((byte)0x20);
                return (Vector256.Equals(low, quote) | Vector256.Equals(low, backslash) | Vector256.LessThan(low, control)).ExtractMostSignificantBits()
                    | ((ulong)(Vector256.Equals(high, quote) | Vector256.Equals(high, backslash) | Vector256.LessThan(high, control)).ExtractMostSignificantBits() << 32);
            }
        }

        ulong mask = 0;
        var length = Math.Min(block.Length, 64);
        for (var k = 0; k < length; k++)
        {
            if (block[k] is (byte)'"' or (byte)'\\' or < 0x20)
            {
                mask |= 1UL << k;
            }

            nonAscii |= block[k] >= 0x80;
        }

        return mask;
    }
}
