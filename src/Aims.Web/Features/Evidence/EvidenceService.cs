using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Catalog;
using Aims.Domain.Evidence;
using Aims.Web.Features.Risks;
using Aims.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Evidence;

/// <summary>
/// The evidence vault's operations, whichever door they come through (API, page, command line): new items and
/// versions, links, requests. Every change goes through the DbContext, so the ledger records it.
/// </summary>
public sealed class EvidenceService(AimsDbContext db, IEvidenceStore store, TimeProvider time)
{
    public const string SettingsKind = "evidence";

    public AimsDbContext Db => db;

    public IEvidenceStore Store => store;

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public static EvidenceService From(IServiceProvider services) => new(
        services.GetRequiredService<AimsDbContext>(), IEvidenceStore.For(services.GetRequiredService<DatabaseSettings>()), services.GetRequiredService<TimeProvider>());

    public Task<SettingsView<EvidenceSettings>> SettingsAsync(CancellationToken ct) => Settings.GetAsync(db, SettingsKind, EvidenceSettings.Default, ct);

    public Task<Outcome<SettingsView<EvidenceSettings>>> SaveSettingsAsync(EvidenceSettings settings, int? expected, CancellationToken ct) =>
        Settings.SaveAsync(db, SettingsKind, settings, s => s.Validate(), expected, null, ct);

    public Task<EvidenceItem?> FindAsync(string reference, CancellationToken ct) => db.EvidenceItems.FirstOrDefaultAsync(i => i.Reference == reference, ct);

    /// <summary>Creates an item from its fields and content (a file, a link or a record), with its first version and links, in one transaction.</summary>
    public async Task<Outcome<EvidenceItem>> CreateAsync(EvidenceInput input, ReceivedFile? file, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var item = new EvidenceItem { OrganizationId = db.CurrentOrganizationId, Title = "" };
        await ApplyMetadataAsync(item, input, creating: true, errors, ct);
        var content = await CheckContentAsync(input, file, errors, ct);
        var targets = await CheckControlsAsync(input.Controls, errors, ct);
        var request = await CheckRequestAsync(input.Request, errors, ct);
        if (errors.Count > 0)
        {
            return new Outcome<EvidenceItem>(OutcomeStatus.Invalid, null, errors, null);
        }

        await using var transaction = await db.BeginOrganizationWriteAsync(ct);
        if (file is not null)
        {
            await store.PutAsync(db, file.Sha256, file.Path, ct);
        }

        db.EvidenceItems.Add(item);
        AddVersion(item, content!, file, input.Note);
        foreach (var target in targets.Concat(request is { Requirement.Length: > 0 } ? [request.Requirement] : []).Distinct(StringComparer.Ordinal))
        {
            db.EvidenceLinks.Add(new EvidenceLink { OrganizationId = item.OrganizationId, EvidenceId = item.Id, TargetType = EvidenceTarget.Requirement, Target = target });
        }

        Close(request, item);
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return Outcome<EvidenceItem>.Ok(item);
    }

    /// <summary>Adds a version (the old ones stay as they were); may renew collected-on and valid-until and answer a request.</summary>
    public async Task<Outcome<EvidenceItem>> AddVersionAsync(EvidenceItem item, EvidenceInput input, ReceivedFile? file, long? expectedVersion, CancellationToken ct)
    {
        if (expectedVersion is { } v && v != item.Version)
        {
            return Outcome<EvidenceItem>.PreconditionFailed($"{item.Reference} has changed since you read it (version {item.Version}); read it again.");
        }

        var errors = new Dictionary<string, string[]>();
        await ApplyMetadataAsync(item, input, creating: false, errors, ct);
        var content = await CheckContentAsync(input, file, errors, ct);
        var request = await CheckRequestAsync(input.Request, errors, ct);
        if (errors.Count > 0)
        {
            db.Entry(item).State = EntityState.Unchanged;
            await db.Entry(item).ReloadAsync(ct);
            return new Outcome<EvidenceItem>(OutcomeStatus.Invalid, null, errors, null);
        }

        await using var transaction = await db.BeginOrganizationWriteAsync(ct);
        if (file is not null)
        {
            await store.PutAsync(db, file.Sha256, file.Path, ct);
        }

        AddVersion(item, content!, file, input.Note);
        if (request is { Requirement.Length: > 0 } && !await db.EvidenceLinks.AnyAsync(l => l.EvidenceId == item.Id && l.TargetType == EvidenceTarget.Requirement && l.Target == request.Requirement, ct))
        {
            db.EvidenceLinks.Add(new EvidenceLink { OrganizationId = item.OrganizationId, EvidenceId = item.Id, TargetType = EvidenceTarget.Requirement, Target = request.Requirement });
        }

        Close(request, item);
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return Outcome<EvidenceItem>.Ok(item);
    }

