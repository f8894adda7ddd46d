using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Aims.Bench;

/// <summary>
/// Lifecycle ingestion (docs/benchmarks.md): sustained events per second through <c>POST /api/v1/lifecycle-events</c>
/// against a running <c>aims serve</c> (hash chaining, idempotency, the ledger event per batch), next to a bare SQLite
/// insert loop of the same rows in the same run (one transaction per batch, one prepared statement, no hashing).
/// With <c>--pid</c> it also samples the server's resident memory every 10 s, for the "memory stays flat" budget.
/// </summary>
public static class IngestSpeed
{
    private static readonly string[] ParameterNames = ["$s", "$q", "$o", "$p", "$h", "$j", "$e", "$a", "$d"];

    public static async Task<int> RunAsync(Arguments a)
    {
        var url = a.Required("url").TrimEnd('/');
        var token = a.Required("token");
        var system = a.Required("system");
        var seconds = a.Number("seconds", 20);
        var batch = (int)a.Number("batch", 500);
        var concurrency = (int)a.Number("concurrency", 4);
        var pid = (int)a.Number("pid", 0);
        var bareOnly = a.Has("bare-only");
        var prefix = "b" + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);

        var bare = BareSqlite(system, prefix, batch, Math.Max(50_000, batch * 100));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bare SQLite insert loop: {bare:F0} rows/s (batches of {batch}, one prepared statement, no hashing)"));
        if (bareOnly)
        {
            return 0;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var target = url + "/api/v1/lifecycle-events";

        // Warm-up: the server's first seconds are JIT compilation and tiering, not its sustained rate.
        var warmup = a.Number("warmup", 10);
        if (warmup > 0)
        {
            var warm = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
            {
                var bodies = new BodyTemplate(system, $"{prefix}w{w}", batch);
                for (var n = 0; warm.Elapsed.TotalSeconds < warmup; n++)
                {
                    using var response = await http.PostAsync(target, bodies.Next(n));
                    response.EnsureSuccessStatusCode();
                }
            })));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up: {warmup:F0} s of ingestion, not counted"));
        }

        var stop = Stopwatch.StartNew();
        long events = 0, failures = 0;
        var samples = new List<(double Minute, long RssKb)>();
        using var sampler = pid > 0 ? new Timer(_ =>
        {
            lock (samples)
            {
                samples.Add((stop.Elapsed.TotalMinutes, Rss(pid)));
            }
        }, null, TimeSpan.Zero, TimeSpan.FromSeconds(10)) : null;
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var bodies = new BodyTemplate(system, $"{prefix}c{w}", batch);
            for (var n = 0; stop.Elapsed.TotalSeconds < seconds; n++)
            {
                using var response = await http.PostAsync(target, bodies.Next(n));
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Add(ref events, batch);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                    await Console.Error.WriteLineAsync($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        })).ToList();
        await Task.WhenAll(workers);
        var elapsed = stop.Elapsed.TotalSeconds;
        var rate = events / elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"HTTP ingestion: {events} events in {elapsed:F1} s = {rate:F0} events/s ({concurrency} clients, batches of {batch}, {failures} failed batches)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio: {rate / bare:F2} of the bare insert loop"));
        if (pid > 0)
        {
            List<(double Minute, long RssKb)> copy;
            lock (samples)
            {
                copy = [.. samples];
            }

            foreach (var (minute, rss) in copy)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rss {minute:F2} min {rss / 1024.0:F1} MiB"));
            }

            var atTwo = copy.FirstOrDefault(s => s.Minute >= 2);
            var last = copy.LastOrDefault();
            if (atTwo.RssKb > 0 && last.Minute > atTwo.Minute)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"rss growth from minute {atTwo.Minute:F1} to {last.Minute:F1}: {(last.RssKb - atTwo.RssKb) * 100.0 / atTwo.RssKb:F1}% ({atTwo.RssKb / 1024.0:F1} -> {last.RssKb / 1024.0:F1} MiB)"));
            }
        }

        return failures == 0 ? 0 : 1;
    }

    /// <summary>What a system would send: realistic sizes (two digests, a decision id, a few attributes).</summary>
    private static string Body(string system, string prefix, int count)
    {
        var now = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        var events = new List<object>(count);
        for (var i = 0; i < count; i++)
        {
            var id = prefix + "-" + i.ToString(CultureInfo.InvariantCulture);
            events.Add(new
            {
                eventId = id, system, modelVersion = "bench-1.0", stage = "operation-and-monitoring", type = "prediction", decisionId = "d-" + id,
                inputDigest = Digest("in" + id), outputDigest = Digest("out" + id), humanIntervention = false, timestamp = now,
                attributes = new { channel = "api", latencyMs = 42 },
            });
        }

        return JsonSerializer.Serialize(new { events });
    }

    /// <summary>
    /// A batch body made once per client, with every event id (and decision id) of fixed width, so that the next batch
    /// only rewrites the batch number in place: the client, which shares the machine with the server, spends almost no
    /// CPU making requests. Ids stay unique across batches and clients; digests and content differ per event.
    /// </summary>
    private sealed class BodyTemplate
    {
        private const string Marker = "00000000";
        private readonly byte[] _bytes;
        private readonly int[] _positions;

        public BodyTemplate(string system, string prefix, int count)
        {
            _bytes = Encoding.UTF8.GetBytes(Body(system, prefix + "-" + Marker, count));
            var marker = Encoding.ASCII.GetBytes(prefix + "-" + Marker);
            var found = new List<int>();
            for (var at = _bytes.AsSpan().IndexOf(marker); at >= 0;)
            {
                found.Add(at + marker.Length - Marker.Length);
                var next = _bytes.AsSpan(at + 1).IndexOf(marker);
                at = next < 0 ? -1 : at + 1 + next;
            }

            _positions = [.. found];
        }

        public ByteArrayContent Next(int batch)
        {
            var copy = (byte[])_bytes.Clone();
            var digits = batch.ToString("D8", CultureInfo.InvariantCulture);
            foreach (var at in _positions)
            {
                Encoding.ASCII.GetBytes(digits, copy.AsSpan(at, 8));
            }

            var content = new ByteArrayContent(copy);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return content;
        }
    }

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The same rows (the columns of lifecycle_events, JSON of the same size) in a bare loop: the budget's baseline.</summary>
    private static double BareSqlite(string system, string prefix, int batch, int rows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"aims-bench-ingest-{Guid.NewGuid():N}.db");
        try
        {
            using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE lifecycle_events (system_id TEXT NOT NULL, sequence INTEGER NOT NULL, organization_id TEXT NOT NULL, previous_hash TEXT NOT NULL, hash TEXT NOT NULL, json TEXT NOT NULL, event_id TEXT NOT NULL, kind TEXT NOT NULL, at INTEGER NOT NULL, occurred_at INTEGER, stage TEXT, event_type TEXT, model_version TEXT, decision_id TEXT, human_intervention INTEGER NOT NULL, content_digest TEXT, batch_id TEXT, PRIMARY KEY (system_id, sequence)); CREATE UNIQUE INDEX ix_event ON lifecycle_events (system_id, event_id);";
                pragma.ExecuteNonQuery();
            }

            var systemId = Guid.NewGuid().ToString();
            var json = Body(system, prefix, 1); // one event's JSON, as a stand-in of the stored canonical bytes
            var hash = new string('0', 64);
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO lifecycle_events VALUES ($s, $q, $o, $p, $h, $j, $e, 'event', $a, $a, 'operation-and-monitoring', 'prediction', 'bench-1.0', $d, 0, $h, NULL)";
            var ps = ParameterNames.Select(n => insert.Parameters.Add(new SqliteParameter(n, null))).ToArray();
            var watch = Stopwatch.StartNew();
            for (var done = 0; done < rows;)
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                insert.Prepare();
                for (var i = 0; i < batch; i++, done++)
                {
                    var id = prefix + "-bare-" + done.ToString(CultureInfo.InvariantCulture);
                    ps[0].Value = systemId;
                    ps[1].Value = done + 1;
                    ps[2].Value = systemId;
                    ps[3].Value = hash;
                    ps[4].Value = hash;
                    ps[5].Value = json;
                    ps[6].Value = id;
                    ps[7].Value = DateTime.UtcNow.Ticks;
                    ps[8].Value = "d-" + id;
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            return rows / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static long Rss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
