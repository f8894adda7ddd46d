using System.Text.Json;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Assurance;
using Aims.Domain.People;
using Aims.Web.Features.Risks;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Registers;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Assurance;

public sealed class SoaRequest
{
    public ApplicabilityDecision Decision { get; set; }

    public List<ApplicabilityDriver> Drivers { get; set; } = [];

    public string Justification { get; set; } = "";

    public ImplementationStatus Status { get; set; }

    public DateOnly? PlannedOn { get; set; }

    public string Procedure { get; set; } = "";

    public string Evidence { get; set; } = "";

    /// <summary>The responsible person's e-mail, or empty.</summary>
    public string Responsible { get; set; } = "";
}

/// <summary>A row as the API, the exports and the frozen versions show it.</summary>
public sealed record SoaRowView(
    string ControlId, string Title, string Area, bool Applicable, string Decision, IReadOnlyList<string> Risks, int RiskCount, IReadOnlyList<string> Drivers,
    string Justification, string ImplementationStatus, DateOnly? PlannedOn, string Procedure, string Evidence, string Responsible,
    bool AuditReady, IReadOnlyList<string> NotReadyBecause, long Version)
{
    public static SoaRowView Of(SoaRow row, int riskCount, long version) => new(
        row.ControlId, row.Title, row.Area, row.Applicable, EnumText.Of(row.Decision.Decision), row.Risks, riskCount,
        [.. row.Decision.Drivers.Select(EnumText.Of)], row.JustificationText, EnumText.Of(row.Decision.Status), row.Decision.PlannedOn,
        row.Decision.Procedure, row.Decision.Evidence, row.Decision.Responsible, row.AuditReady, row.NotReadyBecause, version);
}

/// <summary>A frozen, approved version of the Statement of Applicability.</summary>
public sealed record SoaVersion(int Number, string ApprovedBy, string ApprovedRole, DateTimeOffset ApprovedAt, string Note, IReadOnlyList<SoaRowView> Rows);

/// <summary>
/// The Statement of Applicability (6.1.3): every Annex A control with its applicability from the risk treatment and
/// other drivers, the organization's decision and traceability, and readiness computed from them.
/// </summary>
public static class Soa
{
    public const string VersionKind = "soa";
    private const int RisksShown = 10;

    /// <summary>The rows as they stand; computed once per change of the organization's data (see <see cref="DerivedCache"/>).</summary>
    public static async Task<List<SoaRowView>> RowsAsync(AimsDbContext db, CancellationToken ct) =>
        // Keyed by day as well: evidence expires when its date passes, without any write.
        [.. await DerivedCache.GetAsync(db, "soa:" + AssuranceSettings.Today.DayNumber, async () => (IReadOnlyList<SoaRowView>)await ComputeRowsAsync(db, ct), ct)];