    /// <summary>Changes what the item says about itself (title, owner, validity…); the content and its versions stay as they are.</summary>
    public async Task<Outcome<EvidenceItem>> UpdateAsync(EvidenceItem item, EvidencePatch patch, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var title = patch.Title?.Trim();
        if (title is { Length: 0 or > 200 })
        {
            errors["title"] = [title.Length == 0 ? "must not be empty" : "must be at most 200 characters"];
        }

        if (patch.Description?.Trim() is { Length: > 2000 })
        {
            errors["description"] = ["must be at most 2000 characters"];
        }

        if (patch.SourceSystem?.Trim() is { Length: > 100 })
        {
            errors["sourceSystem"] = ["must be at most 100 characters"];
        }

        Guid? owner = null;
        if (patch.Owner is not null && (owner = await MemberAsync(patch.Owner, ct)) is null)
        {
            errors["owner"] = ["must be the e-mail address of a person of this organization"];
        }

        if (patch.ValidUntil is { } until && item.CollectedOn is { } from && until < from)
        {
            errors["validUntil"] = ["must not be before collectedOn"];
        }

        if (errors.Count > 0)
        {
            return new Outcome<EvidenceItem>(OutcomeStatus.Invalid, null, errors, null);
        }

        item.Title = title ?? item.Title;
        item.Description = patch.Description?.Trim() ?? item.Description;
        item.SourceSystem = patch.SourceSystem?.Trim() ?? item.SourceSystem;
        item.OwnerId = owner ?? item.OwnerId;
        item.ValidUntil = patch.ValidUntil ?? item.ValidUntil;
        await db.SaveChangesAsync(ct);
        return Outcome<EvidenceItem>.Ok(item);
    }

    private sealed record Content(EvidenceKind Kind, string Url, string Record);

    private void AddVersion(EvidenceItem item, Content content, ReceivedFile? file, string? note)
    {
        item.Kind = content.Kind;
        item.CurrentVersion++;
        item.Sha256 = file?.Sha256 ?? "";
        item.Size = file?.Size ?? 0;
        item.ContentType = file?.DetectedType ?? "";
        item.FileName = file?.FileName ?? "";
        item.Url = content.Url;
        item.Record = content.Record;
        db.EvidenceVersions.Add(new EvidenceVersion
        {
            OrganizationId = item.OrganizationId, EvidenceId = item.Id, Number = item.CurrentVersion, Sha256 = item.Sha256, Size = item.Size,
            ContentType = item.ContentType, DeclaredType = file?.DeclaredType ?? "", FileName = item.FileName, Url = item.Url, Record = item.Record,
            Note = (note ?? "").Trim(),
        });
    }

    private void Close(EvidenceRequest? request, EvidenceItem item)
    {
        if (request is not null)
        {
            request.Status = EvidenceRequestState.Closed;
            request.EvidenceId = item.Id;
            request.ClosedAt = Clock.Now(time);
        }
    }

    private async Task ApplyMetadataAsync(EvidenceItem item, EvidenceInput input, bool creating, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var title = (input.Title ?? "").Trim();
        if (creating && title.Length == 0)
        {
            errors["title"] = ["is required"];
        }
        else if (title.Length > 200)
        {
            errors["title"] = ["must be at most 200 characters"];
        }
        else if (title.Length > 0)
        {
            item.Title = title;
        }

        if (input.Description is { } description)
        {
            if (description.Trim().Length > 2000)
            {
                errors["description"] = ["must be at most 2000 characters"];
            }
            else if (creating || description.Trim().Length > 0)
            {
                item.Description = description.Trim();
            }
        }

        if (input.SourceSystem is { } source)
        {
            if (source.Trim().Length > 100)
            {
                errors["sourceSystem"] = ["must be at most 100 characters"];
            }
            else if (creating || source.Trim().Length > 0)
            {
                item.SourceSystem = source.Trim();
            }
        }

        if (!string.IsNullOrWhiteSpace(input.Owner))
        {
            var owner = await MemberAsync(input.Owner, ct);
            if (owner is null)
            {
                errors["owner"] = ["must be the e-mail address of a person of this organization"];
            }
            else
            {
                item.OwnerId = owner;
            }
        }
        else if (creating)
        {
            item.OwnerId = db.Session.PersonId;
        }

        var today = Today;
        if (input.CollectedOn is { } collected && collected > today)
        {
            errors["collectedOn"] = ["must not be in the future"];
        }
        else
        {
            // New content (a first or a later version) is collected when it arrives unless the caller says when.
            item.CollectedOn = input.CollectedOn ?? today;
        }

        if (input.ValidUntil is { } until)
        {
            if (item.CollectedOn is { } from && until < from)
            {
                errors["validUntil"] = ["must not be before collectedOn"];
            }
            else
            {
                item.ValidUntil = until;
            }
        }
    }

