using Aims.Domain.Inventory;

namespace Aims.Domain.Tests.Inventory;

/// <summary>
/// The EU AI Act screening, case by case, checked the way a compliance officer reads a result: which regimes apply,
/// which articles and Annex points are cited, and which obligations are listed for the organization's operator role.
/// Every expectation states the rule of Regulation (EU) 2024/1689 (OJ L, 12.7.2024) it comes from.
/// </summary>
public sealed class EuAiActClassifierTests
{
    // ---------------------------------------------------------------- helpers

    private static EuAiActAnswers Answers(OperatorRole role = OperatorRole.Deployer) => new() { Role = role };

    private static HashSet<Regime> Regimes(EuAiActClassification c) => c.Findings.Select(f => f.Regime).ToHashSet();

    private static HashSet<string> ObligationArticles(EuAiActClassification c) => c.Obligations.Select(o => o.Article).ToHashSet();

    private static RegimeFinding Finding(EuAiActClassification c, Regime regime) => Assert.Single(c.Findings, f => f.Regime == regime);

    private static void AssertRegimes(EuAiActClassification c, params Regime[] expected) =>
        Assert.True(Regimes(c).SetEquals(expected),
            $"regimes were {{{string.Join(", ", Regimes(c).Order())}}}, expected {{{string.Join(", ", expected.Order())}}}");

    private static void AssertObligations(EuAiActClassification c, IEnumerable<string> present, IEnumerable<string> absent)
    {
        var articles = ObligationArticles(c);
        var listed = string.Join(", ", c.Obligations.Select(o => o.Article));
        foreach (var article in present)
        {
            Assert.True(articles.Contains(article), $"obligation {article} missing; listed: {listed}");
        }

        foreach (var article in absent)
        {
            Assert.False(articles.Contains(article), $"obligation {article} must not be listed; listed: {listed}");
        }
    }

    private static readonly string[] ProviderHighRiskArticles =
    [
        "Art. 9", "Art. 10", "Art. 11", "Art. 12", "Art. 13", "Art. 14", "Art. 15", "Art. 16", "Art. 17",
        "Art. 19", "Art. 43", "Art. 49(1)", "Art. 72", "Art. 73",
    ];

    // Provider duties that hold for every high-risk system, whatever the route (Art. 6(1) or 6(2)).
    private static readonly string[] ProviderHighRiskArticlesWithoutRegistration =
        ProviderHighRiskArticles.Where(a => a != "Art. 49(1)").ToArray();

    private static readonly string[] DeployerOnlyArticles = ["Art. 26", "Art. 27", "Art. 86", "Art. 49(3)"];

    private static readonly string[] NoArticles = [];

    // ---------------------------------------------------------------- Art. 5: prohibited practices

    [Theory]
    [InlineData(ProhibitedPractice.ManipulativeTechniques, "Art. 5(1)(a)")]
    [InlineData(ProhibitedPractice.ExploitingVulnerabilities, "Art. 5(1)(b)")]
    [InlineData(ProhibitedPractice.SocialScoring, "Art. 5(1)(c)")]
    [InlineData(ProhibitedPractice.CrimePredictionByProfiling, "Art. 5(1)(d)")]
    [InlineData(ProhibitedPractice.UntargetedFacialScraping, "Art. 5(1)(e)")]
    [InlineData(ProhibitedPractice.EmotionRecognitionAtWorkOrSchool, "Art. 5(1)(f)")]
    [InlineData(ProhibitedPractice.SensitiveBiometricCategorisation, "Art. 5(1)(g)")]
    [InlineData(ProhibitedPractice.RealTimeRemoteBiometricIdentification, "Art. 5(1)(h)")]
    public void Each_prohibited_practice_alone_is_prohibited_under_its_point_of_Art_5_1(ProhibitedPractice practice, string article)
    {
        var answers = Answers() with { Practices = [practice] };

        Assert.Empty(EuAiActClassifier.Validate(answers));
        var c = EuAiActClassifier.Classify(answers);

        AssertRegimes(c, Regime.Prohibited);
        var finding = Finding(c, Regime.Prohibited);
        Assert.Equal([article], finding.Articles);
        Assert.Empty(finding.AnnexPoints);
        Assert.Contains(article, finding.Reason, StringComparison.Ordinal);
        AssertObligations(c, ["Art. 5"], NoArticles);
        Assert.False(c.Has(Regime.Minimal), "a prohibited use case is never minimal risk");
    }

    [Fact]
    public void The_eight_practices_of_Art_5_1_are_all_screened()
    {
        Assert.Equal(8, Enum.GetValues<ProhibitedPractice>().Length);
        Assert.Equal(4, Enum.GetValues<ProhibitionException>().Length);
    }

    [Theory]
    [InlineData(ProhibitedPractice.CrimePredictionByProfiling, ProhibitionException.SupportsHumanAssessmentOnVerifiableFacts)]
    [InlineData(ProhibitedPractice.EmotionRecognitionAtWorkOrSchool, ProhibitionException.MedicalOrSafetyReasons)]
    [InlineData(ProhibitedPractice.SensitiveBiometricCategorisation, ProhibitionException.LawfulDatasetLabellingOrLawEnforcement)]
    [InlineData(ProhibitedPractice.RealTimeRemoteBiometricIdentification, ProhibitionException.AuthorisedLawEnforcementObjective)]
    public void A_practice_within_its_own_Art_5_exception_is_not_prohibited(ProhibitedPractice practice, ProhibitionException exception)
    {
        var answers = Answers() with { Practices = [practice], Exceptions = [exception] };

        Assert.Empty(EuAiActClassifier.Validate(answers));
        var c = EuAiActClassifier.Classify(answers);

        Assert.False(c.Has(Regime.Prohibited));
        Assert.DoesNotContain(c.Findings, f => f.Articles.Any(a => a.StartsWith("Art. 5", StringComparison.Ordinal)));
        AssertObligations(c, NoArticles, ["Art. 5"]);
    }

