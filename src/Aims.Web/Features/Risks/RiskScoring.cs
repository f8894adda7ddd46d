using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Risk;
using Aims.Web.Infrastructure.Registers;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Risks;

/// <summary>Scores risks against the criteria in force and keeps the levels current (materialized for filters and heat maps).</summary>
public static class RiskScoring
{
    public static Task<SettingsView<RiskCriteria>> CriteriaAsync(AimsDbContext db, CancellationToken ct) =>
        Settings.GetAsync(db, SettingsVersion.RiskCriteria, RiskCriteria.Default, ct);

    /// <summary>Scores must be on the scales of the criteria in force (they may have 3, 4 or 5 steps).</summary>
    public static async Task<IEnumerable<(string Field, string Rule)>> CheckAsync(RegisterService service, RegisterRecord record, CancellationToken ct)
    {
        var risk = (Risk)record;
        var criteria = (await service.CachedAsync("risk-criteria", () => CriteriaAsync(service.Db, ct))).Value;
        var rules = new List<(string, string)>();
        void Check(string field, int? value, bool likelihood)
        {
            var max = likelihood ? criteria.Likelihood.Count : criteria.Impact.Count;
            if (value is { } v && (v < 1 || v > max))
            {
                rules.Add((field, $"must be on the {(likelihood ? "likelihood" : "impact")} scale of the risk criteria: 1 to {max}"));
            }
        }

        Check("inherentLikelihood", risk.InherentLikelihood, true);
        Check("inherentImpact", risk.InherentImpact, false);
        Check("residualLikelihood", risk.ResidualLikelihood, true);
        Check("residualImpact", risk.ResidualImpact, false);
        return rules;
    }

    public static async Task AfterApplyAsync(RegisterService service, RegisterRecord record, bool creating, CancellationToken ct)
    {
        var risk = (Risk)record;
        var criteria = await service.CachedAsync("risk-criteria", () => CriteriaAsync(service.Db, ct));
        var previousResidual = creating ? "" : risk.ResidualLevel;
        Score(risk, criteria.Value, criteria.Version ?? 0);
        var entry = service.Db.Entry(risk);
        var residualChanged = !creating && (entry.Property(r => r.ResidualLikelihood).IsModified || entry.Property(r => r.ResidualImpact).IsModified || previousResidual != risk.ResidualLevel);
        if (residualChanged && risk.AcceptedAt is not null && risk.AcceptedLevel != risk.ResidualLevel)
        {
            // An acceptance covers one residual level; a different level needs a new decision.
            ClearAcceptance(risk);
        }
    }

    public static void Score(Risk risk, RiskCriteria criteria, int version)
    {
        risk.InherentLevel = criteria.InLikelihood(risk.InherentLikelihood) && criteria.InImpact(risk.InherentImpact)
            ? criteria.LevelOf(risk.InherentLikelihood, risk.InherentImpact).Id : "";
        risk.ResidualLevel = risk is { ResidualLikelihood: { } l, ResidualImpact: { } i } && criteria.InLikelihood(l) && criteria.InImpact(i)
            ? criteria.LevelOf(l, i).Id : "";
        risk.CriteriaVersion = version;
    }

    public static void ClearAcceptance(Risk risk)
    {
        risk.AcceptedAt = null;
        risk.AcceptedById = null;
        risk.AcceptedRole = "";
        risk.AcceptedLevel = "";
        risk.AcceptanceRationale = "";
    }

    /// <summary>Where the risk stands, in the words of the register: what is still missing comes first.</summary>
    public static IReadOnlyList<string> Status(Risk r)
    {
        var status = new List<string>();
        if (r.ReassessmentReason.Length > 0)
        {
            status.Add("reassess");
        }

        if (r.Treatment is null)
        {
            status.Add("untreated");
        }
        else if (r.ResidualLevel.Length == 0)
        {
            status.Add("residual not scored");
        }
        else if (r.AcceptedAt is not null)
        {
            status.Add("accepted");
        }
        else
        {
            status.Add("awaiting acceptance");
        }

        if (r.NextReviewOn is { } due && due < Today)
        {
            status.Add("review overdue");
        }

        return status;
    }

    public static DateOnly Today => DateOnly.FromDateTime(Clock.Now().UtcDateTime);

    public static readonly ExtraFilter OverdueFilter = new("reviewOverdue", "Review overdue", ["true", "false"], (_, query, value) =>
    {
        var today = Today;
        return value == "true"
            ? query.Where(r => EF.Property<DateOnly?>(r, nameof(Risk.NextReviewOn)) < today)
            : query.Where(r => !(EF.Property<DateOnly?>(r, nameof(Risk.NextReviewOn)) < today));
    });

    /// <summary>After the criteria change, every risk is scored again with them, in the same transaction.</summary>
    public static async Task RescoreAllAsync(AimsDbContext db, RiskCriteria criteria, int version, CancellationToken ct)
    {
        foreach (var chunk in (await db.Risks.Select(r => r.Id).ToListAsync(ct)).Chunk(1000))
        {
            var risks = await db.Risks.Where(r => chunk.Contains(r.Id)).ToListAsync(ct);
            foreach (var risk in risks)
            {
                Score(risk, criteria, version);
                if (risk.InherentLevel.Length == 0 || (risk.ResidualLikelihood is not null && risk.ResidualLevel.Length == 0))
                {
                    risk.ReassessmentReason = $"The risk criteria changed (version {version}): the scores are outside the new scales.";
                }

                if (risk.AcceptedAt is not null && risk.AcceptedLevel != risk.ResidualLevel)
                {
                    ClearAcceptance(risk);
                }
            }

            await db.SaveChangesAsync(ct);
        }
    }
}