    /// <summary>Exactly one of a file, a link or a record; a file's bytes must agree with the type it was declared as.</summary>
    private async Task<Content?> CheckContentAsync(EvidenceInput input, ReceivedFile? file, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var url = (input.Url ?? "").Trim();
        var record = (input.Record ?? "").Trim();
        var given = (file is null ? 0 : 1) + (url.Length == 0 ? 0 : 1) + (record.Length == 0 ? 0 : 1);
        if (given != 1)
        {
            errors["file"] = [given == 0 ? "is required: send a file, a url or a record" : "send only one of a file, a url or a record"];
            return null;
        }

        if (file is not null)
        {
            return new Content(EvidenceKind.File, "", "");
        }

        if (url.Length > 0)
        {
            if (url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || url.Any(char.IsControl))
            {
                errors["url"] = ["must be an absolute http or https address of at most 2000 characters"];
                return null;
            }

            return new Content(EvidenceKind.Link, uri.AbsoluteUri, "");
        }

        var found = await RecordTargetAsync(record, ct);
        if (found is null)
        {
            errors["record"] = [$"'{Short(record)}' is not a risk, impact assessment, action or nonconformity of this organization"];
            return null;
        }

        return new Content(EvidenceKind.Record, "", record);
    }

    private async Task<List<string>> CheckControlsAsync(List<string>? controls, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var named = (controls ?? []).Select(c => (c ?? "").Trim()).Where(c => c.Length > 0).ToList();
        if (named.Count > 50)
        {
            // Before resolving: each name costs a catalog query.
            errors["controls"] = ["must name at most 50 requirements"];
            return [];
        }

        var found = new List<string>();
        foreach (var control in named)
        {
            var (target, problem) = await ResolveAsync(EvidenceTarget.Requirement, control, ct);
            if (problem is not null)
            {
                errors["controls"] = [problem];
                return [];
            }

            found.Add(target);
        }

        return found;
    }

    private async Task<EvidenceRequest?> CheckRequestAsync(string? reference, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return null;
        }

        var request = await db.EvidenceRequests.FirstOrDefaultAsync(r => r.Reference == reference.Trim(), ct);
        if (request is null)
        {
            errors["request"] = [$"'{Short(reference)}' is not an evidence request of this organization"];
        }
        else if (request.Status != EvidenceRequestState.Open)
        {
            errors["request"] = [$"{request.Reference} is already closed"];
        }

