using System.Text.RegularExpressions;

namespace Aims.Domain.Inventory;

/// <summary>The answers of the EU AI Act screening questionnaire for one use case.</summary>
public sealed record EuAiActAnswers
{
    public OperatorRole Role { get; init; } = OperatorRole.Deployer;

    /// <summary>Art. 5(1): the practices the use case involves.</summary>
    public IReadOnlyCollection<ProhibitedPractice> Practices { get; init; } = [];

    /// <summary>Art. 5(1): the exceptions that apply to those practices.</summary>
    public IReadOnlyCollection<ProhibitionException> Exceptions { get; init; } = [];

    /// <summary>Art. 6(1)(a): a safety component of a product, or the product, under the Annex I legislation.</summary>
    public bool AnnexIProduct { get; init; }

    /// <summary>Art. 6(1)(b): that product must undergo a third-party conformity assessment.</summary>
    public bool ThirdPartyConformityAssessment { get; init; }

    public string? AnnexILegislation { get; init; }

    /// <summary>Art. 6(2): the Annex III point, "1" to "8" with an optional letter, e.g. "4(a)" or "5(b)".</summary>
    public string? AnnexIIIPoint { get; init; }

    /// <summary>Art. 6(3): the provider considers the Annex III system not high-risk.</summary>
    public bool ClaimsDerogation { get; init; }

    public IReadOnlyCollection<DerogationCondition> DerogationConditions { get; init; } = [];

    /// <summary>Art. 6(3): a significant risk of harm to health, safety or fundamental rights, or a material influence on decisions.</summary>
    public bool SignificantRisk { get; init; }

    /// <summary>Art. 6(3), last subparagraph: the system profiles natural persons.</summary>
    public bool ProfilesNaturalPersons { get; init; }

    public IReadOnlyCollection<TransparencyTrigger> Transparency { get; init; } = [];

    /// <summary>Art. 27(1): the deployer is a body governed by public law or a private entity providing public services.</summary>
    public bool PublicBodyOrPublicService { get; init; }

    /// <summary>Art. 49(3), 26(8): the deployer is a public authority or a Union institution, body, office or agency.</summary>
    public bool PublicAuthority { get; init; }

    /// <summary>Art. 25(1)(a)–(c): what turns a deployer, importer or distributor into the provider of a high-risk system.</summary>
    public bool PutsOwnNameOrTrademark { get; init; }

    public bool SubstantialModification { get; init; }

    public bool ChangedIntendedPurposeToHighRisk { get; init; }
}

public sealed record RegimeFinding(Regime Regime, IReadOnlyList<string> Articles, IReadOnlyList<string> AnnexPoints, string Reason);

public sealed record Obligation(string Article, string Summary);

public sealed record EuAiActClassification(
    IReadOnlyList<RegimeFinding> Findings,
    OperatorRole Role,
    OperatorRole EffectiveRole,
    IReadOnlyList<Obligation> Obligations,
    string RulesVersion)
{
    public bool Has(Regime regime) => Findings.Any(f => f.Regime == regime);

    public bool IsHighRisk => Has(Regime.HighRiskProductSafety) || Has(Regime.HighRiskAnnexIII);
}

/// <summary>
/// Derives the EU AI Act regimes of a use case from its questionnaire answers. The rules reflect the text of
/// Regulation (EU) 2024/1689 as published in the Official Journal on 12 July 2024; amendments (e.g. the "Digital
/// Omnibus" proposal of November 2025) are not encoded until adopted — raise <see cref="RulesVersion"/> when they are.
/// </summary>
public static partial class EuAiActClassifier
{
    public const string RulesVersion = "2026.11.1 (Regulation (EU) 2024/1689, OJ 12.7.2024)";

    public static readonly DateOnly LegalTextDate = new(2024, 7, 12);

