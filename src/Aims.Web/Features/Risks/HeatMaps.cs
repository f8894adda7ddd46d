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
    /// <summary>
    /// Both maps from one grouped scan (by the four scores, an index-only scan of ix_risks_both_cells): the heat map page
    /// shows inherent and residual side by side.
    /// </summary>
    public static async Task<(HeatMap Inherent, HeatMap Residual)> BuildBothAsync(
        AimsDbContext db, string? search, IReadOnlyList<(RegisterField Field, object? Value)> filters, CancellationToken ct)
    {
        var criteria = (await RiskScoring.CriteriaAsync(db, ct)).Value;
        var risks = RegisterQueries.Filtered(db, RiskRegisters.Risks, search, filters).Cast<Risk>();
        var groups = await risks
            .GroupBy(r => new { r.InherentLikelihood, r.InherentImpact, r.ResidualLikelihood, r.ResidualImpact })
            .Select(g => new { g.Key.InherentLikelihood, g.Key.InherentImpact, g.Key.ResidualLikelihood, g.Key.ResidualImpact, Count = g.Count() })
            .ToListAsync(ct);
        return (
            Map(criteria, "inherent", groups.Select(g => ((int?)g.InherentLikelihood, (int?)g.InherentImpact, g.Count))),
            Map(criteria, "residual", groups.Select(g => (g.ResidualLikelihood, g.ResidualImpact, g.Count))));
    }

    /// <summary>One grouped query over the materialized scores: the cost does not grow with the register beyond the scan.</summary>
    public static async Task<HeatMap> BuildAsync(AimsDbContext db, bool residual, string? search, IReadOnlyList<(RegisterField Field, object? Value)> filters, CancellationToken ct)
    {
        var criteria = (await RiskScoring.CriteriaAsync(db, ct)).Value;
        var risks = RegisterQueries.Filtered(db, RiskRegisters.Risks, search, filters).Cast<Risk>();
        var groups = residual
            ? await risks.GroupBy(r => new { L = r.ResidualLikelihood, I = r.ResidualImpact }).Select(g => new { g.Key.L, g.Key.I, Count = g.Count() }).ToListAsync(ct)
            : await risks.GroupBy(r => new { L = (int?)r.InherentLikelihood, I = (int?)r.InherentImpact }).Select(g => new { g.Key.L, g.Key.I, Count = g.Count() }).ToListAsync(ct);
        return Map(criteria, residual ? "residual" : "inherent", groups.Select(g => (g.L, g.I, g.Count)));
    }

    private static HeatMap Map(Domain.Risk.RiskCriteria criteria, string kind, IEnumerable<(int? L, int? I, int Count)> groups)
    {
        var cells = criteria.Likelihood.Select(_ => criteria.Impact.Select(_ => 0).ToArray()).ToArray();
        var unscored = 0;
        var total = 0;
        foreach (var (l, i, count) in groups)
        {
            total += count;
            if (l is { } likelihood && i is { } impact && criteria.InLikelihood(likelihood) && criteria.InImpact(impact))
            {
                cells[likelihood - 1][impact - 1] += count;
            }
            else
            {
                unscored += count;
            }
        }

        return new HeatMap(
            kind,
            criteria.Likelihood.Select(s => s.Name).ToList(),
            criteria.Impact.Select(s => s.Name).ToList(),
            cells.Select(r => (IReadOnlyList<int>)r).ToList(),
            criteria.Matrix,
            criteria.Levels.Select(l => new HeatMapLevel(l.Id, l.Name)).ToList(),
            total,
            unscored);
    }
}
