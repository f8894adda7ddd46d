using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Aims.Domain.Ledger;

namespace Aims.Bench;

/// <summary>
/// `check-verifier`: the optimised verifier (fast scanner, OpenSSL's SHA-256 functions, parallel file verification)
/// must give exactly the answer of the plain one it replaced: a line-by-line loop over <see cref="LedgerEventParser.TryParse"/>
/// and .NET's SHA256. This compares the two on thousands of damaged, re-escaped, re-spaced and re-sealed chains, and on
/// a large file (several read chunks) with faults near chunk edges. Any difference is printed and makes the exit code 1.
/// </summary>
public static class VerifierCheck
{
    private static readonly string[] Inserts =
    [
        " ", "\t", "\n", "x", "\"", "\\", "\\x", "\\u00e9", "\u00e9", "\U0001F600", "\u2028", "\u0001", ",", ":", "{", "}", "[", "]",
        "null", "1", "-0", "01", "1.", "1e5", "1.5E-3", "true", ",\"x\":1", "\u00C3\u0028",
    ];

    public static int Run(Arguments a)
    {
        var trials = (int)a.Number("trials", 20_000);
        var fileEvents = (int)a.Number("file-events", 60_000);
        var seed = (int)a.Number("seed", 7);
        a.RejectUnknown();
        var random = new Random(seed);
        var differences = 0;
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);

        // 1. Short chains with one event changed in many ways, sealed again (or not), the rest re-linked (or not).
        for (var t = 0; t < trials; t++)
        {
            var events = Chain(random.Next(1, 14), random.Next());
            var index = random.Next(events.Count);
            var text = Encoding.UTF8.GetString(events[index].Canonical.Span);
            var changed = Mutate(text, random, out var bytes);
            events[index] = random.Next(3) == 0 ? events[index] with { Canonical = bytes } : Seal(bytes);
            if (random.Next(2) == 0)
            {
                Relink(events, index + 1);
            }

            var expected = Reference(events);
            Count(outcomes, expected);
            differences += Compare($"chain trial {t} ({changed})", expected, LedgerVerifier.Verify(events));
            var file = Export(events);
            differences += Compare($"file trial {t} ({changed})", ReferenceFile(file), Verify(file));
        }

        // 2. Whole exported files damaged at the byte level (wrapper, newlines, truncation).
        for (var t = 0; t < trials / 4; t++)
        {
            var file = Export(Chain(random.Next(1, 10), random.Next())).ToList();
            var position = random.Next(file.Count + 1);
            switch (random.Next(4))
            {
                case 0 when position < file.Count: file[position] ^= (byte)(1 << random.Next(8)); break;
                case 1: file.InsertRange(position, Encoding.UTF8.GetBytes(Inserts[random.Next(Inserts.Length)])); break;
                case 2 when position < file.Count: file.RemoveAt(position); break;
                default: file.RemoveRange(position, file.Count - position); break;
            }

            var bytes = file.ToArray();
            differences += Compare($"damaged file trial {t}", ReferenceFile(bytes), Verify(bytes));
        }

        // 3. A file of several read chunks, so the parallel pass and its precomputed links are used, with one fault each time.
        var big = Chain(fileEvents, seed);
        var intact = Export(big);
        differences += Compare("large intact file", ReferenceFile(intact), Verify(intact));
        for (var t = 0; t < 40; t++)
        {
            var events = big.ToList();
            // Near a 4 MiB chunk edge half of the time (about 6,000 lines per chunk), anywhere otherwise.
            var index = t % 2 == 0 ? Math.Min(events.Count - 1, (6000 * random.Next(1, 1 + (events.Count / 6000))) + random.Next(-3, 4)) : random.Next(events.Count);
            var text = Encoding.UTF8.GetString(events[index].Canonical.Span);
            var changed = Mutate(text, random, out var bytes);
            events[index] = Seal(bytes);
            if (random.Next(2) == 0)
            {
                Relink(events, index + 1);
            }

            var file = Export(events);
            var expected = ReferenceFile(file);
            Count(outcomes, expected);
            differences += Compare($"large file trial {t} at event {index + 1} ({changed})", expected, Verify(file));
        }

