using System.Text.Json;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Inventory;
using Aims.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Inventory.Classification;

public sealed record OverrideView(IReadOnlyList<Regime> Regimes, string Justification, string? By, DateTimeOffset? At);

/// <summary>A use case's EU AI Act screening: the stored answers, what the rules derive from them, and any override.</summary>
public sealed record ClassificationView(
    string UseCase,
    string UseCaseName,
    string AiSystem,
    bool Classified,
    EuAiActAnswers Answers,
    EuAiActClassification? Computed,
    OverrideView? Override,
    IReadOnlyList<Regime> EffectiveRegimes,
    string RulesVersion,
    DateOnly LegalTextDate,
    long Version);

public sealed class OverrideRequest
{
    public IReadOnlyList<Regime> Regimes { get; set; } = [];

    public string Justification { get; set; } = "";
}

/// <summary>Stores questionnaire answers, derives the regimes with the domain's rules, and records justified overrides.</summary>
public static class UseCaseClassification
{
    public const int MinJustification = 20;

    public static EuAiActAnswers? ReadAnswers(UseCase useCase) =>
        useCase.Answers is null ? null : JsonSerializer.Deserialize<EuAiActAnswers>(useCase.Answers, ApiJson.Options);

    public static IReadOnlyList<Regime> Regimes(string text) =>
        text.Length == 0 ? [] : text.Split(',').Select(t => (Regime)FieldTextEnum(typeof(Regime), t)).ToList();

    private static object FieldTextEnum(Type type, string text) =>
        Infrastructure.Registers.FieldText.ParseEnum(type, text) ?? throw new InvalidOperationException($"Unknown regime {text}.");

    public static string RegimesText(IEnumerable<Regime> regimes) => string.Join(",", regimes.Distinct().Order().Select(r => EnumText.Of(r)));

    /// <summary>The regimes that hold: the override where a person made one, else the computed ones.</summary>
    public static IReadOnlyList<Regime> Effective(UseCase u) => Regimes(u.OverrideRegimes ?? u.ComputedRegimes);

    public static async Task<ClassificationView> ViewAsync(AimsDbContext db, UseCase useCase, CancellationToken ct)
    {
        var system = await db.AiSystems.IgnoreQueryFilters([AimsDbContext.SoftDeleteFilter]).FirstAsync(s => s.Id == useCase.AiSystemId, ct);
        var answers = ReadAnswers(useCase);
        OverrideView? overrideView = null;
        if (useCase.OverrideRegimes is not null)
        {
            var by = useCase.OverriddenById is { } id ? await db.Users.Where(p => p.Id == id).Select(p => p.DisplayName).FirstOrDefaultAsync(ct) : null;
            overrideView = new OverrideView(Regimes(useCase.OverrideRegimes), useCase.OverrideJustification, by, useCase.OverriddenAt);
        }

        return new ClassificationView(
            useCase.Reference, useCase.Name, system.Reference, answers is not null,
            answers ?? DefaultAnswers(system),
            answers is null ? null : EuAiActClassifier.Classify(answers),
            overrideView, Effective(useCase), EuAiActClassifier.RulesVersion, EuAiActClassifier.LegalTextDate, useCase.Version);
    }

    /// <summary>Unanswered questionnaires start from the system's operator role: provider before deployer before the rest.</summary>
    public static EuAiActAnswers DefaultAnswers(AiSystem system) =>
        new() { Role = system.OperatorRoles.Count > 0 ? system.OperatorRoles.Order().First() : OperatorRole.Deployer };

    public static async Task<Outcome<UseCase>> AnswerAsync(AimsDbContext db, UseCase useCase, EuAiActAnswers answers, long? expectedVersion, CancellationToken ct)
    {
        if (expectedVersion is { } v && v != useCase.Version)
        {
            return Outcome<UseCase>.PreconditionFailed($"{useCase.Reference} has changed since you read it; read it again.");
        }

        var errors = EuAiActClassifier.Validate(answers);
        if (answers.AnnexILegislation is { Length: > 300 })
        {
            errors["annexILegislation"] = ["must be at most 300 characters"];
        }

        if (errors.Count > 0)
        {
            return new Outcome<UseCase>(OutcomeStatus.Invalid, null, errors, null);
        }

        var result = EuAiActClassifier.Classify(answers);
        useCase.Answers = JsonSerializer.Serialize(answers, ApiJson.Options);
        useCase.ComputedRegimes = RegimesText(result.Findings.Select(f => f.Regime));
        useCase.RulesVersion = EuAiActClassifier.RulesVersion;
        useCase.UpdatedAt = Clock.Now();
        await db.SaveChangesAsync(ct);
        return Outcome<UseCase>.Ok(useCase);
    }

    public static async Task<Outcome<UseCase>> OverrideAsync(AimsDbContext db, UseCase useCase, OverrideRequest request, long? expectedVersion, CancellationToken ct)
    {
        if (expectedVersion is { } v && v != useCase.Version)
        {
            return Outcome<UseCase>.PreconditionFailed($"{useCase.Reference} has changed since you read it; read it again.");
        }

        var errors = new Dictionary<string, string[]>();
        var justification = (request.Justification ?? "").Trim();
        if (justification.Length < MinJustification || justification.Length > 2000)
        {
            errors["justification"] = [$"is required: explain in {MinJustification} to 2000 characters why the computed result does not hold"];
        }

        if (request.Regimes.Count == 0)
        {
            errors["regimes"] = ["must name at least one regime"];
        }
        else if (request.Regimes.Contains(Regime.Minimal) && request.Regimes.Count > 1)
        {
            errors["regimes"] = ["minimal cannot be combined with another regime"];
        }
        else if (request.Regimes.Contains(Regime.HighRiskAnnexIII) && request.Regimes.Contains(Regime.DerogationClaimed))
        {
            errors["regimes"] = ["an Annex III use case is either high-risk or under the Art. 6(3) derogation, not both"];
        }

        if (useCase.Answers is null)
        {
            errors["answers"] = ["answer the questionnaire first: an override sits beside a computed result"];
        }

        if (errors.Count > 0)
        {
            return new Outcome<UseCase>(OutcomeStatus.Invalid, null, errors, null);
        }

        useCase.OverrideRegimes = RegimesText(request.Regimes);
        useCase.OverrideJustification = justification;
        useCase.OverriddenById = db.Session.PersonId;
        useCase.OverriddenAt = Clock.Now();
        useCase.UpdatedAt = Clock.Now();
        // The justification is the reason of this change in the ledger too.
        db.Session.Reason ??= justification.Length > 500 ? justification[..500] : justification;
        await db.SaveChangesAsync(ct);
        return Outcome<UseCase>.Ok(useCase);
    }

    public static async Task<Outcome<UseCase>> ClearOverrideAsync(AimsDbContext db, UseCase useCase, long? expectedVersion, CancellationToken ct)
    {
        if (expectedVersion is { } v && v != useCase.Version)
        {
            return Outcome<UseCase>.PreconditionFailed($"{useCase.Reference} has changed since you read it; read it again.");
        }

        if (useCase.OverrideRegimes is null)
        {
            return Outcome<UseCase>.Conflict($"{useCase.Reference} has no override to remove.");
        }

        useCase.OverrideRegimes = null;
        useCase.OverrideJustification = "";
        useCase.OverriddenById = null;
        useCase.OverriddenAt = null;
        useCase.UpdatedAt = Clock.Now();
        await db.SaveChangesAsync(ct);
        return Outcome<UseCase>.Ok(useCase);
    }
}
