using Aims.Data.Entities;
using Aims.Domain.Assurance;
using Aims.Domain.Catalog;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Registers;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Assurance;

/// <summary>Carrying results over from another framework, and turning a gap into an action or a nonconformity.</summary>
public static class GapOperations
{
    /// <summary>
    /// Fills the unassessed requirements whose crosswalk to an assessed requirement of another framework is "equal":
    /// status, evidence and procedures, marked as carried over. Other relationships stay suggestions to confirm. All or
    /// nothing: one refused row leaves every row as it was.
    /// </summary>
    public static async Task<Outcome<int>> CarryOverAsync(RegisterService service, GapAssessment assessment, CancellationToken ct)
    {
        var rows = await AssessmentResults.RowsAsync(service.Db, assessment, ct);
        await using var transaction = await service.Db.BeginOrganizationWriteAsync(ct);
        var carried = 0;
        foreach (var row in rows.Where(r => r.Status is null && r.Suggestion is { StatusCarries: true }))
        {
            var s = row.Suggestion!;
            var outcome = await AssessmentOperations.RecordAsync(service, assessment, row.RequirementId, new ResultRequest
            {
                Status = s.Status, Evidence = s.Evidence, Procedures = s.Procedures, CarriedOverFrom = $"{s.From} ({s.Assessment})",
                Notes = $"Carried over from {s.From} in {s.Assessment} (crosswalk: equal).",
            }, null, ct);
            if (!outcome.IsOk)
            {
                service.Db.ChangeTracker.Clear();
                return new Outcome<int>(outcome.Status, 0, outcome.Errors, outcome.Detail);
            }

            carried++;
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return Outcome<int>.Ok(carried);
    }

    /// <summary>An action for the gap: its owner, a due date from the typical remediation time, the countdown phase, a definition of done.</summary>
    public static async Task<Outcome<RegisterRecord>> ActionAsync(RegisterService service, Gap gap, GapActionRequest request, CancellationToken ct)
    {
        var maxWeeks = (await GapClassifier.ClassifyAsync(service, gap, ct)).RemediationWeeksMax;
        RequirementRef.TrySplit(gap.Requirement, out _, out var id);
        var input = new RegisterInput();
        void Set(string field, string value) => input.SetText(AssuranceRegisters.Actions.Field(field)!, value);
        Set("title", $"Close {gap.Reference}: {gap.Title}".Length > 300 ? $"Close {gap.Reference}: {gap.Title}"[..300] : $"Close {gap.Reference}: {gap.Title}");
        Set("gap", gap.Reference);
        Set("owner", request.Owner?.Trim() ?? "");
        Set("dueOn", (request.DueOn ?? AssuranceSettings.Today.AddDays(7 * maxWeeks)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Set("status", "not-started");
        Set("phase", EnumText.Of(Countdown.PhaseOf(id, gap.Category)));
        Set("definitionOfDone", request.DefinitionOfDone?.Trim() is { Length: > 0 } done ? done : $"{gap.Requirement} assessed compliant: in place, working and documented, with evidence linked.");
        return await service.SaveAsync(AssuranceRegisters.Actions, null, input, null, ct);
    }

    /// <summary>A nonconformity from a gap once the AIMS operates: its class follows the predicted one (a major stays major).</summary>
    public static async Task<Outcome<RegisterRecord>> NonconformityAsync(RegisterService service, Gap gap, CancellationToken ct)
    {
        if (gap.Status != GapState.Open)
        {
            return Outcome<RegisterRecord>.Invalid("status", $"{gap.Reference} is closed; only an open gap becomes a nonconformity");
        }

        var raised = await service.Db.Nonconformities.Where(n => n.GapId == gap.Id && n.Status != NonconformityStatus.Closed).Select(n => n.Reference).FirstOrDefaultAsync(ct);
        if (raised is not null)
        {
            return Outcome<RegisterRecord>.Conflict($"{gap.Reference} already raised {raised}, which is open; a gap raises one nonconformity at a time.");
        }

        var input = new RegisterInput();
        void Set(string field, string value) => input.SetText(AssuranceRegisters.Nonconformities.Field(field)!, value);
        Set("title", gap.Title);
        Set("source", "gap-assessment");
        Set("class", GapClassifier.ClassOf(gap) == AuditClass.MajorNonconformity ? "major" : "minor");
        Set("requirement", gap.Requirement);
        Set("gap", gap.Reference);
        Set("whatHappened", $"{gap.Requirement} assessed {EnumText.Of(gap.Compliance)} in the gap assessment while the AIMS operates ({gap.Reference}).");
        Set("status", "open");
        return await service.SaveAsync(AssuranceRegisters.Nonconformities, null, input, null, ct);
    }
}
