using Aims.Data;
using Aims.Domain.Inventory;
using Aims.Web.Features.Context;
using Aims.Web.Features.Inventory.Classification;
using Aims.Web.Infrastructure.Registers;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Inventory;

/// <summary>
/// The demo lender's inventory and context, entered through the same register code as a person would: a dozen AI
/// systems covering every EU AI Act regime, their models, datasets and suppliers, interested parties and a scope
/// with justified exclusions. Two gaps are left on purpose, for the auditor's checks to find.
/// </summary>
public static class DemoInventory
{
    public static async Task SeedAsync(RegisterService registers, CancellationToken ct)
    {
        var s = new Seeder(registers, ct);
        var bureau = await s.Add(InventoryRegisters.Suppliers, ("name", "Meridian Credit Bureau"), ("supplies", "Credit bureau data"), ("contractReference", "PROC-2023-014"),
            ("responsibilities", "Bureau warrants accuracy and lawful collection; Harbor validates monthly extracts and reports disputes within 5 days."), ("lastReviewedOn", "2026-06-30"));
        var talent = await s.Add(InventoryRegisters.Suppliers, ("name", "TalentSift"), ("supplies", "CV screening SaaS and its ranking model"), ("contractReference", "PROC-2024-031"),
            ("responsibilities", "TalentSift is provider of the high-risk system (technical documentation, conformity); Harbor as deployer ensures human review of every shortlist."), ("lastReviewedOn", "2026-03-15"));
        var northwind = await s.Add(InventoryRegisters.Suppliers, ("name", "Northwind AI"), ("supplies", "Hosted large language model API"), ("contractReference", "PROC-2025-007"),
            ("responsibilities", "Northwind provides the general-purpose model and its Art. 53 documentation; Harbor owns prompts, guardrails and disclosures."), ("lastReviewedOn", "2026-09-01"));
        var pixel = await s.Add(InventoryRegisters.Suppliers, ("name", "PixelForge"), ("supplies", "Image generation service"), ("contractReference", "PROC-2025-022"));
        var cloud = await s.Add(InventoryRegisters.Suppliers, ("name", "CloudScale"), ("supplies", "GPU compute and managed storage"), ("contractReference", "PROC-2022-002"),
            ("responsibilities", "Shared responsibility model: CloudScale secures the infrastructure, Harbor secures workloads and data."), ("lastReviewedOn", "2026-01-20"));

        var applications = await s.Add(InventoryRegisters.Datasets, ("name", "Loan applications 2019–2024"), ("purposes", "training"), ("source", "Core lending system extracts"),
            ("owner", "control.owner@example.org"), ("personalData", "true"), ("provenance", "Monthly extracts from the core lending system, collected under the credit agreement's lawful basis."),
            ("dataVersion", "2024-12"), ("digest", "sha256:5f1d3c6a9e0b7d2c4a8f6e1b3d5c7a9e2f4b6d8c0a1e3f5b7d9c2e4a6f8b0d1c"), ("qualityChecks", "Completeness ≥ 98% per field; duplicates removed; default labels reconciled with collections."));
        var bureauData = await s.Add(InventoryRegisters.Datasets, ("name", "Bureau attributes"), ("purposes", "training, production"), ("source", "Meridian Credit Bureau"),
            ("owner", "control.owner@example.org"), ("supplier", bureau), ("personalData", "true"), ("provenance", "Bureau batch and real-time API under contract PROC-2023-014."));
        var training = await s.Add(InventoryRegisters.Datasets, ("name", "Credit model training set v7"), ("purposes", "training"), ("owner", "ml.engineer@example.org"), ("personalData", "true"),
            ("provenance", "Joined applications and bureau attributes; protected attributes removed, kept apart for bias testing."), ("derivedFrom", $"{applications}, {bureauData}"),
            ("dataVersion", "7"), ("qualityChecks", "Population stability vs. previous version; label leakage check."));
        var validation = await s.Add(InventoryRegisters.Datasets, ("name", "Credit model hold-out 2024"), ("purposes", "validation, test"), ("owner", "ml.engineer@example.org"), ("personalData", "true"),
            ("provenance", "Out-of-time sample of 2024 applications."), ("derivedFrom", applications));
        var cvs = await s.Add(InventoryRegisters.Datasets, ("name", "Candidate CVs"), ("purposes", "production"), ("owner", "control.owner@example.org"), ("personalData", "true"), ("specialCategoryData", "true"),
            ("provenance", "Submitted by candidates through the careers site; retained 6 months."), ("supplier", talent));
        var transcripts = await s.Add(InventoryRegisters.Datasets, ("name", "Chat transcripts"), ("purposes", "production, test"), ("personalData", "true"));
        var cashflow = await s.Add(InventoryRegisters.Datasets, ("name", "Treasury cash positions"), ("purposes", "training, production"), ("owner", "ml.engineer@example.org"),
            ("provenance", "Daily general-ledger positions from the treasury system; no personal data."));

        var gbm = await s.Add(InventoryRegisters.Models, ("name", "Credit risk gradient boosting"), ("description", "Probability of default at 12 months."), ("datasets", $"{training}, {validation}"));
        await s.Add(InventoryRegisters.ModelVersions, ("model", gbm), ("label", "3.1.0"), ("framework", "LightGBM 4.3"), ("trainedOn", "2025-11-02"), ("metrics", "auc=0.79; ks=0.41"),
            ("artifactUri", "s3://harbor-models/credit-risk/3.1.0/model.txt"), ("artifactDigest", "sha256:1b4f0e9d8c7a6b5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f10"));
        await s.Add(InventoryRegisters.ModelVersions, ("model", gbm), ("label", "3.2.0"), ("framework", "LightGBM 4.5"), ("trainedOn", "2026-08-14"), ("metrics", "auc=0.81; ks=0.43; gini=0.62"),
            ("artifactUri", "s3://harbor-models/credit-risk/3.2.0/model.txt"), ("artifactDigest", "sha256:9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b"));
        var ranker = await s.Add(InventoryRegisters.Models, ("name", "TalentSift ranking model"), ("supplier", talent));
        var llm = await s.Add(InventoryRegisters.Models, ("name", "Northwind LLM"), ("description", "General-purpose model used through the supplier's API; provided by Northwind, not by us."), ("supplier", northwind));
        var assistant = await s.Add(InventoryRegisters.Models, ("name", "Harbor assistant (fine-tuned)"), ("description", "Our fine-tune of the Northwind LLM, offered to partner credit unions."),
            ("generalPurpose", "true"), ("supplier", northwind));
        var forecast = await s.Add(InventoryRegisters.Models, ("name", "Cash-flow forecaster"), ("datasets", cashflow));
        var fraud = await s.Add(InventoryRegisters.Models, ("name", "Card fraud detector"));
        var imager = await s.Add(InventoryRegisters.Models, ("name", "PixelForge image model"), ("supplier", pixel));

        var system = new Dictionary<string, string>();
        async Task<string> System(string key, params (string, string)[] values) => system[key] = await s.Add(InventoryRegisters.Systems, values);
        await System("credit", ("name", "Credit scoring"), ("purpose", "Scores consumer loan applications for creditworthiness; decisions stay with underwriters above the auto-approve band."),
            ("owner", "aims.lead@example.org"), ("businessUnit", "Retail Lending"), ("stage", "operation-and-monitoring"), ("sourcing", "in-house"), ("operatorRoles", "provider, deployer"),
            ("aiRoles", "ai-provider, ai-producer"), ("autonomy", "decision"), ("oversight", "human-on-the-loop"), ("lastReviewedOn", "2026-09-30"), ("suppliers", $"{bureau}, {cloud}"));
        await System("hiring", ("name", "Candidate screening"), ("purpose", "Ranks applicants for branch roles to build shortlists."), ("owner", "control.owner@example.org"),
            ("businessUnit", "People"), ("stage", "operation-and-monitoring"), ("sourcing", "third-party"), ("operatorRoles", "deployer"), ("aiRoles", "ai-customer"),
            ("autonomy", "recommendation"), ("oversight", "human-in-the-loop"), ("suppliers", talent));
        await System("chatbot", ("name", "Customer service assistant"), ("purpose", "Answers customer questions on the website and app, hands over to an agent on request."),
            ("owner", "aims.lead@example.org"), ("businessUnit", "Customer Service"), ("stage", "deployment"), ("sourcing", "third-party"), ("operatorRoles", "deployer"),
            ("aiRoles", "ai-customer"), ("autonomy", "action"), ("oversight", "human-on-the-loop"), ("suppliers", northwind));
        await System("marketing", ("name", "Campaign image studio"), ("purpose", "Generates images for marketing campaigns."), ("owner", "board@example.org"),
            ("businessUnit", "Marketing"), ("stage", "verification-and-validation"), ("sourcing", "third-party"), ("operatorRoles", "deployer"), ("aiRoles", "ai-customer"),
            ("autonomy", "action"), ("oversight", "human-in-the-loop"), ("suppliers", pixel));
        await System("forecast", ("name", "Cash-flow forecasting"), ("purpose", "Forecasts daily liquidity for treasury."), ("owner", "ml.engineer@example.org"),
            ("businessUnit", "Treasury"), ("stage", "operation-and-monitoring"), ("sourcing", "in-house"), ("operatorRoles", "provider, deployer"), ("aiRoles", "ai-provider"),
            ("autonomy", "recommendation"), ("oversight", "human-in-the-loop"), ("suppliers", cloud));
        await System("emotion", ("name", "Agent mood monitor"), ("purpose", "Proposed: infer call-centre agents' emotions from their voice to steer coaching."), ("owner", "aims.lead@example.org"),
            ("businessUnit", "Customer Service"), ("stage", "inception"), ("sourcing", "third-party"), ("operatorRoles", "deployer"), ("aiRoles", "ai-customer"),
            ("autonomy", "perception"), ("oversight", "human-in-the-loop"), ("description", "Stopped at intake: the screening found an Art. 5(1)(f) prohibited practice."));
        await System("fraud", ("name", "Card fraud detection"), ("purpose", "Flags card transactions for fraud review."), ("owner", "control.owner@example.org"),
            ("businessUnit", "Payments"), ("stage", "operation-and-monitoring"), ("sourcing", "in-house"), ("operatorRoles", "provider, deployer"), ("aiRoles", "ai-provider"),
            ("autonomy", "decision"), ("oversight", "human-on-the-loop"));
        await System("ocr", ("name", "Application document reader"), ("purpose", "Extracts fields from payslips and bank statements into the loan file."), ("owner", "control.owner@example.org"),
            ("businessUnit", "Retail Lending"), ("stage", "operation-and-monitoring"), ("sourcing", "in-house"), ("operatorRoles", "provider, deployer"), ("aiRoles", "ai-provider"),
            ("autonomy", "perception"), ("oversight", "human-in-the-loop"));
        await System("collections", ("name", "Collections prioritisation"), ("purpose", "Orders overdue accounts for outreach."), ("owner", "aims.lead@example.org"),
            ("businessUnit", "Collections"), ("stage", "design-and-development"), ("sourcing", "in-house"), ("operatorRoles", "provider, deployer"), ("aiRoles", "ai-provider"),
            ("autonomy", "recommendation"), ("oversight", "human-in-the-loop"));
        await System("language", ("name", "Language services"), ("purpose", "Translates internal documents and drafts customer letters."), ("owner", "aims.lead@example.org"),
            ("businessUnit", "Operations"), ("stage", "deployment"), ("sourcing", "in-house"), ("operatorRoles", "provider, deployer"), ("aiRoles", "ai-provider, ai-customer"),
            ("autonomy", "recommendation"), ("oversight", "human-in-the-loop"), ("suppliers", northwind));
        await System("assistant", ("name", "Partner assistant API"), ("purpose", "Our fine-tuned assistant model offered to partner credit unions."), ("owner", "ml.engineer@example.org"),
            ("businessUnit", "Partnerships"), ("stage", "verification-and-validation"), ("sourcing", "in-house"), ("operatorRoles", "provider"), ("aiRoles", "ai-provider, ai-producer"),
            ("autonomy", "recommendation"), ("oversight", "human-on-the-loop"), ("suppliers", northwind));
        await System("copilot", ("name", "Developer coding assistant"), ("purpose", "Code completion in the IDE for the IT department."), ("owner", "control.owner@example.org"),
            ("businessUnit", "IT"), ("stage", "operation-and-monitoring"), ("sourcing", "third-party"), ("operatorRoles", "deployer"), ("aiRoles", "ai-customer"),
            ("autonomy", "recommendation"), ("oversight", "human-in-the-loop"), ("inScope", "false"),
            ("scopeJustification", "Used only by developers on internal code, no effect on customers or employees; governed by the ISMS (ISO/IEC 27001) acceptable-use policy."));

        async Task<string> UseCase(string key, string name, (string, string)[] extra, EuAiActAnswers answers)
        {
            var reference = await s.Add(InventoryRegisters.UseCases, [("aiSystem", system[key]), ("name", name), .. extra]);
            var useCase = await registers.Db.UseCases.FirstAsync(u => u.Reference == reference, ct);
            var outcome = await UseCaseClassification.AnswerAsync(registers.Db, useCase, answers, null, ct);
            return outcome.IsOk ? reference : throw new InvalidOperationException(string.Join("; ", outcome.Messages));
        }

        await UseCase("credit", "Consumer loan decisioning", [("affectedPersons", "Loan applicants"), ("impactAssessmentDue", "2026-12-15"), ("models", gbm)],
            new() { Role = OperatorRole.Provider, AnnexIIIPoint = "5(b)", ProfilesNaturalPersons = true });
        await UseCase("hiring", "Shortlisting branch staff", [("affectedPersons", "Job applicants"), ("models", ranker)],
            new() { Role = OperatorRole.Deployer, AnnexIIIPoint = "4(a)", ProfilesNaturalPersons = true });
        await UseCase("chatbot", "Website and app chat", [("affectedPersons", "Customers"), ("models", llm)],
            new() { Role = OperatorRole.Deployer, Transparency = [TransparencyTrigger.InteractsWithPeople] });
        await UseCase("marketing", "Campaign visuals with people", [("affectedPersons", "The public"), ("models", imager)],
            new() { Role = OperatorRole.Deployer, Transparency = [TransparencyTrigger.DeepFake] });
        await UseCase("forecast", "Daily liquidity forecast", [("models", forecast)], new() { Role = OperatorRole.Provider });
        await UseCase("emotion", "Coaching from agents' voice", [("affectedPersons", "Call-centre employees")],
            new() { Role = OperatorRole.Deployer, Practices = [ProhibitedPractice.EmotionRecognitionAtWorkOrSchool] });
        await UseCase("fraud", "Card transaction screening", [("affectedPersons", "Card holders"), ("models", fraud)], new() { Role = OperatorRole.Provider });
        await UseCase("ocr", "Reading supporting documents", [("affectedPersons", "Loan applicants")],
            new() { Role = OperatorRole.Provider, AnnexIIIPoint = "5(b)", ClaimsDerogation = true, DerogationConditions = [DerogationCondition.PreparatoryTask] });
        await UseCase("collections", "Ordering outreach to overdue customers", [("affectedPersons", "Borrowers in arrears")],
            new() { Role = OperatorRole.Provider, AnnexIIIPoint = "5(b)", ClaimsDerogation = true, DerogationConditions = [DerogationCondition.PreparatoryTask], ProfilesNaturalPersons = true });
        await UseCase("language", "Internal document translation", [("models", llm)], new() { Role = OperatorRole.Provider });
        await UseCase("language", "Drafting customer letters", [("affectedPersons", "Customers"), ("models", llm)],
            new() { Role = OperatorRole.Provider, Transparency = [TransparencyTrigger.GeneratesSyntheticContent] });
        await UseCase("assistant", "Member question answering for partners", [("affectedPersons", "Partner credit union members"), ("models", assistant)],
            new() { Role = OperatorRole.Provider, Transparency = [TransparencyTrigger.InteractsWithPeople, TransparencyTrigger.GeneratesSyntheticContent] });
        await UseCase("copilot", "Code completion", [("models", llm)], new() { Role = OperatorRole.Deployer });

        await s.Add(InventoryRegisters.DataFlows, ("aiSystem", system["credit"]), ("source", "Core lending system"), ("destination", "Credit scoring service"), ("data", "Application form and account history"), ("personalData", "true"));
        await s.Add(InventoryRegisters.DataFlows, ("aiSystem", system["credit"]), ("source", "Meridian Credit Bureau API"), ("destination", "Credit scoring service"), ("data", "Bureau attributes"), ("personalData", "true"));
        await s.Add(InventoryRegisters.DataFlows, ("aiSystem", system["chatbot"]), ("source", "Website chat"), ("destination", "Northwind AI API (EU region)"), ("data", "Customer messages, redacted of account numbers"), ("personalData", "true"));
        await s.Add(InventoryRegisters.DataFlows, ("aiSystem", system["hiring"]), ("source", "Careers site"), ("destination", "TalentSift"), ("data", "CVs and application answers"), ("personalData", "true"));
        await s.Add(InventoryRegisters.Resources, ("kind", "computing"), ("name", "CloudScale GPU pool"), ("description", "Training and batch scoring, EU regions only."), ("aiSystem", system["credit"]));
        await s.Add(InventoryRegisters.Resources, ("kind", "tooling"), ("name", "MLflow model registry"), ("description", "Experiment tracking and model versions."));
        await s.Add(InventoryRegisters.Resources, ("kind", "tooling"), ("name", "Feature store"), ("description", "Shared features for credit and fraud models."), ("aiSystem", system["fraud"]));

        await s.Add(ContextRegisters.Issues, ("origin", "external"), ("title", "EU AI Act obligations for high-risk credit scoring"), ("effect", "Credit scoring must meet provider obligations; conformity work planned in 2027."));
        await s.Add(ContextRegisters.Issues, ("origin", "external"), ("title", "Customer expectations of explainable credit decisions"), ("effect", "Adverse-action reasons must be understandable."));
        await s.Add(ContextRegisters.Issues, ("origin", "internal"), ("title", "Few people with ML validation skills"), ("effect", "Independent model validation depends on two people; competence plan needed."));
        await s.Add(ContextRegisters.Issues, ("origin", "internal"), ("title", "Legacy data quality in pre-2019 loan records"), ("effect", "Older records excluded from training until remediated."));
        await s.Add(ContextRegisters.Parties, ("name", "Central Bank (prudential supervisor)"), ("origin", "external"), ("role", "Regulator"), ("requirements", "Model risk management, fair treatment of borrowers."),
            ("influence", "high"), ("interest", "high"), ("addressed", "Model validation policy; quarterly reporting."));
        await s.Add(ContextRegisters.Parties, ("name", "Loan applicants"), ("origin", "external"), ("role", "AI subjects"), ("requirements", "Fair, explainable decisions; a human to contest them."),
            ("influence", "medium"), ("interest", "high"), ("addressed", "Human review on request; reason codes in decision letters."));
        await s.Add(ContextRegisters.Parties, ("name", "Data Protection Commission"), ("origin", "external"), ("role", "Supervisory authority"), ("requirements", "Lawful processing, DPIAs, Art. 22 GDPR safeguards."),
            ("influence", "high"), ("interest", "medium"), ("addressed", "DPIAs linked to impact assessments; DPO review."));
        await s.Add(ContextRegisters.Parties, ("name", "Employees"), ("origin", "internal"), ("role", "Users and AI subjects"), ("requirements", "No covert monitoring; training on AI tools."),
            ("influence", "medium"), ("interest", "medium"), ("addressed", "Works council consultation; AI literacy programme."));
        await s.Add(ContextRegisters.Parties, ("name", "Board of directors"), ("origin", "internal"), ("role", "Top management"), ("requirements", "Risk within appetite; certification in 2027."),
            ("influence", "high"), ("interest", "high"), ("addressed", "Quarterly AIMS report and management review."));
        await s.Add(ContextRegisters.Scope, ("kind", "business-unit"), ("name", "Retail Lending"), ("description", "Consumer loans and their AI systems."));
        await s.Add(ContextRegisters.Scope, ("kind", "business-unit"), ("name", "Customer Service"));
        await s.Add(ContextRegisters.Scope, ("kind", "business-unit"), ("name", "Commercial Banking"), ("included", "false"),
            ("justification", "No AI systems in use; to be added when the SME scoring pilot starts (planned 2027)."));
        await s.Add(ContextRegisters.Scope, ("kind", "location"), ("name", "Dublin head office"));
        await s.Add(ContextRegisters.Scope, ("kind", "location"), ("name", "Lisbon service centre"));
        await s.Add(ContextRegisters.Scope, ("kind", "process"), ("name", "AI system life cycle from intake to retirement"));
        await s.Add(ContextRegisters.Scope, ("kind", "boundary"), ("boundary", "outsourced"), ("name", "Third-party model development"), ("included", "false"),
            ("justification", "Suppliers' own development processes are outside; controlled through supplier agreements (A.10)."));
        await s.Add(ContextRegisters.Scope, ("kind", "boundary"), ("boundary", "geographic"), ("name", "EU operations only"));
        await s.Add(ContextRegisters.AiRoles, ("role", "ai-provider"), ("reason", "We build and operate credit, fraud and forecasting models."));
        await s.Add(ContextRegisters.AiRoles, ("role", "ai-customer"), ("reason", "We buy hiring, language and image AI services."));
        await s.Add(ContextRegisters.AiRoles, ("role", "ai-producer"), ("reason", "We fine-tune a language model for partners."));
    }

    private sealed class Seeder(RegisterService registers, CancellationToken ct)
    {
        public async Task<string> Add(RegisterDefinition definition, params (string Field, string Value)[] values) =>
            (await registers.SaveTextsAsync(definition, null, values, ct)).Reference;
    }
}
