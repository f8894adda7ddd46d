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

/// <summary>Asking to accept a residual risk (an approval request), withdrawing an acceptance, and reviewing a risk (8.2).</summary>
public static class RiskAcceptance
{
    /// <summary>
    /// Asks to accept the residual risk: an approval request (APR-n) under the decision boundary for accept-residual-risk.
    /// The risk is accepted when the request is approved by roles the risk appetite allows for its level (at once when
    /// the boundary is automatic and the requester's role is allowed).
    /// </summary>
    public static async Task<Outcome<Approvals.ApprovalView>> AcceptAsync(AimsDbContext db, TimeProvider time, Risk risk, AcceptRequest request, Domain.Approvals.Channel via, CancellationToken ct)
    {
        var rationale = (request.Rationale ?? "").Trim();
        if (rationale.Length is < 10 or > 2000)
        {
            return Outcome<Approvals.ApprovalView>.Invalid("rationale", "is required: say in 10 to 2000 characters why the residual risk is acceptable");
        }

        return await Approvals.ApprovalService.RequestAsync(db, time, new Approvals.NewApprovalRequest { Action = "accept-residual-risk", Subject = risk.Reference, Reason = rationale }, via, ct);
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
