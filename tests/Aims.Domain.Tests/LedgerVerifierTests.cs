using System.Text;
using Aims.Domain.Ledger;

namespace Aims.Domain.Tests;

/// <summary>
/// What an auditor relies on: an intact chain verifies, and any edit, removal, insertion or reordering is caught at the
/// event where it happened. <see cref="VerificationResult.BrokenAt"/> names the sequence number at which the chain stops
/// verifying: the events up to <c>BrokenAt - 1</c> are proven, the one at <c>BrokenAt</c> is not.
/// </summary>
public sealed class LedgerVerifierTests
{
    private const int Length = 6;

    private static void AssertBrokenAt(VerificationResult result, long sequence, string problemPart, long anchorSequence = 0)
    {
        Assert.False(result.Intact, "the verifier called a tampered chain intact");
        Assert.NotNull(result.Problem);
        Assert.Contains(problemPart, result.Problem, StringComparison.Ordinal);
        Assert.True(result.BrokenAt == sequence, $"BrokenAt {result.BrokenAt}, expected {sequence} ({result.Problem})");
        Assert.Equal(sequence - 1, result.LastSequence);
        Assert.Equal(sequence - 1 - anchorSequence, result.Events);
        Assert.StartsWith($"ledger broken at event {sequence}: ", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_untouched_chain_is_intact_with_its_counts_and_head()
    {
        var chain = TestLedger.Chain(Length);
        var result = LedgerVerifier.Verify(chain);

        Assert.True(result.Intact, result.Problem);
        Assert.Equal(Length, result.Events);
        Assert.Equal("org-1", result.Chain);
        Assert.Equal(1, result.FirstSequence);
        Assert.Equal(Length, result.LastSequence);
        Assert.Equal(chain[^1].Hash, result.LastHash);
        Assert.Null(result.BrokenAt);
        Assert.Null(result.Problem);
        Assert.Equal($"ledger intact: {Length} event(s), chain org-1, seq 1..{Length}, head {chain[^1].Hash}", result.Summary);
    }

    [Fact]
    public void An_empty_chain_is_intact_with_nothing_verified()
    {
        var result = LedgerVerifier.Verify([]);
        Assert.True(result.Intact);
        Assert.Equal(0, result.Events);
        Assert.Equal(LedgerHash.Genesis, result.LastHash);
        Assert.Equal("ledger is empty: nothing to verify", result.Summary);
    }

    [Fact]
    public void Adding_events_one_by_one_gives_the_same_result_and_stops_at_the_first_break()
    {
        var chain = TestLedger.Chain(Length);
        chain[2] = chain[2] with { Hash = chain[3].Hash };
        var verifier = new LedgerVerifier();
        Assert.True(verifier.Add(chain[0]));
        Assert.True(verifier.Add(chain[1]));
        Assert.False(verifier.Add(chain[2]));
        Assert.False(verifier.Add(chain[3]));
        Assert.NotNull(verifier.Failure);
        Assert.Equal(verifier.Failure, verifier.Result());
        Assert.Equal(3, verifier.Result().BrokenAt);
    }

    [Fact]
    public void Every_single_byte_change_anywhere_in_an_event_is_detected()
    {
        var chain = TestLedger.Chain(Length);
        const int target = 3;
        var original = chain[target - 1].Canonical.ToArray();
        var missed = new List<string>();
        foreach (var mask in new byte[] { 0x01, 0x20, 0x80, 0xFF })
        {
            for (var i = 0; i < original.Length; i++)
            {
                var copy = (byte[])original.Clone();
                copy[i] ^= mask;
                var tampered = chain.ToList();
                tampered[target - 1] = chain[target - 1] with { Canonical = copy };
                var result = LedgerVerifier.Verify(tampered);
                if (result.Intact || string.IsNullOrEmpty(result.Problem))
                {
                    missed.Add($"byte {i} ^ 0x{mask:x2}");
                }
            }
        }

        Assert.True(original.Length > 200);
        Assert.Empty(missed);
    }

    [Fact]
    public void Every_single_byte_change_in_an_event_is_reported_at_that_event()
    {
        var chain = TestLedger.Chain(Length);
        const int target = 3;
        var original = chain[target - 1].Canonical.ToArray();
        var misplaced = new List<string>();
        foreach (var mask in new byte[] { 0x01, 0x20, 0x80, 0xFF })
        {
            for (var i = 0; i < original.Length; i++)
            {
                var copy = (byte[])original.Clone();
                copy[i] ^= mask;
                var tampered = chain.ToList();
                tampered[target - 1] = chain[target - 1] with { Canonical = copy };
                var result = LedgerVerifier.Verify(tampered);
                if (result.BrokenAt != target || result.LastSequence != target - 1)
                {
                    misplaced.Add($"byte {i} ('{(char)original[i]}') ^ 0x{mask:x2}: BrokenAt {result.BrokenAt}, {result.Problem}");
                }
            }
        }

        Assert.True(misplaced.Count == 0, string.Join("\n", misplaced));
    }

    [Fact]
    public void A_changed_stored_hash_is_detected_at_its_event()
    {
        var chain = TestLedger.Chain(Length);
        var hash = chain[3].Hash;
        chain[3] = chain[3] with { Hash = (hash[0] == 'a' ? "b" : "a") + hash[1..] };
        AssertBrokenAt(LedgerVerifier.Verify(chain), 4, "do not match its hash");
    }

    [Fact]
    public void A_stored_hash_in_upper_case_is_not_the_hash()
    {
        var chain = TestLedger.Chain(Length);
        chain[1] = chain[1] with { Hash = chain[1].Hash.ToUpperInvariant() };
        Assert.False(LedgerVerifier.Verify(chain).Intact);
    }

    [Fact]
    public void An_edited_event_whose_hash_was_recomputed_is_caught_by_the_next_event()
    {
        var chain = TestLedger.Chain(Length);
        var forged = TestLedger.Text(chain[2]).Replace("\"likelihood\":3", "\"likelihood\":1", StringComparison.Ordinal);
        Assert.NotEqual(TestLedger.Text(chain[2]), forged);
        chain[2] = TestLedger.Resealed(forged);
        AssertBrokenAt(LedgerVerifier.Verify(chain), 4, "\"prev\" does not match");
    }

    [Fact]
    public void Rewriting_the_last_event_and_its_hash_changes_the_head_an_auditor_compares_with_a_checkpoint()
    {
        var chain = TestLedger.Chain(Length);
        var head = chain[^1].Hash;
        chain[^1] = TestLedger.Resealed(TestLedger.Text(chain[^1]).Replace("ML lead", "nobody", StringComparison.Ordinal));
        var result = LedgerVerifier.Verify(chain);
        Assert.True(result.Intact);
        Assert.NotEqual(head, result.LastHash);
    }

    [Fact]
    public void A_removed_event_leaves_a_gap_that_is_detected()
    {
        var chain = TestLedger.Chain(Length);
        chain.RemoveAt(2);
        AssertBrokenAt(LedgerVerifier.Verify(chain), 3, "sequence 4 where 3 was expected");
    }

    [Fact]
    public void Two_events_in_swapped_order_are_detected()
    {
        var chain = TestLedger.Chain(Length);
        (chain[2], chain[3]) = (chain[3], chain[2]);
        AssertBrokenAt(LedgerVerifier.Verify(chain), 3, "sequence 4 where 3 was expected");
    }

    [Fact]
    public void A_duplicated_event_is_detected()
    {
        var chain = TestLedger.Chain(Length);
        chain.Insert(3, chain[2]);
        AssertBrokenAt(LedgerVerifier.Verify(chain), 4, "sequence 3 where 4 was expected");
    }

    [Fact]
    public void An_event_of_another_chain_is_detected()
    {
        var chain = TestLedger.Chain(Length);
        chain[2] = TestLedger.Chain(Length, "org-2")[2];
        AssertBrokenAt(LedgerVerifier.Verify(chain), 3, "chain org-2 inside chain org-1");
    }

    [Fact]
    public void A_correctly_linked_and_hashed_event_that_names_another_chain_is_still_refused()
    {
        var chain = TestLedger.Chain(Length);
        var foreign = TestLedger.Continue("org-2", chain[^1].Hash, Length, 1);
        AssertBrokenAt(LedgerVerifier.Verify([.. chain, .. foreign]), Length + 1, "chain org-2 inside chain org-1");
    }

    [Fact]
    public void A_chain_whose_first_event_was_removed_is_not_the_start_of_a_chain()
    {
        var chain = TestLedger.Chain(Length);
        chain.RemoveAt(0);
        AssertBrokenAt(LedgerVerifier.Verify(chain), 1, "not the start of a chain");
    }

    [Fact]
    public void A_first_event_with_seq_1_but_a_prev_other_than_genesis_is_not_the_start_of_a_chain()
    {
        var first = LedgerCanonicalJson.Write(TestLedger.Draft("org-1", 1, new string('1', 64)));
        AssertBrokenAt(LedgerVerifier.Verify([TestLedger.Resealed(first)]), 1, "not the start of a chain");
    }

    [Fact]
    public void A_first_event_with_seq_0_is_refused()
    {
        var first = LedgerCanonicalJson.Write(TestLedger.Draft("org-1", 0, LedgerHash.Genesis));
        AssertBrokenAt(LedgerVerifier.Verify([TestLedger.Resealed(first)]), 1, "\"seq\" must be 1 or more");
    }

    [Theory]
    [InlineData(",\"after\":", ",\"note\":\"x\",\"after\":", "expected member \"after\" but found \"note\"")]
    [InlineData("}}", "},\"note\":\"x\"}", "unknown member after \"after\"")]
    [InlineData("{\"v\":1,", "{\"x\":0,\"v\":1,", "expected member \"v\" but found \"x\"")]
    public void An_unknown_member_in_an_event_is_refused_even_with_a_matching_hash(string find, string replace, string problem)
    {
        var chain = TestLedger.Chain(Length);
        var text = TestLedger.Text(chain[4]);
        var index = find == "}}" ? text.LastIndexOf(find, StringComparison.Ordinal) : text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(index >= 0);
        chain[4] = TestLedger.Resealed(text[..index] + replace + text[(index + find.Length)..]);
        AssertBrokenAt(LedgerVerifier.Verify(chain), 5, problem);
    }

    [Theory]
    [InlineData("\"reason\":null,", "expected member \"reason\" but found \"before\"")]
    [InlineData("\"ref\":\"RISK-5\",", "expected member \"ref\" but found \"action\"")]
    [InlineData("\"v\":1,", "expected member \"v\" but found \"chain\"")]
    public void A_missing_member_in_an_event_is_refused_even_with_a_matching_hash(string member, string problem)
    {
        var chain = TestLedger.Chain(Length);
        var text = TestLedger.Text(chain[4]);
        Assert.Contains(member, text, StringComparison.Ordinal);
        chain[4] = TestLedger.Resealed(text.Replace(member, "", StringComparison.Ordinal));
        AssertBrokenAt(LedgerVerifier.Verify(chain), 5, problem);
    }

    [Fact]
    public void Members_in_another_order_are_refused_even_with_a_matching_hash()
    {
        var chain = TestLedger.Chain(Length);
        var text = TestLedger.Text(chain[1]);
        const string inOrder = ",\"type\":\"risk\",\"id\":\"r-2\",";
        Assert.Contains(inOrder, text, StringComparison.Ordinal);
        chain[1] = TestLedger.Resealed(text.Replace(inOrder, ",\"id\":\"r-2\",\"type\":\"risk\",", StringComparison.Ordinal));
        AssertBrokenAt(LedgerVerifier.Verify(chain), 2, "expected member \"type\" but found \"id\"");
    }

    [Theory]
    [InlineData("\"v\":1", "\"v\":2", "unsupported event format version 2")]
    [InlineData("\"v\":1", "\"v\":4294967297", "unsupported event format version")]
    [InlineData("\"seq\":5", "\"seq\":\"5\"", "\"seq\" must be an integer")]
    [InlineData("\"seq\":5", "\"seq\":5.0", "\"seq\" must be an integer")]
    [InlineData("\"chain\":\"org-1\"", "\"chain\":null", "\"chain\" must be a string")]
    [InlineData("\"before\":{", "\"before\":[{", "\"before\" must be an object or null")]
    public void A_member_of_the_wrong_type_or_an_unknown_format_version_is_refused(string find, string replace, string problem)
    {
        var chain = TestLedger.Chain(Length);
        var text = TestLedger.Text(chain[4]);
        Assert.Contains(find, text, StringComparison.Ordinal);
        chain[4] = TestLedger.Resealed(text.Replace(find, replace, StringComparison.Ordinal));
        AssertBrokenAt(LedgerVerifier.Verify(chain), 5, problem);
    }

    [Fact]
    public void A_prev_in_upper_case_hex_is_refused()
    {
        var chain = TestLedger.Chain(2);
        var text = TestLedger.Text(chain[1]);
        chain[1] = TestLedger.Resealed(text.Replace(chain[0].Hash, chain[0].Hash.ToUpperInvariant(), StringComparison.Ordinal));
        AssertBrokenAt(LedgerVerifier.Verify(chain), 2, "64 lower-case hex digits");
    }

    [Fact]
    public void Bytes_that_are_not_json_are_refused_at_their_event()
    {
        var chain = TestLedger.Chain(3);
        chain[1] = TestLedger.Resealed("not json"u8.ToArray());
        AssertBrokenAt(LedgerVerifier.Verify(chain), 2, "malformed event");
        chain[1] = TestLedger.Resealed(Array.Empty<byte>());
        AssertBrokenAt(LedgerVerifier.Verify(chain), 2, "malformed event");
        chain[1] = TestLedger.Resealed(TestLedger.Text(TestLedger.Chain(3)[1]) + TestLedger.Text(TestLedger.Chain(3)[1]));
        AssertBrokenAt(LedgerVerifier.Verify(chain), 2, "malformed event");
    }

    // ---------------------------------------------------------------- anchored verification of a tail

    [Fact]
    public void A_tail_verifies_from_an_anchor_and_reports_the_same_head_as_the_whole_chain()
    {
        var chain = TestLedger.Chain(10);
        var tail = chain.Skip(5).ToList();
        var result = LedgerVerifier.Verify(tail, chain[4].Hash, 5);

        Assert.True(result.Intact, result.Problem);
        Assert.Equal(5, result.Events);
        Assert.Equal(6, result.FirstSequence);
        Assert.Equal(10, result.LastSequence);
        Assert.Equal(chain[^1].Hash, result.LastHash);
        Assert.Equal(LedgerVerifier.Verify(chain).LastHash, result.LastHash);
    }

    [Fact]
    public void A_tail_with_a_wrong_anchor_hash_is_refused()
    {
        var chain = TestLedger.Chain(10);
        AssertBrokenAt(LedgerVerifier.Verify(chain.Skip(5), chain[3].Hash, 5), 6, "does not follow the anchor", anchorSequence: 5);
        AssertBrokenAt(LedgerVerifier.Verify(chain.Skip(5), LedgerHash.Genesis, 5), 6, "does not follow the anchor", anchorSequence: 5);
    }

    [Fact]
    public void A_tail_with_a_wrong_anchor_sequence_is_refused()
    {
        var chain = TestLedger.Chain(10);
        var result = LedgerVerifier.Verify(chain.Skip(5), chain[4].Hash, 4);
        Assert.False(result.Intact);
        Assert.Contains("does not follow the anchor", result.Problem, StringComparison.Ordinal);
        Assert.Contains("expected seq 5", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tail_checked_as_a_whole_chain_is_refused()
    {
        var chain = TestLedger.Chain(10);
        var result = LedgerVerifier.Verify(chain.Skip(5));
        Assert.False(result.Intact);
        Assert.Contains("not the start of a chain", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Tampering_inside_an_anchored_tail_is_reported_at_its_sequence()
    {
        var chain = TestLedger.Chain(10);
        chain[7] = chain[7] with { Canonical = Encoding.UTF8.GetBytes(TestLedger.Text(chain[7]).Replace("ML lead", "ML leaf", StringComparison.Ordinal)) };
        var result = LedgerVerifier.Verify(chain.Skip(5), chain[4].Hash, 5);
        Assert.False(result.Intact);
        Assert.Equal(8, result.BrokenAt);
        Assert.Equal(7, result.LastSequence);
        Assert.Equal(2, result.Events);
        Assert.Equal(chain[6].Hash, result.LastHash);
    }
}
