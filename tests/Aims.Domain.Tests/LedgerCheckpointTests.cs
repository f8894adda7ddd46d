using System.Security.Cryptography;
using System.Text;
using Aims.Domain.Ledger;

namespace Aims.Domain.Tests;

/// <summary>
/// The tamper tests on an export with signed checkpoints and a signed head: whatever is changed, removed,
/// added or reordered, verification fails and names the line; a range from a checkpoint verifies on its own; the
/// wrong key fails; a rotation verifies across itself.
/// </summary>
public sealed class LedgerCheckpointTests
{
    private static void BrokenAtLine(VerificationResult result, long line, string problemPart = "")
    {
        Assert.False(result.Intact, "a changed export verified as intact");
        Assert.True(result.BrokenLine == line, $"expected line {line}, got {result.BrokenLine}: {result.Summary}");
        Assert.Contains(problemPart, result.Problem, StringComparison.Ordinal);
        Assert.Contains($"line {line}", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_export_with_checkpoints_and_a_signed_head_verifies_and_says_which_key_it_trusted()
    {
        using var ledger = SignedLedger.Build(10, 3);
        var lines = ledger.Lines();
        Assert.Equal(13 + 1, lines.Count);
        Assert.StartsWith("{\"signedHead\":{\"chain\":\"org-1\",\"seq\":13,", lines[^1], StringComparison.Ordinal);

        var own = SignedLedger.Verify(lines);
        Assert.True(own.Intact, own.Summary);
        Assert.Equal((13L, 3L, 0L), (own.Events, own.Checkpoints, own.Rotations));
        Assert.Contains("key in the export", own.Summary, StringComparison.Ordinal);

        var given = SignedLedger.Verify(lines, ledger.Key);
        Assert.True(given.Intact, given.Summary);
        Assert.Contains($"given key {LedgerCheckpoint.KeyId(ledger.Key)}", given.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_signs_the_head_before_it_and_reads_back()
    {
        using var ledger = SignedLedger.Build(3, 3);
        var checkpoint = ledger.Events[3];
        Assert.True(LedgerCheckpoint.TryRead(checkpoint.Canonical.Span, out var claim, out var problem), problem);
        Assert.Equal((3L, ledger.Events[2].Hash), (claim.HeadSeq, claim.Head));
        Assert.Equal(LedgerCheckpoint.KeyId(ledger.Key), claim.KeyId);
        var payload = Encoding.UTF8.GetBytes($"aims-checkpoint:v1:org-1:3:{ledger.Events[2].Hash}");
        Assert.True(ledger.Key.VerifyData(payload, Convert.FromBase64String(claim.Signature), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void Changing_any_byte_of_an_event_or_checkpoint_line_fails_at_that_line()
    {
        using var ledger = SignedLedger.Build(6, 3);
        var lines = ledger.Lines();
        foreach (var index in new[] { 1, ledger.Checkpoints[0] })
        {
            var bytes = Encoding.UTF8.GetBytes(lines[index]);
            for (var i = 0; i < bytes.Length; i++)
            {
                var changed = (byte[])bytes.Clone();
                changed[i] = changed[i] == (byte)'1' ? (byte)'2' : (byte)'1';
                var copy = lines.ToList();
                copy[index] = Encoding.UTF8.GetString(changed);
                var result = SignedLedger.Verify(copy);
                Assert.False(result.Intact, $"byte {i} of line {index + 1} changed and still intact");
                Assert.True(result.BrokenLine == index + 1, $"byte {i}: expected line {index + 1}, got {result.Summary}");
            }
        }
    }

    [Fact]
    public void Deleting_inserting_or_reordering_events_fails_at_the_line()
    {
        using var ledger = SignedLedger.Build(10, 3);
        var lines = ledger.Lines();

        BrokenAtLine(SignedLedger.Verify(lines.Where((_, i) => i != 4)), 5, "sequence");
        var inserted = lines.ToList();
        inserted.Insert(5, lines[2]);
        BrokenAtLine(SignedLedger.Verify(inserted), 6, "sequence");
        var swapped = lines.ToList();
        (swapped[5], swapped[6]) = (swapped[6], swapped[5]);
        BrokenAtLine(SignedLedger.Verify(swapped), 6);
    }

    [Fact]
    public void An_altered_checkpoint_signature_fails_even_when_the_line_is_resealed()
    {
        using var ledger = SignedLedger.Build(6, 3);
        var index = ledger.Checkpoints[1];
        var text = TestLedger.Text(ledger.Events[index]);
        Assert.True(LedgerCheckpoint.TryRead(ledger.Events[index].Canonical.Span, out var claim, out _));
        var forged = Convert.FromBase64String(claim.Signature);
        forged[10] ^= 1;
        var resealed = TestLedger.Resealed(text.Replace(claim.Signature, Convert.ToBase64String(forged), StringComparison.Ordinal));
        var events = ledger.Events.ToList();
        events[index] = resealed;
        // Later events would no longer link; the signature is the first thing wrong, on its own line.
        BrokenAtLine(SignedLedger.Verify(ledger.Lines(events)), index + 1, "signature is not valid");
    }

    [Fact]
    public void A_checkpoint_signed_by_another_key_fails_even_if_it_is_internally_valid()
    {
        using var ledger = SignedLedger.Build(6, 3);
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var index = ledger.Checkpoints[1];
        var events = ledger.Events.Take(index).ToList();
        var draft = LedgerCheckpoint.Draft("org-1", index + 1, events[^1].Hash, TestLedger.Start, "system:ledger", "org-1", null, forger);
        var bytes = LedgerCanonicalJson.Write(draft);
        events.Add(new StoredEvent(LedgerHash.Of(bytes), bytes));
        BrokenAtLine(SignedLedger.Verify(ledger.Lines(events, forger)), index + 1, "where the chain's key is");
    }

    [Fact]
    public void A_truncated_export_fails()
    {
        using var ledger = SignedLedger.Build(10, 3);
        var lines = ledger.Lines();
        BrokenAtLine(SignedLedger.Verify(lines.SkipLast(1)), lines.Count, "no signed head");
        BrokenAtLine(SignedLedger.Verify(lines.Take(lines.Count - 3).Append(lines[^1])), lines.Count - 2, "export ends at seq");
        // Cut to a checkpoint, with that checkpoint's signature passed off as a signed head: another prefix, so invalid.
        BrokenAtLine(SignedLedger.Verify(lines.Take(5)), 6, "no signed head");
    }

    [Fact]
    public void A_signed_head_with_an_unknown_member_or_not_last_fails()
    {
        using var ledger = SignedLedger.Build(4, 3);
        var lines = ledger.Lines();
        var extra = lines.ToList();
        extra[^1] = extra[^1].Replace("{\"chain\"", "{\"note\":\"x\",\"chain\"", StringComparison.Ordinal);
        BrokenAtLine(SignedLedger.Verify(extra), lines.Count, "unknown member");
        var early = lines.ToList();
        early.Insert(2, lines[^1]);
        BrokenAtLine(SignedLedger.Verify(early), 3, "last line");
        var resigned = lines.ToList();
        resigned[^1] = resigned[^1].Replace("\"seq\":5", "\"seq\":6", StringComparison.Ordinal);
        BrokenAtLine(SignedLedger.Verify(resigned), lines.Count, "signature is not valid");
    }

    [Fact]
    public void An_unknown_field_in_a_checkpoint_fails()
    {
        using var ledger = SignedLedger.Build(3, 3);
        var text = TestLedger.Text(ledger.Events[3]).Replace("\"after\":{", "\"after\":{\"extra\":1,", StringComparison.Ordinal);
        var events = ledger.Events.Take(3).Append(TestLedger.Resealed(text)).ToList();
        BrokenAtLine(SignedLedger.Verify(ledger.Lines(events)), 4, "unknown checkpoint field \"extra\"");
    }

    [Fact]
    public void A_range_that_starts_at_a_checkpoint_verifies_on_its_own_and_one_that_does_not_fails()
    {
        using var ledger = SignedLedger.Build(10, 3);
        var from = ledger.Checkpoints[1];
        var range = ledger.Lines(ledger.Events.Skip(from));
        var result = SignedLedger.Verify(range, ledger.Key);
        Assert.True(result.Intact, result.Summary);
        Assert.Equal(from + 1, result.FirstSequence);

        BrokenAtLine(SignedLedger.Verify(ledger.Lines(ledger.Events.Skip(from + 1))), 1, "nor a valid signed checkpoint");
    }

    [Fact]
    public void The_wrong_key_fails_at_the_signed_head()
    {
        using var ledger = SignedLedger.Build(6, 3);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var lines = ledger.Lines();
        BrokenAtLine(SignedLedger.Verify(lines, other), lines.Count, "not by the given key");
    }

    [Fact]
    public void A_rotation_verifies_across_itself_with_the_old_or_the_new_key()
    {
        using var ledger = SignedLedger.Build(10, 3, rotateAfter: 4);
        var lines = ledger.Lines();
        foreach (var key in new[] { ledger.Key, ledger.NextKey })
        {
            var result = SignedLedger.Verify(lines, key);
            Assert.True(result.Intact, result.Summary);
            Assert.Equal(1, result.Rotations);
            Assert.Equal(LedgerCheckpoint.KeyId(ledger.NextKey), result.KeyId);
        }

        // After the rotation the old key may no longer sign: a head signed by it fails.
        BrokenAtLine(SignedLedger.Verify(ledger.Lines(headKey: ledger.Key)), lines.Count, "chain's key is");
    }

    [Fact]
    public void The_database_verifier_checks_checkpoints_too()
    {
        using var ledger = SignedLedger.Build(6, 3);
        Assert.True(LedgerVerifier.Verify(ledger.Events).Intact);
        var index = ledger.Checkpoints[0];
        var text = TestLedger.Text(ledger.Events[index]).Replace("\"headSeq\":3", "\"headSeq\":2", StringComparison.Ordinal);
        var events = ledger.Events.ToList();
        events[index] = TestLedger.Resealed(text);
        var result = LedgerVerifier.Verify(events);
        Assert.False(result.Intact);
        Assert.Equal(index + 1, result.BrokenAt);
    }
}

/// <summary>A signed head that ends exactly where the verifier's first read chunk ends is still the last line.</summary>
public sealed class SignedHeadChunkEdgeTests
{
    private const int ChunkSize = 4 << 20; // LedgerExportFormat's read chunk

    private sealed class Unseekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    private static byte[] File(int reasonLength, int events, System.Security.Cryptography.ECDsa key)
    {
        var firstDraft = TestLedger.Draft("org-1", 1, LedgerHash.Genesis) with { Reason = new string('x', reasonLength) };
        var firstBytes = LedgerCanonicalJson.Write(firstDraft);
        var first = new StoredEvent(LedgerHash.Of(firstBytes), firstBytes);
        var all = new List<StoredEvent> { first };
        all.AddRange(TestLedger.Continue("org-1", first.Hash, 1, events - 1));
        var head = LedgerSignedHead.Sign(key, "org-1", events, all[^1].Hash, TestLedger.Start);
        return [.. TestLedger.Export(all), .. head.ToLine(), (byte)'\n'];
    }

    [Fact]
    public void A_file_ending_on_the_chunk_edge_verifies()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var events = ChunkSize / 520;
        var probe = File(1, events, key).Length;
        Assert.True(probe < ChunkSize, $"{probe} bytes: fewer events needed");
        var file = File(1 + ChunkSize - probe, events, key);
        Assert.Equal(ChunkSize, file.Length);
        using var stream = new Unseekable(file);
        var result = LedgerExportFormat.VerifyFile(stream, new ExportTrust(key.ExportSubjectPublicKeyInfo()));
        Assert.True(result.Intact, result.Summary);
        Assert.Equal(events, result.Events);
    }
}
