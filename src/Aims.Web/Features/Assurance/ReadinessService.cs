using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Assurance;
using Aims.Domain.Catalog;
using Aims.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using ReadinessRules = Aims.Domain.Assurance.Readiness;

namespace Aims.Web.Features.Assurance;

public sealed record TrendPoint(DateOnly Day, int Score);

/// <summary>Everything the readiness page, the API and `aims readiness` show: scores, the countdown plan and the trend.</summary>
public sealed record ReadinessView(
    int Score,
    IReadOnlyList<GroupScore> Clauses,
    IReadOnlyList<GroupScore> Areas,
    int OpenMajor,
    int OpenMinor,
    int OverdueActions,
    int Penalty,
    int SoaRows,
    int SoaNotReady,
    IReadOnlyDictionary<string, int> GapsByClass,
    IReadOnlyDictionary<string, int> GapsByCategory,
    IReadOnlyDictionary<string, int> ActionsByStatus,
    IReadOnlyDictionary<string, int> ActionsByOwner,
    CertificationPlan Plan,
    CountdownPlan Countdown,
    IReadOnlyList<TrendPoint> Trend,
    string Method);

/// <summary>Reads what readiness is derived from and hands it to the domain's rules; records the day's score for the trend.</summary>
public static class ReadinessService
{
    public const string Method =
        "Each ISO/IEC 42001 requirement earns credit from its latest gap assessment: compliant 1, partially compliant 0.5, " +
        "not compliant or not assessed 0; not applicable leaves it out. A clause (4–10) scores its mean credit; an Annex A area " +
        "scores half its mean credit and half the share of its SoA rows that are audit-ready. Overall is the mean of those, " +
        "weighted by the requirements counted, less 10 points per open major nonconformity, 3 per open minor and 1 per " +
        "overdue action (at most 20); a clause or area also loses the points of the nonconformities on its requirements. " +
        "Scores stay within 0–100.";

    /// <summary>The view as it stands today; computed once per change of the organization's data and day, the trend recorded each time.</summary>
    public static async Task<ReadinessView> ComputeAsync(AimsDbContext db, CancellationToken ct)
    {
        var view = await DerivedCache.GetAsync(db, "readiness:" + AssuranceSettings.Today.DayNumber, () => ScoreAsync(db, ct), ct);
        return view with { Trend = await RecordAsync(db, view.Score, ct) };
    }

    private static async Task<ReadinessView> ScoreAsync(AimsDbContext db, CancellationToken ct)
    {
        var scope = await AssessmentResults.ScopeAsync(db, "iso42001", ct);
        var latest = await (from r in db.AssessmentResults.AsNoTracking()
                            join a in db.GapAssessments.AsNoTracking() on r.AssessmentId equals a.Id
                            where a.Framework == "iso42001"
                            select new { r.RequirementId, r.Status, r.AssessedOn, a.Number }).ToListAsync(ct);
        var statusOf = latest.GroupBy(r => r.RequirementId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.AssessedOn).ThenByDescending(r => r.Number).First().Status);
        var standings = scope.Select(s => new RequirementStanding(s.Id, statusOf.TryGetValue(s.Id, out var st) ? st : null)).ToList();

        var soa = await Soa.RowsAsync(db, ct);
        var soaRows = soa.Select(r => new SoaRow(r.ControlId, r.Title, r.Area, r.Applicable, r.Risks, SoaDecision.None, r.NotReadyBecause)).ToList();
        var open = await db.Nonconformities.AsNoTracking().Where(n => n.Status != NonconformityStatus.Closed)
            .Select(n => new { n.Requirement, n.Class }).ToListAsync(ct);
        var nonconformities = open.Select(n => new OpenNonconformity(
            RequirementRef.TrySplit(n.Requirement, out var fw, out var id) && fw == "iso42001" ? id : null, n.Class)).ToList();
        var overdue = await ActionPlan.OverdueCountAsync(db, ct);
        var titles = await db.CatalogRequirements.AsNoTracking().Where(r => r.FrameworkId == "iso42001" && (r.Kind == "clause" || r.Kind == "annex-area"))
            .ToDictionaryAsync(r => r.Id, r => r.Title, ct);
        var report = ReadinessRules.Compute(standings, soaRows, nonconformities, overdue, titles);

        var gaps = await db.Gaps.AsNoTracking().Where(g => g.Status == GapState.Open && g.Requirement.StartsWith("iso42001:"))
            .Select(g => new { g.Reference, g.Requirement, g.Title, g.Category, g.PredictedClass }).ToListAsync(ct);
        var actions = await (from a in db.CorrectiveActions.AsNoTracking()
                             join p in db.Users on a.OwnerId equals p.Id into owners
                             from p in owners.DefaultIfEmpty()
                             select new { a.Status, Owner = p == null ? null : p.Email }).ToListAsync(ct);
        var plan = (await AssuranceSettings.PlanAsync(db, ct)).Value;
        var planGaps = gaps.Select(g => new PlanGap(g.Reference, RequirementRef.TrySplit(g.Requirement, out _, out var id) ? id : g.Requirement, g.Title, g.Category,
            EnumText.TryParse<AuditClass>(g.PredictedClass, out var c) ? c : AuditClass.Observation)).ToList();
        var notReady = soa.Count(r => !r.AuditReady);
        var countdown = Countdown.Build(AssuranceSettings.Today, plan.Dates, planGaps, report.OpenMajor, notReady);

        return new ReadinessView(
            report.Score, report.Clauses, report.Areas, report.OpenMajor, report.OpenMinor, report.OverdueActions, report.Penalty, soa.Count, notReady,
            Enum.GetValues<AuditClass>().Reverse().ToDictionary(EnumText.Of, c => gaps.Count(g => g.PredictedClass == EnumText.Of(c))),
            Enum.GetValues<GapCategory>().ToDictionary(EnumText.Of, c => gaps.Count(g => g.Category == c)),
            Enum.GetValues<ActionStatus>().ToDictionary(EnumText.Of, s => actions.Count(a => a.Status == s)),
            actions.Where(a => a.Status is ActionStatus.NotStarted or ActionStatus.InProgress).GroupBy(a => a.Owner ?? "(no owner)")
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            plan, countdown, [], Method);
    }

    /// <summary>
    /// Keeps one score per day (the latest computed) and returns the last 90 days. Derived data, so not ledgered; two
    /// nodes writing the same day at once is harmless, the loser's write is dropped.
    /// </summary>
    private static async Task<List<TrendPoint>> RecordAsync(AimsDbContext db, int score, CancellationToken ct)
    {
        var today = AssuranceSettings.Today;
        var existing = await db.ReadinessSnapshots.FirstOrDefaultAsync(s => s.Day == today, ct);
        if (existing?.Score != score && db.CurrentOrganizationId != Guid.Empty)
        {
            try
            {
                if (existing is null)
                {
                    db.ReadinessSnapshots.Add(new ReadinessSnapshot { OrganizationId = db.CurrentOrganizationId, Day = today, Score = score, UpdatedAt = Clock.Now() });
                }
                else
                {
                    existing.Score = score;
                    existing.UpdatedAt = Clock.Now();
                }

                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }

        var from = today.AddDays(-89);
        return await db.ReadinessSnapshots.AsNoTracking().Where(s => s.Day >= from).OrderBy(s => s.Day).Select(s => new TrendPoint(s.Day, s.Score)).ToListAsync(ct);
    }
}
