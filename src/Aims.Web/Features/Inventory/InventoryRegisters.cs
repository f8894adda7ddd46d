using System.Text.RegularExpressions;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Inventory;
using Aims.Web.Infrastructure.Registers;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Inventory;

/// <summary>The inventory's registers (A.4, A.7, A.10; 4.3): what each holds and the rules an auditor would apply.</summary>
public static partial class InventoryRegisters
{
    public const string UseCaseModels = "use-case-models";
    public const string ModelDatasets = "model-datasets";
    public const string DatasetParents = "dataset-derived-from";
    public const string SystemSuppliers = "system-suppliers";

    public static readonly RegisterDefinition Systems = new()
    {
        Name = "ai-systems", Singular = "AI system", Plural = "AI systems", Prefix = "SYS", Area = "inventory", Clauses = "4.3, A.4.2, A.6",
        Intro = "Every AI system the organization develops, provides or uses, its owner, life cycle stage, roles and oversight.",
        EmptyHint = "Register the first AI system, or import a spreadsheet of them.",
        ClrType = typeof(AiSystem), TitleField = "name",
        Query = db => db.AiSystems, Create = () => new AiSystem { Name = "" },
        Fields = new FieldsOf<AiSystem>()
            .Text(s => s.Name, "Name", required: true, list: true)
            .LongText(s => s.Purpose, "Purpose and intended use", max: 2000)
            .LongText(s => s.Description, "Description")
            .Person(s => s.OwnerId, "Business owner", "owner", list: true, help: "E-mail of the accountable person; someone not yet a member is listed to invite.")
            .Text(s => s.BusinessUnit, "Business unit", list: true)
            .Enum((AiSystem s) => s.Stage, "Life cycle stage", list: true, help: "ISO/IEC 22989 stages.")
            .Enum((AiSystem s) => s.Sourcing, "Sourcing", help: "Built in-house or obtained from a third party.")
            .EnumSet(s => s.OperatorRoles, "EU AI Act operator roles")
            .EnumSet(s => s.AiRoles, "ISO/IEC 22989 AI roles")
            .Enum((AiSystem s) => s.Autonomy, "Autonomy", help: "What the system does with its output: perceives, recommends, decides or acts.")
            .Enum((AiSystem s) => s.Oversight, "Human oversight")
            .Bool(s => s.InScope, "In AIMS scope", list: true)
            .LongText(s => s.ScopeJustification, "Why out of scope", max: 2000, help: "Required when the system is outside the AIMS scope.")
            .Number(s => s.ReviewEveryMonths, "Review every (months)", 1, 60)
            .Date(s => s.LastReviewedOn, "Last reviewed")
            .ReferenceSet("suppliers", "Suppliers", "suppliers", SystemSuppliers, help: "Third parties supplying the system or its components.")
            .All,
        Derived = [new("euAiAct", "EU AI Act", SystemRegimesAsync), new("nextReview", "Next review", (_, records, _) => Task.FromResult(records.ToDictionary(r => r.Id, r => NextReview((AiSystem)r))))],
        Rules = r =>
        {
            var s = (AiSystem)r;
            return !s.InScope && string.IsNullOrWhiteSpace(s.ScopeJustification)
                ? [("scopeJustification", "is required when the system is out of the AIMS scope (4.3): every exclusion needs a justification")]
                : [];
        },
        GuardAsync = RetirementGuardAsync,
    };

    /// <summary>The rule's name in the 409 problem when a register write would retire an AI system.</summary>
    public const string RetirementRule = "approval-required";