        Console.WriteLine("outcomes of the reference verifier: " + string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} x{o.Value}")));
        Console.WriteLine(differences == 0
            ? $"check-verifier: no difference in {(trials * 2) + (trials / 4) + 41} comparisons"
            : $"check-verifier: {differences} difference(s)");
        return differences == 0 ? 0 : 1;
    }

    private static void Count(Dictionary<string, int> outcomes, VerificationResult r)
    {
        var key = r.Intact ? "intact" : new string((r.Problem ?? "").Replace("\"", "", StringComparison.Ordinal).TakeWhile(c => c != ':' && !char.IsDigit(c)).ToArray()).Trim();
        outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
    }

    private static int Compare(string what, VerificationResult expected, VerificationResult actual)
    {
        if (expected == actual)
        {
            return 0;
        }

        Console.WriteLine($"DIFFERENCE in {what}:\n  reference: {expected}\n  optimised: {actual}");
        return 1;
    }

    /// <summary>A realistic chain; a few events carry text that needs escaping or is not ASCII.</summary>
    private static List<StoredEvent> Chain(int count, int seed)
    {
        var ledger = new SyntheticLedger(seed);
        var events = new List<StoredEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var draft = ledger.NextDraft();
            if (i % 7 == 3)
            {
                draft = draft with { Reason = "Agreed with \"Zoë\" — see C:\\audit\\2026\tnotes ✓" };
            }

            var bytes = LedgerCanonicalJson.Write(draft);
            var hash = LedgerHash.Of(bytes);
            events.Add(new StoredEvent(hash, bytes));
            ledger.Follow(hash);
        }

        return events;
    }

    private static string Mutate(string text, Random random, out byte[] bytes)
    {
        var position = random.Next(text.Length + 1);
        string result;
        string what;
        switch (random.Next(6))
        {
            case 0:
                {
                    var raw = Encoding.UTF8.GetBytes(text);
                    var at = random.Next(raw.Length);
                    raw[at] ^= new byte[] { 0x01, 0x20, 0x80, 0xFF }[random.Next(4)];
                    bytes = raw;
                    return $"byte {at} flipped";
                }

            case 1:
                {
                    // An equivalent escape for an ASCII letter or digit inside a string: same meaning, other bytes.
                    var candidates = Enumerable.Range(0, text.Length).Where(i => char.IsAsciiLetterOrDigit(text[i])).ToList();
                    var at = candidates[random.Next(candidates.Count)];
                    result = text[..at] + "\\u" + ((int)text[at]).ToString("x4", CultureInfo.InvariantCulture) + text[(at + 1)..];
                    what = $"\\u escape at {at}";
                    break;
                }

            case 2:
                {
                    var value = new[] { "null", "{}", "[]", "\"\"", "0", "-1", "1.5e3", "01", "1.", "[1,[2,[3]]]", "{\"a\":{\"b\":[true,false,null]}}", Deep(40), Deep(70) }[random.Next(13)];
                    var member = new[] { "\"before\":", "\"after\":", "\"reason\":", "\"ref\":", "\"seq\":", "\"v\":", "\"chain\":", "\"prev\":" }[random.Next(8)];
                    var at = text.IndexOf(member, StringComparison.Ordinal) + member.Length;
                    var end = at;
                    var depth = 0;
                    var inString = false;
                    for (; end < text.Length; end++)
                    {
                        var ch = text[end];
                        if (inString)
                        {
                            if (ch == '\\')
                            {
                                end++;
                            }
                            else if (ch == '"')
                            {
                                inString = false;
                            }

                            continue;
                        }

                        if (ch == '"')
                        {
                            inString = true;
                        }
                        else if (ch is '{' or '[')
                        {
                            depth++;
                        }
                        else if (ch is '}' or ']')
                        {
                            if (depth == 0)
                            {
                                break;
                            }

                            depth--;
                        }
                        else if (ch == ',' && depth == 0)
                        {
                            break;
                        }
                    }

                    result = text[..at] + value + text[end..];
                    what = $"{member} set to {(value.Length > 20 ? value[..20] + "…" : value)}";
                    break;
                }

            case 3:
                {
                    // Whitespace between tokens (after a comma or colon outside strings) is still JSON.
                    var candidates = Enumerable.Range(0, text.Length).Where(i => text[i] is ',' or ':').ToList();
                    var at = candidates[random.Next(candidates.Count)] + 1;
                    var space = new[] { " ", "\t", "\r\n", "  " }[random.Next(4)];
                    result = text[..at] + space + text[at..];
                    what = $"whitespace at {at}";
                    break;
                }

            default:
                {
                    var insert = Inserts[random.Next(Inserts.Length)];
                    if (insert == "\u00C3\u0028")
                    {
                        var raw = Encoding.UTF8.GetBytes(text).ToList();
                        raw.InsertRange(Math.Min(raw.Count, position), new byte[] { 0xC3, 0x28 });
                        bytes = raw.ToArray();
                        return $"invalid UTF-8 at {position}";
                    }

                    result = text[..position] + insert + text[position..];
                    what = $"inserted {insert.Replace("\n", "\\n", StringComparison.Ordinal)} at {position}";
                    break;
                }
        }

        bytes = Encoding.UTF8.GetBytes(result);
        return what;
    }

    private static string Deep(int depth) => new string('[', depth) + new string(']', depth);

    private static StoredEvent Seal(byte[] bytes) => new(LedgerHash.Of(bytes), bytes);

    /// <summary>Rewrites "prev" of the events from <paramref name="from"/> on so the chain links again, sealing each.</summary>
    private static void Relink(List<StoredEvent> events, int from)
    {
        for (var i = Math.Max(1, from); i < events.Count; i++)
        {
            var text = Encoding.UTF8.GetString(events[i].Canonical.Span);
            var at = text.IndexOf("\"prev\":\"", StringComparison.Ordinal);
            if (at < 0 || at + 8 + 64 > text.Length)
            {
                return;
            }

            text = text[..(at + 8)] + events[i - 1].Hash + text[(at + 8 + 64)..];
            events[i] = Seal(Encoding.UTF8.GetBytes(text));
        }
    }

    private static byte[] Export(IEnumerable<StoredEvent> events)
    {
        using var stream = new MemoryStream();
        foreach (var e in events)
        {
            LedgerExportFormat.WriteLine(stream, e.Hash, e.Canonical.Span);
        }

        return stream.ToArray();
    }

    private static VerificationResult Verify(byte[] file)
    {
        using var stream = new MemoryStream(file, writable: false);
        return LedgerExportFormat.VerifyFile(stream);
    }

    // ---------------------------------------------------------------- the plain verifier, as it was before the optimisation

    private static VerificationResult ReferenceFile(byte[] file)
    {
        var verifier = new ReferenceVerifier();
        long lineNumber = 0;
        var start = 0;
        while (start < file.Length)
        {
            var newline = Array.IndexOf(file, (byte)'\n', start);
            var end = newline < 0 ? file.Length : newline;
            lineNumber++;
            // Since ADR 0014 a file's verification names the line it stopped at, as well as the event.
            if (!ReferenceSplit(file.AsMemory(start, end - start), out var stored, out var problem))
            {
                verifier.Reject(problem); // the line is named by BrokenLine
                return verifier.Result() with { BrokenLine = lineNumber };
            }

            if (!verifier.Add(stored))
            {
                return verifier.Result() with { BrokenLine = lineNumber };
            }

            start = end + 1;
        }

        return verifier.Result();
    }

    private static bool ReferenceSplit(ReadOnlyMemory<byte> line, out StoredEvent stored, out string problem)
    {
        ReadOnlySpan<byte> head = "{\"hash\":\""u8;
        ReadOnlySpan<byte> middle = "\",\"event\":"u8;
        stored = default;
        var span = line.Span;
        if (span.Length < head.Length + 64 + middle.Length + 2 || !span.StartsWith(head) || !span[(head.Length + 64)..].StartsWith(middle) || span[^1] != (byte)'}')
        {
            problem = "line is not {\"hash\":\"<64 hex>\",\"event\":{...}} (an unknown or missing member, or altered layout)";
            return false;
        }

        var hash = Encoding.ASCII.GetString(span.Slice(head.Length, 64));
        if (!hash.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
        {
            problem = "\"hash\" must be 64 lower-case hex digits";
            return false;
        }

        stored = new StoredEvent(hash, line[(head.Length + 64 + middle.Length)..^1]);
        problem = "";
        return true;
    }

    private static VerificationResult Reference(IEnumerable<StoredEvent> events)
    {
        var verifier = new ReferenceVerifier();
        foreach (var e in events)
        {
            if (!verifier.Add(e))
            {
                break;
            }
        }

        return verifier.Result();
    }

    private sealed class ReferenceVerifier
    {
        private string _prev = LedgerHash.Genesis;
        private long _nextSeq = 1;
        private string? _chain;
        private long _count;
        private long _first;
        private VerificationResult? _failure;

        public bool Add(StoredEvent e)
        {
            if (_failure is not null)
            {
                return false;
            }

            var position = _nextSeq;
            if (!LedgerEventParser.TryParse(e.Canonical.Span, out var header, out var problem))
            {
                return Fail(position, "malformed event: " + problem);
            }

            if (_count == 0 && (header.Sequence != 1 || header.PreviousHash != LedgerHash.Genesis))
            {
                return Fail(position, "the first event is not the start of a chain (seq 1 with the genesis prev)");
            }

            if (header.Sequence != _nextSeq)
            {
                return Fail(position, $"sequence {header.Sequence} where {_nextSeq} was expected");
            }

            if (_chain is not null && header.Chain != _chain)
            {
                return Fail(position, $"event of chain {header.Chain} inside chain {_chain}");
            }

            if (header.PreviousHash != _prev)
            {
                return Fail(position, "\"prev\" does not match the hash of the event before it");
            }

            if (Convert.ToHexStringLower(SHA256.HashData(e.Canonical.Span)) != e.Hash)
            {
                return Fail(position, "the event's bytes do not match its hash");
            }

            _chain ??= header.Chain;
            if (_count == 0)
            {
                _first = header.Sequence;
            }

            _prev = e.Hash;
            _nextSeq++;
            _count++;
            return true;
        }

        public void Reject(string problem)
        {
            if (_failure is null)
            {
                Fail(_nextSeq, problem);
            }
        }

        public VerificationResult Result() => _failure ?? new VerificationResult(true, _count, _chain, _first, _nextSeq - 1, _prev, null, null);

        private bool Fail(long sequence, string problem)
        {
            _failure = new VerificationResult(false, _count, _chain, _first, _nextSeq - 1, _prev, sequence, problem);
            return false;
        }
    }
}
