using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Risk;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Registers;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Risks;

public sealed class DecisionRequest
{
    public AssessmentDecision? Decision { get; set; }

    public string Rationale { get; set; } = "";
}

public sealed class ReviewRequest
{
    public AssessmentTrigger Trigger { get; set; } = AssessmentTrigger.PeriodicReview;
}

/// <summary>What is done to an assessment beyond editing its fields: the decision, the next revision, a harm raised as a risk.</summary>
public static class ImpactOperations
{
    private static readonly (string Field, Func<ImpactAssessment, string> Get)[] FriaFields =
    [
        ("friaProcesses", a => a.FriaProcesses), ("friaPeriod", a => a.FriaPeriod), ("friaAffected", a => a.FriaAffected),
        ("friaRisks", a => a.FriaRisks), ("friaOversight", a => a.FriaOversight), ("friaMeasures", a => a.FriaMeasures),
    ];

    /// <summary>
    /// Records the decision of an authorized role and completes the assessment. A residual impact that is not
    /// acceptable goes to the next role of the escalation path, recorded with the time, so it cannot stay with the
    /// person who found it unacceptable.
    /// </summary>
    public static async Task<Outcome<ImpactAssessment>> DecideAsync(AimsDbContext db, AimsSession session, ImpactAssessment assessment, DecisionRequest request, CancellationToken ct)
    {
        var procedure = (await ImpactAssessments.ProcedureAsync(db, ct)).Value;
        if (session.Role is not { } role || !procedure.DecidedBy.Contains(role))
        {
            return Outcome<ImpactAssessment>.Forbidden(
                $"decision: the impact assessment procedure lets {string.Join(", ", procedure.DecidedBy.Select(r => EnumText.Of(r)))} decide; your role is {(session.Role is { } r ? EnumText.Of(r) : "none")}.");
        }

        var errors = new Dictionary<string, string[]>();
        if (request.Decision is null)
        {
            errors["decision"] = ["is required: acceptable or not-acceptable"];
        }

        var rationale = (request.Rationale ?? "").Trim();
        if (rationale.Length is < 10 or > 2000)
        {
            errors["rationale"] = ["must say why, in 10 to 2000 characters"];
        }

        if (assessment.ResidualImpact.Trim().Length == 0)
        {
            errors["residualImpact"] = ["is required before a decision: the decision is on the residual impact"];
        }

        if (!await db.ImpactHarms.AnyAsync(h => h.ImpactAssessmentId == assessment.Id, ct))
        {
            errors["harms"] = ["record at least one harm before a decision (6.1.4: the potential consequences are assessed)"];
        }

        if ((await ImpactAssessments.Art27Async(db, [assessment], ct))[assessment.Id])
        {
            foreach (var (field, get) in FriaFields.Where(f => f.Get(assessment).Trim().Length == 0))
            {
                errors[field] = ["is required to complete the assessment: Art. 27(1) of the EU AI Act binds the organization for this use case"];
            }
        }

        if (errors.Count > 0)
        {
            return new Outcome<ImpactAssessment>(OutcomeStatus.Invalid, null, errors, null);
        }

        if (assessment.Status == AssessmentStatus.Completed)
        {
            return Outcome<ImpactAssessment>.Conflict($"{assessment.Reference} is completed; start a review for a new revision and decide on that.");
        }

        var now = Clock.Now();
        var today = ImpactAssessments.Today;
        assessment.Decision = request.Decision;
        assessment.DecidedById = session.PersonId;
        assessment.DecidedAt = now;
        assessment.DecisionRationale = rationale;
        assessment.Status = AssessmentStatus.Completed;
        assessment.CompletedOn = today;
        assessment.NextReviewOn = today.AddMonths(procedure.ReviewEveryMonths);
        if (request.Decision == AssessmentDecision.NotAcceptable && procedure.EscalateFrom(role) is { } next)
        {
            assessment.EscalatedTo = EnumText.Of(next);
            assessment.EscalatedAt = now;
        }

        assessment.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return Outcome<ImpactAssessment>.Ok(assessment);
    }

