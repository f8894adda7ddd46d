using System.Net;
using System.Text;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Assurance;
using Aims.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Assurance;

/// <summary>The gap report an AIMS lead sends to top management: summary, severity matrix, prioritized gaps, action plan.</summary>
public static class GapReport
{
    public static async Task<string> RenderAsync(AimsDbContext db, GapAssessment assessment, CancellationToken ct)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var rows = await AssessmentResults.RowsAsync(db, assessment, ct);
        var gaps = await db.Gaps.AsNoTracking().Where(g => g.AssessmentId == assessment.Id && g.Status == GapState.Open).ToListAsync(ct);
        gaps = [.. gaps.OrderByDescending(g => GapPriority.Rank(g.RequiredForCertification, g.Priority)).ThenBy(g => g.Number)];
        var gapIds = gaps.Select(g => g.Id).ToList();
        var actions = await (from a in db.CorrectiveActions.AsNoTracking()
                             where a.GapId != null && gapIds.Contains(a.GapId.Value)
                             join p in db.Users on a.OwnerId equals p.Id into owners
                             from p in owners.DefaultIfEmpty()
                             orderby a.DueOn, a.Number
                             select new { a.Reference, a.Title, a.GapId, a.DueOn, a.Status, a.Phase, Owner = p == null ? "" : p.Email }).ToListAsync(ct);
        var matrix = (await AssuranceSettings.MatrixAsync(db, ct)).Value;
        var organization = await db.Organizations.Where(o => o.Id == db.CurrentOrganizationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        var today = AssuranceSettings.Today;

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Gap report ").Append(E(assessment.Reference)).Append("</title>")
            .Append("<style>body{font-family:sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{border:1px solid #999;padding:.3rem;text-align:left;vertical-align:top;font-size:.9rem}.late{color:#8a1c1c;font-weight:bold}</style></head><body>")
            .Append("<h1>Gap report: ").Append(E(assessment.Title)).Append("</h1>")
            .Append("<p>").Append(E(organization)).Append(" · ").Append(E(assessment.Reference)).Append(" · framework ").Append(E(assessment.Framework))
            .Append(" · assessors ").Append(E(assessment.Assessors.Length == 0 ? "not named" : assessment.Assessors))
            .Append(" · ").Append(E(assessment.AssessedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "undated")).Append("</p>");

        html.Append("<h2>Summary</h2><ul>")
            .Append($"<li>{rows.Count(r => r.Status is not null)} of {rows.Count} requirements assessed.</li>");
        foreach (var status in Enum.GetValues<ComplianceStatus>())
        {
            html.Append($"<li>{E(EnumText.Of(status))}: {rows.Count(r => r.Status == status)}</li>");
        }

        html.Append($"<li>Open gaps: {gaps.Count} — ")
            .Append(string.Join(", ", Enum.GetValues<AuditClass>().Reverse().Select(c => $"{gaps.Count(g => g.PredictedClass == EnumText.Of(c))} {E(GapSeverityMatrix.Name(c))}")))
            .Append(" if still open at the certification audit.</li></ul>");

        html.Append("<h2>Gap severity matrix</h2><table><thead><tr><th scope=\"col\">Requirement</th><th scope=\"col\">Finding</th><th scope=\"col\">Not compliant</th><th scope=\"col\">Partially compliant</th><th scope=\"col\">Certification impact</th><th scope=\"col\">Typical remediation</th></tr></thead><tbody>");
        foreach (var rule in matrix.Rules)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(rule.Requirement)).Append("</th><td>").Append(E(rule.Finding)).Append("</td><td>")
                .Append(E(GapSeverityMatrix.Name(rule.NotCompliant))).Append(rule.WhenSevere is { } s ? " (" + E(GapSeverityMatrix.Name(s)) + " when severe)" : "").Append("</td><td>")
                .Append(E(GapSeverityMatrix.Name(rule.PartiallyCompliant))).Append("</td><td>").Append(E(rule.CertificationImpact)).Append("</td><td>").Append(E(rule.Remediation)).Append("</td></tr>");
        }

        html.Append("</tbody></table><h2>Prioritized gaps</h2>");
        if (gaps.Count == 0)
        {
            html.Append("<p>No open gaps.</p>");
        }
        else
        {
            html.Append("<table><thead><tr><th scope=\"col\">Gap</th><th scope=\"col\">Requirement</th><th scope=\"col\">Predicted class</th><th scope=\"col\">Priority</th><th scope=\"col\">Category</th><th scope=\"col\">Rule</th><th scope=\"col\">Remediation</th></tr></thead><tbody>");
            foreach (var g in gaps)
            {
                html.Append("<tr><th scope=\"row\">").Append(E(g.Reference)).Append("</th><td>").Append(E(g.Title)).Append("</td><td>").Append(E(g.PredictedClass)).Append("</td><td>")
                    .Append(E(GapPriority.Band(g.Priority))).Append($" ({g.Priority})").Append(g.RequiredForCertification ? ", required for certification" : "").Append("</td><td>")
                    .Append(E(EnumText.Of(g.Category))).Append("</td><td>").Append(E(g.ClassRule)).Append("</td><td>").Append(E(g.Remediation)).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("<h2>Action plan</h2>");
        if (actions.Count == 0)
        {
            html.Append("<p>No actions yet: turn each gap into an action with an owner and a due date.</p>");
        }
        else
        {
            var gapRef = gaps.ToDictionary(g => g.Id, g => g.Reference);
            html.Append("<table><thead><tr><th scope=\"col\">Action</th><th scope=\"col\">Gap</th><th scope=\"col\">Owner</th><th scope=\"col\">Due</th><th scope=\"col\">Phase</th><th scope=\"col\">Status</th></tr></thead><tbody>");
            foreach (var a in actions)
            {
                var late = ActionPlan.IsOverdue(a.DueOn, a.Status, today);
                html.Append("<tr><th scope=\"row\">").Append(E(a.Reference)).Append(' ').Append(E(a.Title)).Append("</th><td>").Append(E(gapRef.GetValueOrDefault(a.GapId!.Value, ""))).Append("</td><td>")
                    .Append(E(a.Owner.Length == 0 ? "no owner" : a.Owner)).Append("</td><td").Append(late ? " class=\"late\"" : "").Append('>')
                    .Append(E(a.DueOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "no date")).Append(late ? " (overdue)" : "").Append("</td><td>")
                    .Append(E(EnumText.Of(a.Phase))).Append("</td><td>").Append(E(EnumText.Of(a.Status))).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        return html.Append($"<p>Generated by Aims on {today:yyyy-MM-dd}.</p></body></html>").ToString();
    }
}
