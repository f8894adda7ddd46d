using System.Globalization;
using System.Net;
using System.Text;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Risk;
using Aims.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Risks;

/// <summary>
/// A system's impact assessments as one readable, self-contained HTML document (no scripts, fonts or images from
/// anywhere): every revision, oldest first, with harms, decision, escalation and the Art. 27 fields. The same data
/// gives the same bytes (no time of export in it), so a copy can be compared or hashed.
/// </summary>
public static class ImpactExport
{
    private const string Style = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.45}"
        + "h1,h2,h3{line-height:1.2}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}"
        + "th{background:#eee}dt{font-weight:600;margin-top:.5rem}dd{margin:0 0 0 1rem;white-space:pre-wrap}.warn{border-left:4px solid #b00;padding:.3rem .6rem;background:#fee}"
        + "section{border-top:2px solid #333;margin-top:2rem}.muted{color:#555}";

    public static async Task<string?> HtmlAsync(AimsDbContext db, string systemReference, CancellationToken ct)
    {
        var system = await db.AiSystems.AsNoTracking().FirstOrDefaultAsync(s => s.Reference == systemReference, ct);
        if (system is null)
        {
            return null;
        }

        var assessments = await db.ImpactAssessments.AsNoTracking().Where(a => a.AiSystemId == system.Id).OrderBy(a => a.Number).ToListAsync(ct);
        var ids = assessments.Select(a => a.Id).ToList();
        var harms = (await db.ImpactHarms.AsNoTracking().Where(h => ids.Contains(h.ImpactAssessmentId)).OrderBy(h => h.Number).ToListAsync(ct)).ToLookup(h => h.ImpactAssessmentId);
        var useCases = await db.UseCases.AsNoTracking().IgnoreQueryFilters([AimsDbContext.SoftDeleteFilter]).Where(u => u.AiSystemId == system.Id)
            .ToDictionaryAsync(u => u.Id, u => $"{u.Reference} {u.Name}", ct);
        var riskIds = harms.SelectMany(g => g).Select(h => h.RiskId).OfType<Guid>().ToList();
        var risks = await db.Risks.AsNoTracking().IgnoreQueryFilters([AimsDbContext.SoftDeleteFilter]).Where(r => riskIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Reference, ct);
        var personIds = assessments.SelectMany(a => new[] { a.OwnerId, a.DecidedById }).OfType<Guid>().Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => $"{p.DisplayName} <{p.Email}>", ct);
        var art27 = await ImpactAssessments.Art27Async(db, assessments, ct);
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == db.CurrentOrganizationId).Select(o => o.Name).FirstAsync(ct);

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Impact assessments of ").Append(E(system.Reference)).Append(' ').Append(E(system.Name))
            .Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>AI system impact assessments: ").Append(E(system.Reference)).Append(' ').Append(E(system.Name)).Append("</h1>\n");
        html.Append("<p class=\"muted\">").Append(E(organization)).Append(". ISO/IEC 42001:2023 clauses 6.1.4 and 8.4, Annex A controls A.5.2–A.5.5. Every revision, oldest first.</p>\n");
        html.Append("<p>Purpose of the system: ").Append(E(system.Purpose.Length > 0 ? system.Purpose : "not recorded")).Append("</p>\n");
        if (assessments.Count == 0)
        {
            html.Append("<p>No impact assessment has been recorded for this system.</p>\n");
        }

        foreach (var a in assessments)
        {
            Assessment(html, a, harms[a.Id].ToList(), useCases, risks, people, art27[a.Id]);
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Assessment(StringBuilder html, ImpactAssessment a, List<ImpactHarm> harms, Dictionary<Guid, string> useCases, Dictionary<Guid, string> risks,
        Dictionary<Guid, string> people, bool art27)
    {
        html.Append("<section id=\"").Append(E(a.Reference)).Append("\">\n<h2>").Append(E(a.Reference)).Append(a.UseCaseId is { } u ? ": " + E(useCases.GetValueOrDefault(u, "")) : ": the whole system").Append("</h2>\n");
        html.Append("<table>\n");
        Row(html, "Trigger", EnumText.Of(a.Trigger));
        Row(html, "Status", EnumText.Of(a.Status));
        Row(html, "Owner", a.OwnerId is { } o ? people.GetValueOrDefault(o, "") : "");
        Row(html, "Due", Date(a.DueOn));
        Row(html, "Completed on", Date(a.CompletedOn));
        Row(html, "Next review", Date(a.NextReviewOn));
        Row(html, "DPIA reference", a.DpiaReference.Length > 0 ? a.DpiaReference + " (a reference, not a substitute)" : "");
        html.Append("</table>\n");
        if (ImpactRules.PrivacyOnly(harms.Select(h => h.Area).ToList()))
        {
            html.Append("<p class=\"warn\">Only privacy harms are considered: a DPIA is not an AI system impact assessment (6.1.4, A.5.4, A.5.5).</p>\n");
        }

        html.Append("<dl>\n");
        Term(html, "Intended purpose", a.IntendedPurpose);
        Term(html, "Reasonably foreseeable misuse", a.ForeseeableMisuse);
        Term(html, "Affected individuals", a.AffectedIndividuals);
        Term(html, "Affected groups", a.AffectedGroups);
        Term(html, "Effects on society", a.AffectedSociety);
        html.Append("</dl>\n<h3>Harms considered</h3>\n");
        if (harms.Count == 0)
        {
            html.Append("<p>None recorded.</p>\n");
        }
        else
        {
            html.Append("<table>\n<tr><th scope=\"col\">Harm</th><th scope=\"col\">Area</th><th scope=\"col\">Description</th><th scope=\"col\">Severity</th><th scope=\"col\">Likelihood</th>")
                .Append("<th scope=\"col\">Reversibility</th><th scope=\"col\">Scale</th><th scope=\"col\">Mitigation</th><th scope=\"col\">Risk</th></tr>\n");
            foreach (var h in harms)
            {
                html.Append("<tr><td>").Append(E(h.Reference)).Append("</td><td>").Append(EnumText.Of(h.Area)).Append("</td><td>").Append(E(h.Description)).Append("</td><td>")
                    .Append(h.Severity.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(h.Likelihood.ToString(CultureInfo.InvariantCulture)).Append("</td><td>")
                    .Append(EnumText.Of(h.Reversibility)).Append("</td><td>").Append(EnumText.Of(h.Scale)).Append("</td><td>").Append(E(h.Mitigation)).Append("</td><td>")
                    .Append(h.RiskId is { } r ? E(risks.GetValueOrDefault(r, "")) : "").Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("<dl>\n");
        Term(html, "Mitigations", a.Mitigations);
        Term(html, "Residual impact", a.ResidualImpact);
        html.Append("</dl>\n<h3>Decision</h3>\n");
        if (a.Decision is { } decision)
        {
            html.Append("<p><strong>").Append(decision == AssessmentDecision.Acceptable ? "Acceptable" : "Not acceptable").Append("</strong>, decided by ")
                .Append(E(a.DecidedById is { } d ? people.GetValueOrDefault(d, "") : "")).Append(" on ").Append(Date(a.DecidedAt is { } t ? DateOnly.FromDateTime(t.UtcDateTime) : null))
                .Append(".</p>\n<p>").Append(E(a.DecisionRationale)).Append("</p>\n");
            if (a.EscalatedTo.Length > 0)
            {
                html.Append("<p class=\"warn\">Escalated to ").Append(E(a.EscalatedTo)).Append(" on ").Append(Date(a.EscalatedAt is { } e ? DateOnly.FromDateTime(e.UtcDateTime) : null)).Append(".</p>\n");
            }
        }
        else
        {
            html.Append("<p>Not decided yet.</p>\n");
        }

        if (art27 || Fria(a).Any(f => f.Value.Length > 0))
        {
            html.Append("<h3>Fundamental rights impact assessment (EU AI Act Art. 27)</h3>\n<dl>\n");
            foreach (var (label, value) in Fria(a))
            {
                Term(html, label, value);
            }

            html.Append("</dl>\n");
        }

        html.Append("</section>\n");
    }

    private static (string Label, string Value)[] Fria(ImpactAssessment a) =>
    [
        ("Art. 27(1)(a) Processes in which the system is used", a.FriaProcesses), ("Art. 27(1)(b) Period and frequency of use", a.FriaPeriod),
        ("Art. 27(1)(c) Categories of persons and groups affected", a.FriaAffected), ("Art. 27(1)(d) Specific risks of harm", a.FriaRisks),
        ("Art. 27(1)(e) Human oversight measures", a.FriaOversight), ("Art. 27(1)(f) Measures if the risks materialise", a.FriaMeasures),
    ];

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<tr><th scope=\"row\">").Append(E(label)).Append("</th><td>").Append(value.Length > 0 ? E(value) : "—").Append("</td></tr>\n");

    private static void Term(StringBuilder html, string label, string value) =>
        html.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(value.Length > 0 ? E(value) : "—").Append("</dd>\n");

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
