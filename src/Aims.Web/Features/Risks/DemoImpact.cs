using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.People;
using Aims.Domain.Risk;
using Aims.Web.Infrastructure.Registers;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Risks;

/// <summary>
/// Impact assessments of the demo lender's high-risk systems, entered through the same code as a person would: credit
/// scoring decided acceptable with its Art. 27 fields and a harm raised as a risk; candidate screening in progress;
/// collections found not acceptable, escalated, and past its review date (for the auditor's checks to find).
/// </summary>
public static class DemoImpact
{
    public static async Task SeedAsync(RegisterService registers, AimsSession session, CancellationToken ct)
    {
        var db = registers.Db;
        var organization = db.CurrentOrganizationId;
        var lead = await db.Users.Where(u => u.Email == "aims.lead@example.org").Select(u => u.Id).FirstAsync(ct);

        var credit = await AssessmentAsync(registers, "Credit scoring", "Consumer loan decisioning", ct,
            ("intendedPurpose", "Score consumer loan applications for creditworthiness; underwriters decide outside the auto-approve band."),
            ("foreseeableMisuse", "Using the score to set prices or to target marketing; treating a refusal by the model as final without human review."),
            ("affectedIndividuals", "Loan applicants, about 40,000 a year."),
            ("affectedGroups", "Young applicants with thin credit files; self-employed applicants; applicants from areas with few branches."),
            ("affectedSociety", "Access to credit in the regions served; household over-indebtedness."),
            ("mitigations", "Monthly fairness monitoring by age band and region; human review of every refusal on request; reason codes in decision letters."),
            ("residualImpact", "Some thin-file applicants are still refused more often; a human review is available and used."),
            ("dpiaReference", "DPIA-2025-03"),
            ("friaProcesses", "Consumer loan origination in Retail Lending, from application to decision letter."),
            ("friaPeriod", "Every application, continuously; about 160 a working day."),
            ("friaAffected", "Loan applicants, in particular thin-file, young and self-employed applicants."),
            ("friaRisks", "Unjustified refusals limiting access to credit (Charter Art. 21, 34); opaque reasons."),
            ("friaOversight", "Underwriters review all cases outside the auto-approve band and any refusal on request."),
            ("friaMeasures", "Complaints through the customer charter; model suspension by the model risk committee; notification to the market surveillance authority."));
        await HarmsAsync(registers, credit, ct,
            ("life-opportunities", "Thin-file applicants refused credit they could repay", "4", "3", "partly-reversible", "group"),
            ("legal-position", "A refusal without a meaningful explanation of the main reasons", "3", "2", "reversible", "individual"),
            ("psychological-wellbeing", "Distress from an automated refusal", "2", "3", "reversible", "individual"),
            ("privacy", "Bureau data used beyond the purpose of the application", "3", "2", "partly-reversible", "individual"));
        var thinFile = await db.ImpactHarms.FirstAsync(h => h.ImpactAssessmentId == credit.Id && h.Area == HarmArea.LifeOpportunities, ct);
        Ok(await ImpactOperations.RaiseRiskAsync(registers, thinFile, ct));

        var hiring = await AssessmentAsync(registers, "Candidate screening", "Shortlisting branch staff", ct,
            ("status", "in-progress"),
            ("intendedPurpose", "Rank applicants for branch roles so recruiters read the most relevant CVs first."),
            ("foreseeableMisuse", "Rejecting applicants below a rank without reading their CV."),
            ("affectedIndividuals", "Job applicants for branch roles."),
            ("affectedGroups", "Older applicants, applicants with career breaks, applicants with disabilities."),
            ("dpiaReference", "DPIA-2024-11"));
        await HarmsAsync(registers, hiring, ct,
            ("human-rights", "Indirect discrimination against applicants with career breaks (mostly women)", "4", "3", "partly-reversible", "group"),
            ("life-opportunities", "Qualified applicants never reach an interview", "3", "3", "irreversible", "individual"));

        var collections = await AssessmentAsync(registers, "Collections prioritisation", "Ordering outreach to overdue customers", ct,
            ("intendedPurpose", "Order overdue accounts so collectors call those most likely to respond first."),
            ("foreseeableMisuse", "Pressuring vulnerable customers who score as 'likely to pay'."),
            ("affectedIndividuals", "Borrowers in arrears."),
            ("affectedGroups", "Customers in financial difficulty; customers with vulnerabilities."),
            ("affectedSociety", "Fair treatment of borrowers in arrears."),
            ("mitigations", "Vulnerability flags override the order; call frequency caps."),
            ("residualImpact", "The order still favours contacting vulnerable customers more often."),
            ("friaProcesses", "Daily outreach planning in Collections."),
            ("friaPeriod", "Every working day, all accounts 5+ days overdue."),
            ("friaAffected", "Borrowers in arrears, including vulnerable customers."),
            ("friaRisks", "Undue pressure on vulnerable customers (Charter Art. 1, 38)."),
            ("friaOversight", "Team leads review the daily list; collectors may skip any account."),
            ("friaMeasures", "Complaints handling; suspension of the model by the AIMS lead."));
        await HarmsAsync(registers, collections, ct,
            ("psychological-wellbeing", "Repeated calls cause stress for customers in difficulty", "3", "3", "reversible", "individual"),
            ("societal-norms", "Collections practice seen as exploiting vulnerability", "3", "2", "partly-reversible", "society"),
            ("environment", "Compute for daily re-scoring", "1", "2", "reversible", "society"));

        // The decisions are a person's: the AIMS lead decides, as the procedure requires.
        session.SignIn(lead, organization, Role.AimsLead, Scope.Write);
        Ok(await ImpactOperations.DecideAsync(db, session, credit, new DecisionRequest { Decision = AssessmentDecision.Acceptable, Rationale = "Residual impact within appetite with human review on request and monthly fairness monitoring." }, ct));
        Ok(await ImpactOperations.DecideAsync(db, session, collections, new DecisionRequest { Decision = AssessmentDecision.NotAcceptable, Rationale = "Vulnerable customers are still contacted more often; needs the board's decision on redesign." }, ct));
        session.ActAsSystem("demo-seed", organization);

        // Collections was decided over a year ago and its review is overdue.
        var today = ImpactAssessments.Today;
        var past = new DateTimeOffset(today.AddMonths(-13).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        collections.DecidedAt = past;
        collections.EscalatedAt = past;
        collections.CompletedOn = today.AddMonths(-13);
        collections.NextReviewOn = today.AddMonths(-1);
        session.Reason = "Demo: the collections assessment was decided last year and its review is overdue.";
        await db.SaveChangesAsync(ct);
        session.Reason = null;
    }

    private static async Task<ImpactAssessment> AssessmentAsync(RegisterService registers, string system, string useCase, CancellationToken ct, params (string Field, string Value)[] values)
    {
        var db = registers.Db;
        var uc = await db.UseCases.Where(u => u.Name == useCase).Select(u => new { u.Id, u.Reference, u.AiSystemId }).FirstAsync(ct);
        var existing = await db.ImpactAssessments.Where(a => a.UseCaseId == uc.Id).OrderBy(a => a.Number).FirstOrDefaultAsync(ct);
        var texts = new List<(string Field, string Value)>();
        if (existing is null)
        {
            var sys = await db.AiSystems.Where(s => s.Name == system).Select(s => s.Reference).FirstAsync(ct);
            texts.AddRange([("aiSystem", sys), ("useCase", uc.Reference), ("trigger", "new-use-case"), ("status", "planned")]);
        }

        return (ImpactAssessment)await registers.SaveTextsAsync(ImpactRegisters.Assessments, existing, [.. texts, .. values], ct);
    }

    private static async Task HarmsAsync(RegisterService registers, ImpactAssessment assessment, CancellationToken ct, params (string Area, string Description, string Severity, string Likelihood, string Reversibility, string Scale)[] harms)
    {
        foreach (var h in harms)
        {
            await registers.SaveTextsAsync(ImpactRegisters.Harms, null,
                [("impactAssessment", assessment.Reference), ("area", h.Area), ("description", h.Description), ("severity", h.Severity),
                 ("likelihood", h.Likelihood), ("reversibility", h.Reversibility), ("scale", h.Scale)], ct);
        }
    }

    private static T Ok<T>(Infrastructure.Outcome<T> outcome) => outcome.IsOk ? outcome.Value! : throw new InvalidOperationException(string.Join("; ", outcome.Messages));
}
