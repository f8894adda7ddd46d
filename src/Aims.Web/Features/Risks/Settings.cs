using System.Text.Json;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Risks;

/// <summary>A settings document in force: the adopted version, or the product's defaults while none is adopted.</summary>
public sealed record SettingsView<T>(T Value, bool Adopted, int? Version, DateTimeOffset? AdoptedAt);

/// <summary>Versioned organization-wide documents (risk criteria, impact procedure): each save adds a version.</summary>
public static class Settings
{
    public static async Task<SettingsView<T>> GetAsync<T>(AimsDbContext db, string kind, T defaults, CancellationToken ct)
    {
        var latest = await db.SettingsVersions.AsNoTracking().Where(s => s.Kind == kind).OrderByDescending(s => s.Number).FirstOrDefaultAsync(ct);
        return latest is null
            ? new SettingsView<T>(defaults, false, null, null)
            : new SettingsView<T>(JsonSerializer.Deserialize<T>(latest.Json, ApiJson.Options)!, true, latest.Number, latest.CreatedAt);
    }

    /// <summary>Adds a version after <paramref name="validate"/> found no problem; <paramref name="expected"/> is the version the caller read.</summary>
    public static async Task<Outcome<SettingsView<T>>> SaveAsync<T>(
        AimsDbContext db, string kind, T value, Func<T, Dictionary<string, string[]>> validate, int? expected, Func<T, Task>? then, CancellationToken ct)
    {
        var errors = validate(value);
        if (errors.Count > 0)
        {
            return new Outcome<SettingsView<T>>(OutcomeStatus.Invalid, null, errors, null);
        }

        await using var transaction = await db.BeginOrganizationWriteAsync(ct);
        var current = await db.SettingsVersions.Where(s => s.Kind == kind).MaxAsync(s => (int?)s.Number, ct);
        if (expected != current)
        {
            return Outcome<SettingsView<T>>.PreconditionFailed($"The {kind} changed since you read them (version {current?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}); read them again.");
        }

        var version = new SettingsVersion { OrganizationId = db.CurrentOrganizationId, Kind = kind, Number = (current ?? 0) + 1, Json = JsonSerializer.Serialize(value, ApiJson.Options) };
        db.SettingsVersions.Add(version);
        await db.SaveChangesAsync(ct);
        if (then is not null)
        {
            await then(value);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return Outcome<SettingsView<T>>.Ok(new SettingsView<T>(value, true, version.Number, version.CreatedAt));
    }
}