    /// <summary>
    /// Retiring an AI system in service is the retire-ai-system approval (ADR 0016): the register may not move an
    /// existing system to retirement unless that decision boundary is automatic, in which case the write is allowed
    /// directly (the ledger records it as any register change). Creating a record already at retirement (importing the
    /// inventory of a system retired before Aims) retires nothing and is allowed.
    /// </summary>
    private static async Task<RegisterConflict?> RetirementGuardAsync(RegisterService service, RegisterRecord record, bool creating, CancellationToken ct)
    {
        var system = (AiSystem)record;
        if (creating || system.Stage != LifecycleStage.Retirement)
        {
            return null;
        }

        var stored = await service.Db.AiSystems.AsNoTracking().Where(s => s.Id == system.Id).Select(s => (LifecycleStage?)s.Stage).FirstOrDefaultAsync(ct);
        if (stored is null or LifecycleStage.Retirement)
        {
            return null;
        }

        var boundary = (await Approvals.ApprovalService.PolicyAsync(service.Db, ct)).Value.For(Domain.Approvals.ApprovalAction.RetireAiSystem);
        return boundary.Mode == Domain.Approvals.DecisionMode.Automatic
            ? null
            : new RegisterConflict("stage", RetirementRule,
                $"Retiring {system.Reference} is decided through an approval request, not by editing the register: ask for retire-ai-system on {system.Reference} "
                + "(the Approvals inbox, or POST /api/v1/approvals); it is retired when the request is approved.");
    }

    public static readonly RegisterDefinition UseCases = new()
    {
        Name = "use-cases", Singular = "use case", Plural = "use cases", Prefix = "UC", Area = "inventory", Clauses = "A.4.2, A.5, EU AI Act Art. 5, 6, 50",
        Intro = "Each use of an AI system, classified on its own under the EU AI Act: the same model can serve a minimal-risk and a high-risk use.",
        EmptyHint = "Add a use case to an AI system, then answer its EU AI Act questionnaire.",
        ClrType = typeof(UseCase), TitleField = "name",
        Query = db => db.UseCases, Create = () => new UseCase { Name = "" },
        Fields = new FieldsOf<UseCase>()
            .RequiredReference(u => u.AiSystemId, "AI system", "aiSystem", "ai-systems", list: true)
            .Text(u => u.Name, "Name", required: true, list: true)
            .LongText(u => u.Description, "Description")
            .Text(u => u.AffectedPersons, "Affected persons", max: 500, help: "Who is affected by the outputs: applicants, customers, employees, the public.")
            .Date(u => u.ImpactAssessmentDue, "Impact assessment due", list: true, help: "When the AI system impact assessment (6.1.4, A.5) is planned for.")
            .ReferenceSet("models", "Models", "models", UseCaseModels)
            .All,
        Derived = [new("euAiAct", "EU AI Act", (_, records, _) => Task.FromResult(records.ToDictionary(r => r.Id, r => RegimeNames((UseCase)r))))],
    };

    public static readonly RegisterDefinition Models = new()
    {
        Name = "models", Singular = "model", Plural = "models", Prefix = "MOD", Area = "inventory", Clauses = "A.4.3, A.6.2, EU AI Act Art. 51–55",
        Intro = "Models built, fine-tuned or obtained, with the datasets they learn from and their supplier.",
        EmptyHint = "Register a model, then its versions.",
        ClrType = typeof(AiModel), TitleField = "name",
        Query = db => db.Models, Create = () => new AiModel { Name = "" },
        Fields = new FieldsOf<AiModel>()
            .Text(m => m.Name, "Name", required: true, list: true)
            .LongText(m => m.Description, "Description")
            .Reference(m => m.SupplierId, "Supplier", "supplier", "suppliers", list: true)
            .Bool(m => m.GeneralPurpose, "General-purpose AI model provided by us", list: true, help: "EU AI Act Art. 51–54 apply to its provider.")
            .Bool(m => m.SystemicRisk, "With systemic risk", help: "Art. 51(1); brings Art. 55.")
            .ReferenceSet("datasets", "Datasets", "datasets", ModelDatasets)
            .All,
        Derived = [new("euAiAct", "EU AI Act", (_, records, _) => Task.FromResult(records.ToDictionary(r => r.Id, r => ModelObligations((AiModel)r))))],
        Rules = r => ((AiModel)r) is { SystemicRisk: true, GeneralPurpose: false }
            ? [("systemicRisk", "applies only to a general-purpose AI model (Art. 51): set generalPurpose too")]
            : [],
    };

