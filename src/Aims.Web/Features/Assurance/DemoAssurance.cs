using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Assurance;
using Aims.Domain.People;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Registers;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Assurance;

/// <summary>
/// The demo lender before its audit: a completed ISO/IEC 42001 gap assessment with gaps of every class, an action plan
/// in progress (one overdue), a SoA approved once with rows still not audit-ready, and a target Stage 2 date.
/// </summary>
public static class DemoAssurance
{
    public static async Task SeedAsync(RegisterService service, AimsSession session, CancellationToken ct)
    {
        var db = service.Db;
        var organization = db.CurrentOrganizationId;
        var today = AssuranceSettings.Today;
        string Date(int days) => today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        Ok(await AssuranceSettings.SavePlanAsync(db, new CertificationPlan(today.AddDays(75), today.AddDays(120), today.AddDays(-45), null, "", null, ""), null, ct));

        var assessment = (GapAssessment)await service.SaveTextsAsync(AssuranceRegisters.Assessments, null,
            [("title", "ISO/IEC 42001 pre-certification gap assessment"), ("framework", "iso42001"), ("assessors", "Priya Raman (AIMS lead), Jonas Berg (internal audit)"),
             ("assessedOn", Date(-14)), ("status", "in-progress"), ("notes", "Interviews with control owners and a walk through the model life cycle.")], ct);
        var compliant = new ResultRequest { Status = ComplianceStatus.Compliant, InPlace = true, Working = true, Documented = true };
        foreach (var id in new[] { "4.1", "4.2", "4.3", "4.4", "5.1", "5.3", "6.1.1", "7.1", "7.3", "8.1", "A.2.2", "A.3.2", "A.4.2", "A.6.2.4", "A.7.4" })
        {
            Ok(await AssessmentOperations.RecordAsync(service, assessment, id, compliant, null, ct));
        }

        (string Id, ComplianceStatus Status, string Notes)[] gaps =
        [
            ("5.2", ComplianceStatus.PartiallyCompliant, "The AI policy exists in draft; not approved by top management nor communicated."),
            ("6.2", ComplianceStatus.NotCompliant, "Objectives are stated as intentions; none is measurable."),
            ("7.2", ComplianceStatus.PartiallyCompliant, "Training records missing for two ML engineers."),
            ("9.3.3", ComplianceStatus.PartiallyCompliant, "Management review minutes list no decisions on AI risks."),
            ("A.6.2.6", ComplianceStatus.NotCompliant, "No monitoring of models in operation beyond uptime."),
            ("A.8.2", ComplianceStatus.PartiallyCompliant, "User documentation for the chatbot lacks its limits."),
        ];
        foreach (var (id, status, notes) in gaps)
        {
            Ok(await AssessmentOperations.RecordAsync(service, assessment, id, new ResultRequest { Status = status, Notes = notes, InPlace = status == ComplianceStatus.PartiallyCompliant, Documented = false }, null, ct));
        }

        await service.SaveTextsAsync(AssuranceRegisters.Assessments, assessment, [("status", "completed")], ct);
        var open = await db.Gaps.Where(g => g.AssessmentId == assessment.Id).ToDictionaryAsync(g => g.Requirement, ct);
        var monitoring = open["iso42001:A.6.2.6"];
        await service.SaveTextsAsync(AssuranceRegisters.Gaps, monitoring, [("category", "technical"), ("inherentRisk", "5"), ("regulatoryExposure", "4"), ("complexity", "4")], ct);

        var policyAction = Ok(await GapOperations.ActionAsync(service, open["iso42001:5.2"], new GapActionRequest { Owner = "aims.lead@example.org", DueOn = today.AddDays(10) }, ct));
        await service.SaveTextsAsync(AssuranceRegisters.Actions, policyAction, [("status", "in-progress")], ct);
        var objectives = Ok(await GapOperations.ActionAsync(service, open["iso42001:6.2"], new GapActionRequest { Owner = "control.owner@example.org", DueOn = today.AddDays(-3) }, ct));
        _ = objectives;
        var competence = Ok(await GapOperations.ActionAsync(service, open["iso42001:7.2"], new GapActionRequest { Owner = "ml.engineer@example.org", DueOn = today.AddDays(-20) }, ct));
        await service.SaveTextsAsync(AssuranceRegisters.Actions, competence, [("status", "done"), ("completedOn", Date(-18)), ("closureEvidence", "Training records TR-2026-31 and TR-2026-32")], ct);
        Ok(await GapOperations.ActionAsync(service, monitoring, new GapActionRequest { Owner = "ml.engineer@example.org", DueOn = today.AddDays(40) }, ct));

        // The AIMS has operated for six weeks, so the missing monitoring is a nonconformity with its 10.2 record, not only a gap.
        var nc = Ok(await GapOperations.NonconformityAsync(service, monitoring, ct));
        await service.SaveTextsAsync(AssuranceRegisters.Nonconformities, nc, [("correction", "Manual weekly review of score drift until monitoring is in place."),
            ("rootCause", "Monitoring was left to the vendor's uptime alerts; no owner for model performance in operation."),
            ("similarElsewhere", "The chatbot has the same gap; included in the corrective action."), ("correctiveActionTaken", "Drift and performance monitoring for all deployed models (ACT plan)."),
            ("owner", "ml.engineer@example.org"), ("dueOn", Date(40)), ("status", "corrective-action-taken")], ct);

        // Traceability for a share of the controls; the rest stay not audit-ready, as before a real audit.
        (string Control, string Procedure, string Evidence, string Owner)[] traced =
        [
            ("A.2.2", "POL-AI-01", "Board minutes 2026-09", "aims.lead@example.org"),
            ("A.6.2.4", "PRC-ML-04 model validation", "Validation report credit v7", "ml.engineer@example.org"),
            ("A.7.4", "PRC-DATA-02 data quality", "DQ dashboard export 2026-11", "control.owner@example.org"),
            ("A.7.2", "PRC-DATA-01 data management", "", "control.owner@example.org"),
        ];
        foreach (var (control, procedure, evidence, owner) in traced)
        {
            Ok(await Soa.SaveAsync(service, control, new SoaRequest
            {
                Decision = ApplicabilityDecision.Derived, Status = evidence.Length > 0 ? ImplementationStatus.Implemented : ImplementationStatus.PartiallyImplemented,
                PlannedOn = evidence.Length > 0 ? null : today.AddDays(30), Procedure = procedure, Evidence = evidence, Responsible = owner,
            }, null, ct));
        }

        Ok(await Soa.SaveAsync(service, "A.10.4", new SoaRequest { Decision = ApplicabilityDecision.Excluded, Justification = "The organization supplies no AI systems to customers." }, null, ct));
        Ok(await Soa.SaveAsync(service, "A.6.2.6", new SoaRequest
        {
            Decision = ApplicabilityDecision.Applicable, Drivers = [ApplicabilityDriver.Legal], Justification = "EU AI Act Art. 26(5) monitoring duty as deployer.",
            Status = ImplementationStatus.Planned, PlannedOn = today.AddDays(40), Responsible = "ml.engineer@example.org",
        }, null, ct));

        // Asked by the AIMS lead, approved by the administrator: the one approval mechanism, as in real use.
        var lead = await db.Users.Where(u => u.Email == "aims.lead@example.org").Select(u => u.Id).FirstAsync(ct);
        session.SignIn(lead, organization, Role.AimsLead, Scope.Write);
        var asked = Ok(await Soa.ApproveAsync(db, TimeProvider.System, "First SoA for Stage 1 documentation review.", Domain.Approvals.Channel.Web, ct));
        var admin = await db.Users.Where(u => u.Email == "admin@example.org").Select(u => u.Id).FirstAsync(ct);
        session.SignIn(admin, organization, Role.Administrator, Scope.Admin);
        Ok(await Approvals.ApprovalService.DecideAsync(db, TimeProvider.System, asked.Reference,
            new Approvals.DecideRequest { Verdict = "approve", Rationale = "Reviewed with the AIMS lead; ready for Stage 1." }, null, Domain.Approvals.Channel.Web, ct));
        session.ActAsSystem("demo-seed", organization);
    }

    private static T Ok<T>(Outcome<T> outcome) =>
        outcome.IsOk ? outcome.Value! : throw new InvalidOperationException("demo assurance: " + string.Join("; ", outcome.Messages));
}