    private static readonly Dictionary<ProhibitedPractice, (string Point, ProhibitionException? Exception)> Prohibitions = new()
    {
        [ProhibitedPractice.ManipulativeTechniques] = ("a", null),
        [ProhibitedPractice.ExploitingVulnerabilities] = ("b", null),
        [ProhibitedPractice.SocialScoring] = ("c", null),
        [ProhibitedPractice.CrimePredictionByProfiling] = ("d", ProhibitionException.SupportsHumanAssessmentOnVerifiableFacts),
        [ProhibitedPractice.UntargetedFacialScraping] = ("e", null),
        [ProhibitedPractice.EmotionRecognitionAtWorkOrSchool] = ("f", ProhibitionException.MedicalOrSafetyReasons),
        [ProhibitedPractice.SensitiveBiometricCategorisation] = ("g", ProhibitionException.LawfulDatasetLabellingOrLawEnforcement),
        [ProhibitedPractice.RealTimeRemoteBiometricIdentification] = ("h", ProhibitionException.AuthorisedLawEnforcementObjective),
    };

    /// <summary>Answers that contradict each other or the Act's structure (field -> rule); classification needs none.</summary>
    public static Dictionary<string, string[]> Validate(EuAiActAnswers a)
    {
        var errors = new Dictionary<string, string[]>();
        var allowed = a.Practices.Select(p => Prohibitions[p].Exception).OfType<ProhibitionException>().ToHashSet();
        var stray = a.Exceptions.Where(e => !allowed.Contains(e)).ToList();
        if (stray.Count > 0)
        {
            errors["exceptions"] = [$"{string.Join(", ", stray)} is an exception to a practice that was not answered yes"];
        }

        if (a.AnnexIIIPoint is { } point && !IsAnnexIIIPoint(point))
        {
            errors["annexIIIPoint"] = ["must be a point of Annex III: 1(a)–(c), 2, 3(a)–(d), 4(a)–(b), 5(a)–(d), 6(a)–(e), 7(a)–(d), 8(a)–(b), or an area 1 to 8"];
        }

        if (a.ChangedIntendedPurposeToHighRisk && a.AnnexIIIPoint is null && !(a.AnnexIProduct && a.ThirdPartyConformityAssessment))
        {
            errors["changedIntendedPurposeToHighRisk"] = ["the new purpose must be high-risk: give the Annex III point or the Annex I answers"];
        }

        if (a.PublicAuthority && !a.PublicBodyOrPublicService)
        {
            errors["publicBodyOrPublicService"] = ["a public authority is a body governed by public law: answer yes here too"];
        }

        if (a.ClaimsDerogation && a.AnnexIIIPoint is null)
        {
            errors["claimsDerogation"] = ["the Art. 6(3) derogation applies only to Annex III systems: give the Annex III point"];
        }

        if (!a.ClaimsDerogation && a.DerogationConditions.Count > 0)
        {
            errors["derogationConditions"] = ["conditions are given only when the Art. 6(3) derogation is claimed"];
        }

        if (a.ThirdPartyConformityAssessment && !a.AnnexIProduct)
        {
            errors["thirdPartyConformityAssessment"] = ["applies only to a product or safety component under the Annex I legislation"];
        }

        return errors;
    }

    public static EuAiActClassification Classify(EuAiActAnswers a)
    {
        var findings = new List<RegimeFinding>();

        foreach (var practice in a.Practices.Distinct().OrderBy(p => p))
        {
            var (letter, exception) = Prohibitions[practice];
            if (exception is { } e && a.Exceptions.Contains(e))
            {
                continue;
            }

            findings.Add(new RegimeFinding(Regime.Prohibited, [$"Art. 5(1)({letter})"], [],
                $"The use case involves a practice Art. 5(1)({letter}) prohibits{(exception is null ? "" : ", and its exception does not apply")}."));
        }

        if (a.AnnexIProduct && a.ThirdPartyConformityAssessment)
        {
            findings.Add(new RegimeFinding(Regime.HighRiskProductSafety, ["Art. 6(1)"], ["Annex I" + (a.AnnexILegislation is { Length: > 0 } l ? ": " + l : "")],
                "A safety component of a product, or the product, under the Annex I legislation that needs a third-party conformity assessment."));
        }

        if (AnnexIIIPointOf(a) is { } point)
        {
            findings.Add(AnnexIII(a, point));
        }

        var transparency = TransparencyArticles(a.Transparency);
        if (transparency.Count > 0)
        {
            findings.Add(new RegimeFinding(Regime.Transparency, transparency, [],
                "Art. 50 transparency obligations apply in addition to any other result."));
        }

        if (findings.Count == 0)
        {
            findings.Add(new RegimeFinding(Regime.Minimal, ["Art. 4", "Art. 95"], [],
                "No prohibited practice, no high-risk ground and no transparency trigger: minimal risk (AI literacy still applies; codes of conduct are voluntary)."));
        }

        var classification = new EuAiActClassification(findings, a.Role, a.Role, [], RulesVersion);
        var effective = EffectiveRole(a, classification);
        return classification with { EffectiveRole = effective, Obligations = Obligations(a, classification, effective) };
    }

