using System.Net;
using System.Text;
using System.Text.Json;
using Aims.Data.Ledger;
using Aims.Data.Lifecycle;
using Aims.Domain.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Aims.Web.Tests.Json;

namespace Aims.Web.Tests.Lifecycle;

/// <summary>Lifecycle event ingestion, queries, export, phases and retention through the API, on both databases.</summary>
public abstract class LifecycleApiTests(WebFixture fixture)
{
    private static readonly string DigestA = new('a', 64);

    /// <summary>One time for every event of this class, so a retried event is byte for byte the same.</summary>
    private static readonly DateTimeOffset Earlier = DateTimeOffset.UtcNow.AddMinutes(-1);

    /// <summary>The organization's published key (SubjectPublicKeyInfo), as an auditor gets it for `aims verify --key`.</summary>
    private static async Task<byte[]> OrganizationKeyAsync(HttpClient client)
    {
        var pem = (await (await client.GetAsync("/api/v1/ledger/key")).ReadAsync()).GetProperty("publicKeyPem").GetString()!;
        using var key = System.Security.Cryptography.ECDsa.Create();
        key.ImportFromPem(pem);
        return key.ExportSubjectPublicKeyInfo();
    }

    /// <summary>A fresh AI system of the demo (so each test has a stream of its own) and an ingestion token for it.</summary>
    private async Task<(string System, HttpClient Ingest)> NewStreamAsync(string name = "Lifecycle test system")
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var created = await (await lead.PostAsync("/api/v1/ai-systems", Body($$"""{"name":"{{name}}","stage":"deployment","sourcing":"in-house","autonomy":"recommendation","oversight":"human-in-the-loop"}"""))).ReadAsync();
        var system = created.GetProperty("reference").GetString()!;
        var token = await (await lead.PostJsonAsync("/api/v1/tokens", new { name = "ingest " + system, ingest = system })).ReadAsync();
        Assert.Equal(system, token.GetProperty("token").GetProperty("ingest").GetString());
        return (system, fixture.Factory.ApiClient(token.GetProperty("secret").GetString()!));
    }

    private static object Event(string system, string id, string stage = "operation-and-monitoring", string? decision = null, DateTimeOffset? at = null) => new
    {
        eventId = id,
        system,
        modelVersion = "m-1.0",
        stage,
        type = "prediction",
        decisionId = decision ?? "dec-" + id,
        inputDigest = DigestA,
        outputDigest = new string('b', 64),
        humanIntervention = false,
        timestamp = (at ?? Earlier).ToString("O"),
        attributes = new { channel = "web", score = 0.73 },
    };

    private static StringContent Batch(params object[] events) => Body(JsonSerializer.Serialize(new { events }));

    private async Task<int> CountAsync(string system)
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        return (await (await lead.GetAsync($"/api/v1/lifecycle-events?system={system}&pageSize=1")).ReadAsync()).GetProperty("total").GetInt32();
    }

    private async Task<int> BatchEventsInLedgerAsync()
    {
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        return (await (await lead.GetAsync("/api/v1/ledger?entityType=lifecycle-batch&pageSize=1")).ReadAsync()).GetProperty("total").GetInt32();
    }

    [Fact]
    public async Task A_retried_batch_adds_nothing_twice_and_gets_the_same_acknowledgement()
    {
        var (system, ingest) = await NewStreamAsync();
        var ledgerBefore = await BatchEventsInLedgerAsync();
        var batch = JsonSerializer.Serialize(new { events = new[] { Event(system, "e-1"), Event(system, "e-2"), Event(system, "e-3") } });

        var first = await ingest.PostAsync("/api/v1/lifecycle-events", Body(batch));
        var firstText = await first.Content.ReadAsStringAsync();
        Assert.True(first.StatusCode == HttpStatusCode.OK, firstText);
        var retry = await ingest.PostAsync("/api/v1/lifecycle-events", Body(batch));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(firstText, await retry.Content.ReadAsStringAsync());

        var ack = JsonDocument.Parse(firstText).RootElement;
        Assert.Equal(new long[] { 1, 2, 3 }, ack.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(3, await CountAsync(system));
        // The organization ledger records the batch once, not each event and not the retry.
        Assert.Equal(ledgerBefore + 1, await BatchEventsInLedgerAsync());

        // A batch that overlaps an earlier one appends only what is new, and answers the old events' places.
        var overlap = await (await ingest.PostAsync("/api/v1/lifecycle-events", Batch(Event(system, "e-3"), Event(system, "e-4")))).ReadAsync();
        Assert.Equal(new long[] { 3, 4 }, overlap.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(4, await CountAsync(system));

        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var verified = await (await lead.GetAsync($"/api/v1/ai-systems/{system}/lifecycle-events/verify")).ReadAsync();
        Assert.True(verified.GetProperty("intact").GetBoolean(), verified.GetRawText());
        Assert.Equal(4, verified.GetProperty("events").GetInt64());
        Assert.Equal("lifecycle:", verified.GetProperty("chain").GetString()![..10]);
    }

    [Fact]
    public async Task An_event_id_reused_for_different_content_is_refused_and_nothing_of_the_batch_is_saved()
    {
        var (system, ingest) = await NewStreamAsync();
        await (await ingest.PostAsync("/api/v1/lifecycle-events", Batch(Event(system, "x-1")))).ReadAsync();
        var changed = Event(system, "x-1", decision: "another-decision");
        var problem = await (await ingest.PostAsync("/api/v1/lifecycle-events", Batch(Event(system, "x-2"), changed))).AssertProblemAsync(409, "events[1].eventId");
        Assert.Contains("x-1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(system));
    }

    [Theory]
    [InlineData("duplicate", "events[1].eventId")]
    [InlineData("digest", "events[0].inputDigest")]
    [InlineData("stage", "events[0].stage")]
    [InlineData("missing", "events[0].type")]
    [InlineData("future", "events[0].timestamp")]
    [InlineData("attributes", "events[0].attributes")]
    [InlineData("nested", "events[0].attributes")]
    [InlineData("unknown", "events[0].confidence")]
    [InlineData("human", "events[0].interventionBy")]
    [InlineData("empty", "events")]
    [InlineData("oversize", "events")]
    public async Task A_malformed_batch_names_the_event_and_the_rule_and_saves_nothing(string fault, string field)
    {
        var (system, ingest) = await NewStreamAsync();
        var good = JsonSerializer.SerializeToNode(Event(system, "ok-1"))!.AsObject();
        var bad = JsonSerializer.SerializeToNode(Event(system, "bad-1"))!.AsObject();
        var events = new System.Text.Json.Nodes.JsonArray();
        switch (fault)
        {
            case "duplicate": events.Add(good); events.Add(JsonSerializer.SerializeToNode(Event(system, "ok-1"))); break;
            case "digest": bad["inputDigest"] = "ABC123"; events.Add(bad); break;
            case "stage": bad["stage"] = "production"; events.Add(bad); break;
            case "missing": bad.Remove("type"); events.Add(bad); events.Add(good); break;
            case "future": bad["timestamp"] = DateTimeOffset.UtcNow.AddHours(2).ToString("O"); events.Add(bad); break;
            case "attributes": bad["attributes"] = new System.Text.Json.Nodes.JsonObject(Enumerable.Range(0, 8).Select(i => KeyValuePair.Create<string, System.Text.Json.Nodes.JsonNode?>("a" + i, new string('x', 900)))); events.Add(bad); break;
            case "nested": bad["attributes"] = JsonSerializer.SerializeToNode(new { deep = new { x = 1 } }); events.Add(bad); break;
            case "unknown": bad["confidence"] = 0.9; events.Add(bad); break;
            case "human": bad["humanIntervention"] = true; events.Add(bad); break;
            case "empty": break;
            case "oversize":
                for (var i = 0; i < 1001; i++)
                {
                    events.Add(new System.Text.Json.Nodes.JsonObject { ["eventId"] = "o-" + i });
                }

                break;
        }

        var body = new System.Text.Json.Nodes.JsonObject { ["events"] = events }.ToJsonString();
        var problem = await (await ingest.PostAsync("/api/v1/lifecycle-events", Body(body))).AssertProblemAsync(400, field);
        Assert.Contains("errors", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(system));
    }

    [Theory]
    [InlineData("not json", null)]
    [InlineData("[]", "body")]
    [InlineData("{\"events\":\"many\"}", "events")]
    [InlineData("{\"events\":[],\"more\":1}", "more")]
    [InlineData("{\"events\":[42]}", "events[0]")]
    [InlineData("{\"events\":[{\"eventId\":7}]}", "events[0].eventId")]
    [InlineData("{\"events\":[{\"timestamp\":\"2026-01-01 10:00\"}]}", "events[0].timestamp")]
    [InlineData("{\"events\":[{\"modelVersion\":\"m\\u0000-1\"}]}", "events[0].modelVersion")]
    [InlineData("{\"events\":[{\"eventId\":{\"x\":[1,2]},\"type\":[\"a\"]}]}", "events[0].type")]
    [InlineData("{\"events\":[{\"eventId\":\"a\"}", "body")]
    [InlineData("{\"events\":[]} []", "body")]
    [InlineData("", "body")]
    [InlineData("{\"events\":[{\"attributes\":{\"note\":\"a\\u0000b\"}}]}", "events[0].attributes")]
    public async Task A_body_of_the_wrong_shape_is_a_problem_naming_the_member(string body, string? field)
    {
        var (system, ingest) = await NewStreamAsync();
        await (await ingest.PostAsync("/api/v1/lifecycle-events", Body(body))).AssertProblemAsync(400, field);
        Assert.Equal(0, await CountAsync(system));
    }

    [Fact]
    public async Task A_batch_with_text_that_is_not_utf8_is_a_problem_and_saves_nothing()
    {
        var (system, ingest) = await NewStreamAsync();
        var bytes = System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { events = new[] { Event(system, "u-1") } }).Replace("m-1.0", "m-\u00ff", StringComparison.Ordinal));
        var at = bytes.AsSpan().IndexOf("\u00ff"u8);
        byte[] body = [.. bytes[..at], 0xC3, 0x28, .. bytes[(at + 6)..]]; // an invalid two-byte sequence inside the model version
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        await (await ingest.PostAsync("/api/v1/lifecycle-events", content)).AssertProblemAsync(400, "body");
        Assert.Equal(0, await CountAsync(system));
    }

    [Fact]
    public async Task A_batch_that_is_not_json_is_refused_as_an_unsupported_media_type()
    {
        var (system, ingest) = await NewStreamAsync();
        var batch = JsonSerializer.Serialize(new { events = new[] { Event(system, "t-1") } });
        await (await ingest.PostAsync("/api/v1/lifecycle-events", new StringContent(batch, System.Text.Encoding.UTF8, "text/plain"))).AssertProblemAsync(415);
        Assert.Equal(0, await CountAsync(system));
    }

    [Fact]
    public async Task Only_an_ingestion_token_for_the_system_may_append_and_it_may_do_nothing_else()
    {
        var (system, ingest) = await NewStreamAsync();
        var (other, _) = await NewStreamAsync("Other lifecycle system");

        var foreign = await (await ingest.PostAsync("/api/v1/lifecycle-events", Batch(Event(system, "t-1"), Event(other, "t-2")))).AssertProblemAsync(403, "events[1].system");
        Assert.Contains(system, foreign.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(system));

        var lead = await fixture.ClientAsync("aims.lead@example.org");
        await (await lead.PostAsync("/api/v1/lifecycle-events", Batch(Event(system, "t-3")))).AssertProblemAsync(403, "token");
        await (await ingest.GetAsync("/api/v1/ai-systems")).AssertProblemAsync(403);
        await (await ingest.GetAsync("/api/v1/lifecycle-events")).AssertProblemAsync(403);
        await (await ingest.PostJsonAsync("/api/v1/tokens", new { name = "escalate" })).AssertProblemAsync(403);

        // Naming a system of another organization is refused like an unknown one.
        var sandboxSystem = await ForeignSystemAsync(fixture);
        await (await lead.PostJsonAsync("/api/v1/tokens", new { name = "foreign", ingest = sandboxSystem })).AssertProblemAsync(400, "ingest");
        var auditor = await fixture.ClientAsync("external.auditor@example.org");
        await (await auditor.PostJsonAsync("/api/v1/tokens", new { name = "ro", ingest = system })).AssertProblemAsync(400, "ingest");
    }

    [Fact]
    public async Task Concurrent_batches_into_one_stream_serialize_without_gaps_and_the_chain_verifies()
    {
        var (system, ingest) = await NewStreamAsync();
        const int Batches = 8, PerBatch = 25;
        var posts = Enumerable.Range(0, Batches).Select(b => ingest.PostAsync("/api/v1/lifecycle-events",
            Batch(Enumerable.Range(0, PerBatch).Select(i => Event(system, $"c-{b}-{i}")).ToArray()))).ToList();
        var responses = await Task.WhenAll(posts);
        var sequences = new List<long>();
        foreach (var response in responses)
        {
            var ack = await response.ReadAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var batch = ack.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ToList();
            // One transaction per batch under the head lock: a batch's events are contiguous (but for a checkpoint
            // the stream takes every 50 events in the demo organization).
            Assert.True(batch.SequenceEqual(batch.Order()) && batch[^1] - batch[0] <= PerBatch, string.Join(",", batch));
            sequences.AddRange(batch);
        }

        Assert.Equal(Batches * PerBatch, sequences.Distinct().Count());
        var checkpoints = Batches * PerBatch / 50;
        Assert.Equal(Enumerable.Range(1, Batches * PerBatch + checkpoints).Select(i => (long)i).Except(sequences).Count(), checkpoints);
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var verified = await (await lead.GetAsync($"/api/v1/ai-systems/{system}/lifecycle-events/verify")).ReadAsync();
        Assert.True(verified.GetProperty("intact").GetBoolean(), verified.GetRawText());
        Assert.Equal(Batches * PerBatch + checkpoints, verified.GetProperty("lastSequence").GetInt64());
    }

    [Fact]
    public async Task Concurrent_retries_and_a_clashing_batch_of_one_sender_are_answered_one_by_one()
    {
        // Batches of one token that arrive together may be appended in one transaction; each must still be answered
        // as if it had come alone: a retry gets the original's places, a clash refuses only its own batch.
        var (system, ingest) = await NewStreamAsync();
        var ledgerBefore = await BatchEventsInLedgerAsync();
        var original = JsonSerializer.Serialize(new { events = Enumerable.Range(0, 10).Select(i => Event(system, $"g-{i}")).ToArray() });
        var clashing = JsonSerializer.Serialize(new { events = new[] { Event(system, "h-1"), Event(system, "g-3", decision: "another") } });
        var others = Enumerable.Range(0, 4).Select(b => JsonSerializer.Serialize(new { events = Enumerable.Range(0, 5).Select(i => Event(system, $"o-{b}-{i}")).ToArray() }));
        string[] bodies = [original, original, clashing, .. others, original];
        var responses = await Task.WhenAll(bodies.Select(b => ingest.PostAsync("/api/v1/lifecycle-events", Body(b))));
        var texts = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));

        static string Answer(string text) => JsonDocument.Parse(text).RootElement is { } root && root.TryGetProperty("detail", out var detail)
            ? detail.GetString()! : text;
        var originals = new[] { 0, 1, 7 };
        var clashWon = responses[2].StatusCode == HttpStatusCode.OK;
        foreach (var i in originals)
        {
            Assert.Equal(clashWon ? HttpStatusCode.Conflict : HttpStatusCode.OK, responses[i].StatusCode);
            // The very same answer (or the same refusal, which differs only in its trace id) to every copy.
            Assert.Equal(Answer(texts[0]), Answer(texts[i]));
        }

        Assert.Equal(clashWon ? HttpStatusCode.OK : HttpStatusCode.Conflict, responses[2].StatusCode);
        Assert.All(responses[3..7], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stored = 20 + (clashWon ? 2 : 10);
        Assert.Equal(stored, await CountAsync(system));
        // One ledger event per batch that appended something: the four others and either the original or the clashing one.
        Assert.Equal(ledgerBefore + 5, await BatchEventsInLedgerAsync());
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var verified = await (await lead.GetAsync($"/api/v1/ai-systems/{system}/lifecycle-events/verify")).ReadAsync();
        Assert.True(verified.GetProperty("intact").GetBoolean(), verified.GetRawText());
    }

    [Fact]
    public async Task Events_are_found_by_system_stage_type_time_and_decision_and_the_export_verifies_offline()
    {
        var (system, ingest) = await NewStreamAsync();
        var old = DateTimeOffset.UtcNow.AddDays(-3);
        await (await ingest.PostAsync("/api/v1/lifecycle-events", Batch(
            Event(system, "q-1", "deployment", at: old), Event(system, "q-2", decision: "loan-77"), Event(system, "q-3")))).ReadAsync();
        var lead = await fixture.ClientAsync("aims.lead@example.org");

        async Task<List<string>> Ids(string query) =>
            (await (await lead.GetAsync($"/api/v1/lifecycle-events?system={system}&{query}")).ReadAsync()).GetProperty("items").EnumerateArray()
                .Select(e => e.GetProperty("eventId").GetString()!).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["q-1"], await Ids("stage=deployment"));
        Assert.Equal(["q-2"], await Ids("decisionId=loan-77"));
        Assert.Equal(["q-2", "q-3"], await Ids($"from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-1).ToString("O"))}"));
        Assert.Equal(["q-1", "q-2", "q-3"], await Ids("type=prediction"));
        var page = await (await lead.GetAsync($"/api/v1/lifecycle-events?system={system}&pageSize=2&page=2&sort=sequence")).ReadAsync();
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal("q-3", page.GetProperty("items")[0].GetProperty("eventId").GetString());
        Assert.Equal(0.73m, page.GetProperty("items")[0].GetProperty("attributes").GetProperty("score").GetDecimal());

        await (await lead.GetAsync("/api/v1/lifecycle-events?stage=production")).AssertProblemAsync(400, "stage");
        await (await lead.GetAsync("/api/v1/lifecycle-events?system=SYS-99999")).AssertProblemAsync(400, "system");
        await (await lead.GetAsync("/api/v1/lifecycle-events?sort=hash")).AssertProblemAsync(400, "sort");
        await (await lead.GetAsync("/api/v1/lifecycle-events?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")).AssertProblemAsync(400, "to");

        var export = await lead.GetAsync($"/api/v1/ai-systems/{system}/lifecycle-events/export");
        Assert.Equal("application/x-ndjson", export.Content.Headers.ContentType?.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        // What `aims verify --file F [--key K]` runs: the events, then the signed head (the last line), against the key
        // in the export and against the organization's published key.
        var key = await OrganizationKeyAsync(lead);
        foreach (var trust in new[] { new ExportTrust(null), new ExportTrust(key) })
        {
            var result = LedgerExportFormat.VerifyFile(new MemoryStream(bytes), trust);
            Assert.True(result.Intact, result.Summary);
            Assert.Equal(3, result.Events);
            Assert.NotNull(result.SignedAt);
        }

        var lines = Encoding.UTF8.GetString(bytes).TrimEnd('\n').Split('\n');
        Assert.StartsWith("{\"signedHead\":{\"chain\":\"lifecycle:", lines[^1], StringComparison.Ordinal);
        // One changed byte in an event is caught and its line named.
        var text = Encoding.UTF8.GetString(bytes).Replace("loan-77", "loan-78", StringComparison.Ordinal);
        var tampered = LedgerExportFormat.VerifyFile(new MemoryStream(Encoding.UTF8.GetBytes(text)), new ExportTrust(key));
        Assert.False(tampered.Intact);
        Assert.Equal(Array.FindIndex(lines, l => l.Contains("loan-77", StringComparison.Ordinal)) + 1, tampered.BrokenLine);
        // Cut short: the signed head removed, or the last event removed before it.
        Assert.False(LedgerExportFormat.VerifyFile(new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines[..^1]) + "\n")), new ExportTrust(key)).Intact);
        Assert.False(LedgerExportFormat.VerifyFile(new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines[..^2].Append(lines[^1])) + "\n")), new ExportTrust(null)).Intact);

        await (await lead.GetAsync("/api/v1/ai-systems/SYS-99999/lifecycle-events/export")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task Required_phases_use_if_match_and_a_silent_required_stage_is_flagged()
    {
        var (system, _) = await NewStreamAsync();
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        var url = $"/api/v1/ai-systems/{system}/lifecycle-phases";
        var body = JsonSerializer.Serialize(new { phases = new[] { new { stage = "operation-and-monitoring", intervalHours = 24 } } });
        await (await lead.PutAsync(url, Body(body))).AssertProblemAsync(428, "If-Match");
        var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = Body(body) };
        put.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        var saved = await lead.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("\"1\"", saved.Headers.ETag?.Tag);
        var stale = new HttpRequestMessage(HttpMethod.Put, url) { Content = Body(body) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        await (await lead.SendAsync(stale)).AssertProblemAsync(412, "If-Match");
        var invalid = new HttpRequestMessage(HttpMethod.Put, url) { Content = Body("""{"phases":[{"stage":"production","intervalHours":24},{"stage":"retirement","intervalHours":0}]}""") };
        invalid.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var problem = await (await lead.SendAsync(invalid)).AssertProblemAsync(400, "phases[0].stage");
        Assert.True(problem.GetProperty("errors").TryGetProperty("phases[1].intervalHours", out _));

        var status = await (await lead.GetAsync("/api/v1/lifecycle/status")).ReadAsync();
        var mine = status.EnumerateArray().Single(s => s.GetProperty("system").GetString() == system);
        Assert.False(mine.GetProperty("flagged").GetBoolean(), "a stage just required is not overdue yet");

        // The demo's second deployed system must log a monthly re-evaluation and has logged none for 40 days.
        var flagged = status.EnumerateArray().Where(s => s.GetProperty("flagged").GetBoolean()).ToList();
        var demo = Assert.Single(flagged);
        var overdue = demo.GetProperty("phases").EnumerateArray().Single(p => p.GetProperty("overdue").GetBoolean());
        Assert.Equal("re-evaluation", overdue.GetProperty("stage").GetString());
        Assert.Equal(JsonValueKind.Null, overdue.GetProperty("lastLoggedAt").ValueKind);
    }

    [Fact]
    public async Task Retention_never_goes_below_six_months_and_pruning_keeps_a_stream_that_verifies_from_a_signed_checkpoint()
    {
        var admin = await fixture.ClientAsync("admin@example.org");
        var current = await admin.GetAsync("/api/v1/lifecycle/settings");
        var etag = current.Headers.ETag!.Tag;
        var tooShort = new HttpRequestMessage(HttpMethod.Put, "/api/v1/lifecycle/settings") { Content = Body("""{"retentionMonths":5}""") };
        tooShort.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await admin.SendAsync(tooShort)).AssertProblemAsync(400, "retentionMonths");
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        await (await lead.PostAsync("/api/v1/lifecycle/prune", null)).AssertProblemAsync(403);

        var (system, ingest) = await NewStreamAsync();
        // The demo checkpoints every 50 events: 120 events give checkpoints at 51 and 102.
        for (var b = 0; b < 4; b++)
        {
            var ack = await ingest.PostAsync("/api/v1/lifecycle-events", Batch(Enumerable.Range(0, 30).Select(i => Event(system, $"r-{b}-{i}")).ToArray()));
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        // Seven months later (a fake clock), the segments before the last checkpoint are past the retention.
        var later = new ShiftedTime(TimeSpan.FromDays(213));
        var results = await fixture.Factory.InOrganizationAsync("demo", async (db, _) =>
        {
            var keys = fixture.Factory.Services.GetRequiredService<ILedgerKeys>();
            var pruner = new LifecyclePruner(db, new LifecycleStreamWriter(db, keys, later), later);
            return await pruner.PruneAsync(default);
        });
        var mine = results.Single(r => r.System == system);
        Assert.Equal(102, mine.AnchorSequence);
        Assert.Equal(101, mine.Removed);

        var verified = await (await lead.GetAsync($"/api/v1/ai-systems/{system}/lifecycle-events/verify")).ReadAsync();
        Assert.True(verified.GetProperty("intact").GetBoolean(), verified.GetRawText());
        Assert.Equal(102, verified.GetProperty("firstSequence").GetInt64());
        var export = await lead.GetStringAsync($"/api/v1/ai-systems/{system}/lifecycle-events/export");
        var first = JsonDocument.Parse(export.Split('\n')[0]).RootElement.GetProperty("event");
        Assert.Equal(LedgerCheckpoint.EntityType, first.GetProperty("type").GetString());
        // A pruned stream starts at a signed checkpoint and verifies as it is, without an anchor, with and without the key.
        foreach (var trust in new[] { new ExportTrust(null), new ExportTrust(await OrganizationKeyAsync(lead)) })
        {
            var result = LedgerExportFormat.VerifyFile(new MemoryStream(Encoding.UTF8.GetBytes(export)), trust);
            Assert.True(result.Intact, result.Summary);
            Assert.Equal(102, result.FirstSequence);
        }

        Assert.True(LedgerCheckpoint.TryRead(Encoding.UTF8.GetBytes(first.GetRawText()), out _, out var problem), problem);

        // A second run (another node, or the job again) cuts nothing more.
        var again = await fixture.Factory.InOrganizationAsync("demo", async (db, _) =>
            await new LifecyclePruner(db, new LifecycleStreamWriter(db, fixture.Factory.Services.GetRequiredService<ILedgerKeys>(), later), later).PruneAsync(default));
        Assert.Equal(0, again.Single(r => r.System == system).Removed);
        var prunes = await fixture.Factory.InOrganizationAsync("demo", (db, _) => db.LifecyclePrunes.CountAsync(p => p.System == system));
        Assert.Equal(1, prunes);
    }

    [Fact]
    public async Task A_stream_signed_before_a_key_rotation_gets_its_own_rotation_and_verifies_with_the_old_or_the_new_key()
    {
        var (system, ingest) = await NewStreamAsync();
        var admin = await fixture.ClientAsync("admin@example.org");
        var lead = await fixture.ClientAsync("aims.lead@example.org");
        // The demo checkpoints every 50 events: a checkpoint at 51 signed by the key of the moment.
        for (var b = 0; b < 2; b++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ingest.PostAsync("/api/v1/lifecycle-events", Batch(Enumerable.Range(0, 30).Select(i => Event(system, $"k-{b}-{i}")).ToArray()))).StatusCode);
        }

        var oldKey = await OrganizationKeyAsync(lead);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/v1/ledger/key/rotate", null)).StatusCode);
        var newKey = await OrganizationKeyAsync(lead);
        Assert.NotEqual(LedgerCheckpoint.KeyId(oldKey), LedgerCheckpoint.KeyId(newKey));

        // The next checkpoint of the stream is preceded by the stream's own rotation (old key -> new key).
        Assert.Equal(HttpStatusCode.OK, (await ingest.PostAsync("/api/v1/lifecycle-events", Batch(Enumerable.Range(0, 45).Select(i => Event(system, $"k-2-{i}")).ToArray()))).StatusCode);
        // Rotated again and exported at once: the export itself first gives the stream its rotation, then signs the head.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/v1/ledger/key/rotate", null)).StatusCode);
        var newestKey = await OrganizationKeyAsync(lead);
        var export = await (await lead.GetAsync($"/api/v1/ai-systems/{system}/lifecycle-events/export")).Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(export).TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Count(l => l.Contains("\"action\":\"key-rotation\"", StringComparison.Ordinal)));
        Assert.Contains(LedgerCheckpoint.KeyId(newestKey), lines[^1], StringComparison.Ordinal);
        foreach (var key in new[] { oldKey, newKey, newestKey })
        {
            var result = LedgerExportFormat.VerifyFile(new MemoryStream(export), new ExportTrust(key));
            Assert.True(result.Intact, result.Summary);
            Assert.Equal(2, result.Rotations);
        }

        var verified = await (await lead.GetAsync($"/api/v1/ai-systems/{system}/lifecycle-events/verify")).ReadAsync();
        Assert.True(verified.GetProperty("intact").GetBoolean(), verified.GetRawText());
        // Exported again with nothing new: no further rotation.
        var again = await (await lead.GetAsync($"/api/v1/ai-systems/{system}/lifecycle-events/export")).Content.ReadAsStringAsync();
        Assert.Equal(2, again.Split('\n').Count(l => l.Contains("\"action\":\"key-rotation\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Another_organizations_system_is_not_found_on_lifecycle_routes()
    {
        var foreign = await ForeignSystemAsync(fixture);
        var demo = await fixture.ClientAsync("admin@example.org");
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/ai-systems/{foreign}/lifecycle-phases") { Content = Body("""{"phases":[]}""") };
        put.Headers.TryAddWithoutValidation("If-Match", "*");
        foreach (var response in new[]
        {
            await demo.GetAsync($"/api/v1/ai-systems/{foreign}/lifecycle-events/export"),
            await demo.GetAsync($"/api/v1/ai-systems/{foreign}/lifecycle-events/verify"),
            await demo.GetAsync($"/api/v1/ai-systems/{foreign}/lifecycle-phases"),
            await demo.SendAsync(put),
        })
        {
            await response.AssertProblemAsync(404);
        }

        var sandbox = await fixture.ClientAsync("admin@example.org", "sandbox");
        var phases = await (await sandbox.GetAsync($"/api/v1/ai-systems/{foreign}/lifecycle-phases")).ReadAsync();
        Assert.Equal(0, phases.GetProperty("version").GetInt64());
    }

    private sealed class ShiftedTime(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + by;
    }
}

public sealed class SqliteLifecycleApiTests(SqliteFixture fixture) : LifecycleApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresLifecycleApiTests(PostgresFixture fixture) : LifecycleApiTests(fixture), IClassFixture<PostgresFixture>;
