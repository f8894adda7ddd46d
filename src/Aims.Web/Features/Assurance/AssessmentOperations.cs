using Aims.Data.Entities;
using Aims.Domain.Assurance;
using Aims.Domain.Catalog;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Registers;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Assurance;

public sealed class GapActionRequest
{
    public string? Owner { get; set; }

    public DateOnly? DueOn { get; set; }

    public string? DefinitionOfDone { get; set; }
}

/// <summary>
/// Writes of a gap assessment beyond its fields: assessing a requirement (which opens, updates or closes its gap),
/// carrying results over from another framework, and turning a gap into an action or a nonconformity.
/// </summary>
public static class AssessmentOperations
{
    /// <summary>Assesses one requirement and answers its worksheet row as it now stands.</summary>
    public static async Task<Outcome<ResultRow>> SaveResultAsync(
        RegisterService service, GapAssessment assessment, string requirementId, ResultRequest request, long? expectedVersion, CancellationToken ct)
    {
        var saved = await RecordAsync(service, assessment, requirementId, request, expectedVersion, ct);
        return saved.IsOk
            ? Outcome<ResultRow>.Ok((await AssessmentResults.RowsAsync(service.Db, assessment, ct)).First(r => r.RequirementId == requirementId))
            : new Outcome<ResultRow>(saved.Status, null, saved.Errors, saved.Detail);
    }