    /// <summary>
    /// Starts the next revision of a completed assessment with its content and harms copied, so earlier versions stay
    /// as they were decided and the new one is decided on its own.
    /// </summary>
    public static async Task<Outcome<ImpactAssessment>> ReviewAsync(AimsDbContext db, ImpactAssessment assessment, ReviewRequest request, CancellationToken ct)
    {
        if (assessment.Status != AssessmentStatus.Completed)
        {
            return Outcome<ImpactAssessment>.Conflict($"{assessment.Reference} is not completed yet: complete it with a decision before starting a review.");
        }

        var newer = await db.ImpactAssessments.Where(a => a.AiSystemId == assessment.AiSystemId && a.UseCaseId == assessment.UseCaseId && a.Number > assessment.Number)
            .Select(a => a.Reference).FirstOrDefaultAsync(ct);
        if (newer is not null)
        {
            return Outcome<ImpactAssessment>.Conflict($"{assessment.Reference} is not the current revision: {newer} is newer; review that one.");
        }

        if (request.Trigger is AssessmentTrigger.NewAiSystem or AssessmentTrigger.NewUseCase)
        {
            return Outcome<ImpactAssessment>.Invalid("trigger", "a review is started by model-change, adverse-event, periodic-review or manual");
        }

        var procedure = (await ImpactAssessments.ProcedureAsync(db, ct)).Value;
        var next = new ImpactAssessment
        {
            OrganizationId = db.CurrentOrganizationId, AiSystemId = assessment.AiSystemId, UseCaseId = assessment.UseCaseId, Trigger = request.Trigger,
            Status = AssessmentStatus.Planned, OwnerId = assessment.OwnerId, DueOn = ImpactAssessments.Today.AddDays(procedure.DueInDays),
            IntendedPurpose = assessment.IntendedPurpose, ForeseeableMisuse = assessment.ForeseeableMisuse, AffectedIndividuals = assessment.AffectedIndividuals,
            AffectedGroups = assessment.AffectedGroups, AffectedSociety = assessment.AffectedSociety, Mitigations = assessment.Mitigations,
            ResidualImpact = assessment.ResidualImpact, DpiaReference = assessment.DpiaReference,
            FriaProcesses = assessment.FriaProcesses, FriaPeriod = assessment.FriaPeriod, FriaAffected = assessment.FriaAffected,
            FriaRisks = assessment.FriaRisks, FriaOversight = assessment.FriaOversight, FriaMeasures = assessment.FriaMeasures,
        };
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        db.ImpactAssessments.Add(next);
        foreach (var harm in await db.ImpactHarms.AsNoTracking().Where(h => h.ImpactAssessmentId == assessment.Id).OrderBy(h => h.Number).ToListAsync(ct))
        {
            db.ImpactHarms.Add(new ImpactHarm
            {
                OrganizationId = db.CurrentOrganizationId, ImpactAssessmentId = next.Id, Area = harm.Area, Description = harm.Description, Severity = harm.Severity,
                Likelihood = harm.Likelihood, Reversibility = harm.Reversibility, Scale = harm.Scale, Mitigation = harm.Mitigation, RiskId = harm.RiskId,
            });
        }

        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return Outcome<ImpactAssessment>.Ok(next);
    }

    /// <summary>Raises a risk in the register from a harm, through the register's own rules, and links both ways.</summary>
    public static async Task<Outcome<Risk>> RaiseRiskAsync(RegisterService service, ImpactHarm harm, CancellationToken ct)
    {
        var db = service.Db;
        if (harm.RiskId is { } existing)
        {
            var reference = await db.Risks.Where(r => r.Id == existing).Select(r => r.Reference).FirstOrDefaultAsync(ct);
            return Outcome<Risk>.Conflict($"{harm.Reference} already raised {reference}.");
        }

        var assessment = await db.ImpactAssessments.FirstAsync(a => a.Id == harm.ImpactAssessmentId, ct);
        var system = await db.AiSystems.Where(s => s.Id == assessment.AiSystemId).Select(s => s.Reference).FirstAsync(ct);
        var useCase = assessment.UseCaseId is { } u ? await db.UseCases.Where(x => x.Id == u).Select(x => x.Reference).FirstOrDefaultAsync(ct) : null;
        var owner = assessment.OwnerId is { } o ? await db.Users.Where(p => p.Id == o).Select(p => p.Email).FirstOrDefaultAsync(ct) : null;
        var title = harm.Description.Length > 180 ? harm.Description[..180] + "…" : harm.Description;
        var input = new RegisterInput();
        input.Set("title", title);
        input.Set("description", $"Raised from {harm.Reference} of impact assessment {assessment.Reference} ({EnumText.Of(harm.Area)}, {EnumText.Of(harm.Reversibility)}, {EnumText.Of(harm.Scale)}): {harm.Description}");
        input.Set("dimension", EnumText.Of(DimensionOf(harm.Area)));
        input.Set("inherentLikelihood", harm.Likelihood.ToString(System.Globalization.CultureInfo.InvariantCulture));
        input.Set("inherentImpact", harm.Severity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        input.Set("aiSystems", system);
        input.Set("useCases", useCase is null ? [] : [useCase]);
        if (owner is not null)
        {
            input.Set("owner", owner);
        }

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var saved = await service.SaveAsync(RiskRegisters.Risks, null, input, null, ct);
        if (!saved.IsOk)
        {
            return new Outcome<Risk>(saved.Status, null, saved.Errors, saved.Detail);
        }

        var risk = (Risk)saved.Value!;
        harm.RiskId = risk.Id;
        harm.UpdatedAt = Clock.Now();
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return Outcome<Risk>.Ok(risk);
    }

    /// <summary>The risk register's dimension that holds a harm of each area.</summary>
    public static RiskDimension DimensionOf(HarmArea area) => area switch
    {
        HarmArea.LegalPosition => RiskDimension.LegalRegulatory,
        HarmArea.LifeOpportunities or HarmArea.HumanRights => RiskDimension.EthicalFairness,
        HarmArea.Privacy => RiskDimension.Privacy,
        _ => RiskDimension.SocietalImpact,
    };
}
