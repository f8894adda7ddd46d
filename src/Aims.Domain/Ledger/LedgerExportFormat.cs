using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;

namespace Aims.Domain.Ledger;

/// <summary>
/// One exported event per line: <c>{"hash":"&lt;64 hex&gt;","event":&lt;canonical bytes&gt;}</c>. The wrapper is fixed
/// byte for byte, so any change to a line either breaks the wrapper or the hash.
/// </summary>
public static class LedgerExportFormat
{
    private static readonly byte[] Head = Encoding.ASCII.GetBytes("{\"hash\":\"");
    private static readonly byte[] Middle = Encoding.ASCII.GetBytes("\",\"event\":");

    private const string LayoutProblem = "line is not {\"hash\":\"<64 hex>\",\"event\":{...}} (an unknown or missing member, or altered layout)";
    private const string HashProblem = "\"hash\" must be 64 lower-case hex digits";

    /// <summary>Bytes read from the stream at a time; lines that do not fit make the buffer grow.</summary>
    private const int ChunkSize = 4 << 20;

    /// <summary>Lines per work item when the events of a chunk are checked in parallel.</summary>
    private const int LinesPerWorkItem = 256;

    public static void WriteLine(Stream output, string hash, ReadOnlySpan<byte> canonical)
    {
        output.Write(Head);
        Span<byte> ascii = hash.Length <= 128 ? stackalloc byte[128] : new byte[hash.Length];
        var length = Encoding.ASCII.GetBytes(hash, ascii);
        output.Write(ascii[..length]);
        output.Write(Middle);
        output.Write(canonical);
        output.WriteByte((byte)'}');
        output.WriteByte((byte)'\n');
    }

    /// <summary>Splits one line (without its newline) into hash and canonical event bytes.</summary>
    public static bool TrySplit(ReadOnlyMemory<byte> line, out StoredEvent stored, out string problem)
    {
        stored = default;
        var problemFound = CheckWrapper(line.Span);
        if (problemFound is not null)
        {
            problem = problemFound;
            return false;
        }

        var hash = Encoding.ASCII.GetString(line.Span.Slice(Head.Length, 64));
        stored = new StoredEvent(hash, line[EventStart..^1]);
        problem = "";
        return true;
    }

    private static int EventStart => Head.Length + 64 + Middle.Length;

    /// <summary>Null when the line is the fixed wrapper around an event with a well-formed hash; otherwise what is wrong.</summary>
    private static string? CheckWrapper(ReadOnlySpan<byte> span)
    {
        var minimum = Head.Length + 64 + Middle.Length + 2;
        if (span.Length < minimum || !span.StartsWith(Head) || !span[(Head.Length + 64)..].StartsWith(Middle) || span[^1] != (byte)'}')
        {
            return LayoutProblem;
        }

        return LedgerEventParser.IsHash(span.Slice(Head.Length, 64)) ? null : HashProblem;
    }

    /// <summary>
    /// Verifies an exported file, streaming it in chunks of a few megabytes. The checks that need one event only
    /// (wrapper, form, SHA-256) run for the lines of a chunk on every core; the links between events are then checked
    /// in order, so the answer is the one a line-by-line check gives.
    /// </summary>
    public static VerificationResult VerifyFile(Stream input, string anchorHash = LedgerHash.Genesis, long anchorSequence = 0)
    {
        var verifier = new LedgerVerifier(anchorHash, anchorSequence);
        var buffer = new byte[InitialBufferSize(input)];
        var lines = new LineSpan[Math.Max(16, buffer.Length / 256)];
        var facts = new EventFacts[lines.Length];
        var filled = 0;
        var endOfStream = false;
        long lineNumber = 0;
        while (true)
        {
            while (!endOfStream && filled < buffer.Length)
            {
                var read = input.Read(buffer, filled, buffer.Length - filled);
                if (read == 0)
                {
                    endOfStream = true;
                }

                filled += read;
            }

            // The complete lines in the buffer; at the end of the stream also a last line without its newline.
            var count = 0;
            var start = 0;
            while (true)
            {
                var newline = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
                if (newline < 0)
                {
                    break;
                }

                Add(ref lines, ref count, new LineSpan(start, newline));
                start += newline + 1;
            }

            if (endOfStream && filled > start)
            {
                Add(ref lines, ref count, new LineSpan(start, filled - start));
                start = filled;
            }

            if (count > 0)
            {
                if (facts.Length < count)
                {
                    facts = new EventFacts[lines.Length];
                }

                Examine(buffer, lines, facts, count);
                for (var i = 0; i < count; i++)
                {
                    lineNumber++;
                    var line = buffer.AsSpan(lines[i].Start, lines[i].Length);
                    if (facts[i].WrapperProblem is { } problem)
                    {
                        verifier.Reject($"line {lineNumber}: {problem}");
                        return verifier.Result();
                    }

                    if (!verifier.Add(ref facts[i], line[EventStart..^1], line.Slice(Head.Length, 64)))
                    {
                        return verifier.Result();
                    }
                }
            }

            if (endOfStream)
            {
                return verifier.Result();
            }

            // Keep the incomplete last line for the next chunk; a line longer than the buffer makes it grow.
            Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
            filled -= start;
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
    }

    /// <summary>A chunk, or less for a small file: a whole file that fits is read at once.</summary>
    private static int InitialBufferSize(Stream input)
    {
        try
        {
            return input.CanSeek ? (int)Math.Clamp(input.Length - input.Position + 1, 4096, ChunkSize) : ChunkSize;
        }
        catch (NotSupportedException)
        {
            return ChunkSize;
        }
    }

    private readonly record struct LineSpan(int Start, int Length);

    private static void Add(ref LineSpan[] lines, ref int count, LineSpan line)
    {
        if (count == lines.Length)
        {
            Array.Resize(ref lines, lines.Length * 2);
        }

        lines[count++] = line;
    }

    /// <summary>Fills <paramref name="facts"/> for the first <paramref name="count"/> lines, on every core when there are many.</summary>
    private static void Examine(byte[] buffer, LineSpan[] lines, EventFacts[] facts, int count)
    {
        var workItems = (count + LinesPerWorkItem - 1) / LinesPerWorkItem;
        if (workItems == 1 || Environment.ProcessorCount == 1)
        {
            Examine(buffer, lines, facts, 0, count);
            return;
        }

        try
        {
            Parallel.For(0, workItems, w =>
            {
                var from = w * LinesPerWorkItem;
                Examine(buffer, lines, facts, from, Math.Min(count, from + LinesPerWorkItem));
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Examine(byte[] buffer, LineSpan[] lines, EventFacts[] facts, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var line = buffer.AsSpan(lines[i].Start, lines[i].Length);
            ref var f = ref facts[i];
            f = default;
            f.WrapperProblem = CheckWrapper(line);
            if (f.WrapperProblem is not null)
            {
                continue;
            }

            var canonical = line[EventStart..^1];
            LedgerEventScanner.Read(canonical, ref f);
            f.HashMatches = f.Problem is null && LedgerHash.Matches(canonical, line.Slice(Head.Length, 64));
        }
    }
}