    public static readonly RegisterDefinition ModelVersions = new()
    {
        Name = "model-versions", Singular = "model version", Plural = "model versions", Prefix = "MV", Area = "inventory", Clauses = "A.6.2.2–A.6.2.6",
        Intro = "What was trained when, how it scored, and where the artifact is with its digest.",
        EmptyHint = "Register a model version: from CI, with its metrics and artifact digest.",
        ClrType = typeof(ModelVersion), TitleField = "label",
        Query = db => db.ModelVersions, Create = () => new ModelVersion { Label = "" },
        Fields = new FieldsOf<ModelVersion>()
            .RequiredReference(v => v.ModelId, "Model", "model", "models", list: true)
            .Text(v => v.Label, "Version", required: true, max: 60, list: true)
            .Text(v => v.Framework, "Framework", max: 100, list: true)
            .Date(v => v.TrainedOn, "Trained on", list: true)
            .Metrics(v => v.Metrics, "Metrics", help: "name=value pairs, e.g. auc=0.81; ks=0.42")
            .Text(v => v.ArtifactUri, "Artifact location", max: 1000)
            .Text(v => v.ArtifactDigest, "Artifact digest", max: 71, help: "sha256: and 64 hex digits")
            .All,
        Rules = r => DigestRule("artifactDigest", ((ModelVersion)r).ArtifactDigest),
    };

    public static readonly RegisterDefinition Datasets = new()
    {
        Name = "datasets", Singular = "dataset", Plural = "datasets", Prefix = "DS", Area = "inventory", Clauses = "A.7.2–A.7.6",
        Intro = "Data for training, validation, test and production, its owner, personal data, provenance and quality.",
        EmptyHint = "Register a dataset with where it came from.",
        ClrType = typeof(Dataset), TitleField = "name",
        Query = db => db.Datasets, Create = () => new Dataset { Name = "" },
        Fields = new FieldsOf<Dataset>()
            .Text(d => d.Name, "Name", required: true, list: true)
            .LongText(d => d.Description, "Description")
            .EnumSet(d => d.Purposes, "Purposes", list: true)
            .Text(d => d.Source, "Source", max: 500)
            .Person(d => d.OwnerId, "Owner", "owner", list: true)
            .Reference(d => d.SupplierId, "Supplier", "supplier", "suppliers")
            .Bool(d => d.PersonalData, "Contains personal data", list: true)
            .Bool(d => d.SpecialCategoryData, "Contains special-category data")
            .LongText(d => d.Provenance, "Provenance", max: 2000, help: "Where the data came from and how it was obtained (A.7.5).")
            .ReferenceSet("derivedFrom", "Derived from", "datasets", DatasetParents, help: "The datasets this one was made from.")
            .Text(d => d.DataVersion, "Version", max: 60)
            .Text(d => d.Digest, "Digest", max: 71, help: "sha256: and 64 hex digits")
            .LongText(d => d.QualityChecks, "Quality checks", max: 2000)
            .All,
        Rules = r =>
        {
            var d = (Dataset)r;
            var rules = DigestRule("digest", d.Digest).ToList();
            if (d.SpecialCategoryData && !d.PersonalData)
            {
                rules.Add(("personalData", "must be true when the dataset contains special-category data"));
            }

            return rules;
        },
    };

    public static readonly RegisterDefinition Suppliers = new()
    {
        Name = "suppliers", Singular = "supplier", Plural = "suppliers", Prefix = "SUP", Area = "inventory", Clauses = "A.10.2, A.10.3",
        Intro = "Third parties supplying AI systems, models, data or services, and how responsibilities are allocated.",
        EmptyHint = "Register a supplier and the responsibilities agreed with it.",
        ClrType = typeof(Supplier), TitleField = "name",
        Query = db => db.Suppliers, Create = () => new Supplier { Name = "" },
        Fields = new FieldsOf<Supplier>()
            .Text(s => s.Name, "Name", required: true, list: true)
            .Text(s => s.Supplies, "Supplies", max: 500, list: true)
            .Text(s => s.ContractReference, "Contract reference", max: 100, list: true)
            .LongText(s => s.Responsibilities, "Responsibilities allocated", max: 2000)
            .Date(s => s.LastReviewedOn, "Last reviewed", list: true)
            .All,
    };

