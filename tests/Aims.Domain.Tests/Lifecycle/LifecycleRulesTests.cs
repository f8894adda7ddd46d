using System.Security.Cryptography;
using System.Text;
using Aims.Domain.Inventory;
using Aims.Domain.Ledger;
using Aims.Domain.Lifecycle;

namespace Aims.Domain.Tests.Lifecycle;

public sealed class LifecycleRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);

    private static LifecycleEventInput Input(string id = "e-1", string? stage = "operation-and-monitoring", string? digest = null, DateTimeOffset? at = null,
        bool? human = null, string? by = null, IReadOnlyList<LedgerField>? attributes = null) =>
        new(id, "SYS-3", "m-1", stage, "prediction", "d-1", digest ?? new string('a', 64), null, human, by, at ?? Now.AddMinutes(-3), attributes);

    [Fact]
    public void A_valid_event_is_kept_with_its_stage_and_time_in_utc_microseconds()
    {
        var (events, errors) = LifecycleBatchRules.Validate([Input(at: new DateTimeOffset(2026, 11, 24, 7, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567))], Now);
        Assert.Empty(errors);
        var e = Assert.Single(events);
        Assert.Equal(LifecycleStage.OperationAndMonitoring, e.Stage);
        Assert.Equal(TimeSpan.Zero, e.Timestamp.Offset);
        Assert.Equal(1234560, e.Timestamp.Ticks % 10_000_000);
    }

    [Theory]
    [InlineData("stage", "events[0].stage")]
    [InlineData("digest", "events[0].inputDigest")]
    [InlineData("upper", "events[0].inputDigest")]
    [InlineData("future", "events[0].timestamp")]
    [InlineData("human", "events[0].interventionBy")]
    [InlineData("notHuman", "events[0].interventionBy")]
    [InlineData("id", "events[0].eventId")]
    [InlineData("attrName", "events[0].attributes")]
    [InlineData("attrTwice", "events[0].attributes")]
    public void A_broken_rule_names_the_event_and_the_member_and_refuses_the_batch(string fault, string field)
    {
        var input = fault switch
        {
            "stage" => Input(stage: "operation"),
            "digest" => Input(digest: "abc"),
            "upper" => Input(digest: new string('A', 64)),
            "future" => Input(at: Now.AddMinutes(6)),
            "human" => Input(human: true),
            "notHuman" => Input(human: false, by: "someone"),
            "id" => Input(id: "has space"),
            "attrName" => Input(attributes: [new("bad name", "x")]),
            _ => Input(attributes: [new("a", "x"), new("a", "y")]),
        };
        var (events, errors) = LifecycleBatchRules.Validate([input], Now);
        Assert.Empty(events);
        Assert.True(errors.ContainsKey(field), string.Join("; ", errors.Keys));
    }

    [Fact]
    public void A_timestamp_within_the_allowed_clock_skew_is_accepted()
    {
        Assert.Empty(LifecycleBatchRules.Validate([Input(at: Now.AddMinutes(4))], Now).Errors);
    }

    [Fact]
    public void A_duplicate_event_id_names_the_later_event_and_the_earlier_one()
    {
        var (events, errors) = LifecycleBatchRules.Validate([Input("a"), Input("b"), Input("a")], Now);
        Assert.Empty(events);
        Assert.Contains("event 0", Assert.Single(errors["events[2].eventId"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Batches_are_bounded_and_attributes_too()
    {
        Assert.True(LifecycleBatchRules.Validate([], Now).Errors.ContainsKey("events"));
        Assert.True(LifecycleBatchRules.Validate(Enumerable.Range(0, 1001).Select(i => Input("e" + i)).ToList(), Now).Errors.ContainsKey("events"));
        var big = Enumerable.Range(0, 5).Select(i => new LedgerField("k" + i, new string('x', 1000))).ToList();
        Assert.True(LifecycleBatchRules.Validate([Input(attributes: big)], Now).Errors.ContainsKey("events[0].attributes"));
        var many = Enumerable.Range(0, 33).Select(i => new LedgerField("k" + i, i)).ToList();
        Assert.True(LifecycleBatchRules.Validate([Input(attributes: many)], Now).Errors.ContainsKey("events[0].attributes"));
    }

    [Fact]
    public void A_stream_event_is_canonical_bytes_on_its_own_chain_with_nested_attributes_sorted()
    {
        var system = Guid.Parse("0194d3c2-0000-7000-8000-000000000003");
        var (events, _) = LifecycleBatchRules.Validate([Input(attributes: [new("zeta", 1m), new("alpha", "x")])], Now);
        var draft = LifecycleStream.Draft(system, "SYS-3", 1, LedgerHash.Genesis, Now, "person:p", events[0]);
        var text = Encoding.UTF8.GetString(LedgerCanonicalJson.Write(draft));
        Assert.StartsWith("{\"v\":1,\"chain\":\"lifecycle:0194d3c2-0000-7000-8000-000000000003\",\"seq\":1,", text, StringComparison.Ordinal);
        Assert.Contains("\"after\":{\"attributes\":{\"alpha\":\"x\",\"zeta\":1},\"decisionId\":\"d-1\",\"eventType\":\"prediction\"", text, StringComparison.Ordinal);
        Assert.Contains("\"stage\":\"operation-and-monitoring\"", text, StringComparison.Ordinal);

        // It verifies like any ledger event, and the content digest ignores where the event landed.
        var bytes = LedgerCanonicalJson.Write(draft);
        Assert.True(LedgerVerifier.Verify([new StoredEvent(LedgerHash.Of(bytes), bytes)]).Intact);
        Assert.Equal(LifecycleStream.ContentDigest(events[0]), LifecycleStream.ContentDigest(events[0] with { }));
        Assert.NotEqual(LifecycleStream.ContentDigest(events[0]), LifecycleStream.ContentDigest(events[0] with { DecisionId = "d-2" }));
    }

    [Fact]
    public void A_nul_character_in_any_event_text_is_refused_naming_the_member()
    {
        var (events, errors) = LifecycleBatchRules.Validate(
        [
            Input("n-1") with { ModelVersion = "m\0-1" },
            Input("n-2", human: true, by: "oper\0ator"),
            Input("n-3", attributes: [new("note", "a\0b")]),
        ], Now);
        Assert.Empty(events);
        Assert.Equal(["events[0].modelVersion", "events[1].interventionBy", "events[2].attributes"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, m => Assert.Contains("NUL", m[0], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("token:ci", "SYS-3")]
    [InlineData("person:a\",\"type\":\"x", "SYS-3")] // an actor that looks like the member after it
    [InlineData("person:ü\\", "SYS-3")]
    [InlineData("token:ci", "sys-3")] // the sender spelled the system in another case than the stream's reference
    public void The_content_digest_from_the_prepared_bytes_is_the_content_digest(string actor, string sentSystem)
    {
        var system = Guid.NewGuid();
        var batch = new[]
        {
            Input("e-1") with { System = sentSystem },
            Input("e-2", attributes: [new("zeta", 1.5m), new("alpha", "a \"quoted\" ü"), new("none", null)]) with { System = sentSystem },
            Input("e-3", human: true, by: "operator@example.org") with { System = sentSystem, DecisionId = null },
        };
        var (events, errors) = LifecycleBatchRules.Validate(batch, Now);
        Assert.Empty(errors);
        foreach (var e in events)
        {
            var prepared = LedgerCanonicalJson.Prepare(LifecycleStream.Draft(system, "SYS-3", 1, LedgerHash.Genesis, DateTimeOffset.UnixEpoch, actor, e));
            Assert.Equal(LifecycleStream.ContentDigest(e), LifecycleStream.ContentDigest(e, prepared));
        }
    }

    [Fact]
    public void A_required_stage_is_overdue_only_after_its_interval_without_an_event()
    {
        var rules = new[] { new PhaseRule(LifecycleStage.OperationAndMonitoring, 24), new PhaseRule(LifecycleStage.ReEvaluation, 720) };
        var configured = Now.AddDays(-40);
        var last = new Dictionary<LifecycleStage, DateTimeOffset> { [LifecycleStage.OperationAndMonitoring] = Now.AddHours(-3) };
        var status = LifecyclePhases.Evaluate(rules, last, configured, Now);
        Assert.False(status[0].Overdue);
        Assert.True(status[1].Overdue);
        Assert.Equal(configured.AddHours(720), status[1].DueBy);

        // Just configured: nothing is overdue before it had the chance to log.
        Assert.DoesNotContain(LifecyclePhases.Evaluate(rules, new Dictionary<LifecycleStage, DateTimeOffset>(), Now.AddHours(-1), Now), s => s.Overdue);
        Assert.Equal(rules, LifecyclePhases.Parse(LifecyclePhases.Format(rules)));
    }

    [Fact]
    public void Phase_lists_refuse_unknown_stages_duplicates_and_intervals_out_of_range()
    {
        var (_, errors) = LifecyclePhases.Validate([("operation", 24), ("retirement", 0), ("retirement", 5), ("deployment", 24 * 367)]);
        Assert.Equal(["phases[0].stage", "phases[1].intervalHours", "phases[3].intervalHours"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(6, true)]
    [InlineData(120, true)]
    [InlineData(121, false)]
    public void Retention_is_never_below_the_legal_six_months(int months, bool valid)
    {
        Assert.Equal(valid, LifecycleRetention.Check(months) is null);
    }

    [Fact]
    public void Pruning_cuts_only_before_the_latest_checkpoint_older_than_the_cutoff()
    {
        var cutoff = Now.AddMonths(-6);
        (long, DateTimeOffset)[] checkpoints = [(51, cutoff.AddDays(-30)), (102, cutoff.AddDays(-1)), (153, cutoff.AddDays(2))];
        Assert.Equal(102, LifecycleRetention.PruneBefore(checkpoints, 1, cutoff));
        Assert.Null(LifecycleRetention.PruneBefore(checkpoints, 102, cutoff)); // already cut there
        Assert.Null(LifecycleRetention.PruneBefore([(153, cutoff.AddDays(2))], 1, cutoff));
        Assert.Equal(Now.AddMonths(-6), LifecycleRetention.Cutoff(Now, 3)); // never less than six months
    }

    [Fact]
    public void A_stream_checkpoint_signs_the_head_of_the_stream_chain()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var chain = LifecycleStream.ChainId(Guid.NewGuid());
        var draft = LedgerCheckpoint.Draft(chain, 2, new string('c', 64), Now, "system:test", "checkpoint:2", null, key);
        Assert.True(LedgerCheckpoint.TryRead(LedgerCanonicalJson.Write(draft), out var claim, out var problem), problem);
        Assert.Equal(chain, claim.Chain);
    }
}
