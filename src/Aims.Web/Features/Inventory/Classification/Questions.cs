using Aims.Domain.Inventory;

namespace Aims.Web.Features.Inventory.Classification;

/// <summary>The questionnaire's wording: a short question per answer, in our own words, with the article it screens.</summary>
public static class Questions
{
    public static readonly IReadOnlyDictionary<ProhibitedPractice, string> Practices = new Dictionary<ProhibitedPractice, string>
    {
        [ProhibitedPractice.ManipulativeTechniques] = "Uses subliminal, manipulative or deceptive techniques that distort behaviour and can cause significant harm (5(1)(a))",
        [ProhibitedPractice.ExploitingVulnerabilities] = "Exploits vulnerabilities due to age, disability or a social or economic situation (5(1)(b))",
        [ProhibitedPractice.SocialScoring] = "Scores people on social behaviour or personal traits leading to unjustified detrimental treatment (5(1)(c))",
        [ProhibitedPractice.CrimePredictionByProfiling] = "Predicts a person's risk of offending from profiling or personality traits alone (5(1)(d))",
        [ProhibitedPractice.UntargetedFacialScraping] = "Builds facial recognition databases by untargeted scraping of images (5(1)(e))",
        [ProhibitedPractice.EmotionRecognitionAtWorkOrSchool] = "Infers emotions of people at work or in education (5(1)(f))",
        [ProhibitedPractice.SensitiveBiometricCategorisation] = "Categorises people by biometrics to deduce race, opinions, beliefs, union membership, sex life or orientation (5(1)(g))",
        [ProhibitedPractice.RealTimeRemoteBiometricIdentification] = "Identifies people remotely in real time in public spaces for law enforcement (5(1)(h))",
    };

    public static readonly IReadOnlyDictionary<ProhibitionException, string> Exceptions = new Dictionary<ProhibitionException, string>
    {
        [ProhibitionException.SupportsHumanAssessmentOnVerifiableFacts] = "Only supports a human assessment already based on objective, verifiable facts (exception to 5(1)(d))",
        [ProhibitionException.MedicalOrSafetyReasons] = "Put in place for medical or safety reasons (exception to 5(1)(f))",
        [ProhibitionException.LawfulDatasetLabellingOrLawEnforcement] = "Labels or filters lawfully acquired biometric datasets, or categorises in law enforcement (exception to 5(1)(g))",
        [ProhibitionException.AuthorisedLawEnforcementObjective] = "Authorised use for one of the listed law-enforcement objectives (exception to 5(1)(h), Art. 5(2)–(7))",
    };

    public static readonly IReadOnlyDictionary<DerogationCondition, string> Conditions = new Dictionary<DerogationCondition, string>
    {
        [DerogationCondition.NarrowProceduralTask] = "Performs a narrow procedural task",
        [DerogationCondition.ImprovesCompletedHumanActivity] = "Improves the result of a previously completed human activity",
        [DerogationCondition.DetectsPatternsWithoutReplacingHumanAssessment] = "Detects decision patterns without replacing or influencing the human assessment",
        [DerogationCondition.PreparatoryTask] = "Performs a preparatory task to an assessment",
    };

    public static readonly IReadOnlyDictionary<TransparencyTrigger, string> Transparency = new Dictionary<TransparencyTrigger, string>
    {
        [TransparencyTrigger.InteractsWithPeople] = "Interacts directly with people (50(1))",
        [TransparencyTrigger.GeneratesSyntheticContent] = "Generates synthetic audio, image, video or text (50(2))",
        [TransparencyTrigger.EmotionRecognitionOrBiometricCategorisation] = "Recognises emotions or categorises people biometrically (50(3))",
        [TransparencyTrigger.DeepFake] = "Produces deep fakes (50(4))",
        [TransparencyTrigger.PublicInterestText] = "Publishes text on matters of public interest without human editorial review (50(4))",
    };

    public static readonly IReadOnlyDictionary<string, string> AnnexIIIAreas = new Dictionary<string, string>
    {
        ["1"] = "Biometrics", ["2"] = "Critical infrastructure", ["3"] = "Education and vocational training", ["4"] = "Employment and workers management",
        ["5"] = "Access to essential private and public services", ["6"] = "Law enforcement", ["7"] = "Migration, asylum and border control",
        ["8"] = "Administration of justice and democratic processes",
    };

    /// <summary>Every Annex III area and lettered point, in order: "1", "1(a)", ... "8(b)".</summary>
    public static IEnumerable<string> AnnexIIIPoints()
    {
        foreach (var area in AnnexIIIAreas.Keys)
        {
            yield return area;
            foreach (var letter in "abcde")
            {
                var point = $"{area}({letter})";
                if (EuAiActClassifier.IsAnnexIIIPoint(point))
                {
                    yield return point;
                }
            }
        }
    }

    public static string Regime(Regime regime) => regime switch
    {
        Domain.Inventory.Regime.Prohibited => "Prohibited practice",
        Domain.Inventory.Regime.HighRiskProductSafety => "High-risk (Art. 6(1), Annex I product)",
        Domain.Inventory.Regime.HighRiskAnnexIII => "High-risk (Art. 6(2), Annex III)",
        Domain.Inventory.Regime.DerogationClaimed => "Annex III with Art. 6(3) derogation",
        Domain.Inventory.Regime.Transparency => "Transparency obligations (Art. 50)",
        _ => "Minimal risk",
    };
}