    /// <summary>
    /// Where each practice allowed by its Art. 5 exception sits in Annex III: an exception lifts the ban, not the
    /// high-risk regime.
    /// </summary>
    private static readonly Dictionary<ProhibitedPractice, string> AnnexIIIOfExemptedPractice = new()
    {
        [ProhibitedPractice.CrimePredictionByProfiling] = "6(d)",
        [ProhibitedPractice.EmotionRecognitionAtWorkOrSchool] = "1(c)",
        [ProhibitedPractice.SensitiveBiometricCategorisation] = "1(b)",
        [ProhibitedPractice.RealTimeRemoteBiometricIdentification] = "1(a)",
    };

    private static readonly Dictionary<char, char> LastLetter = new()
    {
        ['1'] = 'c', ['3'] = 'd', ['4'] = 'b', ['5'] = 'd', ['6'] = 'e', ['7'] = 'd', ['8'] = 'b',
    };

    /// <summary>An area ("4") or a point of it ("4(a)") that Annex III has; area 2 has no lettered points.</summary>
    public static bool IsAnnexIIIPoint(string point)
    {
        if (!AnnexIIIPattern().IsMatch(point))
        {
            return false;
        }

        return point.Length == 1 || (LastLetter.TryGetValue(point[0], out var last) && point[2] <= last);
    }

    private static string? AnnexIIIPointOf(EuAiActAnswers a)
    {
        if (a.AnnexIIIPoint is { } given)
        {
            return IsAnnexIIIPoint(given) ? given : null;
        }

        return a.Practices.Distinct().Order()
            .Where(p => Prohibitions[p].Exception is { } e && a.Exceptions.Contains(e))
            .Select(p => AnnexIIIOfExemptedPractice[p])
            .FirstOrDefault();
    }

    private static RegimeFinding AnnexIII(EuAiActAnswers a, string point)
    {
        var annex = $"Annex III point {point}";
        if (a.ClaimsDerogation)
        {
            var refusal = a.ProfilesNaturalPersons ? "the system profiles natural persons, so the derogation never applies"
                : a.DerogationConditions.Count == 0 ? "none of the four conditions of Art. 6(3) is met"
                : a.SignificantRisk ? "the system poses a significant risk of harm or materially influences decisions"
                : null;
            if (refusal is null)
            {
                return new RegimeFinding(Regime.DerogationClaimed, ["Art. 6(3)", "Art. 6(4)", "Art. 49(2)"], [annex],
                    "Derogation claimed under Art. 6(3): " + string.Join(", ", a.DerogationConditions.Order().Select(Describe))
                    + ". The assessment must be documented before the system is placed on the market, and the system registered.");
            }

            return new RegimeFinding(Regime.HighRiskAnnexIII, ["Art. 6(2)", "Art. 6(3)"], [annex],
                $"High-risk under Art. 6(2); the Art. 6(3) derogation was claimed but does not apply: {refusal}.");
        }

        return new RegimeFinding(Regime.HighRiskAnnexIII, ["Art. 6(2)"], [annex], "High-risk under Art. 6(2): the use case falls in an Annex III area.");
    }

    private static List<string> TransparencyArticles(IReadOnlyCollection<TransparencyTrigger> triggers) =>
        triggers.Distinct().Order().Select(t => t switch
        {
            TransparencyTrigger.InteractsWithPeople => "Art. 50(1)",
            TransparencyTrigger.GeneratesSyntheticContent => "Art. 50(2)",
            TransparencyTrigger.EmotionRecognitionOrBiometricCategorisation => "Art. 50(3)",
            _ => "Art. 50(4)",
        }).Distinct().ToList();

