using Aims.Data;
using Aims.Data.Entities;
using Aims.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Risks;

public sealed class AcceptRequest
{
    public string Rationale { get; set; } = "";
}

public sealed class RiskReviewRequest
{
    public string Notes { get; set; } = "";

    public DateOnly? NextReviewOn { get; set; }
}

public sealed record ReviewView(DateTimeOffset ReviewedAt, string? ReviewedBy, string Notes, string Changes, DateOnly? NextReviewOn);

/// <summary>Accepting a residual risk (by a role the appetite allows, with a rationale) and reviewing a risk (8.2).</summary>
public static class RiskAcceptance
{
    public static async Task<Outcome<Risk>> AcceptAsync(AimsDbContext db, Risk risk, AcceptRequest request, CancellationToken ct)
    {
        var rationale = (request.Rationale ?? "").Trim();
        if (rationale.Length is < 10 or > 2000)
        {
            return Outcome<Risk>.Invalid("rationale", "is required: say in 10 to 2000 characters why the residual risk is acceptable");
        }

        if (risk.ResidualLevel.Length == 0)
        {
            return Outcome<Risk>.Invalid("residualLikelihood", "score the residual risk (likelihood and impact) before accepting it");
        }

        if (risk.Treatment is null)
        {
            return Outcome<Risk>.Invalid("treatment", "choose a treatment before accepting the residual risk");
        }

        var criteria = (await RiskScoring.CriteriaAsync(db, ct)).Value;
        var level = criteria.Levels.First(l => l.Id == risk.ResidualLevel);
        if (db.Session.Role is not { } role || !criteria.MayAccept(level.Id, role))
        {
            var allowed = level.AcceptedBy.Count == 0 ? "nobody: it must be treated further" : string.Join(", ", level.AcceptedBy.Select(r => EnumText.Of(r)));
            return Outcome<Risk>.Forbidden($"The risk appetite lets {allowed} accept a {level.Name.ToLowerInvariant()} residual risk; you are {(db.Session.Role is { } r ? EnumText.Of(r) : "not a member")}.");
        }

        risk.AcceptedById = db.Session.PersonId;
        risk.AcceptedRole = EnumText.Of(role);
        risk.AcceptedLevel = level.Id;
        risk.AcceptedAt = Clock.Now();
        risk.AcceptanceRationale = rationale;
        risk.UpdatedAt = Clock.Now();
        db.Session.Reason ??= rationale.Length > 500 ? rationale[..500] : rationale;
        await db.SaveChangesAsync(ct);
        return Outcome<Risk>.Ok(risk);
    }

    public static async Task<Outcome<Risk>> WithdrawAsync(AimsDbContext db, Risk risk, CancellationToken ct)
    {
        if (risk.AcceptedAt is null)
        {
            return Outcome<Risk>.Conflict($"{risk.Reference} has no acceptance to withdraw.");
        }

        RiskScoring.ClearAcceptance(risk);
        risk.UpdatedAt = Clock.Now();
        await db.SaveChangesAsync(ct);
        return Outcome<Risk>.Ok(risk);
    }

    /// <summary>Records a review: what changed since the last one (from the ledger), clears a reassessment mark, sets the next date.</summary>
    public static async Task<Outcome<Risk>> ReviewAsync(AimsDbContext db, Risk risk, RiskReviewRequest request, CancellationToken ct)
    {
        var notes = (request.Notes ?? "").Trim();
        if (notes.Length is < 5 or > 4000)
        {
            return Outcome<Risk>.Invalid("notes", "is required: 5 to 4000 characters on what was looked at and concluded");
        }

        var today = RiskScoring.Today;
        var next = request.NextReviewOn ?? today.AddMonths(12);
        if (next <= today || next > today.AddYears(5))
        {
            return Outcome<Risk>.Invalid("nextReviewOn", "must be after today and within five years");
        }

        var since = risk.LastReviewedAt ?? risk.CreatedAt;
        var id = risk.Id.ToString("D");
        var events = await db.LedgerEvents.AsNoTracking().Where(e => e.EntityId == id && e.Action == "update" && e.At > since).Select(e => e.Json).ToListAsync(ct);
        var fields = events.SelectMany(ChangedFields).Where(f => f is not ("version" or "updatedAt" or "lastReviewedAt" or "nextReviewOn" or "reassessmentReason")).Distinct().Order(StringComparer.Ordinal).ToList();
        var changes = fields.Count == 0 ? "no change since the last review" : "changed since the last review: " + string.Join(", ", fields);
        if (risk.ReassessmentReason.Length > 0)
        {
            changes += $"; reassessed after: {risk.ReassessmentReason}";
        }

        db.RiskReviews.Add(new RiskReview
        {
            OrganizationId = db.CurrentOrganizationId, RiskId = risk.Id, ReviewedById = db.Session.PersonId, ReviewedAt = Clock.Now(), Notes = notes,
            Changes = changes.Length > 2000 ? changes[..2000] : changes, NextReviewOn = next,
        });
        risk.LastReviewedAt = Clock.Now();
        risk.NextReviewOn = next;
        risk.ReassessmentReason = "";
        risk.UpdatedAt = Clock.Now();
        await db.SaveChangesAsync(ct);
        return Outcome<Risk>.Ok(risk);
    }

    public static async Task<List<ReviewView>> ReviewsAsync(AimsDbContext db, Guid riskId, CancellationToken ct) =>
        await (from r in db.RiskReviews.AsNoTracking()
               where r.RiskId == riskId
               orderby r.ReviewedAt descending
               select new ReviewView(r.ReviewedAt, db.Users.Where(u => u.Id == r.ReviewedById).Select(u => u.DisplayName).FirstOrDefault(), r.Notes, r.Changes, r.NextReviewOn))
            .ToListAsync(ct);

    private static IEnumerable<string> ChangedFields(string json)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty("after", out var after) && after.ValueKind == System.Text.Json.JsonValueKind.Object
            ? after.EnumerateObject().Select(p => p.Name).ToList()
            : [];
    }
}
