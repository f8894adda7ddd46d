using System.Text;
using Aims.Domain.Ledger;

namespace Aims.Domain.Tests;

/// <summary>
/// The exported JSON Lines file is what an external auditor verifies offline. Its layout is fixed byte for byte:
/// <c>{"hash":"&lt;64 hex&gt;","event":&lt;canonical event&gt;}</c> and a line feed. Any other byte sequence means the
/// file is not the one the system wrote, so it must not verify.
/// </summary>
public sealed class LedgerExportFormatTests
{
    private const int Length = 5;

    private static (List<StoredEvent> Chain, string File) Exported(int length = Length)
    {
        var chain = TestLedger.Chain(length);
        return (chain, Encoding.UTF8.GetString(TestLedger.Export(chain)));
    }

    private static string[] Lines(string file) => file.Split('\n');

    private static string Join(string[] lines) => string.Join('\n', lines);

    private static void AssertBrokenAtLine(VerificationResult result, long line, string problemPart)
    {
        Assert.False(result.Intact, "an altered file verified as intact");
        Assert.True(result.BrokenAt == line, $"BrokenAt {result.BrokenAt}, expected {line} ({result.Problem})");
        Assert.True(result.BrokenLine == line, $"BrokenLine {result.BrokenLine}, expected {line} ({result.Problem})");
        Assert.Contains(problemPart, result.Problem, StringComparison.Ordinal);
        Assert.Equal(line - 1, result.Events);
    }

    [Fact]
    public void Each_line_is_the_hash_and_the_canonical_bytes_in_the_fixed_wrapper()
    {
        var (chain, file) = Exported();
        var lines = Lines(file);
        Assert.Equal(Length + 1, lines.Length);
        Assert.Equal("", lines[^1]);
        for (var i = 0; i < Length; i++)
        {
            Assert.Equal("{\"hash\":\"" + chain[i].Hash + "\",\"event\":" + TestLedger.Text(chain[i]) + "}", lines[i]);
        }
    }

    [Fact]
    public void A_written_file_verifies_with_its_counts_and_head()
    {
        var (chain, file) = Exported();
        var result = TestLedger.VerifyFile(file);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(Length, result.Events);
        Assert.Equal((1L, (long)Length), (result.FirstSequence, result.LastSequence));
        Assert.Equal(chain[^1].Hash, result.LastHash);
        Assert.Equal("org-1", result.Chain);
    }

    [Fact]
    public void Split_gives_back_the_hash_and_the_exact_canonical_bytes()
    {
        var chain = TestLedger.Chain(1);
        var line = TestLedger.Export(chain).AsMemory()[..^1];
        Assert.True(LedgerExportFormat.TrySplit(line, out var stored, out var problem), problem);
        Assert.Equal(chain[0].Hash, stored.Hash);
        Assert.Equal(chain[0].Canonical.ToArray(), stored.Canonical.ToArray());
    }

    [Fact]
    public void An_empty_file_is_intact_with_no_events_and_says_so()
    {
        var result = TestLedger.VerifyFile([]);
        Assert.True(result.Intact);
        Assert.Equal(0, result.Events);
        Assert.Equal("ledger is empty: nothing to verify", result.Summary);
    }

    [Fact]
    public void A_final_line_without_its_newline_still_verifies()
    {
        var (chain, file) = Exported();
        var result = TestLedger.VerifyFile(file[..^1]);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(Length, result.Events);
        Assert.Equal(chain[^1].Hash, result.LastHash);
    }

    [Fact]
    public void A_truncated_final_line_is_detected()
    {
        var (_, file) = Exported();
        AssertBrokenAtLine(TestLedger.VerifyFile(file[..^10]), Length, "");
    }

