namespace Aims.Domain.Inventory;

/// <summary>The organization's role for an AI system under the EU AI Act (Art. 3(3)–(8)); kept apart from ISO/IEC 22989 roles.</summary>
public enum OperatorRole
{
    Provider,
    Deployer,
    Importer,
    Distributor,
    AuthorizedRepresentative,
    ProductManufacturer,
}

/// <summary>The practices Art. 5(1) prohibits, points (a) to (h).</summary>
public enum ProhibitedPractice
{
    /// <summary>5(1)(a): subliminal, manipulative or deceptive techniques that distort behaviour and cause significant harm.</summary>
    ManipulativeTechniques,

    /// <summary>5(1)(b): exploiting vulnerabilities due to age, disability or a social or economic situation.</summary>
    ExploitingVulnerabilities,

    /// <summary>5(1)(c): social scoring leading to detrimental or unfavourable treatment.</summary>
    SocialScoring,

    /// <summary>5(1)(d): predicting a person's risk of offending based solely on profiling or personality traits.</summary>
    CrimePredictionByProfiling,

    /// <summary>5(1)(e): untargeted scraping of facial images to build facial recognition databases.</summary>
    UntargetedFacialScraping,

    /// <summary>5(1)(f): inferring emotions in the workplace or in education.</summary>
    EmotionRecognitionAtWorkOrSchool,

    /// <summary>5(1)(g): biometric categorisation to deduce race, political opinions, union membership, beliefs, sex life or orientation.</summary>
    SensitiveBiometricCategorisation,

    /// <summary>5(1)(h): real-time remote biometric identification in publicly accessible spaces for law enforcement.</summary>
    RealTimeRemoteBiometricIdentification,
}

/// <summary>The exceptions written into Art. 5(1) itself; each belongs to one practice.</summary>
public enum ProhibitionException
{
    /// <summary>5(1)(d): supports a human assessment already based on objective, verifiable facts linked to a criminal activity.</summary>
    SupportsHumanAssessmentOnVerifiableFacts,

    /// <summary>5(1)(f): put in place for medical or safety reasons.</summary>
    MedicalOrSafetyReasons,

    /// <summary>5(1)(g): labelling or filtering of lawfully acquired biometric datasets, or categorisation in law enforcement.</summary>
    LawfulDatasetLabellingOrLawEnforcement,

    /// <summary>5(1)(h)(i)–(iii), with the authorisation of Art. 5(2)–(7): victims and missing persons, imminent threats, suspects of serious crimes.</summary>
    AuthorisedLawEnforcementObjective,
}

/// <summary>The four conditions of the Art. 6(3) derogation; one is needed, and no significant risk.</summary>
public enum DerogationCondition
{
    NarrowProceduralTask,
    ImprovesCompletedHumanActivity,
    DetectsPatternsWithoutReplacingHumanAssessment,
    PreparatoryTask,
}

/// <summary>What Art. 50 looks at; it applies on top of any other result.</summary>
public enum TransparencyTrigger
{
    /// <summary>50(1), providers: the system interacts directly with natural persons.</summary>
    InteractsWithPeople,

    /// <summary>50(2), providers: the system generates synthetic audio, image, video or text.</summary>
    GeneratesSyntheticContent,

    /// <summary>50(3), deployers: emotion recognition or biometric categorisation.</summary>
    EmotionRecognitionOrBiometricCategorisation,

    /// <summary>50(4), deployers: image, audio or video content that is a deep fake.</summary>
    DeepFake,

    /// <summary>50(4), deployers: text published to inform the public on matters of public interest, without human editorial review.</summary>
    PublicInterestText,
}

/// <summary>The kinds of result; a use case can have several at once (e.g. high-risk and transparency).</summary>
public enum Regime
{
    Prohibited,
    HighRiskProductSafety,
    HighRiskAnnexIII,
    DerogationClaimed,
    Transparency,
    Minimal,
}
