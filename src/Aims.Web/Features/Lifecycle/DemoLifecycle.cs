using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Data.Ledger;
using Aims.Data.Lifecycle;
using Aims.Domain.Inventory;
using Aims.Domain.Ledger;
using Aims.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Lifecycle;

/// <summary>
/// Two weeks of lifecycle events from the demo's deployed systems (a few hundred), which stages each must log, and one
/// system flagged: it must log a re-evaluation every 30 days and has logged none since that rule was set.
/// </summary>
public static class DemoLifecycle
{
    private const int Days = 14;

    public static async Task SeedAsync(AimsDbContext db, ILedgerKeys keys, TimeProvider time, CancellationToken ct)
    {
        var systems = await db.AiSystems.AsNoTracking()
            .Where(s => s.Stage == LifecycleStage.Deployment || s.Stage == LifecycleStage.OperationAndMonitoring)
            .OrderBy(s => s.Number).Take(3).Select(s => new { s.Id, s.Reference, s.Name }).ToListAsync(ct);
        var now = Clock.Now(time);
        // Small segments, so the demo's streams show signed checkpoints.
        await LifecycleConfiguration.SetSettingsAsync(db, new LifecycleSettingsRequest(LifecycleRetention.DefaultMonths, 50), 0, ct);
        var start = now.AddDays(-Days);
        for (var n = 0; n < systems.Count; n++)
        {
            var system = systems[n];
            var model = $"{Slug(system.Name)}-v{3 + n}.{n + 1}";
            for (var day = 0; day < Days; day++)
            {
                // One batch a day, received in the evening, as a system's nightly log shipper would send it.
                var received = start.AddDays(day).AddHours(20);
                var batch = new List<LifecycleEventRecord>();
                if (day == 0)
                {
                    batch.Add(Event(system.Reference, $"deploy-{model}", model, LifecycleStage.Deployment, "model-deployed", null, received.AddHours(-12), false, null,
                        [new("approvedBy", "Model risk committee"), new("change", $"CHG-{4100 + n}")]));
                }

                for (var k = 0; k < 7; k++)
                {
                    var decision = $"D-{n + 1}-{day:00}{k:00}";
                    var human = k == 3 && day % 2 == 0;
                    batch.Add(Event(system.Reference, "evt-" + decision, model, LifecycleStage.OperationAndMonitoring, "prediction", decision,
                        received.AddHours(-10 + k), human, human ? "Case handler H-" + (12 + n).ToString(CultureInfo.InvariantCulture) : null,
                        [new("channel", k % 2 == 0 ? "web" : "branch"), new("latencyMs", 40m + k * 7 + n)]));
                }

                if (day % 7 == 6)
                {
                    batch.Add(Event(system.Reference, $"drift-{n}-{day}", model, LifecycleStage.OperationAndMonitoring, "drift-check", null, received.AddHours(-1), false, null,
                        [new("psi", 0.04m + n * 0.03m), new("threshold", 0.2m)]));
                }

                var writer = new LifecycleStreamWriter(db, keys, new FixedTime(received));
                var (ack, clash) = await writer.AppendAsync(system.Id, system.Reference, batch, ct);
                if (ack is null)
                {
                    throw new InvalidOperationException($"Demo lifecycle batch refused: {clash}");
                }
            }

            // Operation is logged daily; the second system must also log a re-evaluation monthly and has not.
            List<PhaseInput> phases = [new(LifecycleStages.Name(LifecycleStage.OperationAndMonitoring), 48)];
            if (n == 1)
            {
                phases.Add(new(LifecycleStages.Name(LifecycleStage.ReEvaluation), 720));
            }

            var outcome = await LifecycleConfiguration.SetPhasesAsync(db, system.Id, system.Reference, new PhasesRequest(phases), 0, now.AddDays(-40), ct);
            if (!outcome.IsOk)
            {
                throw new InvalidOperationException(string.Join("; ", outcome.Messages));
            }
        }
    }

    private static LifecycleEventRecord Event(
        string system, string id, string model, LifecycleStage stage, string type, string? decision, DateTimeOffset at, bool human, string? by, List<LedgerField> attributes) =>
        new(id, system, model, stage, type, decision, decision is null ? null : Digest("in:" + id), decision is null ? null : Digest("out:" + id), human, by, at,
            attributes.OrderBy(a => a.Name, StringComparer.Ordinal).ToList());

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Slug(string name) => new(name.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c)).Take(12).ToArray());

    private sealed class FixedTime(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
