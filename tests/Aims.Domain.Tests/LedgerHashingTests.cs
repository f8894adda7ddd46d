using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aims.Domain.Ledger;

namespace Aims.Domain.Tests;

/// <summary>The canonical bytes of an event are what gets hashed and stored, so they must be fixed to the byte.</summary>
public sealed class LedgerHashingTests
{
    private const string Prev = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static LedgerEventDraft Sample() => new(
        "org-42",
        7,
        Prev,
        new DateTimeOffset(2026, 3, 1, 1, 2, 3, TimeSpan.FromHours(5.5)).AddTicks(1_234_560),
        "person:abc",
        "risk",
        "r-1",
        "RISK-42",
        LedgerActions.Update,
        "quarterly review",
        [new LedgerField("title", "Old"), new LedgerField("likelihood", 2)],
        [
            new LedgerField("title", "New"),
            new LedgerField("likelihood", 3),
            new LedgerField("owner", null),
            new LedgerField("due", new DateOnly(2026, 4, 30)),
            new LedgerField("reviewed", new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(1))),
            new LedgerField("accepted", true),
            new LedgerField("controls", new[] { "A.6.2.8", "A.5.2" }),
        ]);

    private static string Text(LedgerEventDraft draft) => Encoding.UTF8.GetString(LedgerCanonicalJson.Write(draft));

    [Fact]
    public void An_event_is_written_exactly_as_the_canonical_form_says()
    {
        const string expected = """
            {"v":1,"chain":"org-42","seq":7,"prev":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","at":"2026-02-28T19:32:03.123456Z","actor":"person:abc","type":"risk","id":"r-1","ref":"RISK-42","action":"update","reason":"quarterly review","before":{"likelihood":2,"title":"Old"},"after":{"accepted":true,"controls":["A.6.2.8","A.5.2"],"due":"2026-04-30","likelihood":3,"owner":null,"reviewed":"2026-03-01T11:00:00.000000Z","title":"New"}}
            """;
        Assert.Equal(expected, Text(Sample()));
    }

    [Fact]
    public void Members_come_in_the_fixed_order()
    {
        string[] expected = ["v", "chain", "seq", "prev", "at", "actor", "type", "id", "ref", "action", "reason", "before", "after"];
        using var doc = JsonDocument.Parse(LedgerCanonicalJson.Write(Sample()));
        Assert.Equal(expected, doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(expected, LedgerCanonicalJson.Members);
    }

    [Fact]
    public void Absent_reference_reason_before_and_after_are_written_as_null_not_left_out()
    {
        var draft = Sample() with { Reference = null, Reason = null, Before = null, After = null };
        using var doc = JsonDocument.Parse(LedgerCanonicalJson.Write(draft));
        Assert.Equal(13, doc.RootElement.EnumerateObject().Count());
        foreach (var name in new[] { "ref", "reason", "before", "after" })
        {
            Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty(name).ValueKind);
        }
    }

    [Fact]
    public void Record_fields_are_sorted_by_ordinal_name_whatever_order_they_come_in()
    {
        var draft = Sample() with
        {
            Before = [new LedgerField("beta", 1), new LedgerField("alpha", 2), new LedgerField("Zeta", 3), new LedgerField("Alpha", 4)],
            After = [new LedgerField("b", "x"), new LedgerField("a_2", "y"), new LedgerField("a-1", "z")],
        };
        using var doc = JsonDocument.Parse(LedgerCanonicalJson.Write(draft));
        Assert.Equal(["Alpha", "Zeta", "alpha", "beta"], doc.RootElement.GetProperty("before").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["a-1", "a_2", "b"], doc.RootElement.GetProperty("after").EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData(2026, 3, 1, 1, 2, 3, 330, 1_234_560, "2026-02-28T19:32:03.123456Z")]
    [InlineData(2026, 12, 31, 23, 59, 59, -480, 9_999_990, "2027-01-01T07:59:59.999999Z")]
    [InlineData(2026, 1, 1, 0, 0, 0, 0, 0, "2026-01-01T00:00:00.000000Z")]
    [InlineData(2026, 6, 30, 14, 0, 0, 120, 10, "2026-06-30T12:00:00.000001Z")]
    public void Times_are_utc_with_six_fractional_digits_and_Z(int y, int mo, int d, int h, int mi, int s, int offsetMinutes, long ticks, string expected)
    {
        var at = new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.FromMinutes(offsetMinutes)).AddTicks(ticks);
        Assert.Equal(expected, LedgerCanonicalJson.FormatTime(at));
        Assert.Contains($"\"at\":\"{expected}\"", Text(Sample() with { At = at }), StringComparison.Ordinal);
    }

    [Fact]
    public void The_hand_written_time_format_matches_the_format_string_everywhere()
    {
        // Spread over every year the type holds, with offsets, so a digit or carry error in the fast writer shows.
        var random = new Random(20261124);
        for (var i = 0; i < 20_000; i++)
        {
            var offset = TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1));
            var ticks = random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay);
            var at = new DateTimeOffset(new DateTime(ticks, DateTimeKind.Unspecified), offset);
            var expected = at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
            Assert.Equal(expected, LedgerCanonicalJson.FormatTime(at));
        }
    }

    [Theory]
    [InlineData("lifecycle:01a20cfe-86e8-781e-b7eb-a961759a0b8c", "person:abc")]
    [InlineData("org-42", "person:ö \"quoted\" \\ ✓")]
    [InlineData("chain \"with\" quotes", "token:x")]
    [InlineData("seq", "")]
    public void A_prepared_event_completed_later_has_exactly_the_bytes_of_one_written_whole(string chain, string actor)
    {
        var random = new Random(42);
        var draft = Sample() with { Chain = chain, Actor = actor };
        var template = LedgerCanonicalJson.Prepare(draft);
        foreach (var sequence in new long[] { 1, 9, 10, 99_999, long.MaxValue, 0 })
        {
            var prev = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            var at = new DateTimeOffset(random.NextInt64(DateTime.UnixEpoch.Ticks, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay), TimeSpan.FromMinutes(random.Next(-600, 600)));
            var whole = LedgerCanonicalJson.Write(draft with { Sequence = sequence, PreviousHash = prev, At = at });
            Assert.Equal(Encoding.UTF8.GetString(whole), Encoding.UTF8.GetString(template.Write(sequence, prev, at)));
        }

        // Not a hash: written whole, still the same bytes.
        Assert.Equal(LedgerCanonicalJson.Write(draft with { PreviousHash = "x" }), template.Write(draft.Sequence, "x", draft.At));
    }

    [Fact]
    public void A_time_below_a_microsecond_still_has_exactly_six_digits()
    {
        var at = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(-3)).AddTicks(1_234_567);
        Assert.Matches(@"^2026-03-01T13:00:00\.12345[67]Z$", LedgerCanonicalJson.FormatTime(at));
    }

    [Fact]
    public void The_same_instant_given_with_different_offsets_gives_the_same_bytes()
    {
        var utc = new DateTimeOffset(2026, 5, 4, 3, 2, 1, TimeSpan.Zero).AddTicks(4_560);
        var tokyo = utc.ToOffset(TimeSpan.FromHours(9));
        var newYork = utc.ToOffset(TimeSpan.FromHours(-4));
        var bytes = LedgerCanonicalJson.Write(Sample() with { At = utc });
        Assert.Equal(bytes, LedgerCanonicalJson.Write(Sample() with { At = tokyo }));
        Assert.Equal(bytes, LedgerCanonicalJson.Write(Sample() with { At = newYork }));
    }

    [Fact]
    public void The_same_draft_gives_the_same_bytes_every_time()
    {
        var first = LedgerCanonicalJson.Write(Sample());
        var second = LedgerCanonicalJson.Write(Sample());
        Assert.NotSame(first, second);
        Assert.Equal(first, second);

        var shuffled = Sample() with { After = Sample().After!.Reverse().ToList(), Before = Sample().Before!.Reverse().ToList() };
        Assert.Equal(first, LedgerCanonicalJson.Write(shuffled));
    }

    public static TheoryData<string> Changes => new()
    {
        "chain", "seq", "prev", "at", "actor", "type", "id", "ref", "action", "reason", "before", "after",
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Changing_any_member_of_a_draft_changes_its_hash(string member)
    {
        var original = Sample();
        var changed = member switch
        {
            "chain" => original with { Chain = "org-43" },
            "seq" => original with { Sequence = 8 },
            "prev" => original with { PreviousHash = LedgerHash.Genesis },
            "at" => original with { At = original.At.AddTicks(10) },
            "actor" => original with { Actor = "person:abd" },
            "type" => original with { EntityType = "control" },
            "id" => original with { EntityId = "r-2" },
            "ref" => original with { Reference = null },
            "action" => original with { Action = LedgerActions.Delete },
            "reason" => original with { Reason = "quarterly review." },
            "before" => original with { Before = [new LedgerField("title", "Old"), new LedgerField("likelihood", 1)] },
            "after" => original with { After = [.. original.After!, new LedgerField("note", "")] },
            _ => throw new ArgumentOutOfRangeException(nameof(member)),
        };
        Assert.NotEqual(LedgerHash.Of(LedgerCanonicalJson.Write(original)), LedgerHash.Of(LedgerCanonicalJson.Write(changed)));
    }

    [Fact]
    public void The_hash_is_lower_case_hex_sha256_of_the_canonical_bytes()
    {
        var bytes = LedgerCanonicalJson.Write(Sample());
        var expected = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
        Assert.Equal(expected, LedgerHash.Of(bytes));
        Assert.True(LedgerHash.Matches(bytes, Encoding.ASCII.GetBytes(expected)));
        Assert.False(LedgerHash.Matches(bytes, Encoding.ASCII.GetBytes(expected.ToUpperInvariant())));
        Assert.False(LedgerHash.Matches(bytes, Encoding.ASCII.GetBytes(LedgerHash.Genesis)));
    }

    [Fact]
    public void The_hash_agrees_with_the_published_sha256_test_vector()
    {
        // FIPS 180-2, appendix B.1: SHA-256("abc").
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", LedgerHash.Of("abc"u8));
    }

    [Fact]
    public void Genesis_is_64_zero_digits_and_a_valid_prev()
    {
        Assert.Equal(new string('0', 64), LedgerHash.Genesis);
        Assert.True(LedgerEventParser.IsHash(LedgerHash.Genesis));
    }

    [Fact]
    public void The_parser_reads_back_what_the_writer_wrote_including_awkward_text()
    {
        var draft = Sample() with { Reason = "she said \"no\" — é ✓\n<script>\\", Actor = "person:ö", Reference = null };
        Assert.True(LedgerEventParser.TryParse(LedgerCanonicalJson.Write(draft), out var header, out var problem), problem);
        Assert.Equal(
            new LedgerEventHeader(1, "org-42", 7, Prev, "2026-02-28T19:32:03.123456Z", "person:ö", "risk", "r-1", null, "update", draft.Reason),
            header);
    }
}
