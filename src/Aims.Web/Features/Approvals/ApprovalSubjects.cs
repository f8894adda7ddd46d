using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Approvals;
using Aims.Domain.Inventory;
using Aims.Domain.People;
using Aims.Web.Features.Assurance;
using Aims.Web.Features.Risks;
using Aims.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Approvals;

/// <summary>The record an action is about, as it stood when the action was asked for.</summary>
public sealed record Subject(string Type, Guid? Id, string Reference, string Version, string Title, ApprovalContext Context);

/// <summary>
/// Each action's subject (what it names, what must hold before asking) and effect (what approving does, in the same
/// transaction as the deciding decision). The effect refuses a subject that changed since the request was asked:
/// approvers approve what they saw.
/// </summary>
public static class ApprovalSubjects
{
    public static async Task<Outcome<Subject>> ResolveAsync(AimsDbContext db, ApprovalAction action, string subject, CancellationToken ct)
    {
        subject = subject.Trim();
        switch (action)
        {
            case ApprovalAction.AcceptResidualRisk:
                var risk = await db.Risks.AsNoTracking().FirstOrDefaultAsync(r => r.Reference == subject, ct);
                if (risk is null)
                {
                    return Outcome<Subject>.Invalid("subject", $"must be the reference of a risk of this organization; {subject} is not one");
                }

                if (risk.ResidualLevel.Length == 0)
                {
                    return Outcome<Subject>.Invalid("residualLikelihood", "score the residual risk (likelihood and impact) before accepting it");
                }

                if (risk.Treatment is null)
                {
                    return Outcome<Subject>.Invalid("treatment", "choose a treatment before accepting the residual risk");
                }

                if (risk.AcceptedAt is not null)
                {
                    return Outcome<Subject>.Conflict($"The residual risk of {risk.Reference} is already accepted; withdraw the acceptance first.");
                }

                var harms = await db.ImpactHarms.AsNoTracking().Where(h => h.RiskId == risk.Id).Select(h => h.ImpactAssessmentId).ToListAsync(ct);
                var assessments = await db.ImpactAssessments.AsNoTracking().Where(a => harms.Contains(a.Id)).OrderBy(a => a.Number).Select(a => a.Reference).ToListAsync(ct);
                return Ok("risk", risk.Id, risk.Reference, risk.Version, $"Accept the {risk.ResidualLevel} residual risk of {risk.Reference} {risk.Title}",
                    new ApprovalContext([risk.Reference], assessments, [.. await LinkedAsync(db, risk.Id, ct)]));

            case ApprovalAction.ApproveSoaVersion:
                if (!subject.Equals("soa", StringComparison.OrdinalIgnoreCase) && subject.Length > 0)
                {
                    return Outcome<Subject>.Invalid("subject", "must be soa (the Statement of Applicability as it stands)");
                }

                var rows = await Soa.RowsAsync(db, ct);
                var next = (await Soa.LatestNumberAsync(db, ct) ?? 0) + 1;
                var notReady = rows.Count(r => r.Applicable && !r.AuditReady);
                return Ok("soa", null, "SoA", SoaFingerprint(rows), $"Approve and freeze the Statement of Applicability as version {next}",
                    new ApprovalContext([.. rows.SelectMany(r => r.Risks).Distinct().Order(StringComparer.Ordinal).Take(50)], [],
                        [$"{rows.Count(r => r.Applicable)} applicable controls, {notReady} not audit-ready"]));

            case ApprovalAction.PromoteModelVersion:
                var version = await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Reference == subject, ct);
                if (version is null)
                {
                    return Outcome<Subject>.Invalid("subject", $"must be the reference of a model version (MV-n) of this organization; {subject} is not one");
                }

                var model = await db.Models.AsNoTracking().FirstAsync(m => m.Id == version.ModelId, ct);
                if (await ProductionVersionAsync(db, model.Id, ct) == version.Id)
                {
                    return Outcome<Subject>.Conflict($"{version.Reference} is already the production version of {model.Reference}.");
                }

                var linked = await LinkedAsync(db, model.Id, ct);
                return Ok("model-version", version.Id, version.Reference, version.Version, $"Promote {model.Reference} {model.Name} {version.Label} ({version.Reference}) to production",
                    new ApprovalContext([], [], [model.Reference, .. linked]));

            case ApprovalAction.RetireAiSystem:
                var system = await db.AiSystems.AsNoTracking().FirstOrDefaultAsync(s => s.Reference == subject, ct);
                if (system is null)
                {
                    return Outcome<Subject>.Invalid("subject", $"must be the reference of an AI system (SYS-n) of this organization; {subject} is not one");
                }

                if (system.Stage == LifecycleStage.Retirement)
                {
                    return Outcome<Subject>.Conflict($"{system.Reference} is already retired.");
                }

                var systemAssessments = await db.ImpactAssessments.AsNoTracking().Where(a => a.AiSystemId == system.Id).OrderBy(a => a.Number).Select(a => a.Reference).ToListAsync(ct);
                var systemLinks = await LinkedAsync(db, system.Id, ct);
                return Ok("ai-system", system.Id, system.Reference, system.Version, $"Retire {system.Reference} {system.Name}",
                    new ApprovalContext([.. systemLinks.Where(r => r.StartsWith("RISK-", StringComparison.Ordinal))], systemAssessments,
                        [.. systemLinks.Where(r => !r.StartsWith("RISK-", StringComparison.Ordinal))]));

            case ApprovalAction.ChangeScope:
                if (!subject.Equals("scope", StringComparison.OrdinalIgnoreCase) && subject.Length > 0)
                {
                    return Outcome<Subject>.Invalid("subject", "must be scope (the latest version of the scope statement)");
                }

                var statement = await db.ScopeStatements.AsNoTracking().OrderByDescending(s => s.Number).FirstOrDefaultAsync(ct);
                if (statement is null)
                {
                    return Outcome<Subject>.Invalid("subject", "there is no scope statement yet: generate or write it first");
                }

                if (statement.ApprovedAt is not null)
                {
                    return Outcome<Subject>.Conflict($"Version {statement.Number} of the scope statement is already approved; a new version needs its own approval.");
                }

                return Ok("scope-statement", statement.Id, $"scope statement v{statement.Number}", statement.Number, $"Approve version {statement.Number} of the scope statement", ApprovalContext.Empty);

            default:
                // The AI policy has a boundary so that the organization can say who decides it, but no record to change yet.
                return Outcome<Subject>.Invalid("action", "change-ai-policy has a decision boundary, but Aims has no AI policy record to change yet");
        }
    }

    /// <summary>Applies an approved action; returns what it did, or why the subject no longer allows it.</summary>
    public static async Task<Outcome<string>> ApplyAsync(AimsDbContext db, ApprovalRequest request, Guid? by, Role? role, DateTimeOffset now, CancellationToken ct)
    {
        switch (request.Action)
        {
            case ApprovalAction.AcceptResidualRisk:
                var risk = await db.Risks.FirstOrDefaultAsync(r => r.Id == request.SubjectId, ct);
                if (risk is null || risk.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) != request.SubjectVersion || risk.AcceptedAt is not null)
                {
                    return Changed(request);
                }

                risk.AcceptedById = by;
                risk.AcceptedRole = role is { } r ? EnumText.Of(r) : "";
                risk.AcceptedLevel = risk.ResidualLevel;
                risk.AcceptedAt = now;
                risk.AcceptanceRationale = request.Reason;
                risk.UpdatedAt = now;
                return Outcome<string>.Ok($"{risk.Reference} residual risk accepted");

            case ApprovalAction.ApproveSoaVersion:
                var rows = await Soa.RowsAsync(db, ct);
                if (SoaFingerprint(rows) != request.SubjectVersion)
                {
                    return Changed(request);
                }

                var email = by is { } p ? await db.Users.Where(u => u.Id == p).Select(u => u.Email).FirstOrDefaultAsync(ct) ?? "" : "";
                var frozen = await Soa.FreezeAsync(db, rows, email, role is { } sr ? EnumText.Of(sr) : "", request.Reason, now, ct);
                return frozen.IsOk ? Outcome<string>.Ok($"SoA version {frozen.Value!.Number} approved and frozen") : Outcome<string>.Conflict(string.Join(" ", frozen.Messages));

            case ApprovalAction.PromoteModelVersion:
                var version = await db.ModelVersions.FirstOrDefaultAsync(v => v.Id == request.SubjectId, ct);
                if (version is null || version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) != request.SubjectVersion)
                {
                    return Changed(request);
                }

                db.ModelPromotions.Add(new ModelPromotion
                {
                    OrganizationId = db.CurrentOrganizationId, ModelId = version.ModelId, ModelVersionId = version.Id, ApprovalRequestId = request.Id, PromotedAt = now,
                });
                return Outcome<string>.Ok($"{version.Reference} ({version.Label}) promoted to production");

            case ApprovalAction.RetireAiSystem:
                var system = await db.AiSystems.FirstOrDefaultAsync(s => s.Id == request.SubjectId, ct);
                if (system is null || system.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) != request.SubjectVersion)
                {
                    return Changed(request);
                }

                system.Stage = LifecycleStage.Retirement;
                system.UpdatedAt = now;
                return Outcome<string>.Ok($"{system.Reference} retired");

            case ApprovalAction.ChangeScope:
                var latest = await db.ScopeStatements.OrderByDescending(s => s.Number).FirstOrDefaultAsync(ct);
                if (latest is null || latest.Id != request.SubjectId || latest.ApprovedAt is not null)
                {
                    return Changed(request);
                }

                latest.ApprovedById = by;
                latest.ApprovedAt = now;
                return Outcome<string>.Ok($"scope statement version {latest.Number} approved");

            default:
                return Outcome<string>.Conflict("change-ai-policy has no record to change yet.");
        }
    }

    /// <summary>An extra rule of the subject on who decides: a residual risk is accepted only by a role the risk appetite allows for its level.</summary>
    public static async Task<RuleBreak?> DeciderRuleAsync(AimsDbContext db, ApprovalRequest request, Role role, CancellationToken ct)
    {
        if (request.Action != ApprovalAction.AcceptResidualRisk)
        {
            return null;
        }

        var level = await db.Risks.AsNoTracking().Where(r => r.Id == request.SubjectId).Select(r => r.ResidualLevel).FirstOrDefaultAsync(ct) ?? "";
        var criteria = (await RiskScoring.CriteriaAsync(db, ct)).Value;
        if (criteria.MayAccept(level, role))
        {
            return null;
        }

        var found = criteria.Levels.FirstOrDefault(l => l.Id == level);
        var allowed = found is null || found.AcceptedBy.Count == 0 ? "nobody: it must be treated further" : string.Join(", ", found.AcceptedBy.Select(r => EnumText.Of(r)));
        return new RuleBreak("risk-appetite", true,
            $"The risk appetite lets {allowed} accept a {(found?.Name ?? level).ToLowerInvariant()} residual risk; you are {EnumText.Of(role)}.");
    }

    /// <summary>The production version of a model: the version of its latest promotion.</summary>
    public static Task<Guid?> ProductionVersionAsync(AimsDbContext db, Guid modelId, CancellationToken ct) =>
        db.ModelPromotions.AsNoTracking().Where(p => p.ModelId == modelId).OrderByDescending(p => p.PromotedAt).Select(p => (Guid?)p.ModelVersionId).FirstOrDefaultAsync(ct);

    /// <summary>The SoA's rows as a fingerprint: an approval applies only to the rows its approvers were shown.</summary>
    public static string SoaFingerprint(IReadOnlyList<SoaRowView> rows) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(rows.Select(r => r with { Version = 0 }), ApiJson.Options))));

    private static Outcome<string> Changed(ApprovalRequest request) => new(OutcomeStatus.Conflict, null, new() { ["rule"] = ["subject-changed"] },
        $"{request.SubjectReference} changed since {request.Reference} was asked for (or the action no longer applies): deny this request and ask again on what it is now.");

    private static Outcome<Subject> Ok(string type, Guid? id, string reference, long version, string title, ApprovalContext context) =>
        Outcome<Subject>.Ok(new Subject(type, id, reference, version.ToString(System.Globalization.CultureInfo.InvariantCulture), Cut(title, 300), context));

    private static Outcome<Subject> Ok(string type, Guid? id, string reference, string version, string title, ApprovalContext context) =>
        Outcome<Subject>.Ok(new Subject(type, id, reference, version, Cut(title, 300), context));

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;

    /// <summary>The references of the register records linked to a record, either way (risks, systems, models…).</summary>
    private static async Task<List<string>> LinkedAsync(AimsDbContext db, Guid id, CancellationToken ct)
    {
        var ids = await db.RegisterLinks.AsNoTracking().Where(l => l.FromId == id || l.ToId == id).Select(l => l.FromId == id ? l.ToId : l.FromId).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return [];
        }

        var found = new List<string>();
        found.AddRange(await db.Risks.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => r.Reference).ToListAsync(ct));
        found.AddRange(await db.AiSystems.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => r.Reference).ToListAsync(ct));
        found.AddRange(await db.UseCases.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => r.Reference).ToListAsync(ct));
        found.AddRange(await db.Models.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => r.Reference).ToListAsync(ct));
        return [.. found.Distinct().Order(StringComparer.Ordinal)];
    }
}