    public static readonly RegisterDefinition DataFlows = new()
    {
        Name = "data-flows", Singular = "data flow", Plural = "data flows", Prefix = "FLOW", Area = "inventory", Clauses = "A.7.2, A.4.3",
        Intro = "Where data moves from and to, and what it carries.",
        EmptyHint = "Record a data flow: from where, to where, what data.",
        ClrType = typeof(DataFlow), TitleField = "data",
        Query = db => db.DataFlows, Create = () => new DataFlow { Source = "", Destination = "" },
        Fields = new FieldsOf<DataFlow>()
            .Reference(f => f.AiSystemId, "AI system", "aiSystem", "ai-systems", list: true)
            .Text(f => f.Source, "From", required: true, list: true)
            .Text(f => f.Destination, "To", required: true, list: true)
            .Text(f => f.Data, "Data", required: true, max: 500, list: true)
            .Bool(f => f.PersonalData, "Personal data", list: true)
            .All,
    };

    public static readonly RegisterDefinition Resources = new()
    {
        Name = "resources", Singular = "resource", Plural = "resources", Prefix = "RES", Area = "inventory", Clauses = "A.4.4, A.4.5",
        Intro = "Computing and tooling resources the AI systems rely on.",
        EmptyHint = "Record the computing and tooling resources behind your AI systems.",
        ClrType = typeof(AiResource), TitleField = "name",
        Query = db => db.Resources, Create = () => new AiResource { Name = "" },
        Fields = new FieldsOf<AiResource>()
            .Enum((AiResource r) => r.Kind, "Kind", list: true)
            .Text(r => r.Name, "Name", required: true, list: true)
            .LongText(r => r.Description, "Description", max: 2000)
            .Reference(r => r.AiSystemId, "AI system", "aiSystem", "ai-systems", list: true)
            .All,
    };

    /// <summary>A general-purpose model the organization provides carries the Art. 53 duties, and Art. 55 with systemic risk.</summary>
    private static IReadOnlyList<string> ModelObligations(AiModel m) =>
        !m.GeneralPurpose ? [] : m.SystemicRisk ? ["gpai provider (Art. 53, 54)", "systemic risk (Art. 55)"] : ["gpai provider (Art. 53, 54)"];

    /// <summary>When the system is due for review: last review plus its interval; never reviewed counts from registration.</summary>
    private static IReadOnlyList<string> NextReview(AiSystem s)
    {
        var from = s.LastReviewedOn ?? DateOnly.FromDateTime(s.CreatedAt.UtcDateTime);
        var due = from.AddMonths(s.ReviewEveryMonths);
        var text = due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return [due < DateOnly.FromDateTime(DateTime.UtcNow) ? $"overdue since {text}" : text];
    }

    /// <summary>A use case's effective regimes in kebab-case, or "not classified".</summary>
    public static IReadOnlyList<string> RegimeNames(UseCase u) => RegimeNames(u.Answers is not null, u.OverrideRegimes, u.ComputedRegimes);

    /// <summary>
    /// As <see cref="RegimeNames(UseCase)"/>, from the three columns it reads (lists load only those). The stored regimes
    /// are already kebab-case names; which of them hold is the domain's rule (<see cref="Domain.Inventory.AuditorChecks.EffectiveRegimes"/>).
    /// </summary>
    private static IReadOnlyList<string> RegimeNames(bool classified, string? overrideRegimes, string computedRegimes) =>
        classified ? Domain.Inventory.AuditorChecks.EffectiveRegimes(computedRegimes, overrideRegimes) : ["not classified"];