    /// <summary>Assesses one requirement and keeps its gap in step, in one transaction (or the caller's).</summary>
    public static async Task<Outcome<AssessmentResult>> RecordAsync(
        RegisterService service, GapAssessment assessment, string requirementId, ResultRequest request, long? expectedVersion, CancellationToken ct)
    {
        var db = service.Db;
        var scope = await AssessmentResults.ScopeAsync(db, assessment.Framework, ct);
        var requirement = scope.FirstOrDefault(s => s.Id == requirementId);
        if (requirement is null)
        {
            return Outcome<AssessmentResult>.NotFound($"requirement {requirementId} among the assessed requirements of {assessment.Framework}");
        }

        var errors = Validate(request);
        var today = AssuranceSettings.Today;
        if (request.AssessedOn > today)
        {
            errors["assessedOn"] = ["must not be in the future"];
        }

        if (assessment.Status == AssessmentState.Completed)
        {
            errors["status"] = [$"{assessment.Reference} is completed; reopen it (status in-progress) to change its results"];
        }

        if (errors.Count > 0)
        {
            return new Outcome<AssessmentResult>(OutcomeStatus.Invalid, null, errors, null);
        }

        var result = await db.AssessmentResults.FirstOrDefaultAsync(r => r.AssessmentId == assessment.Id && r.RequirementId == requirementId, ct);
        if (expectedVersion is { } expected && expected != (result?.Version ?? 0))
        {
            return Outcome<AssessmentResult>.PreconditionFailed($"The result for {requirementId} has changed since you read it (version {result?.Version ?? 0}); read it again.");
        }

        await using var transaction = await db.BeginOrganizationWriteAsync(ct);
        if (result is null)
        {
            result = new AssessmentResult { OrganizationId = db.CurrentOrganizationId, AssessmentId = assessment.Id, RequirementId = requirementId };
            db.AssessmentResults.Add(result);
        }

        result.Status = request.Status!.Value;
        result.InPlace = request.InPlace;
        result.Working = request.Working;
        result.Documented = request.Documented;
        result.Notes = request.Notes;
        result.Procedures = request.Procedures;
        result.Evidence = request.Evidence;
        result.CarriedOverFrom = request.CarriedOverFrom;
        result.AssessedOn = request.AssessedOn ?? today;
        result.AssessorId = string.IsNullOrWhiteSpace(request.Assessor) ? db.Session.PersonId : await service.People.ResolveAsync(request.Assessor, ct);
        if (assessment.Status == AssessmentState.Planned)
        {
            assessment.Status = AssessmentState.InProgress;
            assessment.UpdatedAt = Clock.Now();
        }

        await db.SaveChangesAsync(ct);
        await SyncGapAsync(service, assessment, requirement, result, ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return Outcome<AssessmentResult>.Ok(result);
    }

    private static Dictionary<string, string[]> Validate(ResultRequest request)
    {
        request.Notes = (request.Notes ?? "").Trim();
        request.Procedures = (request.Procedures ?? "").Trim();
        request.Evidence = (request.Evidence ?? "").Trim();
        request.CarriedOverFrom = (request.CarriedOverFrom ?? "").Trim();
        var errors = new Dictionary<string, string[]>();
        if (request.Status is null)
        {
            errors["status"] = [$"is required: one of {EnumText.Allowed<ComplianceStatus>()}"];
        }

        foreach (var (field, value, max) in new[] { ("notes", request.Notes, 4000), ("procedures", request.Procedures, 500), ("evidence", request.Evidence, 500), ("carriedOverFrom", request.CarriedOverFrom, 120) })
        {
            if (value.Length > max)
            {
                errors[field] = [$"must be at most {max} characters"];
            }
        }

        request.Assessor = request.Assessor?.Trim().ToLowerInvariant();
        if (request.Assessor is { Length: > 0 } assessor && !Soa.IsEmail(assessor))
        {
            errors["assessor"] = ["must be an e-mail address"];
        }

        if (request.Status == ComplianceStatus.Compliant && (request.InPlace == false || request.Working == false || request.Documented == false))
        {
            errors["status"] = ["a requirement is compliant only when it is in place, working and documented; answer the three questions or choose partially-compliant"];
        }

        return errors;
    }

    /// <summary>
    /// Not or partially compliant opens (or reopens) the requirement's gap; compliant or not applicable closes it. The
    /// latest result speaks for the requirement: open gaps on it from other assessments close, superseded.
    /// </summary>
    private static async Task SyncGapAsync(RegisterService service, GapAssessment assessment, AssessmentResults.Assessable requirement, AssessmentResult result, CancellationToken ct)
    {
        var qualified = RequirementRef.Qualify(assessment.Framework, requirement.Id);
        var gaps = await service.Db.Gaps.Where(g => g.Requirement == qualified).OrderByDescending(g => g.Number).ToListAsync(ct);
        foreach (var older in gaps.Where(g => g.AssessmentId != assessment.Id && g.Status == GapState.Open))
        {
            Saved(await service.SaveAsync(AssuranceRegisters.Gaps, older, Texts(("status", "closed")), null, ct));
        }

        var gap = gaps.FirstOrDefault(g => g.AssessmentId == assessment.Id);
        var isGap = result.Status is ComplianceStatus.NotCompliant or ComplianceStatus.PartiallyCompliant;
        if (!isGap)
        {
            if (gap is { Status: GapState.Open })
            {
                Saved(await service.SaveAsync(AssuranceRegisters.Gaps, gap, Texts(("status", "closed")), null, ct));
            }

            return;
        }

        var compliance = EnumText.Of(result.Status);
        Saved(gap is null
            ? await service.SaveAsync(AssuranceRegisters.Gaps, null, Texts(
                ("assessment", assessment.Reference), ("requirement", qualified), ("title", Title(requirement)), ("status", "open"), ("compliance", compliance),
                ("category", EnumText.Of(DefaultCategory(requirement.Id))), ("requiredForCertification", assessment.Framework == "iso42001" ? "true" : "false")), null, ct)
            : await service.SaveAsync(AssuranceRegisters.Gaps, gap, Texts(("status", "open"), ("compliance", compliance)), null, ct));
    }

    /// <summary>The gap follows the result in the same transaction; a refusal here is a mistake in this code, not in the request.</summary>
    private static void Saved(Outcome<RegisterRecord> outcome)
    {
        if (!outcome.IsOk)
        {
            throw new InvalidOperationException("gap: " + string.Join("; ", outcome.Messages));
        }
    }

    private static string Title(AssessmentResults.Assessable requirement) =>
        (requirement.Id + " " + requirement.Title).Length > 300 ? (requirement.Id + " " + requirement.Title)[..300] : requirement.Id + " " + requirement.Title;

    private static RegisterInput Texts(params (string Field, string Value)[] values)
    {
        var input = new RegisterInput();
        foreach (var (field, value) in values)
        {
            input.SetText(AssuranceRegisters.Gaps.Field(field)!, value);
        }

        return input;
    }

    /// <summary>Policy for leadership and policy requirements, technical for data and system life cycle controls, compliance for evaluation and improvement.</summary>
    public static GapCategory DefaultCategory(string id)
    {
        static bool Under(string id, params string[] roots) => roots.Any(r => id == r || id.StartsWith(r + ".", StringComparison.Ordinal));
        if (Under(id, "5", "A.2"))
        {
            return GapCategory.Policy;
        }

        if (Under(id, "A.4", "A.6", "A.7"))
        {
            return GapCategory.Technical;
        }

        return Under(id, "9", "10", "6.1.3", "A.8", "A.10") ? GapCategory.Compliance : GapCategory.Operational;
    }
}
