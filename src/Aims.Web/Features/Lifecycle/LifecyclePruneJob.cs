using Aims.Data;
using Aims.Data.Lifecycle;
using Aims.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Lifecycle;

/// <summary>
/// Applies lifecycle retention once a day in every organization (the same work as <c>aims lifecycle prune</c>). Safe on
/// several nodes: each stream is cut under its head lock, so a second node finds nothing left to cut. The first run
/// waits an hour after start, so a start (or a short-lived test host) is never slowed by it.
/// </summary>
public sealed class LifecyclePruneJob(IServiceScopeFactory scopes, Readiness readiness, TimeProvider time, ILogger<LifecyclePruneJob> logger) : BackgroundService
{
    public static readonly TimeSpan FirstRun = TimeSpan.FromHours(1);
    public static readonly TimeSpan Every = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstRun, time, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                if (readiness.IsReady)
                {
                    await RunOnceAsync(stoppingToken);
                }

                await Task.Delay(Every, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<AimsSession>();
        session.ActAsSystem("lifecycle-retention");
        var db = scope.ServiceProvider.GetRequiredService<AimsDbContext>();
        var pruner = scope.ServiceProvider.GetRequiredService<LifecyclePruner>();
        foreach (var organization in await db.Organizations.AsNoTracking().Select(o => o.Id).ToListAsync(ct))
        {
            session.EnterOrganization(organization);
            try
            {
                var removed = (await pruner.PruneAsync(ct)).Sum(r => r.Removed);
                if (removed > 0)
                {
                    logger.LogInformation("Lifecycle retention removed {Removed} event(s) in organization {Organization}", removed, organization);
                }
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or IOException or Aims.Data.Ledger.LedgerKeyException)
            {
                // One organization's failure (e.g. its key missing on this node) must not stop the others; the next run retries.
                logger.LogWarning(e, "Lifecycle retention failed in organization {Organization}", organization);
            }
        }
    }
}
