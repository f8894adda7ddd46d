using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Assurance;
using Aims.Domain.Catalog;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Registers;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Assurance;

public sealed class ResultRequest
{
    /// <summary>Required: a missing status must not read as compliant.</summary>
    public ComplianceStatus? Status { get; set; }

    public bool? InPlace { get; set; }

    public bool? Working { get; set; }

    public bool? Documented { get; set; }

    public string Notes { get; set; } = "";

    public string Procedures { get; set; } = "";

    public string Evidence { get; set; } = "";

    /// <summary>The assessor's e-mail; the caller when left out.</summary>
    public string? Assessor { get; set; }

    public DateOnly? AssessedOn { get; set; }

    /// <summary>Set when the row confirms a suggestion carried over from another framework ("iso27001:5.2 (GA-1)").</summary>
    public string CarriedOverFrom { get; set; } = "";
}

/// <summary>What another framework's assessment offers for a requirement through a crosswalk.</summary>
public sealed record CarryOverSuggestion(string From, string Relationship, string Assessment, ComplianceStatus Status, string Evidence, string Procedures, bool StatusCarries);

public sealed record ResultRow(
    string RequirementId, string Title, string Kind, string Group,
    ComplianceStatus? Status, bool? InPlace, bool? Working, bool? Documented, string Notes, string Procedures, string Evidence,
    string? Assessor, DateOnly? AssessedOn, string CarriedOverFrom, long Version, string? Gap, CarryOverSuggestion? Suggestion);

/// <summary>The requirement-by-requirement worksheet of a gap assessment, and the gaps it keeps in step with it.</summary>
public static class AssessmentResults
{
    public sealed record Assessable(string Id, string Title, string Kind, int Position);

    /// <summary>The requirements an assessment covers: the framework's normative leaves (clauses' subclauses, Annex A controls).</summary>
    public static async Task<List<Assessable>> ScopeAsync(AimsDbContext db, string framework, CancellationToken ct)
    {
        var all = await db.CatalogRequirements.AsNoTracking().Where(r => r.FrameworkId == framework)
            .Select(r => new { r.Id, r.ParentId, r.Title, r.Kind, r.Informative, r.Position }).ToListAsync(ct);
        var parents = all.Where(r => r.ParentId is not null).Select(r => r.ParentId!).ToHashSet();
        return [.. all.Where(r => !r.Informative && !parents.Contains(r.Id)).OrderBy(r => r.Position).Select(r => new Assessable(r.Id, r.Title, r.Kind, r.Position))];
    }

    public static async Task<IEnumerable<(string Field, string Rule)>> CheckAssessmentAsync(RegisterService service, RegisterRecord record, CancellationToken ct)
    {
        var assessment = (GapAssessment)record;
        if (!await service.Db.CatalogFrameworks.AnyAsync(f => f.Id == assessment.Framework, ct))
        {
            var known = await service.Db.CatalogFrameworks.Select(f => f.Id).OrderBy(f => f).ToListAsync(ct);
            return [("framework", $"must be a framework of the catalog: {string.Join(", ", known)}")];
        }

        var entry = service.Db.Entry(assessment);
        if (entry.State != EntityState.Detached && entry.State != EntityState.Added && entry.Property(a => a.Framework).IsModified
            && await service.Db.AssessmentResults.AnyAsync(r => r.AssessmentId == assessment.Id, ct))
        {
            return [("framework", "cannot change once requirements are assessed; start a new assessment")];
        }

        return [];
    }