    /// <summary>A system's regimes: every regime of its use cases, in the rules' order.</summary>
    private static async Task<Dictionary<Guid, IReadOnlyList<string>>> SystemRegimesAsync(AimsDbContext db, IReadOnlyList<RegisterRecord> systems, CancellationToken ct)
    {
        var ids = systems.Select(s => s.Id).ToList();
        var useCases = new List<(Guid AiSystemId, IReadOnlyList<string> Names)>();
        foreach (var chunk in ids.Chunk(500))
        {
            // Only the columns the regimes come from: a whole use case (answers JSON and all) per listed system cost
            // more than the rest of the row. Deleted use cases are dropped here rather than in SQL: with deleted_at in
            // the WHERE, SQLite walked the organization's every use case on (organization_id, deleted_at, number)
            // instead of looking up the page's systems on (organization_id, ai_system_id).
            var rows = await db.UseCases.IgnoreQueryFilters([AimsDbContext.SoftDeleteFilter]).Where(u => EF.Parameter(chunk).Contains(u.AiSystemId))
                .Select(u => new { u.AiSystemId, u.DeletedAt, Classified = u.Answers != null, u.OverrideRegimes, u.ComputedRegimes }).ToListAsync(ct);
            useCases.AddRange(rows.Where(u => u.DeletedAt is null).Select(u => (u.AiSystemId, RegimeNames(u.Classified, u.OverrideRegimes, u.ComputedRegimes))));
        }

        var bySystem = useCases.ToLookup(u => u.AiSystemId, u => u.Names);
        return ids.ToDictionary(id => id, id => (IReadOnlyList<string>)bySystem[id].SelectMany(n => n).Distinct()
            .OrderBy(n => n == "not classified" ? 99 : (int)(Infrastructure.Registers.FieldText.ParseEnum(typeof(Regime), n) ?? 98)).ToList());
    }

    public static readonly IReadOnlyList<RegisterDefinition> All = [Systems, UseCases, Models, ModelVersions, Datasets, Suppliers, DataFlows, Resources];

    private static IEnumerable<(string, string)> DigestRule(string field, string digest) =>
        digest.Length == 0 || DigestPattern().IsMatch(digest) ? [] : [(field, "must be sha256: followed by 64 lower-case hex digits")];

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestPattern();

    /// <summary>Dataset lineage must not loop back on itself: a dataset cannot be derived from its own descendants.</summary>
    public static async Task<(string Field, string Rule)?> LineageCycleAsync(AimsDbContext db, CancellationToken ct)
    {
        var edges = await db.RegisterLinks.AsNoTracking().Where(l => l.Kind == DatasetParents).Select(l => new { l.FromId, l.ToId }).ToListAsync(ct);
        var parents = edges.ToLookup(e => e.FromId, e => e.ToId);
        var state = new Dictionary<Guid, int>();
        var path = new List<Guid>();
        foreach (var start in edges.Select(e => e.FromId).Distinct())
        {
            if (Visit(start) is { } cycle)
            {
                var refs = await db.Datasets.IgnoreQueryFilters([AimsDbContext.SoftDeleteFilter]).Where(d => cycle.Contains(d.Id))
                    .ToDictionaryAsync(d => d.Id, d => d.Reference, ct);
                return ("derivedFrom", $"would make dataset lineage a cycle: {string.Join(" → ", cycle.Select(c => refs.GetValueOrDefault(c, "?")))}");
            }
        }

        return null;

        List<Guid>? Visit(Guid node)
        {
            if (state.GetValueOrDefault(node) == 2)
            {
                return null;
            }

            if (state.GetValueOrDefault(node) == 1)
            {
                return [.. path.Skip(path.IndexOf(node)), node];
            }

            state[node] = 1;
            path.Add(node);
            foreach (var parent in parents[node])
            {
                if (Visit(parent) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
    }
}
