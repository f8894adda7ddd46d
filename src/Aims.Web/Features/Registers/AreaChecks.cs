using Aims.Data;
using Aims.Web.Features.Inventory;

namespace Aims.Web.Features.Registers;

/// <summary>Every area's auditor's checks in one list: each feature keeps its checks in its own files; they meet here.</summary>
public static class AreaChecks
{
    public static async Task<IReadOnlyList<CheckView>> RunAsync(AimsDbContext db, string? area, CancellationToken ct)
    {
        var all = new List<CheckView>();
        if (area is null or Domain.Inventory.AuditorChecks.Inventory or Domain.Inventory.AuditorChecks.Context)
        {
            all.AddRange(await InventoryChecks.RunAsync(db, area, ct));
        }

        if (area is null or Domain.Risk.RiskChecks.Area)
        {
            all.AddRange(await Risks.RiskAreaChecks.RunAsync(db, ct));
            all.AddRange(await Risks.ImpactAssessments.ChecksAsync(db, ct));
        }

        return all;
    }
}
