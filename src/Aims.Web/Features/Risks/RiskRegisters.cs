using Aims.Data.Entities;
using Aims.Domain.Risk;
using Aims.Web.Infrastructure.Registers;

namespace Aims.Web.Features.Risks;

/// <summary>The risk area's registers: the organization's own controls and the AI risk register (6.1.2, 6.1.3, 8.2).</summary>
public static class RiskRegisters
{
    public const string RiskSystems = "risk-systems";
    public const string RiskUseCases = "risk-use-cases";
    public const string RiskDatasets = "risk-datasets";
    public const string RiskSuppliers = "risk-suppliers";
    public const string RiskControls = "risk-controls";

    public static readonly RegisterDefinition Controls = new()
    {
        Name = "controls", Singular = "control", Plural = "own controls", Prefix = "CTL", Area = "risk", Clauses = "6.1.3",
        Intro = "Controls of the organization's own, beside Annex A, each optionally mapped to Annex A or another framework.",
        EmptyHint = "Add a control of your own when no Annex A control says what you do.",
        ClrType = typeof(OwnControl), TitleField = "name",
        Query = db => db.OwnControls, Create = () => new OwnControl { Name = "" },
        Fields = new FieldsOf<OwnControl>()
            .Text(c => c.Name, "Name", required: true, list: true)
            .LongText(c => c.Description, "Description", max: 2000)
            .Person(c => c.OwnerId, "Owner", "owner", list: true)
            .RequirementSet(c => c.Mapping, "Maps to", null, null, list: true, help: "Catalog requirements, written framework:id, e.g. iso42001:A.6.2.4, iso27001:5.1")
            .All,
    };

    public static readonly RegisterDefinition Risks = new()
    {
        Name = "risks", Singular = "risk", Plural = "risks", Prefix = "RISK", Area = "risk", Clauses = "6.1.2, 6.1.3, 8.2, Annex C",
        Intro = "AI risks across technical, data, ethical, societal, supply-chain, explainability, security, privacy and legal dimensions, scored against the organization's criteria.",
        EmptyHint = "Adopt the risk criteria, then add the first risk of an AI system.",
        ClrType = typeof(Risk), TitleField = "title",
        Query = db => db.Risks, Create = () => new Risk { Title = "" },
        Fields = new FieldsOf<Risk>()
            .Text(r => r.Title, "Title", required: true, list: true)
            .LongText(r => r.Description, "Description", max: 4000)
            .Enum((Risk r) => r.Dimension, "Dimension", list: true)
            .Requirement(r => r.RiskSource, "Annex C risk source", "iso42001", "risk-source")
            .RequirementSet(r => r.Objectives, "Annex C objectives affected", "iso42001", "objective", help: "e.g. C.2.5, C.2.7")
            .OptionalEnum((Risk r) => r.Threat, "Threat category", help: "For security risks: STRIDE and AI threats.")
            .ReferenceSet("aiSystems", "AI systems", "ai-systems", RiskSystems)
            .ReferenceSet("useCases", "Use cases", "use-cases", RiskUseCases)
            .ReferenceSet("datasets", "Datasets", "datasets", RiskDatasets)
            .ReferenceSet("suppliers", "Suppliers", "suppliers", RiskSuppliers)
            .Person(r => r.OwnerId, "Owner", "owner", list: true)
            .Number(r => r.InherentLikelihood, "Inherent likelihood", 1, 5, help: "On the likelihood scale of the criteria.")
            .Number(r => r.InherentImpact, "Inherent impact", 1, 5, help: "On the impact scale of the criteria.")
            .Computed(r => r.InherentLevel, "Inherent level", list: true)
            .OptionalEnum((Risk r) => r.Treatment, "Treatment", list: true)
            .LongText(r => r.TreatmentPlan, "Treatment plan and actions", max: 4000)
            .RequirementSet(r => r.AnnexAControls, "Annex A controls", "iso42001", "control", help: "e.g. A.6.2.4, A.7.4; they feed the Statement of Applicability.")
            .ReferenceSet("ownControls", "Own controls", "controls", RiskControls)
            .OptionalNumber(r => r.ResidualLikelihood, "Residual likelihood", 1, 5)
            .OptionalNumber(r => r.ResidualImpact, "Residual impact", 1, 5)
            .Computed(r => r.ResidualLevel, "Residual level", list: true)
            .Date(r => r.NextReviewOn, "Next review", list: true)
            .All,
        CheckAsync = RiskScoring.CheckAsync,
        AfterApplyAsync = RiskScoring.AfterApplyAsync,
        Derived = [new("status", "Status", (_, records, _) => Task.FromResult(records.ToDictionary(r => r.Id, r => RiskScoring.Status((Risk)r))))],
        ExtraFilters = [RiskScoring.OverdueFilter],
        Describe = RiskApi.Describe,
        Rules = r =>
        {
            var risk = (Risk)r;
            var rules = new List<(string, string)>();
            if (risk.ResidualLikelihood.HasValue != risk.ResidualImpact.HasValue)
            {
                rules.Add((risk.ResidualLikelihood.HasValue ? "residualImpact" : "residualLikelihood", "residual likelihood and impact are given together"));
            }

            if (risk.Threat is not null && risk.Dimension != RiskDimension.Security)
            {
                rules.Add(("threat", "applies to risks of the security dimension"));
            }

            return rules;
        },
    };
}