    public static async Task<Dictionary<Guid, IReadOnlyList<string>>> ProgressAsync(AimsDbContext db, IReadOnlyList<RegisterRecord> records, CancellationToken ct)
    {
        var ids = records.Select(r => r.Id).ToList();
        var assessed = await db.AssessmentResults.Where(r => ids.Contains(r.AssessmentId)).GroupBy(r => r.AssessmentId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var gaps = await db.Gaps.Where(g => ids.Contains(g.AssessmentId) && g.Status == GapState.Open).GroupBy(g => g.AssessmentId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var scopes = new Dictionary<string, int>();
        var result = new Dictionary<Guid, IReadOnlyList<string>>();
        foreach (var assessment in records.Cast<GapAssessment>())
        {
            if (!scopes.TryGetValue(assessment.Framework, out var total))
            {
                scopes[assessment.Framework] = total = (await ScopeAsync(db, assessment.Framework, ct)).Count;
            }

            result[assessment.Id] = [$"{assessed.GetValueOrDefault(assessment.Id)} of {total} assessed", $"{gaps.GetValueOrDefault(assessment.Id)} open gaps"];
        }

        return result;
    }

    public static async Task<List<ResultRow>> RowsAsync(AimsDbContext db, GapAssessment assessment, CancellationToken ct)
    {
        var scope = await ScopeAsync(db, assessment.Framework, ct);
        var results = await db.AssessmentResults.AsNoTracking().Where(r => r.AssessmentId == assessment.Id).ToDictionaryAsync(r => r.RequirementId, ct);
        var assessorIds = results.Values.Where(r => r.AssessorId is not null).Select(r => r.AssessorId!.Value).Distinct().ToList();
        var emails = await db.Users.Where(p => assessorIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Email, ct);
        var gaps = await db.Gaps.AsNoTracking().Where(g => g.AssessmentId == assessment.Id && g.Status == GapState.Open)
            .Select(g => new { g.Requirement, g.Reference }).ToListAsync(ct);
        var gapOf = gaps.GroupBy(g => g.Requirement).ToDictionary(g => g.Key, g => g.First().Reference);
        var suggestions = await SuggestionsAsync(db, assessment, ct);
        return [.. scope.Select(s =>
        {
            results.TryGetValue(s.Id, out var r);
            var qualified = RequirementRef.Qualify(assessment.Framework, s.Id);
            return new ResultRow(s.Id, s.Title, s.Kind, Domain.Assurance.Readiness.GroupOf(s.Id), r?.Status, r?.InPlace, r?.Working, r?.Documented, r?.Notes ?? "", r?.Procedures ?? "",
                r?.Evidence ?? "", r?.AssessorId is { } a ? emails.GetValueOrDefault(a) : null, r?.AssessedOn, r?.CarriedOverFrom ?? "", r?.Version ?? 0,
                gapOf.GetValueOrDefault(qualified), r is null ? suggestions.GetValueOrDefault(s.Id) : null);
        })];
    }

    /// <summary>
    /// For each requirement, the best assessed requirement of another framework mapped to it through a crosswalk:
    /// its evidence is a starting point; its status carries over only across an equal relationship.
    /// </summary>
    public static async Task<Dictionary<string, CarryOverSuggestion>> SuggestionsAsync(AimsDbContext db, GapAssessment assessment, CancellationToken ct)
    {
        var prefix = assessment.Framework + ":";
        var links = await db.CatalogCrosswalks.AsNoTracking()
            .Where(c => c.FromRef.StartsWith(prefix) || c.ToRef.StartsWith(prefix))
            .Select(c => new { From = c.FromRef, To = c.ToRef, c.Relationship }).ToListAsync(ct);
        if (links.Count == 0)
        {
            return [];
        }

        var others = await (from r in db.AssessmentResults.AsNoTracking()
                            join a in db.GapAssessments.AsNoTracking() on r.AssessmentId equals a.Id
                            where a.Framework != assessment.Framework && r.Status != ComplianceStatus.NotApplicable
                            select new { Qualified = a.Framework + ":" + r.RequirementId, r.Status, r.Evidence, r.Procedures, a.Reference, r.AssessedOn, a.Number })
            .ToListAsync(ct);
        var latest = others.GroupBy(o => o.Qualified).ToDictionary(g => g.Key, g => g.OrderByDescending(o => o.AssessedOn).ThenByDescending(o => o.Number).First());
        var suggestions = new Dictionary<string, CarryOverSuggestion>();
        foreach (var link in links)
        {
            var (mine, theirs) = link.From.StartsWith(prefix, StringComparison.Ordinal) ? (link.From, link.To) : (link.To, link.From);
            if (!latest.TryGetValue(theirs, out var found))
            {
                continue;
            }

            var id = mine[prefix.Length..];
            var equal = link.Relationship == "equal";
            if (!suggestions.TryGetValue(id, out var existing) || (equal && !existing.StatusCarries))
            {
                suggestions[id] = new CarryOverSuggestion(theirs, link.Relationship, found.Reference, found.Status, found.Evidence, found.Procedures, equal);
            }
        }

        return suggestions;
    }
}
