using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Lifecycle;
using Aims.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Lifecycle;

public sealed record PhaseInput(string? Stage, int? IntervalHours);

/// <summary>The stages a system must log: the whole list is replaced at once (an empty list requires none).</summary>
public sealed record PhasesRequest(List<PhaseInput>? Phases);

public sealed record PhasesView(string System, IReadOnlyList<PhaseInput> Phases, DateTimeOffset? ConfiguredAt, long Version);

public sealed record LifecycleSettingsRequest(int? RetentionMonths, int? CheckpointEvery);

public sealed record LifecycleSettingsView(int RetentionMonths, int CheckpointEvery, int MinimumRetentionMonths, long Version);

/// <summary>Per-system phase requirements and per-organization retention: one class for the API, the page and the CLI.</summary>
public static class LifecycleConfiguration
{
    public const int MinCheckpointEvery = 10;
    public const int MaxCheckpointEvery = 1_000_000;

    public static async Task<(Guid Id, string Reference)?> SystemAsync(AimsDbContext db, string reference, CancellationToken ct)
    {
        var normalized = reference.Trim().ToUpperInvariant();
        var found = await db.AiSystems.AsNoTracking().Where(s => s.Reference == normalized).Select(s => new { s.Id, s.Reference }).FirstOrDefaultAsync(ct);
        return found is null ? null : (found.Id, found.Reference);
    }

    public static async Task<PhasesView> PhasesAsync(AimsDbContext db, Guid systemId, string reference, CancellationToken ct)
    {
        var config = await db.LifecyclePhaseConfigs.AsNoTracking().FirstOrDefaultAsync(c => c.SystemId == systemId, ct);
        return View(reference, config);
    }

    /// <summary>Replaces the system's phases when <paramref name="version"/> is the current one (0 before the first).</summary>
    public static async Task<Outcome<PhasesView>> SetPhasesAsync(AimsDbContext db, Guid systemId, string reference, PhasesRequest request, long version, DateTimeOffset now, CancellationToken ct)
    {
        var (rules, errors) = LifecyclePhases.Validate(request.Phases?.Select(p => (p?.Stage, p?.IntervalHours)).ToList());
        if (errors.Count > 0)
        {
            return new Outcome<PhasesView>(OutcomeStatus.Invalid, null, errors, null);
        }

        var config = await db.LifecyclePhaseConfigs.FirstOrDefaultAsync(c => c.SystemId == systemId, ct);
        if ((config?.Version ?? 0) != version)
        {
            return Outcome<PhasesView>.PreconditionFailed($"The phases changed meanwhile (version {config?.Version ?? 0}, not {version}). Read them again.");
        }

        var text = LifecyclePhases.Format(rules);
        if (config is null)
        {
            config = new LifecyclePhaseConfig { OrganizationId = db.CurrentOrganizationId, SystemId = systemId };
            db.LifecyclePhaseConfigs.Add(config);
        }

        if (config.Phases != text || config.Version == 0)
        {
            // Only a changed list restarts the silence clocks: saving the same list again flags nothing anew.
            config.Phases = text;
            config.ConfiguredAt = now;
            await db.SaveChangesAsync(ct);
        }

        return Outcome<PhasesView>.Ok(View(reference, config));
    }

    public static async Task<LifecycleSettingsView> SettingsAsync(AimsDbContext db, CancellationToken ct) =>
        View(await db.LifecycleSettings.AsNoTracking().FirstOrDefaultAsync(ct));

    public static async Task<Outcome<LifecycleSettingsView>> SetSettingsAsync(AimsDbContext db, LifecycleSettingsRequest request, long version, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.RetentionMonths is not null && LifecycleRetention.Check(request.RetentionMonths) is { } rule)
        {
            errors["retentionMonths"] = [rule];
        }

        if (request.CheckpointEvery is not null and not (>= MinCheckpointEvery and <= MaxCheckpointEvery))
        {
            errors["checkpointEvery"] = [$"must be between {MinCheckpointEvery} and {MaxCheckpointEvery} events"];
        }

        if (errors.Count > 0)
        {
            return new Outcome<LifecycleSettingsView>(OutcomeStatus.Invalid, null, errors, null);
        }

        var settings = await db.LifecycleSettings.FirstOrDefaultAsync(ct);
        if ((settings?.Version ?? 0) != version)
        {
            return Outcome<LifecycleSettingsView>.PreconditionFailed($"The settings changed meanwhile (version {settings?.Version ?? 0}, not {version}).");
        }

        if (settings is null)
        {
            settings = new LifecycleSettings { OrganizationId = db.CurrentOrganizationId };
            db.LifecycleSettings.Add(settings);
        }

        settings.RetentionMonths = request.RetentionMonths ?? settings.RetentionMonths;
        settings.CheckpointEvery = request.CheckpointEvery ?? settings.CheckpointEvery;
        await db.SaveChangesAsync(ct);
        return Outcome<LifecycleSettingsView>.Ok(View(settings));
    }

    private static PhasesView View(string reference, LifecyclePhaseConfig? config) =>
        new(reference, LifecyclePhases.Parse(config?.Phases).Select(r => new PhaseInput(LifecycleStages.Name(r.Stage), r.IntervalHours)).ToList(),
            config?.ConfiguredAt, config?.Version ?? 0);

    private static LifecycleSettingsView View(LifecycleSettings? s)
    {
        var settings = s ?? new LifecycleSettings();
        return new LifecycleSettingsView(settings.RetentionMonths, settings.CheckpointEvery, LifecycleRetention.MinimumMonths, s?.Version ?? 0);
    }
}