    private static async Task<List<SoaRowView>> ComputeRowsAsync(AimsDbContext db, CancellationToken ct)
    {
        var controls = await db.CatalogRequirements.AsNoTracking().Where(r => r.FrameworkId == "iso42001" && r.Kind == "control")
            .OrderBy(r => r.Position).Select(r => new { r.Id, r.Title }).ToListAsync(ct);
        var risks = await RisksByControlAsync(db, ct);
        var entries = await db.SoaEntries.AsNoTracking().ToDictionaryAsync(e => e.ControlId, ct);
        var people = entries.Values.Where(e => e.ResponsibleId is not null).Select(e => e.ResponsibleId!.Value).Distinct().ToList();
        var emails = await db.Users.Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Email ?? "", ct);
        var window = (await Risks.Settings.GetAsync(db, Evidence.EvidenceService.SettingsKind, Evidence.EvidenceSettings.Default, ct)).Value.ExpiringWithinDays;
        var vault = await Evidence.EvidenceQueries.StandingsAsync(db, AssuranceSettings.Today, window, ct);
        return [.. controls.Select(c =>
        {
            var entry = entries.GetValueOrDefault(c.Id);
            var decision = entry is null ? null : new SoaDecision(entry.Decision, entry.Drivers, entry.Justification, entry.Status, entry.PlannedOn,
                entry.Procedure, entry.Evidence, entry.ResponsibleId is { } p ? emails.GetValueOrDefault(p, "") : "");
            var (count, shown) = risks.GetValueOrDefault(c.Id, (0, []));
            // The area is the Annex A area (A.6), not the control objective above the control (A.6.2): readiness scores areas.
            return SoaRowView.Of(SoaRow.Derive(c.Id, c.Title, Domain.Assurance.Readiness.GroupOf(c.Id), shown, decision, vault.GetValueOrDefault(c.Id)), count, entry?.Version ?? 0);
        })];
    }

    /// <summary>For each Annex A control, how many live risks chose it and the first of them by reference.</summary>
    public static async Task<Dictionary<string, (int Count, List<string> Shown)>> RisksByControlAsync(AimsDbContext db, CancellationToken ct)
    {
        var chosen = await db.Risks.AsNoTracking().Where(r => r.AnnexAControls != "").OrderBy(r => r.Number)
            .Select(r => new { r.Reference, r.AnnexAControls }).ToListAsync(ct);
        var result = new Dictionary<string, (int Count, List<string> Shown)>(StringComparer.Ordinal);
        foreach (var risk in chosen)
        {
            foreach (var control in risk.AnnexAControls.Split(','))
            {
                var (count, shown) = result.GetValueOrDefault(control, (0, []));
                if (shown.Count < RisksShown)
                {
                    shown.Add(risk.Reference);
                }

                result[control] = (count + 1, shown);
            }
        }

        return result;
    }

    /// <summary>Records a decision; <paramref name="expectedVersion"/> is the row version the caller read (0 for a row never decided), null to skip the check.</summary>
    public static async Task<Outcome<SoaRowView>> SaveAsync(RegisterService service, string controlId, SoaRequest request, long? expectedVersion, CancellationToken ct)
    {
        var db = service.Db;
        if (!await db.CatalogRequirements.AnyAsync(r => r.FrameworkId == "iso42001" && r.Kind == "control" && r.Id == controlId, ct))
        {
            return Outcome<SoaRowView>.NotFound($"Annex A control {controlId}");
        }

        var errors = new Dictionary<string, string[]>();
        request.Justification = (request.Justification ?? "").Trim();
        request.Procedure = (request.Procedure ?? "").Trim();
        request.Evidence = (request.Evidence ?? "").Trim();
        request.Responsible = (request.Responsible ?? "").Trim();
        request.Drivers ??= [];
        if (request.Decision == ApplicabilityDecision.Excluded && request.Justification.Length == 0)
        {
            errors["justification"] = ["is required to exclude a control: say why it does not apply"];
        }

        if (request.Justification.Length > 2000)
        {
            errors["justification"] = ["must be at most 2000 characters"];
        }

        if (request.Decision == ApplicabilityDecision.Excluded && request.Drivers.Count > 0)
        {
            errors["drivers"] = ["a control required by law, contract, policy or stakeholders cannot be excluded"];
        }

        if (request.Drivers.Distinct().Count() != request.Drivers.Count)
        {
            errors["drivers"] = ["names a driver twice"];
        }

        if (request.Procedure.Length > 300)
        {
            errors["procedure"] = ["must be at most 300 characters"];
        }

        if (request.Evidence.Length > 300)
        {
            errors["evidence"] = ["must be at most 300 characters"];
        }

        request.Responsible = request.Responsible.ToLowerInvariant();
        if (request.Responsible.Length > 0 && !IsEmail(request.Responsible))
        {
            errors["responsible"] = ["must be an e-mail address"];
        }

        if (request.Status is ImplementationStatus.Planned && request.PlannedOn is null)
        {
            errors["plannedOn"] = ["is required for a planned control: the date it will be implemented"];
        }

        if (errors.Count > 0)
        {
            return new Outcome<SoaRowView>(OutcomeStatus.Invalid, null, errors, null);
        }

        var entry = await db.SoaEntries.FirstOrDefaultAsync(e => e.ControlId == controlId, ct);
        if (expectedVersion is { } expected && expected != (entry?.Version ?? 0))
        {
            return Outcome<SoaRowView>.PreconditionFailed($"The SoA row of {controlId} has changed since you read it (version {entry?.Version ?? 0}); read it again.");
        }

        await using var transaction = await db.BeginOrganizationWriteAsync(ct);
        if (entry is null)
        {
            entry = new SoaEntry { OrganizationId = db.CurrentOrganizationId, ControlId = controlId };
            db.SoaEntries.Add(entry);
        }

        entry.Decision = request.Decision;
        entry.Drivers = [.. request.Drivers.Order()];
        entry.Justification = request.Justification;
        entry.Status = request.Status;
        entry.PlannedOn = request.PlannedOn;
        entry.Procedure = request.Procedure;
        entry.Evidence = request.Evidence;
        entry.ResponsibleId = request.Responsible.Length == 0 ? null : await service.People.ResolveAsync(request.Responsible, ct);
        await db.SaveChangesAsync(ct);
        await GapClassifier.RegradeAllAsync(db, ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        var row = (await RowsAsync(db, ct)).First(r => r.ControlId == controlId);
        return Outcome<SoaRowView>.Ok(row);
    }

    /// <summary>
    /// Asks to approve and freeze the SoA as it stands: an approval request (APR-n) under the organization's decision
    /// boundary for approve-soa-version; the version is frozen when the request is approved (at once when the boundary is automatic).
    /// </summary>
    public static Task<Outcome<Approvals.ApprovalView>> ApproveAsync(AimsDbContext db, TimeProvider time, string note, Domain.Approvals.Channel via, CancellationToken ct) =>
        Approvals.ApprovalService.RequestAsync(db, time, new Approvals.NewApprovalRequest { Action = "approve-soa-version", Subject = "soa", Reason = note }, via, ct);

    /// <summary>Freezes the rows as a new approved version; called by the approval that approved it, inside its transaction.</summary>
    public static async Task<Outcome<SoaVersion>> FreezeAsync(AimsDbContext db, IReadOnlyList<SoaRowView> rows, string approver, string role, string note, DateTimeOffset now, CancellationToken ct)
    {
        var version = new SoaVersion(0, approver, role, now, note.Length > 1000 ? note[..1000] : note, rows);
        var saved = await Settings.SaveAsync(db, VersionKind, version, _ => [], await LatestNumberAsync(db, ct), null, ct);
        return saved.IsOk ? Outcome<SoaVersion>.Ok(version with { Number = saved.Value!.Version ?? 0 }) : new Outcome<SoaVersion>(saved.Status, null, saved.Errors, saved.Detail);
    }

    /// <summary>A bare address (no display name), as the registers' person fields accept.</summary>
    public static bool IsEmail(string text) =>
        text.Length <= 254 && System.Net.Mail.MailAddress.TryCreate(text, out var address) && address.Address == text;

    public static Task<int?> LatestNumberAsync(AimsDbContext db, CancellationToken ct) =>
        db.SettingsVersions.Where(s => s.Kind == VersionKind).MaxAsync(s => (int?)s.Number, ct);

    public static async Task<List<SoaVersion>> VersionsAsync(AimsDbContext db, CancellationToken ct)
    {
        var stored = await db.SettingsVersions.AsNoTracking().Where(s => s.Kind == VersionKind).OrderByDescending(s => s.Number).ToListAsync(ct);
        return [.. stored.Select(s => JsonSerializer.Deserialize<SoaVersion>(s.Json, ApiJson.Options)! with { Number = s.Number })];
    }

    public static async Task<SoaVersion?> VersionAsync(AimsDbContext db, int number, CancellationToken ct)
    {
        var stored = await db.SettingsVersions.AsNoTracking().FirstOrDefaultAsync(s => s.Kind == VersionKind && s.Number == number, ct);
        return stored is null ? null : JsonSerializer.Deserialize<SoaVersion>(stored.Json, ApiJson.Options)! with { Number = stored.Number };
    }
}