    [Fact]
    public void Crlf_line_endings_are_detected_as_an_altered_layout()
    {
        // A file that went through a text tool converting LF to CRLF is no longer the exported file.
        var (_, file) = Exported();
        var result = TestLedger.VerifyFile(file.Replace("\n", "\r\n", StringComparison.Ordinal));
        AssertBrokenAtLine(result, 1, "");
        Assert.Contains("altered layout", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_is_detected()
    {
        var (_, file) = Exported();
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(file)];
        AssertBrokenAtLine(TestLedger.VerifyFile(bytes), 1, "");
    }

    public static TheoryData<string, string, string> LayoutChanges => new()
    {
        // name, find (in line 3), replace
        { "extra member before event", "\",\"event\":", "\",\"signer\":\"x\",\"event\":" },
        { "extra member after event", "}}", "},\"signer\":\"x\"}" },
        { "space after colon", "{\"hash\":\"", "{\"hash\": \"" },
        { "space after opening brace", "{\"hash\":", "{ \"hash\":" },
        { "space before event", "\",\"event\":", "\", \"event\":" },
        { "space before closing brace", "}}", "} }" },
        { "trailing garbage byte", "}}", "}}x" },
        { "trailing space", "}}", "}} " },
        { "hash member renamed", "{\"hash\":", "{\"sha256\":" },
    };

    [Theory]
    [MemberData(nameof(LayoutChanges))]
    public void A_change_to_the_wrapper_of_a_line_is_detected_at_that_line(string name, string find, string replace)
    {
        var (_, file) = Exported();
        var lines = Lines(file);
        var index = find == "}}" ? lines[2].LastIndexOf(find, StringComparison.Ordinal) : lines[2].IndexOf(find, StringComparison.Ordinal);
        Assert.True(index >= 0, name);
        lines[2] = lines[2][..index] + replace + lines[2][(index + find.Length)..];
        AssertBrokenAtLine(TestLedger.VerifyFile(Join(lines)), 3, "");
    }

    [Fact]
    public void Wrapper_members_in_the_other_order_are_detected()
    {
        var (chain, file) = Exported();
        var lines = Lines(file);
        lines[1] = "{\"event\":" + TestLedger.Text(chain[1]) + ",\"hash\":\"" + chain[1].Hash + "\"}";
        AssertBrokenAtLine(TestLedger.VerifyFile(Join(lines)), 2, "");
    }

    [Fact]
    public void An_upper_case_hex_hash_is_detected()
    {
        var (chain, file) = Exported();
        var altered = file.Replace(chain[3].Hash, chain[3].Hash.ToUpperInvariant(), StringComparison.Ordinal);
        var lines = Lines(altered);
        lines[4] = Lines(file)[4]; // leave the next event's "prev" as it was: only the wrapper of line 4 differs
        AssertBrokenAtLine(TestLedger.VerifyFile(Join(lines)), 4, "lower-case hex");
    }

    [Fact]
    public void Garbage_after_the_last_newline_is_detected()
    {
        var (_, file) = Exported();
        AssertBrokenAtLine(TestLedger.VerifyFile(file + "x"), Length + 1, "");
        AssertBrokenAtLine(TestLedger.VerifyFile(file + " "), Length + 1, "");
    }

    [Fact]
    public void A_blank_line_between_events_is_detected()
    {
        var (_, file) = Exported();
        var lines = Lines(file).ToList();
        lines.Insert(2, "");
        AssertBrokenAtLine(TestLedger.VerifyFile(string.Join('\n', lines)), 3, "");
    }

    [Fact]
    public void A_changed_byte_inside_an_event_line_is_detected()
    {
        var (_, file) = Exported();
        var altered = file.Replace("\"likelihood\":4,\"owner\"", "\"likelihood\":5,\"owner\"", StringComparison.Ordinal);
        Assert.NotEqual(file, altered);
        AssertBrokenAtLine(TestLedger.VerifyFile(altered), 4, "do not match its hash");
    }

    [Fact]
    public void A_removed_line_is_detected()
    {
        var (_, file) = Exported();
        var lines = Lines(file).ToList();
        lines.RemoveAt(1);
        var result = TestLedger.VerifyFile(string.Join('\n', lines));
        Assert.False(result.Intact);
        Assert.Contains("sequence 3 where 2 was expected", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tail_exported_after_an_anchor_verifies_from_that_anchor()
    {
        var chain = TestLedger.Chain(8);
        var tail = TestLedger.Export(chain.Skip(3));
        var result = TestLedger.VerifyFile(tail, chain[2].Hash, 3);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal((5L, 4L, 8L), (result.Events, result.FirstSequence, result.LastSequence));
        Assert.Equal(chain[^1].Hash, result.LastHash);

        var wrong = TestLedger.VerifyFile(tail, chain[1].Hash, 3);
        Assert.False(wrong.Intact);
        Assert.Equal(4, wrong.BrokenAt);
        Assert.Contains("does not follow the anchor", wrong.Problem, StringComparison.Ordinal);
    }

    /// <summary>
    /// BrokenAt is a sequence number everywhere else; for a file verified after an anchor, line 2 holds the event with
    /// sequence anchor + 2, and the proven prefix (last sequence and hash) is what an auditor records.
    /// </summary>
    [Fact]
    public void A_wrapper_fault_in_an_anchored_tail_is_reported_at_the_event_sequence_with_the_proven_prefix()
    {
        var chain = TestLedger.Chain(8);
        var lines = Lines(Encoding.UTF8.GetString(TestLedger.Export(chain.Skip(3))));
        lines[1] = lines[1].Replace("{\"hash\":\"", "{\"hash\": \"", StringComparison.Ordinal);
        var result = TestLedger.VerifyFile(Join(lines), chain[2].Hash, 3);

        Assert.False(result.Intact);
        Assert.Equal(2, result.BrokenLine);
        Assert.Equal(5, result.BrokenAt);
        Assert.Equal(1, result.Events);
        Assert.Equal(4, result.LastSequence);
        Assert.Equal(chain[3].Hash, result.LastHash);
        Assert.Equal("org-1", result.Chain);
    }

    [Fact]
    public void A_line_longer_than_the_read_buffer_verifies()
    {
        var big = new string('x', 3 << 20);
        var first = LedgerCanonicalJson.Write(new LedgerEventDraft("org-1", 1, LedgerHash.Genesis, TestLedger.Start, "a", "evidence", "e-1", "EV-1",
            LedgerActions.Create, null, null, [new LedgerField("text", big)]));
        var events = new List<StoredEvent> { TestLedger.Resealed(first) };
        events.AddRange(TestLedger.Continue("org-1", events[0].Hash, 1, 3));
        var result = TestLedger.VerifyFile(TestLedger.Export(events));
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(4, result.Events);
        Assert.Equal(events[^1].Hash, result.LastHash);
    }

    [Fact]
    public void A_stream_that_returns_one_byte_at_a_time_verifies_the_same()
    {
        var (chain, file) = Exported();
        using var trickle = new TrickleStream(Encoding.UTF8.GetBytes(file));
        var result = LedgerExportFormat.VerifyFile(trickle);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(Length, result.Events);
        Assert.Equal(chain[^1].Hash, result.LastHash);
    }

    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1)]);
    }
}