    /// <summary>Art. 25: who else becomes the provider of a high-risk system.</summary>
    private static OperatorRole EffectiveRole(EuAiActAnswers a, EuAiActClassification c)
    {
        if (a.Role is OperatorRole.Provider)
        {
            return OperatorRole.Provider;
        }

        var becomesProvider = a.Role is OperatorRole.Deployer or OperatorRole.Importer or OperatorRole.Distributor
            && ((c.IsHighRisk && (a.PutsOwnNameOrTrademark || a.SubstantialModification)) || (a.ChangedIntendedPurposeToHighRisk && c.IsHighRisk));
        var manufacturer = a.Role is OperatorRole.ProductManufacturer && c.Has(Regime.HighRiskProductSafety) && a.PutsOwnNameOrTrademark;
        return becomesProvider || manufacturer ? OperatorRole.Provider : a.Role;
    }

    private static List<Obligation> Obligations(EuAiActAnswers a, EuAiActClassification c, OperatorRole role)
    {
        var list = new List<Obligation>();
        if (role != a.Role)
        {
            list.Add(a.Role == OperatorRole.ProductManufacturer
                ? new Obligation("Art. 25(3)", "As product manufacturer you are considered the provider of the high-risk AI system in your product.")
                : new Obligation("Art. 25(1)", "Your name or trademark, a substantial modification or a new intended purpose makes you the provider of this high-risk system."));
        }

        if (role is OperatorRole.Provider or OperatorRole.Deployer)
        {
            list.Add(new Obligation("Art. 4", "Ensure sufficient AI literacy of staff and others operating the system on your behalf."));
        }

        if (c.Has(Regime.Prohibited))
        {
            list.Add(new Obligation("Art. 5", "Do not place on the market, put into service or use the system for the prohibited practice."));
        }

        if (a.Practices.Contains(ProhibitedPractice.RealTimeRemoteBiometricIdentification) && a.Exceptions.Contains(ProhibitionException.AuthorisedLawEnforcementObjective))
        {
            list.Add(new Obligation("Art. 5(2)–(7)", "Each use needs prior authorisation, a fundamental rights impact assessment and registration, within the limits set."));
        }

        if (c.IsHighRisk)
        {
            list.AddRange(role switch
            {
                OperatorRole.Provider =>
                [
                    new("Art. 9", "Run a risk management system over the whole life cycle."),
                    new("Art. 10", "Govern training, validation and testing data, including bias examination."),
                    new("Art. 11", "Draw up technical documentation (Annex IV) before placing on the market."),
                    new("Art. 12", "Design the system to record events automatically over its lifetime."),
                    new("Art. 13", "Give deployers instructions for use and transparent information."),
                    new("Art. 14", "Design for effective human oversight."),
                    new("Art. 15", "Achieve and declare appropriate accuracy, robustness and cybersecurity."),
                    new("Art. 16", "Meet the provider obligations, including marking, declaration and corrective actions."),
                    new("Art. 17", "Put a quality management system in place."),
                    new("Art. 19", "Keep the automatically generated logs under your control for at least six months."),
                    new("Art. 43", "Undergo the applicable conformity assessment."),
                    new("Art. 72", "Run post-market monitoring with a plan."),
                    new("Art. 73", "Report serious incidents to the market surveillance authorities."),
                ],
                OperatorRole.Deployer => DeployerObligations(a, c),
                OperatorRole.Importer => [new("Art. 23", "Verify conformity assessment, documentation and marking before placing on the market.")],
                OperatorRole.Distributor => [new("Art. 24", "Verify marking, declaration and instructions before making the system available.")],
                OperatorRole.AuthorizedRepresentative => [new("Art. 22", "Perform the tasks of the provider's mandate, including keeping documentation available.")],
                _ => [],
            });
        }

        if (role == OperatorRole.Provider && c.Findings.Any(f => f.Regime == Regime.HighRiskAnnexIII && !f.AnnexPoints.Any(p => p.StartsWith("Annex III point 2", StringComparison.Ordinal))))
        {
            list.Add(new Obligation("Art. 49(1)", "Register the system in the EU database before placing it on the market."));
        }

        // Art. 25(1) adds the provider's obligations; a deployer who still uses the system keeps its own.
        if (role == OperatorRole.Provider && a.Role == OperatorRole.Deployer && c.IsHighRisk)
        {
            list.AddRange(DeployerObligations(a, c));
        }

        if (c.Has(Regime.DerogationClaimed) && role == OperatorRole.Provider)
        {
            list.Add(new Obligation("Art. 6(4)", "Document the assessment that the Annex III system is not high-risk before placing it on the market; give it to authorities on request."));
            list.Add(new Obligation("Art. 49(2)", "Register the system in the EU database even though it is not considered high-risk."));
        }

        foreach (var (trigger, asRole) in a.Transparency.Distinct().Order()
                     .SelectMany(t => new[] { (t, role), (t, a.Role) }).Distinct())
        {
            var obligation = (trigger, asRole) switch
            {
                (TransparencyTrigger.InteractsWithPeople, OperatorRole.Provider) => new Obligation("Art. 50(1)", "Design the system so people know they are interacting with an AI system."),
                (TransparencyTrigger.GeneratesSyntheticContent, OperatorRole.Provider) => new Obligation("Art. 50(2)", "Mark synthetic audio, image, video or text in a machine-readable, detectable way."),
                (TransparencyTrigger.EmotionRecognitionOrBiometricCategorisation, OperatorRole.Deployer) => new Obligation("Art. 50(3)", "Inform the people exposed to emotion recognition or biometric categorisation."),
                (TransparencyTrigger.DeepFake, OperatorRole.Deployer) => new Obligation("Art. 50(4)", "Disclose that image, audio or video content is artificially generated or manipulated."),
                (TransparencyTrigger.PublicInterestText, OperatorRole.Deployer) => new Obligation("Art. 50(4)", "Disclose that text published on matters of public interest is AI-generated, unless a human holds editorial responsibility."),
                _ => null,
            };
            if (obligation is not null && !list.Contains(obligation))
            {
                list.Add(obligation);
            }
        }

        return list;
    }

