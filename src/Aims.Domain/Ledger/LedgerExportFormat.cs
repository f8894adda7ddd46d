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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    /// (wrapper, form, SHA-256, and its link to the line before) run for the lines of a chunk on every core while the
    /// next chunk is read; the chain is then followed in order, so the answer is the one a line-by-line check gives.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static VerificationResult VerifyFile(Stream input, string anchorHash = LedgerHash.Genesis, long anchorSequence = 0) =>
        VerifyFile(input, null, anchorHash, anchorSequence);

    /// <summary>
    /// Verifies an export as an auditor does (<paramref name="trust"/> given): the first line is the chain's start or a
    /// signed checkpoint, every checkpoint is signed by the chain's key of the moment, and the last line is a signed
    /// head for the last event, signed by the key the chain arrived at. Without <paramref name="trust"/> only the chain
    /// (and the checkpoints in it) is checked.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static VerificationResult VerifyFile(Stream input, ExportTrust? trust, string anchorHash = LedgerHash.Genesis, long anchorSequence = 0)
    {
        var verifier = new LedgerVerifier(anchorHash, anchorSequence, checkpointStart: trust is not null);
        var size = InitialBufferSize(input);
        var current = new Chunk(size);
        Chunk? next = null;
        current.Fill(input, []);
        var examine = Start(current, verifier.ChainUtf8);
        long lineNumber = 0;
        while (true)
        {
            // Read the next chunk while this one is examined; then examine the next one while the chain is followed
            // through this one, so that neither the reading nor the in-order pass leaves a core idle.
            if (!current.EndOfStream)
            {
                next ??= new Chunk(size);
                next.Fill(input, current.Tail);
            }

            Wait(examine);
            var following = current.EndOfStream ? Task.CompletedTask : Start(next!, verifier.ChainUtf8);
            var result = Follow(current, next, verifier, trust, ref lineNumber);
            if (result is not null)
            {
                Settle(following);
                return result;
            }

            verifier.DetachPrev(); // the buffer is read into again

            if (current.EndOfStream)
            {
                return trust is null
                    ? verifier.Result()
                    : ExportTrust.Broken(verifier, lineNumber + 1, "no signed head after the last event: the export is incomplete (cut short?)");
            }

            (current, next, examine) = (next!, current, following);
        }
    }

    /// <summary>The chain through one examined chunk, in order: a result when it ends there (broken, or the signed head).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static VerificationResult? Follow(Chunk current, Chunk? next, LedgerVerifier verifier, ExportTrust? trust, ref long lineNumber)
    {
        for (var i = 0; i < current.Count; i++)
        {
            lineNumber++;
            ref var facts = ref current.Facts[i];
            var line = current.Line(i);
            if (facts.WrapperProblem is { } problem)
            {
                if (trust is not null && line.StartsWith(LedgerSignedHead.LinePrefix))
                {
                    // Last when nothing follows it: in this chunk, or (a file ending on a chunk's edge) in the next one, already read.
                    var last = i == current.Count - 1 && (current.EndOfStream || next is { Count: 0, EndOfStream: true });
                    return last
                        ? trust.Finish(verifier, line, lineNumber)
                        : ExportTrust.Broken(verifier, lineNumber, "a signed head must be the last line of the export");
                }

                verifier.Reject(problem);
                return verifier.Result() with { BrokenLine = lineNumber };
            }

            if (!verifier.Add(ref facts, line[EventStart..^1], current.Buffer, current.LineAt(i).Start + Head.Length))
            {
                return verifier.Result() with { BrokenLine = lineNumber };
            }
        }

        return null;
    }

    /// <summary>Examines a chunk's lines: in the background when there are many, at once for a small or last chunk.</summary>
    private static Task Start(Chunk chunk, byte[]? provenChain) =>
        chunk.Count == 0 ? Task.CompletedTask
        : chunk.EndOfStream || chunk.Count <= LinesPerWorkItem ? RunNow(chunk, provenChain)
        : Task.Run(() => Examine(chunk, provenChain));

    /// <summary>Waits for a chunk examined in vain (the chain ended before it), so it neither runs on nor fails unobserved.</summary>
    private static void Settle(Task task)
    {
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // Its lines are never looked at: the answer was decided by the chunk before.
        }
    }

    private static Task RunNow(Chunk chunk, byte[]? provenChain)
    {
        try
        {
            Examine(chunk, provenChain);
            return Task.CompletedTask;
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    private static void Wait(Task task)
    {
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
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

    /// <summary>Bytes read from the file, the complete lines among them, and what was learned about each line.</summary>
    private sealed class Chunk(int size)
    {
        private byte[] _buffer = new byte[size];
        private LineSpan[] _lines = new LineSpan[Math.Max(16, size / 256)];
        private int _filled;
        private int _tailStart;

        public byte[] Buffer => _buffer;

        public int Count { get; private set; }

        public bool EndOfStream { get; private set; }

        public EventFacts[] Facts { get; private set; } = [];

        /// <summary>The incomplete last line, which the next chunk starts with.</summary>
        public ReadOnlySpan<byte> Tail => _buffer.AsSpan(_tailStart, _filled - _tailStart);

        public LineSpan LineAt(int i) => _lines[i];

        public Span<byte> Line(int i) => _buffer.AsSpan(_lines[i].Start, _lines[i].Length);

        /// <summary>
        /// Starts with <paramref name="carry"/>, reads until the buffer is full or the stream ends, and finds the lines:
        /// the complete ones, and at the end of the stream a last one without its newline. A line longer than the
        /// buffer makes it grow.
        /// </summary>
        public void Fill(Stream input, ReadOnlySpan<byte> carry)
        {
            while (_buffer.Length <= carry.Length)
            {
                _buffer = new byte[_buffer.Length * 2];
            }

            carry.CopyTo(_buffer);
            _filled = carry.Length;
            Count = 0;
            var start = 0;
            while (true)
            {
                while (!EndOfStream && _filled < _buffer.Length)
                {
                    var read = input.Read(_buffer, _filled, _buffer.Length - _filled);
                    if (read == 0)
                    {
                        EndOfStream = true;
                    }

                    _filled += read;
                }

                while (true)
                {
                    var newline = _buffer.AsSpan(start, _filled - start).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        break;
                    }

                    Add(new LineSpan(start, newline));
                    start += newline + 1;
                }

                if (EndOfStream && _filled > start)
                {
                    Add(new LineSpan(start, _filled - start));
                    start = _filled;
                }

                if (Count > 0 || EndOfStream)
                {
                    break;
                }

                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            _tailStart = start;
            if (Facts.Length < Count)
            {
                Facts = new EventFacts[_lines.Length];
            }
        }

        private void Add(LineSpan line)
        {
            if (Count == _lines.Length)
            {
                Array.Resize(ref _lines, _lines.Length * 2);
            }

            _lines[Count++] = line;
        }
    }

    /// <summary>Fills the facts of every line of the chunk, on every core when there are many.</summary>
    private static void Examine(Chunk chunk, byte[]? provenChain)
    {
        var workItems = (chunk.Count + LinesPerWorkItem - 1) / LinesPerWorkItem;
        if (workItems == 1 || Environment.ProcessorCount == 1)
        {
            Examine(chunk, provenChain, 0, chunk.Count);
            return;
        }

        Parallel.For(0, workItems, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (w) =>
        {
            var from = w * LinesPerWorkItem;
            Examine(chunk, provenChain, from, Math.Min(chunk.Count, from + LinesPerWorkItem));
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Examine(Chunk chunk, byte[]? provenChain, int from, int to)
    {
        var buffer = chunk.Buffer;
        var facts = chunk.Facts;
        for (var i = from; i < to; i++)
        {
            var line = chunk.Line(i);
            ref var f = ref facts[i];
            f = default;
            f.WrapperProblem = CheckWrapper(line);
            if (f.WrapperProblem is not null)
            {
                continue;
            }

            var canonical = line[EventStart..^1];
            LedgerEventScanner.Read(canonical, ref f);
            if (f.Problem is not null)
            {
                continue;
            }

            f.HashMatches = LedgerHash.Matches(canonical, line.Slice(Head.Length, 64));
            if (f.Header is not null)
            {
                continue; // read by the strict parser: the verifier compares its strings itself
            }

            // The hash the line before claims: what "prev" must be once that line is proven (if its wrapper is not
            // even long enough to hold one, the verifier stops there anyway).
            if (i > 0 && chunk.LineAt(i - 1).Length >= Head.Length + 64)
            {
                f.LinkKnown = true;
                f.Links = canonical.Slice(f.PrevStart, 64).SequenceEqual(buffer.AsSpan(chunk.LineAt(i - 1).Start + Head.Length, 64));
            }

            if (provenChain is not null)
            {
                f.ChainKnown = true;
                f.SameChain = canonical.Slice(f.ChainStart, f.ChainLength).SequenceEqual(provenChain);
            }
        }
    }
}