    [Fact]
    public void Real_time_biometric_identification_under_the_exception_still_needs_the_authorisation_of_Art_5_2_to_7()
    {
        var answers = Answers() with
        {
            Practices = [ProhibitedPractice.RealTimeRemoteBiometricIdentification],
            Exceptions = [ProhibitionException.AuthorisedLawEnforcementObjective],
        };

        AssertObligations(EuAiActClassifier.Classify(answers), ["Art. 5(2)–(7)"], ["Art. 5"]);
    }

    /// <summary>
    /// The practices that survive Art. 5 through their exception are Annex III systems: 5(1)(d) -> Annex III point 6(d),
    /// 5(1)(f) emotion recognition -> point 1(c), 5(1)(h) remote biometric identification -> point 1(a). Art. 6(2) makes
    /// them high-risk, so "minimal risk" ("no high-risk ground") is never a correct result for them.
    /// </summary>
    [Theory]
    [InlineData(ProhibitedPractice.CrimePredictionByProfiling, ProhibitionException.SupportsHumanAssessmentOnVerifiableFacts)]
    [InlineData(ProhibitedPractice.EmotionRecognitionAtWorkOrSchool, ProhibitionException.MedicalOrSafetyReasons)]
    [InlineData(ProhibitedPractice.RealTimeRemoteBiometricIdentification, ProhibitionException.AuthorisedLawEnforcementObjective)]
    public void A_practice_saved_by_its_exception_is_not_minimal_risk(ProhibitedPractice practice, ProhibitionException exception)
    {
        var c = EuAiActClassifier.Classify(Answers() with { Practices = [practice], Exceptions = [exception] });

        Assert.False(c.Has(Regime.Minimal),
            $"{practice} under its exception is an Annex III system (Art. 6(2)); the result was {{{string.Join(", ", Regimes(c))}}}");
    }

    [Theory]
    [InlineData(ProhibitedPractice.ManipulativeTechniques, ProhibitionException.MedicalOrSafetyReasons, "Art. 5(1)(a)")]
    [InlineData(ProhibitedPractice.SocialScoring, ProhibitionException.SupportsHumanAssessmentOnVerifiableFacts, "Art. 5(1)(c)")]
    [InlineData(ProhibitedPractice.CrimePredictionByProfiling, ProhibitionException.MedicalOrSafetyReasons, "Art. 5(1)(d)")]
    [InlineData(ProhibitedPractice.EmotionRecognitionAtWorkOrSchool, ProhibitionException.LawfulDatasetLabellingOrLawEnforcement, "Art. 5(1)(f)")]
    [InlineData(ProhibitedPractice.SensitiveBiometricCategorisation, ProhibitionException.AuthorisedLawEnforcementObjective, "Art. 5(1)(g)")]
    [InlineData(ProhibitedPractice.RealTimeRemoteBiometricIdentification, ProhibitionException.SupportsHumanAssessmentOnVerifiableFacts, "Art. 5(1)(h)")]
    public void Another_practices_exception_does_not_lift_the_prohibition(ProhibitedPractice practice, ProhibitionException exception, string article)
    {
        var answers = Answers() with { Practices = [practice], Exceptions = [exception] };

        Assert.Contains("exceptions", EuAiActClassifier.Validate(answers).Keys);
        var c = EuAiActClassifier.Classify(answers);
        Assert.Equal([article], Finding(c, Regime.Prohibited).Articles);
    }

