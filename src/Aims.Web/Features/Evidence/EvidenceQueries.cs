using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Evidence;
using Aims.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Evidence;

/// <summary>The filters of the evidence list, as the API, the page and the command line take them.</summary>
public sealed record EvidenceFilter(string? Freshness, string? Owner, string? Control);

/// <summary>Reads of the vault: lists, items with their links and crosswalk coverage, versions, requests, the SoA's standing per control.</summary>
public static class EvidenceQueries
{
    public static readonly string[] SortKeys = ["reference", "title", "validUntil", "collectedOn", "updatedAt"];

    public static async Task<(IQueryable<EvidenceItem>? Query, Dictionary<string, string[]> Errors)> FilterAsync(
        EvidenceService service, PageQuery paging, EvidenceFilter filter, CancellationToken ct)
    {
        var db = service.Db;
        var errors = paging.Validate(SortKeys);
        IQueryable<EvidenceItem> query = db.EvidenceItems.AsNoTracking();
        if (paging.Search is { } q)
        {
            query = query.Where(i => i.Reference.ToLower().Contains(q) || i.Title.ToLower().Contains(q) || i.Description.ToLower().Contains(q)
                || i.SourceSystem.ToLower().Contains(q) || i.FileName.ToLower().Contains(q));
        }

        if (!string.IsNullOrWhiteSpace(filter.Freshness))
        {
            var window = (await service.SettingsAsync(ct)).Value.ExpiringWithinDays;
            var today = service.Today;
            var edge = today.AddDays(window);
            if (!EnumText.TryParse<Freshness>(filter.Freshness, out var freshness))
            {
                errors["freshness"] = [$"must be one of {EnumText.Allowed<Freshness>()}"];
            }
            else
            {
                query = freshness switch
                {
                    Freshness.Expired => query.Where(i => i.ValidUntil < today),
                    Freshness.Expiring => query.Where(i => i.ValidUntil >= today && i.ValidUntil <= edge),
                    _ => query.Where(i => i.ValidUntil == null || i.ValidUntil > edge),
                };
            }
        }

        if (!string.IsNullOrWhiteSpace(filter.Owner))
        {
            var owner = await service.MemberAsync(filter.Owner, ct);
            if (owner is null)
            {
                errors["owner"] = ["must be the e-mail address of a person of this organization"];
            }
            else
            {
                query = query.Where(i => i.OwnerId == owner);
            }
        }

        if (!string.IsNullOrWhiteSpace(filter.Control))
        {
            var (target, problem) = await service.ResolveAsync(EvidenceTarget.Requirement, filter.Control, ct);
            if (problem is not null)
            {
                errors["control"] = [problem];
            }
            else
            {
                var links = db.EvidenceLinks.Where(l => l.TargetType == EvidenceTarget.Requirement && l.Target == target).Select(l => l.EvidenceId);
                query = query.Where(i => links.Contains(i.Id));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var sorted = false;
        query = query.SortBy(paging.Sort, "title", i => i.Title, ref sorted)
            .SortBy(paging.Sort, "validUntil", i => i.ValidUntil, ref sorted)
            .SortBy(paging.Sort, "collectedOn", i => i.CollectedOn, ref sorted)
            .SortBy(paging.Sort, "updatedAt", i => i.UpdatedAt, ref sorted);
        query = sorted ? ((IOrderedQueryable<EvidenceItem>)query).ThenBy(i => i.Number)
            : paging.Sort == "-reference" ? query.OrderByDescending(i => i.Number) : query.OrderBy(i => i.Number);
        return (query, errors);
    }

    public static async Task<Outcome<PagedList<EvidenceView>>> ListAsync(EvidenceService service, PageQuery paging, EvidenceFilter filter, CancellationToken ct)
    {
        var (query, errors) = await FilterAsync(service, paging, filter, ct);
        if (query is null)
        {
            return new Outcome<PagedList<EvidenceView>>(OutcomeStatus.Invalid, null, errors, null);
        }

        var page = await query.ToPageAsync(paging, ct);
        var views = await ViewsAsync(service, page.Items, withCoverage: false, ct);
        return Outcome<PagedList<EvidenceView>>.Ok(new PagedList<EvidenceView>(views, page.Total, page.Page, page.PageSize));
    }

    /// <summary>Views of items with their links (one query for all), their owners and, for a detail, the crosswalk coverage.</summary>
    public static async Task<List<EvidenceView>> ViewsAsync(EvidenceService service, IReadOnlyList<EvidenceItem> items, bool withCoverage, CancellationToken ct)
    {
        var db = service.Db;
        var ids = items.Select(i => i.Id).ToList();
        var links = await db.EvidenceLinks.AsNoTracking().Where(l => ids.Contains(l.EvidenceId)).ToListAsync(ct);
        var owners = items.Where(i => i.OwnerId is not null).Select(i => i.OwnerId!.Value).Distinct().ToList();
        var emails = await db.Users.Where(p => owners.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Email ?? "", ct);
        var requirements = links.Where(l => l.TargetType == EvidenceTarget.Requirement).Select(l => l.Target).Distinct().ToList();
        var titles = await RequirementTitlesAsync(db, requirements, ct);
        var coverage = withCoverage ? await CoverageAsync(db, requirements, ct) : [];
        var window = (await service.SettingsAsync(ct)).Value.ExpiringWithinDays;
        var today = service.Today;
        return [.. items.Select(i =>
        {
            var own = links.Where(l => l.EvidenceId == i.Id).OrderBy(l => l.TargetType).ThenBy(l => l.Target, StringComparer.Ordinal)
                .Select(l => new LinkView(l.Id.ToString("D"), EnumText.Of(l.TargetType), l.Target, titles.GetValueOrDefault(l.Target, ""))).ToList();
            var covers = own.Where(l => l.Type == "requirement").SelectMany(l => coverage.Where(c => c.Via == l.Target))
                .Where(c => own.All(l => l.Target != c.Requirement)).DistinctBy(c => c.Requirement).ToList();
            return new EvidenceView(
                i.Id.ToString("D"), i.Reference, i.Title, i.Description, EnumText.Of(i.Kind), i.OwnerId is { } o ? emails.GetValueOrDefault(o) : null, i.SourceSystem, i.CollectedOn, i.ValidUntil,
                EnumText.Of(EvidenceRules.FreshnessOf(i.ValidUntil, today, window)), i.CurrentVersion, i.Sha256, i.Size, i.ContentType, i.FileName, i.Url, i.Record,
                own, covers, i.CreatedAt, i.UpdatedAt, i.Version);
        })];
    }

    public static async Task<EvidenceView?> ViewAsync(EvidenceService service, string reference, CancellationToken ct)
    {
        var item = await service.Db.EvidenceItems.AsNoTracking().FirstOrDefaultAsync(i => i.Reference == reference, ct);
        return item is null ? null : (await ViewsAsync(service, [item], withCoverage: true, ct))[0];
    }

    private static async Task<Dictionary<string, string>> RequirementTitlesAsync(AimsDbContext db, List<string> qualified, CancellationToken ct)
    {
        var ids = qualified.Select(q => q[(q.IndexOf(':', StringComparison.Ordinal) + 1)..]).Distinct().ToList();
        var rows = await db.CatalogRequirements.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.FrameworkId, r.Id, r.Title }).ToListAsync(ct);
        return rows.Select(r => (Key: r.FrameworkId + ":" + r.Id, r.Title)).Where(r => qualified.Contains(r.Key)).DistinctBy(r => r.Key).ToDictionary(r => r.Key, r => r.Title);
    }

