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

    public static void WriteLine(Stream output, string hash, ReadOnlySpan<byte> canonical)
    {
        output.Write(Head);
        output.Write(Encoding.ASCII.GetBytes(hash));
        output.Write(Middle);
        output.Write(canonical);
        output.WriteByte((byte)'}');
        output.WriteByte((byte)'\n');
    }

    /// <summary>Splits one line (without its newline) into hash and canonical event bytes.</summary>
    public static bool TrySplit(ReadOnlyMemory<byte> line, out StoredEvent stored, out string problem)
    {
        stored = default;
        var span = line.Span;
        var minimum = Head.Length + 64 + Middle.Length + 2;
        if (span.Length < minimum || !span.StartsWith(Head) || !span[(Head.Length + 64)..].StartsWith(Middle) || span[^1] != (byte)'}')
        {
            problem = "line is not {\"hash\":\"<64 hex>\",\"event\":{...}} (an unknown or missing member, or altered layout)";
            return false;
        }

        var hash = Encoding.ASCII.GetString(span.Slice(Head.Length, 64));
        if (!LedgerEventParser.IsHash(hash))
        {
            problem = "\"hash\" must be 64 lower-case hex digits";
            return false;
        }

        var start = Head.Length + 64 + Middle.Length;
        stored = new StoredEvent(hash, line[start..^1]);
        problem = "";
        return true;
    }

    /// <summary>Verifies an exported file, streaming it line by line.</summary>
    public static VerificationResult VerifyFile(Stream input, string anchorHash = LedgerHash.Genesis, long anchorSequence = 0)
    {
        var verifier = new LedgerVerifier(anchorHash, anchorSequence);
        long lineNumber = 0;
        foreach (var line in ReadLines(input))
        {
            lineNumber++;
            if (!TrySplit(line, out var stored, out var problem))
            {
                verifier.Reject($"line {lineNumber}: {problem}");
                break;
            }

            if (!verifier.Add(stored))
            {
                break;
            }
        }

        return verifier.Result();
    }

    private static IEnumerable<ReadOnlyMemory<byte>> ReadLines(Stream input)
    {
        var buffer = new byte[1 << 20];
        int filled = 0;
        while (true)
        {
            var read = input.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            var start = 0;
            while (true)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, filled - start);
                if (newline < 0)
                {
                    break;
                }

                yield return buffer.AsMemory(start, newline - start);
                start = newline + 1;
            }

            if (read == 0)
            {
                if (filled > start)
                {
                    yield return buffer.AsMemory(start, filled - start);
                }

                yield break;
            }

            Array.Copy(buffer, start, buffer, 0, filled - start);
            filled -= start;
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
    }
}