    [Theory]
    [InlineData(ProhibitionException.SupportsHumanAssessmentOnVerifiableFacts)]
    [InlineData(ProhibitionException.MedicalOrSafetyReasons)]
    [InlineData(ProhibitionException.LawfulDatasetLabellingOrLawEnforcement)]
    [InlineData(ProhibitionException.AuthorisedLawEnforcementObjective)]
    public void An_exception_for_a_practice_not_answered_is_refused_on_exceptions(ProhibitionException exception)
    {
        var errors = EuAiActClassifier.Validate(Answers() with { Exceptions = [exception] });

        Assert.Equal(["exceptions"], errors.Keys);
        Assert.Contains(exception.ToString(), Assert.Single(errors["exceptions"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Several_practices_give_one_prohibition_each_with_its_own_point()
    {
        var c = EuAiActClassifier.Classify(Answers() with
        {
            Practices = [ProhibitedPractice.SocialScoring, ProhibitedPractice.ManipulativeTechniques, ProhibitedPractice.SocialScoring],
        });

        AssertRegimes(c, Regime.Prohibited);
        Assert.Equal(["Art. 5(1)(a)", "Art. 5(1)(c)"], c.Findings.SelectMany(f => f.Articles).Order(StringComparer.Ordinal));
    }

    // ---------------------------------------------------------------- Art. 6(1): Annex I product safety

    [Fact]
    public void Annex_I_product_with_third_party_conformity_assessment_is_high_risk_under_Art_6_1()
    {
        var answers = Answers(OperatorRole.Provider) with
        {
            AnnexIProduct = true,
            ThirdPartyConformityAssessment = true,
            AnnexILegislation = "Regulation (EU) 2017/745 (medical devices)",
        };

        Assert.Empty(EuAiActClassifier.Validate(answers));
        var c = EuAiActClassifier.Classify(answers);

        AssertRegimes(c, Regime.HighRiskProductSafety);
        Assert.True(c.IsHighRisk);
        var finding = Finding(c, Regime.HighRiskProductSafety);
        Assert.Equal(["Art. 6(1)"], finding.Articles);
        var annex = Assert.Single(finding.AnnexPoints);
        Assert.StartsWith("Annex I", annex, StringComparison.Ordinal);
        Assert.DoesNotContain("Annex III", annex, StringComparison.Ordinal);
        Assert.Contains("2017/745", annex, StringComparison.Ordinal);
    }

    [Fact]
    public void Annex_I_product_without_third_party_conformity_assessment_is_not_high_risk()
    {
        var answers = Answers(OperatorRole.Provider) with { AnnexIProduct = true };

        Assert.Empty(EuAiActClassifier.Validate(answers));
        var c = EuAiActClassifier.Classify(answers);

        Assert.False(c.IsHighRisk);
        AssertRegimes(c, Regime.Minimal);
        AssertObligations(c, NoArticles, ProviderHighRiskArticles);
    }

    [Fact]
    public void Third_party_conformity_assessment_without_an_Annex_I_product_is_refused()
    {
        var answers = Answers() with { ThirdPartyConformityAssessment = true };

        Assert.Contains("thirdPartyConformityAssessment", EuAiActClassifier.Validate(answers).Keys);
        Assert.False(EuAiActClassifier.Classify(answers).IsHighRisk);
    }

    // ---------------------------------------------------------------- Art. 6(2): Annex III

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("3")]
    [InlineData("4")]
    [InlineData("5")]
    [InlineData("6")]
    [InlineData("7")]
    [InlineData("8")]
    [InlineData("4(a)")]
    [InlineData("5(b)")]
    public void Each_Annex_III_area_is_high_risk_under_Art_6_2_citing_its_point(string point)
    {
        var answers = Answers() with { AnnexIIIPoint = point };

        Assert.Empty(EuAiActClassifier.Validate(answers));
        var c = EuAiActClassifier.Classify(answers);

        AssertRegimes(c, Regime.HighRiskAnnexIII);
        Assert.True(c.IsHighRisk);
        var finding = Finding(c, Regime.HighRiskAnnexIII);
        Assert.Equal(["Art. 6(2)"], finding.Articles);
        Assert.Equal([$"Annex III point {point}"], finding.AnnexPoints);
    }

    /// <summary>Every point that exists in Annex III: 1(a)–(c), 2 (no letters), 3(a)–(d), 4(a)–(b), 5(a)–(d), 6(a)–(e), 7(a)–(d), 8(a)–(b).</summary>
    [Theory]
    [InlineData("1(a)")]
    [InlineData("1(b)")]
    [InlineData("1(c)")]
    [InlineData("3(a)")]
    [InlineData("3(b)")]
    [InlineData("3(c)")]
    [InlineData("3(d)")]
    [InlineData("4(b)")]
    [InlineData("5(a)")]
    [InlineData("5(c)")]
    [InlineData("5(d)")]
    [InlineData("6(a)")]
    [InlineData("6(b)")]
    [InlineData("6(c)")]
    [InlineData("6(d)")]
    [InlineData("6(e)")]
    [InlineData("7(a)")]
    [InlineData("7(b)")]
    [InlineData("7(c)")]
    [InlineData("7(d)")]
    [InlineData("8(a)")]
    [InlineData("8(b)")]
    public void Every_lettered_point_of_Annex_III_is_accepted(string point)
    {
        var answers = Answers() with { AnnexIIIPoint = point };

        Assert.Empty(EuAiActClassifier.Validate(answers));
        Assert.Equal([$"Annex III point {point}"], Finding(EuAiActClassifier.Classify(answers), Regime.HighRiskAnnexIII).AnnexPoints);
    }

    [Theory]
    [InlineData("9")]
    [InlineData("0")]
    [InlineData("4(z)")]
    [InlineData("abc")]
    [InlineData("10")]
    [InlineData("4a")]
    public void An_Annex_III_point_outside_1_to_8_is_refused(string point)
    {
        var answers = Answers() with { AnnexIIIPoint = point };

        Assert.Contains("annexIIIPoint", EuAiActClassifier.Validate(answers).Keys);
        Assert.False(EuAiActClassifier.Classify(answers).Has(Regime.HighRiskAnnexIII));
    }

    /// <summary>Points that do not exist in Annex III: point 2 has no letters, 1 stops at (c), 4 at (b), 8 at (b).</summary>
    [Theory]
    [InlineData("2(a)")]
    [InlineData("1(d)")]
    [InlineData("4(c)")]
    [InlineData("8(c)")]
    public void A_letter_that_Annex_III_does_not_have_is_refused(string point)
    {
        Assert.Contains("annexIIIPoint", EuAiActClassifier.Validate(Answers() with { AnnexIIIPoint = point }).Keys);
    }

    // ---------------------------------------------------------------- Art. 6(3): the derogation

    private static EuAiActAnswers Derogation(params DerogationCondition[] conditions) => Answers(OperatorRole.Provider) with
    {
        AnnexIIIPoint = "4(a)",
        ClaimsDerogation = true,
        DerogationConditions = conditions,
    };

    [Theory]
    [InlineData(DerogationCondition.NarrowProceduralTask)]
    [InlineData(DerogationCondition.ImprovesCompletedHumanActivity)]
    [InlineData(DerogationCondition.DetectsPatternsWithoutReplacingHumanAssessment)]
    [InlineData(DerogationCondition.PreparatoryTask)]
    public void One_condition_and_no_significant_risk_makes_the_derogation_apply(DerogationCondition condition)
    {
        var answers = Derogation(condition);

        Assert.Empty(EuAiActClassifier.Validate(answers));
        var c = EuAiActClassifier.Classify(answers);

        Assert.False(c.IsHighRisk, "an Annex III system within the Art. 6(3) derogation is not high-risk");
        Assert.False(c.Has(Regime.HighRiskAnnexIII));
        var finding = Finding(c, Regime.DerogationClaimed);
        Assert.Equal(["Art. 6(3)", "Art. 6(4)", "Art. 49(2)"], finding.Articles);
        Assert.Equal(["Annex III point 4(a)"], finding.AnnexPoints);
    }

    [Fact]
    public void The_derogation_needs_one_of_the_four_conditions()
    {
        Assert.Equal(4, Enum.GetValues<DerogationCondition>().Length);

        var c = EuAiActClassifier.Classify(Derogation());

        Assert.True(c.IsHighRisk);
        Assert.False(c.Has(Regime.DerogationClaimed));
        var finding = Finding(c, Regime.HighRiskAnnexIII);
        Assert.Contains("Art. 6(2)", finding.Articles);
        Assert.Equal(["Annex III point 4(a)"], finding.AnnexPoints);
        Assert.Contains("condition", finding.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_significant_risk_defeats_the_derogation()
    {
        var c = EuAiActClassifier.Classify(Derogation(DerogationCondition.PreparatoryTask) with { SignificantRisk = true });

        Assert.True(c.IsHighRisk);
        Assert.False(c.Has(Regime.DerogationClaimed));
        Assert.Contains("significant risk", Finding(c, Regime.HighRiskAnnexIII).Reason, StringComparison.OrdinalIgnoreCase);
        AssertObligations(c, ProviderHighRiskArticles, ["Art. 6(4)", "Art. 49(2)"]);
    }

    [Theory]
    [InlineData(DerogationCondition.NarrowProceduralTask)]
    [InlineData(DerogationCondition.ImprovesCompletedHumanActivity)]
    [InlineData(DerogationCondition.DetectsPatternsWithoutReplacingHumanAssessment)]
    [InlineData(DerogationCondition.PreparatoryTask)]
    public void Profiling_of_natural_persons_is_always_high_risk_even_with_a_condition(DerogationCondition condition)
    {
        var c = EuAiActClassifier.Classify(Derogation(condition) with { ProfilesNaturalPersons = true });

        Assert.True(c.IsHighRisk);
        Assert.False(c.Has(Regime.DerogationClaimed));
        var finding = Finding(c, Regime.HighRiskAnnexIII);
        Assert.Equal(["Annex III point 4(a)"], finding.AnnexPoints);
        Assert.Contains("profil", finding.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Profiling_with_all_four_conditions_is_still_high_risk()
    {
        var c = EuAiActClassifier.Classify(Derogation(Enum.GetValues<DerogationCondition>()) with { ProfilesNaturalPersons = true });

        Assert.True(c.IsHighRisk);
        Assert.False(c.Has(Regime.DerogationClaimed));
    }

    [Fact]
    public void The_derogation_claimed_without_an_Annex_III_point_is_refused()
    {
        var answers = Answers(OperatorRole.Provider) with
        {
            ClaimsDerogation = true,
            DerogationConditions = [DerogationCondition.NarrowProceduralTask],
        };

        Assert.Contains("claimsDerogation", EuAiActClassifier.Validate(answers).Keys);
        Assert.False(EuAiActClassifier.Classify(answers).Has(Regime.DerogationClaimed));
    }

    [Fact]
    public void The_derogation_does_not_lift_Annex_I_high_risk()
    {
        var c = EuAiActClassifier.Classify(Derogation(DerogationCondition.NarrowProceduralTask) with
        {
            AnnexIProduct = true,
            ThirdPartyConformityAssessment = true,
        });

        Assert.True(c.Has(Regime.HighRiskProductSafety), "Art. 6(3) derogates from Art. 6(2) only, never from Art. 6(1)");
        Assert.True(c.IsHighRisk);
    }

    [Fact]
    public void Conditions_without_a_derogation_claim_are_refused()
    {
        var answers = Answers() with { AnnexIIIPoint = "3(b)", DerogationConditions = [DerogationCondition.PreparatoryTask] };

        Assert.Contains("derogationConditions", EuAiActClassifier.Validate(answers).Keys);
    }

    [Fact]
    public void The_provider_claiming_the_derogation_must_document_it_and_register_under_Art_6_4_and_49_2()
    {
        var c = EuAiActClassifier.Classify(Derogation(DerogationCondition.NarrowProceduralTask));

        Assert.Equal(OperatorRole.Provider, c.EffectiveRole);
        AssertObligations(c, ["Art. 4", "Art. 6(4)", "Art. 49(2)"], ProviderHighRiskArticles);
    }

    [Fact]
    public void A_deployer_of_a_system_under_the_derogation_has_neither_the_providers_derogation_duties_nor_high_risk_ones()
    {
        var c = EuAiActClassifier.Classify(Derogation(DerogationCondition.NarrowProceduralTask) with { Role = OperatorRole.Deployer });

        Assert.Equal(OperatorRole.Deployer, c.EffectiveRole);
        AssertObligations(c, ["Art. 4"], ["Art. 6(4)", "Art. 49(2)", "Art. 26", "Art. 27"]);
    }

    // ---------------------------------------------------------------- Art. 50: transparency, in addition

    [Theory]
    [InlineData(TransparencyTrigger.InteractsWithPeople, "Art. 50(1)")]
    [InlineData(TransparencyTrigger.GeneratesSyntheticContent, "Art. 50(2)")]
    [InlineData(TransparencyTrigger.EmotionRecognitionOrBiometricCategorisation, "Art. 50(3)")]
    [InlineData(TransparencyTrigger.DeepFake, "Art. 50(4)")]
    [InlineData(TransparencyTrigger.PublicInterestText, "Art. 50(4)")]
    public void Each_transparency_trigger_alone_cites_its_paragraph_of_Art_50_and_is_not_minimal(TransparencyTrigger trigger, string article)
    {
        var c = EuAiActClassifier.Classify(Answers() with { Transparency = [trigger] });

        AssertRegimes(c, Regime.Transparency);
        Assert.Equal([article], Finding(c, Regime.Transparency).Articles);
    }

    [Theory]
    [InlineData(TransparencyTrigger.InteractsWithPeople, "Art. 50(1)")]
    [InlineData(TransparencyTrigger.GeneratesSyntheticContent, "Art. 50(2)")]
    [InlineData(TransparencyTrigger.EmotionRecognitionOrBiometricCategorisation, "Art. 50(3)")]
    [InlineData(TransparencyTrigger.DeepFake, "Art. 50(4)")]
    [InlineData(TransparencyTrigger.PublicInterestText, "Art. 50(4)")]
    public void Each_transparency_trigger_applies_in_addition_to_Annex_III_high_risk(TransparencyTrigger trigger, string article)
    {
        var c = EuAiActClassifier.Classify(Answers() with { AnnexIIIPoint = "4(a)", Transparency = [trigger] });

        AssertRegimes(c, Regime.HighRiskAnnexIII, Regime.Transparency);
        Assert.Equal([article], Finding(c, Regime.Transparency).Articles);
    }

    [Fact]
    public void A_high_risk_hiring_chatbot_is_high_risk_and_transparent()
    {
        var c = EuAiActClassifier.Classify(Answers(OperatorRole.Provider) with
        {
            AnnexIIIPoint = "4(a)",
            Transparency = [TransparencyTrigger.InteractsWithPeople],
        });

        AssertRegimes(c, Regime.HighRiskAnnexIII, Regime.Transparency);
        Assert.Equal(["Annex III point 4(a)"], Finding(c, Regime.HighRiskAnnexIII).AnnexPoints);
        Assert.Equal(["Art. 50(1)"], Finding(c, Regime.Transparency).Articles);
        AssertObligations(c, [.. ProviderHighRiskArticles, "Art. 50(1)"], NoArticles);
    }

    [Fact]
    public void Transparency_applies_in_addition_to_Annex_I_high_risk_to_a_prohibition_and_to_a_derogation()
    {
        var interacts = new[] { TransparencyTrigger.InteractsWithPeople };

        AssertRegimes(EuAiActClassifier.Classify(Answers() with { AnnexIProduct = true, ThirdPartyConformityAssessment = true, Transparency = interacts }),
            Regime.HighRiskProductSafety, Regime.Transparency);
        AssertRegimes(EuAiActClassifier.Classify(Answers() with { Practices = [ProhibitedPractice.ManipulativeTechniques], Transparency = interacts }),
            Regime.Prohibited, Regime.Transparency);
        AssertRegimes(EuAiActClassifier.Classify(Derogation(DerogationCondition.PreparatoryTask) with { Transparency = interacts }),
            Regime.DerogationClaimed, Regime.Transparency);
    }

    [Fact]
    public void All_triggers_together_cite_paragraphs_1_to_4_once_each()
    {
        var c = EuAiActClassifier.Classify(Answers() with { Transparency = Enum.GetValues<TransparencyTrigger>() });

        Assert.Equal(["Art. 50(1)", "Art. 50(2)", "Art. 50(3)", "Art. 50(4)"], Finding(c, Regime.Transparency).Articles);
    }

    [Theory]
    [InlineData(OperatorRole.Provider)]
    [InlineData(OperatorRole.Deployer)]
    [InlineData(OperatorRole.Importer)]
    [InlineData(OperatorRole.Distributor)]
    [InlineData(OperatorRole.AuthorizedRepresentative)]
    [InlineData(OperatorRole.ProductManufacturer)]
    public void A_use_case_with_nothing_to_declare_is_exactly_minimal_risk(OperatorRole role)
    {
        var answers = Answers(role);

        Assert.Empty(EuAiActClassifier.Validate(answers));
        var c = EuAiActClassifier.Classify(answers);

        AssertRegimes(c, Regime.Minimal);
        Assert.False(c.IsHighRisk);
        Assert.Equal(role, c.EffectiveRole);
        Assert.Contains("Art. 95", Finding(c, Regime.Minimal).Articles);
        Assert.DoesNotContain(c.Obligations, o => o.Article.StartsWith("Art. 5", StringComparison.Ordinal) || o.Article == "Art. 26" || o.Article == "Art. 9");
    }

    [Fact]
    public void AI_literacy_of_Art_4_binds_providers_and_deployers_even_at_minimal_risk()
    {
        AssertObligations(EuAiActClassifier.Classify(Answers(OperatorRole.Provider)), ["Art. 4"], NoArticles);
        AssertObligations(EuAiActClassifier.Classify(Answers(OperatorRole.Deployer)), ["Art. 4"], NoArticles);
    }

    [Fact]
    public void The_provider_gets_the_Art_50_1_and_50_2_obligations_and_not_the_deployers()
    {
        var c = EuAiActClassifier.Classify(Answers(OperatorRole.Provider) with { Transparency = Enum.GetValues<TransparencyTrigger>() });

        Assert.Equal(["Art. 50(1)", "Art. 50(2)"],
            c.Obligations.Select(o => o.Article).Where(a => a.StartsWith("Art. 50", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_deployer_gets_the_Art_50_3_and_50_4_obligations_and_not_the_providers()
    {
        var c = EuAiActClassifier.Classify(Answers(OperatorRole.Deployer) with { Transparency = Enum.GetValues<TransparencyTrigger>() });

        Assert.Equal(["Art. 50(3)", "Art. 50(4)"],
            c.Obligations.Select(o => o.Article).Where(a => a.StartsWith("Art. 50", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal));
        // Deep fakes and public-interest text are two distinct duties of 50(4).
        Assert.Equal(2, c.Obligations.Count(o => o.Article == "Art. 50(4)"));
    }

    // ---------------------------------------------------------------- obligations by role, high-risk

    [Fact]
    public void The_provider_of_an_Annex_III_system_gets_the_Chapter_III_provider_obligations()
    {
        var c = EuAiActClassifier.Classify(Answers(OperatorRole.Provider) with { AnnexIIIPoint = "4(a)" });

        Assert.Equal(OperatorRole.Provider, c.EffectiveRole);
        AssertObligations(c, [.. ProviderHighRiskArticles, "Art. 4"], [.. DeployerOnlyArticles, "Art. 23", "Art. 24", "Art. 25(1)", "Art. 6(4)", "Art. 49(2)"]);
    }

    /// <summary>
    /// Art. 49(1) registers high-risk systems "listed in Annex III, with the exception of ... point 2"; systems that are
    /// high-risk through Art. 6(1) (Annex I) are not registered under Art. 49(1).
    /// </summary>
    [Fact]
    public void The_provider_of_an_Annex_I_high_risk_system_gets_the_provider_obligations_without_Art_49_1_registration()
    {
        var c = EuAiActClassifier.Classify(Answers(OperatorRole.Provider) with { AnnexIProduct = true, ThirdPartyConformityAssessment = true });

        AssertObligations(c, ProviderHighRiskArticlesWithoutRegistration, ["Art. 49(1)"]);
    }

    /// <summary>Art. 49(1) excepts Annex III point 2 (critical infrastructure), which Art. 49(5) registers at national level.</summary>
    [Fact]
    public void The_provider_of_a_critical_infrastructure_system_does_not_register_under_Art_49_1()
    {
        var c = EuAiActClassifier.Classify(Answers(OperatorRole.Provider) with { AnnexIIIPoint = "2" });

        AssertObligations(c, ProviderHighRiskArticlesWithoutRegistration, ["Art. 49(1)"]);
    }

    [Theory]
    // Art. 27(1): public bodies and private entities providing public services, except Annex III point 2 ...
    [InlineData("4(a)", true, true)]
    [InlineData("5(a)", true, true)]
    [InlineData("1(a)", true, true)]
    [InlineData("2", true, false)]
    [InlineData("4(a)", false, false)]
    [InlineData("5(a)", false, false)]
    [InlineData("5(d)", false, false)]
    [InlineData("2", false, false)]
    // ... and any deployer of points 5(b) (creditworthiness) and 5(c) (life and health insurance).
    [InlineData("5(b)", false, true)]
    [InlineData("5(c)", false, true)]
    [InlineData("5(b)", true, true)]
    public void The_deployer_of_a_high_risk_system_gets_Art_26_and_Art_27_only_where_it_binds(string point, bool publicBody, bool fria)
    {
        var c = EuAiActClassifier.Classify(Answers(OperatorRole.Deployer) with { AnnexIIIPoint = point, PublicBodyOrPublicService = publicBody });

        Assert.Equal(OperatorRole.Deployer, c.EffectiveRole);
        AssertObligations(c, ["Art. 4", "Art. 26"], [.. ProviderHighRiskArticles, "Art. 23", "Art. 24"]);
        Assert.Equal(fria, ObligationArticles(c).Contains("Art. 27"));
    }

    [Theory]
    [InlineData("1(a)", true)]
    [InlineData("4(b)", true)]
    [InlineData("5(b)", true)]
    [InlineData("8(a)", true)]
    [InlineData("2", false)]
    public void The_deployer_explains_decisions_under_Art_86_except_for_Annex_III_point_2(string point, bool explanation)
    {
        var c = EuAiActClassifier.Classify(Answers(OperatorRole.Deployer) with { AnnexIIIPoint = point });

        Assert.Equal(explanation, ObligationArticles(c).Contains("Art. 86"));
    }

    [Fact]
    public void The_deployer_of_an_Annex_I_high_risk_system_gets_Art_26_but_not_the_Annex_III_duties_27_and_86()
    {
        var c = EuAiActClassifier.Classify(Answers(OperatorRole.Deployer) with
        {
            AnnexIProduct = true,
            ThirdPartyConformityAssessment = true,
            PublicBodyOrPublicService = true,
        });

        AssertObligations(c, ["Art. 26"], ["Art. 27", "Art. 86", "Art. 49(3)", .. ProviderHighRiskArticles]);
    }

    [Fact]
    public void A_public_authority_deployer_registers_its_use_of_an_Annex_III_system_under_Art_49_3()
    {
        var c = EuAiActClassifier.Classify(Answers(OperatorRole.Deployer) with { AnnexIIIPoint = "5(a)", PublicBodyOrPublicService = true, PublicAuthority = true });

        AssertObligations(c, ["Art. 26", "Art. 27", "Art. 86", "Art. 49(3)"], NoArticles);
    }

    /// <summary>Art. 49(3) applies to Annex III systems "with the exception of high-risk AI systems listed in point 2 of Annex III".</summary>
    [Fact]
    public void A_public_deployer_of_a_critical_infrastructure_system_has_none_of_Art_27_86_or_49_3()
    {
        var c = EuAiActClassifier.Classify(Answers(OperatorRole.Deployer) with { AnnexIIIPoint = "2", PublicBodyOrPublicService = true });

        AssertObligations(c, ["Art. 26"], ["Art. 27", "Art. 86", "Art. 49(3)"]);
    }

    [Fact]
    public void The_importer_of_a_high_risk_system_gets_Art_23_only()
    {
        var c = EuAiActClassifier.Classify(Answers(OperatorRole.Importer) with { AnnexIIIPoint = "4(a)" });

        Assert.Equal(OperatorRole.Importer, c.EffectiveRole);
        AssertObligations(c, ["Art. 23"], [.. ProviderHighRiskArticles, .. DeployerOnlyArticles, "Art. 24"]);
    }

    [Fact]
    public void The_distributor_of_a_high_risk_system_gets_Art_24_only()
    {
        var c = EuAiActClassifier.Classify(Answers(OperatorRole.Distributor) with { AnnexIIIPoint = "4(a)" });

        Assert.Equal(OperatorRole.Distributor, c.EffectiveRole);
        AssertObligations(c, ["Art. 24"], [.. ProviderHighRiskArticles, .. DeployerOnlyArticles, "Art. 23"]);
    }

    [Fact]
    public void The_authorised_representative_of_a_high_risk_system_gets_Art_22()
    {
        var c = EuAiActClassifier.Classify(Answers(OperatorRole.AuthorizedRepresentative) with { AnnexIIIPoint = "4(a)" });

        AssertObligations(c, ["Art. 22"], [.. ProviderHighRiskArticles, .. DeployerOnlyArticles]);
    }

    // ---------------------------------------------------------------- Art. 25: becoming the provider

    public static TheoryData<OperatorRole, EuAiActAnswers> BecomesProvider => new()
    {
        // 25(1)(a): name or trademark on a high-risk system.
        { OperatorRole.Deployer, new EuAiActAnswers { AnnexIIIPoint = "4(a)", PutsOwnNameOrTrademark = true } },
        // 25(1)(b): substantial modification of a high-risk system that remains high-risk.
        { OperatorRole.Deployer, new EuAiActAnswers { AnnexIIIPoint = "4(a)", SubstantialModification = true } },
        // 25(1)(c): a new intended purpose that makes the system high-risk.
        { OperatorRole.Deployer, new EuAiActAnswers { AnnexIIIPoint = "5(b)", ChangedIntendedPurposeToHighRisk = true } },
        // Also through Art. 6(1).
        { OperatorRole.Deployer, new EuAiActAnswers { AnnexIProduct = true, ThirdPartyConformityAssessment = true, PutsOwnNameOrTrademark = true } },
        // 25(1) names distributors and importers too.
        { OperatorRole.Importer, new EuAiActAnswers { AnnexIIIPoint = "3(a)", PutsOwnNameOrTrademark = true } },
        { OperatorRole.Distributor, new EuAiActAnswers { AnnexIIIPoint = "3(a)", SubstantialModification = true } },
    };

    [Theory]
    [MemberData(nameof(BecomesProvider))]
    public void An_operator_who_rebrands_modifies_or_repurposes_a_high_risk_system_becomes_its_provider_under_Art_25_1(OperatorRole role, EuAiActAnswers answers)
    {
        var c = EuAiActClassifier.Classify(answers with { Role = role });

        Assert.True(c.IsHighRisk);
        Assert.Equal(role, c.Role);
        Assert.Equal(OperatorRole.Provider, c.EffectiveRole);
        AssertObligations(c, ["Art. 25(1)", .. ProviderHighRiskArticlesWithoutRegistration, "Art. 16", "Art. 43"], ["Art. 25(3)"]);
    }

    /// <summary>
    /// Art. 25(1) adds the provider's obligations; it does not discharge the deployer's own. An organization that puts its
    /// name on a high-risk system it uses is still "using an AI system under its authority" (Art. 3(4)), so Art. 26
    /// (and, for Annex III systems, Art. 27 and 86 where they bind) still apply.
    /// </summary>
    [Fact]
    public void A_deployer_who_becomes_provider_under_Art_25_keeps_its_deployer_obligations()
    {
        var c = EuAiActClassifier.Classify(Answers(OperatorRole.Deployer) with { AnnexIIIPoint = "5(b)", PutsOwnNameOrTrademark = true });

        Assert.Equal(OperatorRole.Provider, c.EffectiveRole);
        AssertObligations(c, ["Art. 25(1)", "Art. 9", "Art. 16", "Art. 26", "Art. 27"], NoArticles);
    }

    /// <summary>Same reasoning for Art. 50(3) and 50(4), which bind whoever deploys the system.</summary>
    [Fact]
    public void A_deployer_who_becomes_provider_under_Art_25_keeps_its_Art_50_deployer_duties()
    {
        var c = EuAiActClassifier.Classify(Answers(OperatorRole.Deployer) with
        {
            AnnexIIIPoint = "1(c)",
            SubstantialModification = true,
            Transparency = [TransparencyTrigger.EmotionRecognitionOrBiometricCategorisation],
        });

        Assert.Equal(OperatorRole.Provider, c.EffectiveRole);
        AssertObligations(c, ["Art. 50(3)"], NoArticles);
    }

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void A_deployer_of_a_minimal_risk_system_stays_deployer_whatever_it_does_to_it(bool name, bool modification, bool purpose)
    {
        var c = EuAiActClassifier.Classify(Answers(OperatorRole.Deployer) with
        {
            PutsOwnNameOrTrademark = name,
            SubstantialModification = modification,
            ChangedIntendedPurposeToHighRisk = purpose,
        });

        Assert.False(c.IsHighRisk);
        Assert.Equal(OperatorRole.Deployer, c.EffectiveRole);
        AssertObligations(c, ["Art. 4"], ["Art. 25(1)", .. ProviderHighRiskArticles]);
    }

    [Fact]
    public void A_deployer_putting_its_name_on_a_system_under_the_derogation_stays_deployer()
    {
        var c = EuAiActClassifier.Classify(Derogation(DerogationCondition.NarrowProceduralTask) with
        {
            Role = OperatorRole.Deployer,
            PutsOwnNameOrTrademark = true,
        });

        Assert.Equal(OperatorRole.Deployer, c.EffectiveRole);
        AssertObligations(c, NoArticles, ["Art. 25(1)", "Art. 9"]);
    }

    [Fact]
    public void A_deployer_with_no_Art_25_trigger_stays_deployer_of_a_high_risk_system()
    {
        var c = EuAiActClassifier.Classify(Answers(OperatorRole.Deployer) with { AnnexIIIPoint = "4(a)" });

        Assert.Equal(OperatorRole.Deployer, c.EffectiveRole);
        AssertObligations(c, ["Art. 26"], ["Art. 25(1)", "Art. 25(3)", "Art. 9"]);
    }

    [Fact]
    public void The_product_manufacturer_of_an_Annex_I_high_risk_safety_component_under_its_name_is_the_provider_under_Art_25_3()
    {
        var c = EuAiActClassifier.Classify(Answers(OperatorRole.ProductManufacturer) with
        {
            AnnexIProduct = true,
            ThirdPartyConformityAssessment = true,
            PutsOwnNameOrTrademark = true,
        });

        Assert.Equal(OperatorRole.ProductManufacturer, c.Role);
        Assert.Equal(OperatorRole.Provider, c.EffectiveRole);
        AssertObligations(c, ["Art. 25(3)", .. ProviderHighRiskArticlesWithoutRegistration], ["Art. 25(1)"]);
    }

    /// <summary>
    /// Art. 25(3)(a)/(b): the product manufacturer is the provider only where the high-risk AI system is placed on the market
    /// or put into service "under the name or trademark of the product manufacturer".
    /// </summary>
    [Fact]
    public void The_product_manufacturer_is_not_the_provider_when_the_AI_system_is_not_under_its_name()
    {
        var c = EuAiActClassifier.Classify(Answers(OperatorRole.ProductManufacturer) with
        {
            AnnexIProduct = true,
            ThirdPartyConformityAssessment = true,
            PutsOwnNameOrTrademark = false,
        });

        Assert.Equal(OperatorRole.ProductManufacturer, c.EffectiveRole);
        AssertObligations(c, NoArticles, ["Art. 25(3)"]);
    }

    [Fact]
    public void The_product_manufacturer_of_a_system_that_is_not_Annex_I_high_risk_stays_product_manufacturer()
    {
        var c = EuAiActClassifier.Classify(Answers(OperatorRole.ProductManufacturer) with { AnnexIProduct = true, PutsOwnNameOrTrademark = true });

        Assert.Equal(OperatorRole.ProductManufacturer, c.EffectiveRole);
        AssertObligations(c, NoArticles, ["Art. 25(3)", "Art. 9"]);
    }

    // ---------------------------------------------------------------- version of the legal text

    [Fact]
    public void The_result_carries_the_rules_version_and_the_date_of_the_legal_text()
    {
        var c = EuAiActClassifier.Classify(Answers());

        Assert.Equal(EuAiActClassifier.RulesVersion, c.RulesVersion);
        Assert.False(string.IsNullOrWhiteSpace(c.RulesVersion));
        Assert.Contains("2024/1689", c.RulesVersion, StringComparison.Ordinal);
        Assert.Contains("12.7.2024", c.RulesVersion, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2024, 7, 12), EuAiActClassifier.LegalTextDate);
    }

    [Fact]
    public void Consistent_answers_validate_without_errors()
    {
        var answers = Answers(OperatorRole.Provider) with
        {
            Practices = [ProhibitedPractice.EmotionRecognitionAtWorkOrSchool],
            Exceptions = [ProhibitionException.MedicalOrSafetyReasons],
            AnnexIProduct = true,
            ThirdPartyConformityAssessment = true,
            AnnexIIIPoint = "1(c)",
            ClaimsDerogation = true,
            DerogationConditions = [DerogationCondition.PreparatoryTask],
            Transparency = [TransparencyTrigger.EmotionRecognitionOrBiometricCategorisation],
        };

        Assert.Empty(EuAiActClassifier.Validate(answers));
    }
}