    private static List<Obligation> DeployerObligations(EuAiActAnswers a, EuAiActClassification c)
    {
        var point = c.Findings.Where(f => f.Regime == Regime.HighRiskAnnexIII).SelectMany(f => f.AnnexPoints)
            .Select(p => p.Replace("Annex III point ", "", StringComparison.Ordinal)).FirstOrDefault();
        var list = new List<Obligation>
        {
            new("Art. 26", "Use the system according to its instructions, assign human oversight, monitor it, keep its logs and inform affected workers."),
        };
        // Art. 27(1): public bodies and public-service providers (except Annex III point 2), and deployers under points 5(b) and 5(c).
        var creditOrInsurance = point is "5(b)" or "5(c)";
        var publicDeployer = a.PublicBodyOrPublicService && point is not null && !point.StartsWith('2');
        if (publicDeployer || creditOrInsurance)
        {
            list.Add(new Obligation("Art. 27", "Carry out a fundamental rights impact assessment before first use and notify the market surveillance authority."));
        }

        if (point is not null && !point.StartsWith('2'))
        {
            list.Add(new Obligation("Art. 86", "Give affected persons, on request, a clear explanation of the system's role in decisions about them."));
        }

        if (a.PublicAuthority && point is not null && !point.StartsWith('2'))
        {
            list.Add(new Obligation("Art. 49(3)", "As a public authority deployer, register your use of the system in the EU database."));
        }

        return list;
    }

    private static string Describe(DerogationCondition condition) => condition switch
    {
        DerogationCondition.NarrowProceduralTask => "a narrow procedural task",
        DerogationCondition.ImprovesCompletedHumanActivity => "improves the result of a completed human activity",
        DerogationCondition.DetectsPatternsWithoutReplacingHumanAssessment => "detects decision patterns without replacing human assessment",
        _ => "a preparatory task",
    };

    [GeneratedRegex(@"^[1-8](\([a-e]\))?$")]
    private static partial Regex AnnexIIIPattern();
}
