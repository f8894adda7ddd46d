using Aims.Data.Entities;
using Aims.Domain.Risk;
using Aims.Web.Infrastructure.Registers;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Risks;

/// <summary>
/// The demo lender's risk criteria (the defaults, adopted), two controls of its own and a register covering all nine
/// dimensions, with treatment by Annex A controls and residual risks accepted by the roles the appetite allows.
/// </summary>
public static class DemoRisks
{
    public static async Task SeedAsync(RegisterService service, CancellationToken ct)
    {
        var db = service.Db;
        var adopted = await RiskCriteriaApi.SaveAsync(db, RiskCriteria.Default, null, ct);
        if (!adopted.IsOk)
        {
            throw new InvalidOperationException(string.Join("; ", adopted.Messages));
        }

        async Task<string> Add(RegisterDefinition definition, params (string Field, string Value)[] values) =>
            (await service.SaveTextsAsync(definition, null, values, ct)).Reference;

        var system = await db.AiSystems.ToDictionaryAsync(s => s.Name, s => s.Reference, ct);
        var dataset = await db.Datasets.ToDictionaryAsync(d => d.Name, d => d.Reference, ct);
        var supplier = await db.Suppliers.ToDictionaryAsync(s => s.Name, s => s.Reference, ct);
        var guardrails = await Add(RiskRegisters.Controls, ("name", "LLM guardrail gateway"), ("description", "All prompts and completions pass a filter for injection patterns, PII and off-topic answers."),
            ("owner", "ml.engineer@example.org"), ("mapping", "iso42001:A.6.2.4, iso27001:8"));
        var fairness = await Add(RiskRegisters.Controls, ("name", "Quarterly fairness review"), ("description", "Approval-rate and error-rate gaps by protected group, reviewed by the model risk committee."),
            ("owner", "control.owner@example.org"), ("mapping", "iso42001:A.6.2.4, iso42001:A.7.4"));

        var today = RiskScoring.Today;
        string Date(int days) => today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (string, string)[] Common(string owner, int review) => [("owner", owner), ("nextReviewOn", Date(review))];

        var bias = await Add(RiskRegisters.Risks, [("title", "Credit model disadvantages applicants by proxy for ethnicity"), ("dimension", "ethical-fairness"), ("riskSource", "C.3.4"),
            ("objectives", "C.2.5, C.2.11"), ("aiSystems", system["Credit scoring"]), ("datasets", dataset["Credit model training set v7"]),
            ("inherentLikelihood", "3"), ("inherentImpact", "5"), ("treatment", "modify"), ("treatmentPlan", "Remove postcode features; fairness constraints in training; quarterly review."),
            ("annexAControls", "A.6.2.4, A.7.4, A.5.4"), ("ownControls", fairness), ("residualLikelihood", "2"), ("residualImpact", "4"), .. Common("aims.lead@example.org", 90)]);
        await Add(RiskRegisters.Risks, [("title", "Drift in applicant population degrades default predictions"), ("dimension", "technical-performance"), ("riskSource", "C.3.6"),
            ("objectives", "C.2.8"), ("aiSystems", system["Credit scoring"]), ("inherentLikelihood", "4"), ("inherentImpact", "3"), ("treatment", "modify"),
            ("treatmentPlan", "Monthly population stability index; retraining trigger."), ("annexAControls", "A.6.2.6"), ("residualLikelihood", "2"), ("residualImpact", "3"), .. Common("ml.engineer@example.org", 60)]);
        await Add(RiskRegisters.Risks, [("title", "Chat assistant follows injected instructions from pasted documents"), ("dimension", "security"), ("threat", "prompt-injection"), ("riskSource", "C.3.1"),
            ("objectives", "C.2.10"), ("aiSystems", system["Customer service assistant"]), ("suppliers", supplier["Northwind AI"]), ("inherentLikelihood", "4"), ("inherentImpact", "4"),
            ("treatment", "modify"), ("treatmentPlan", "Guardrail gateway; no tool access to account actions; red-team tests each release."), ("annexAControls", "A.6.2.5, A.6.2.4"),
            ("ownControls", guardrails), ("residualLikelihood", "2"), ("residualImpact", "3"), .. Common("aims.lead@example.org", 45)]);
        await Add(RiskRegisters.Risks, [("title", "Poisoned bureau extract shifts scores"), ("dimension", "security"), ("threat", "data-poisoning"), ("riskSource", "C.3.4"), ("objectives", "C.2.3, C.2.10"),
            ("aiSystems", system["Credit scoring"]), ("datasets", dataset["Bureau attributes"]), ("suppliers", supplier["Meridian Credit Bureau"]), ("inherentLikelihood", "2"), ("inherentImpact", "4"),
            ("treatment", "modify"), ("treatmentPlan", "Signed extracts; distribution checks before training."), ("annexAControls", "A.7.3, A.7.5"), .. Common("control.owner@example.org", 120)]);
        await Add(RiskRegisters.Risks, [("title", "Training data incomplete for thin-file applicants"), ("dimension", "data-quality"), ("riskSource", "C.3.4"), ("objectives", "C.2.3"),
            ("datasets", dataset["Loan applications 2019–2024"]), ("aiSystems", system["Credit scoring"]), ("inherentLikelihood", "3"), ("inherentImpact", "3"),
            ("treatment", "retain"), ("treatmentPlan", "Manual underwriting for thin files."), ("annexAControls", "A.7.4"), ("residualLikelihood", "3"), ("residualImpact", "2"), .. Common("control.owner@example.org", 200)]);
        await Add(RiskRegisters.Risks, [("title", "Shortlists exclude older candidates"), ("dimension", "societal-impact"), ("riskSource", "C.3.3"), ("objectives", "C.2.5"),
            ("aiSystems", system["Candidate screening"]), ("suppliers", supplier["TalentSift"]), ("inherentLikelihood", "3"), ("inherentImpact", "4"), .. Common("control.owner@example.org", -10)]);
        await Add(RiskRegisters.Risks, [("title", "Supplier changes the ranking model without notice"), ("dimension", "third-party-supply-chain"), ("riskSource", "C.3.6"), ("objectives", "C.2.1"),
            ("aiSystems", system["Candidate screening"]), ("suppliers", supplier["TalentSift"]), ("inherentLikelihood", "3"), ("inherentImpact", "3"), ("treatment", "share"),
            ("treatmentPlan", "Contract clause: 30 days' notice and validation report for any model change."), ("annexAControls", "A.10.3"), ("residualLikelihood", "2"), ("residualImpact", "3"),
            .. Common("aims.lead@example.org", 150)]);
        await Add(RiskRegisters.Risks, [("title", "Applicants cannot understand why they were refused"), ("dimension", "explainability"), ("riskSource", "C.3.2"), ("objectives", "C.2.11"),
            ("aiSystems", system["Credit scoring"]), ("inherentLikelihood", "4"), ("inherentImpact", "3"), ("treatment", "modify"), ("treatmentPlan", "Reason codes from SHAP values in decision letters."),
            ("annexAControls", "A.8.2, A.8.3"), ("residualLikelihood", "2"), ("residualImpact", "2"), .. Common("aims.lead@example.org", 180)]);
        await Add(RiskRegisters.Risks, [("title", "Chat transcripts retained beyond purpose"), ("dimension", "privacy"), ("riskSource", "C.3.6"), ("objectives", "C.2.7"),
            ("aiSystems", system["Customer service assistant"]), ("datasets", dataset["Chat transcripts"]), ("inherentLikelihood", "3"), ("inherentImpact", "3"), ("treatment", "modify"),
            ("treatmentPlan", "30-day retention; redaction before storage."), ("annexAControls", "A.7.2"), .. Common("control.owner@example.org", 100)]);
        await Add(RiskRegisters.Risks, [("title", "High-risk obligations not met before the application date"), ("dimension", "legal-regulatory"), ("objectives", "C.2.1"),
            ("aiSystems", system["Credit scoring"]), ("inherentLikelihood", "3"), ("inherentImpact", "5"), ("treatment", "modify"), ("treatmentPlan", "Conformity programme with quarterly board reporting."),
            ("annexAControls", "A.2.2, A.3.2, A.6.2.7"), ("residualLikelihood", "2"), ("residualImpact", "5"), .. Common("aims.lead@example.org", 30)]);
        await Add(RiskRegisters.Risks, [("title", "Marketing images depict people misleadingly"), ("dimension", "ethical-fairness"), ("riskSource", "C.3.2"), ("objectives", "C.2.11"),
            ("aiSystems", system["Campaign image studio"]), ("inherentLikelihood", "2"), ("inherentImpact", "2"), ("treatment", "retain"), ("residualLikelihood", "2"), ("residualImpact", "2"),
            ("annexAControls", "A.8.2"), .. Common("board@example.org", 300)]);

        // Residual risks accepted by the roles the appetite allows: medium by the AIMS lead, low by a control owner.
        var lead = await db.Users.Where(u => u.Email == "aims.lead@example.org").Select(u => u.Id).FirstAsync(ct);
        var owner = await db.Users.Where(u => u.Email == "control.owner@example.org").Select(u => u.Id).FirstAsync(ct);
        foreach (var risk in await db.Risks.Where(r => r.ResidualLevel != "" && r.Treatment != null).ToListAsync(ct))
        {
            if (risk.Reference == bias || risk.ResidualLevel is "high" or "very-high")
            {
                continue;
            }

            (risk.AcceptedById, risk.AcceptedRole) = risk.ResidualLevel == "low" ? (owner, "control-owner") : (lead, "aims-lead");
            risk.AcceptedLevel = risk.ResidualLevel;
            risk.AcceptedAt = Clock.Now();
            risk.AcceptanceRationale = "Residual within appetite after the treatment; reviewed at the AI risk committee.";
        }

        await db.SaveChangesAsync(ct);
    }
}
