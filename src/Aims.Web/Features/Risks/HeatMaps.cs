using Aims.Data;
using Aims.Data.Entities;
using Aims.Web.Infrastructure.Registers;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Risks;

public sealed record HeatMapLevel(string Id, string Name);

/// <summary>Risks per cell: Cells[likelihood - 1][impact - 1] is the count, Levels[..][..] the criteria's level of that cell.</summary>
public sealed record HeatMap(
    string Kind,
    IReadOnlyList<string> Likelihood,
    IReadOnlyList<string> Impact,
    IReadOnlyList<IReadOnlyList<int>> Cells,
    IReadOnlyList<IReadOnlyList<string>> Levels,
    IReadOnlyList<HeatMapLevel> Legend,
    int Total,
    int Unscored);

public static class HeatMaps
{
    /// <summary>One grouped query over the materialized scores: the cost does not grow with the register beyond the scan.</summary>
    public static async Task<HeatMap> BuildAsync(AimsDbContext db, bool residual, string? search, IReadOnlyList<(RegisterField Field, object? Value)> filters, CancellationToken ct)
    {
        var criteria = (await RiskScoring.CriteriaAsync(db, ct)).Value;
        var risks = RegisterQueries.Filtered(db, RiskRegisters.Risks, search, filters).Cast<Risk>();
        var groups = residual
            ? await risks.GroupBy(r => new { L = r.ResidualLikelihood, I = r.ResidualImpact }).Select(g => new { g.Key.L, g.Key.I, Count = g.Count() }).ToListAsync(ct)
            : await risks.GroupBy(r => new { L = (int?)r.InherentLikelihood, I = (int?)r.InherentImpact }).Select(g => new { g.Key.L, g.Key.I, Count = g.Count() }).ToListAsync(ct);
        var cells = criteria.Likelihood.Select(_ => criteria.Impact.Select(_ => 0).ToArray()).ToArray();
        var unscored = 0;
        foreach (var g in groups)
        {
            if (g.L is { } l && g.I is { } i && criteria.InLikelihood(l) && criteria.InImpact(i))
            {
                cells[l - 1][i - 1] += g.Count;
            }
            else
            {
                unscored += g.Count;
            }
        }

        return new HeatMap(
            residual ? "residual" : "inherent",
            criteria.Likelihood.Select(s => s.Name).ToList(),
            criteria.Impact.Select(s => s.Name).ToList(),
            cells.Select(r => (IReadOnlyList<int>)r).ToList(),
            criteria.Matrix,
            criteria.Levels.Select(l => new HeatMapLevel(l.Id, l.Name)).ToList(),
            groups.Sum(g => g.Count),
            unscored);
    }
}