    /// <summary>For each requirement, the requirements of other frameworks a crosswalk relates it to (either direction).</summary>
    public static async Task<List<CoverageView>> CoverageAsync(AimsDbContext db, IReadOnlyCollection<string> requirements, CancellationToken ct)
    {
        if (requirements.Count == 0)
        {
            return [];
        }

        var list = requirements.ToList();
        var rows = await db.CatalogCrosswalks.AsNoTracking().Where(c => list.Contains(c.FromRef) || list.Contains(c.ToRef))
            .Select(c => new { c.FromRef, c.ToRef, c.Relationship }).ToListAsync(ct);
        return [.. rows.SelectMany(r => new[]
            {
                list.Contains(r.FromRef) ? new CoverageView(r.ToRef, r.FromRef, r.Relationship) : null,
                list.Contains(r.ToRef) ? new CoverageView(r.FromRef, r.ToRef, r.Relationship) : null,
            }).OfType<CoverageView>().OrderBy(c => c.Requirement, StringComparer.Ordinal)];
    }

    public static async Task<List<VersionView>> VersionsAsync(AimsDbContext db, EvidenceItem item, CancellationToken ct) =>
        await db.EvidenceVersions.AsNoTracking().Where(v => v.EvidenceId == item.Id).OrderByDescending(v => v.Number)
            .Select(v => new VersionView(v.Number, v.Sha256, v.Size, v.ContentType, v.DeclaredType, v.FileName, v.Url, v.Record, v.Note, v.CreatedAt)).ToListAsync(ct);