        return request;
    }

    /// <summary>The canonical target ("iso42001:A.6.2.8", "RISK-4"), or the rule the text breaks.</summary>
    public async Task<(string Target, string? Problem)> ResolveAsync(EvidenceTarget type, string text, CancellationToken ct)
    {
        text = (text ?? "").Trim();
        if (text.Length is 0 or > 90)
        {
            return ("", "must name a requirement or record (at most 90 characters)");
        }

        if (type == EvidenceTarget.Requirement)
        {
            var qualified = text.Contains(':', StringComparison.Ordinal) ? text : RequirementRef.Qualify("iso42001", text);
            RequirementRef.TrySplit(qualified, out var framework, out var id);
            return await db.CatalogRequirements.AnyAsync(r => r.FrameworkId == framework && r.Id == id, ct)
                ? (qualified, null)
                : ("", $"'{Short(text)}' is not a requirement of the catalog (write A.6.2.8 for ISO/IEC 42001 or framework:id)");
        }

        var found = type switch
        {
            EvidenceTarget.Risk => await db.Risks.AnyAsync(r => r.Reference == text, ct),
            EvidenceTarget.ImpactAssessment => await db.ImpactAssessments.AnyAsync(r => r.Reference == text, ct),
            EvidenceTarget.Action => await db.CorrectiveActions.AnyAsync(r => r.Reference == text, ct),
            _ => await db.Nonconformities.AnyAsync(r => r.Reference == text, ct),
        };
        return found ? (text, null) : ("", $"'{Short(text)}' is not a {EnumText.Of(type).Replace('-', ' ')} of this organization");
    }

    private async Task<EvidenceTarget?> RecordTargetAsync(string reference, CancellationToken ct)
    {
        foreach (var type in new[] { EvidenceTarget.Risk, EvidenceTarget.ImpactAssessment, EvidenceTarget.Action, EvidenceTarget.Nonconformity })
        {
            if ((await ResolveAsync(type, reference, ct)).Problem is null)
            {
                return type;
            }
        }

        return null;
    }

    public async Task<Outcome<EvidenceLink>> LinkAsync(EvidenceItem item, LinkRequest request, CancellationToken ct)
    {
        if (!Enum.IsDefined(request.Type))
        {
            return Outcome<EvidenceLink>.Invalid("type", $"must be one of {EnumText.Allowed<EvidenceTarget>()}");
        }

        var (target, problem) = await ResolveAsync(request.Type, request.Target, ct);
        if (problem is not null)
        {
            return Outcome<EvidenceLink>.Invalid("target", problem);
        }

        if (await db.EvidenceLinks.AnyAsync(l => l.EvidenceId == item.Id && l.TargetType == request.Type && l.Target == target, ct))
        {
            return Outcome<EvidenceLink>.Conflict($"{item.Reference} is already linked to {target}.");
        }

        var link = new EvidenceLink { OrganizationId = item.OrganizationId, EvidenceId = item.Id, TargetType = request.Type, Target = target };
        db.EvidenceLinks.Add(link);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two people linked the same thing at once: the unique index kept one link.
            db.ChangeTracker.Clear();
            return Outcome<EvidenceLink>.Conflict($"{item.Reference} is already linked to {target}.");
        }

        return Outcome<EvidenceLink>.Ok(link);
    }

    public async Task<Outcome<EvidenceLink>> UnlinkAsync(EvidenceItem item, Guid linkId, CancellationToken ct)
    {
        var link = await db.EvidenceLinks.FirstOrDefaultAsync(l => l.Id == linkId && l.EvidenceId == item.Id, ct);
        if (link is null)
        {
            return Outcome<EvidenceLink>.NotFound($"Link {linkId} of {item.Reference}");
        }

        db.EvidenceLinks.Remove(link);
        await db.SaveChangesAsync(ct);
        return Outcome<EvidenceLink>.Ok(link);
    }

    public async Task<Outcome<EvidenceRequest>> RequestAsync(EvidenceRequestInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var title = (input.Title ?? "").Trim();
        if (title.Length is 0 or > 200)
        {
            errors["title"] = [title.Length == 0 ? "is required" : "must be at most 200 characters"];
        }

        var description = (input.Description ?? "").Trim();
        if (description.Length > 2000)
        {
            errors["description"] = ["must be at most 2000 characters"];
        }

        var owner = string.IsNullOrWhiteSpace(input.Owner) ? null : await MemberAsync(input.Owner, ct);
        if (owner is null)
        {
            errors["owner"] = ["must be the e-mail address of a person of this organization"];
        }

        if (input.DueOn is not { } due)
        {
            errors["dueOn"] = ["is required: the date the evidence is due, yyyy-MM-dd"];
        }
        else if (due < Today)
        {
            errors["dueOn"] = ["must not be in the past"];
        }

        var (requirement, problem) = await ResolveAsync(EvidenceTarget.Requirement, input.Requirement ?? "", ct);
        if (problem is not null)
        {
            errors["requirement"] = [problem];
        }

        if (errors.Count > 0)
        {
            return new Outcome<EvidenceRequest>(OutcomeStatus.Invalid, null, errors, null);
        }

        var request = new EvidenceRequest
        {
            OrganizationId = db.CurrentOrganizationId, Title = title, Description = description, OwnerId = owner!.Value, DueOn = input.DueOn!.Value, Requirement = requirement,
        };
        db.EvidenceRequests.Add(request);
        await db.SaveChangesAsync(ct);
        return Outcome<EvidenceRequest>.Ok(request);
    }

    /// <summary>A person of this organization by e-mail; never creates one (an owner must be able to sign in and see the reminder).</summary>
    public async Task<Guid?> MemberAsync(string email, CancellationToken ct)
    {
        var normalized = email.Trim().ToUpperInvariant();
        var organization = db.CurrentOrganizationId;
        return await (from m in db.Memberships
                      join p in db.Users on m.PersonId equals p.Id
                      where m.OrganizationId == organization && p.NormalizedEmail == normalized
                      select (Guid?)p.Id).FirstOrDefaultAsync(ct);
    }

    private static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