    /// <summary>
    /// For each ISO/IEC 42001 control with evidence linked: how many items, how many expired and expiring today.
    /// Counted in the database (grouped), so the SoA stays fast with many links.
    /// </summary>
    public static async Task<Dictionary<string, EvidenceStanding>> StandingsAsync(AimsDbContext db, DateOnly today, int window, CancellationToken ct)
    {
        var edge = today.AddDays(window);
        var rows = await (from l in db.EvidenceLinks.AsNoTracking()
                          join i in db.EvidenceItems.AsNoTracking() on l.EvidenceId equals i.Id
                          where l.TargetType == EvidenceTarget.Requirement && l.Target.StartsWith("iso42001:")
                          group i by l.Target into g
                          select new
                          {
                              Target = g.Key,
                              Linked = g.Count(),
                              Expired = g.Count(i => i.ValidUntil < today),
                              Expiring = g.Count(i => i.ValidUntil >= today && i.ValidUntil <= edge),
                          }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Target["iso42001:".Length..], r => new EvidenceStanding(r.Linked, r.Expired, r.Expiring), StringComparer.Ordinal);
    }

    /// <summary>The evidence linked to one requirement ("iso42001:A.6.2.8"), for the control's page.</summary>
    public static async Task<List<EvidenceView>> ForRequirementAsync(EvidenceService service, string qualified, CancellationToken ct)
    {
        var db = service.Db;
        var ids = db.EvidenceLinks.Where(l => l.TargetType == EvidenceTarget.Requirement && l.Target == qualified).Select(l => l.EvidenceId);
        var items = await db.EvidenceItems.AsNoTracking().Where(i => ids.Contains(i.Id)).OrderBy(i => i.Number).Take(200).ToListAsync(ct);
        return await ViewsAsync(service, items, withCoverage: true, ct);
    }

    public static async Task<List<RequestView>> RequestsAsync(EvidenceService service, string? status, bool mineOnly, CancellationToken ct)
    {
        var db = service.Db;
        var query = db.EvidenceRequests.AsNoTracking();
        if (EnumText.TryParse<EvidenceRequestState>(status, out var state))
        {
            query = query.Where(r => r.Status == state);
        }

        if (mineOnly)
        {
            var me = db.Session.PersonId ?? Guid.Empty;
            query = query.Where(r => r.OwnerId == me);
        }

        var rows = await (from r in query
                          join p in db.Users on r.OwnerId equals p.Id
                          join e in db.EvidenceItems on r.EvidenceId equals e.Id into answered
                          from e in answered.DefaultIfEmpty()
                          orderby r.Status != EvidenceRequestState.Open, r.DueOn, r.Number
                          select new { Request = r, Owner = p.Email, Evidence = e == null ? null : e.Reference }).Take(500).ToListAsync(ct);
        var window = (await service.SettingsAsync(ct)).Value.ExpiringWithinDays;
        var today = service.Today;
        return [.. rows.Select(x => new RequestView(x.Request.Reference, x.Request.Title, x.Request.Description, x.Owner ?? "", x.Request.DueOn, x.Request.Requirement,
            EnumText.Of(x.Request.Status), EnumText.Of(EvidenceRules.ReminderOf(x.Request.Status, x.Request.DueOn, today, window)), x.Evidence, x.Request.ClosedAt, x.Request.Version))];
    }

    /// <summary>The reminders of the signed-in person: their open requests that are due soon or overdue, derived on read (the same on every node).</summary>
    public static async Task<List<RequestView>> RemindersAsync(EvidenceService service, CancellationToken ct) =>
        [.. (await RequestsAsync(service, "open", mineOnly: true, ct)).Where(r => r.Reminder != "not-due")];
}
