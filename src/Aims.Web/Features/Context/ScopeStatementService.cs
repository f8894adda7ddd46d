using System.ComponentModel.DataAnnotations;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Context;
using Aims.Domain.Inventory;
using Aims.Domain.Ledger;
using Aims.Domain.People;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Context;

public sealed record PersonRef(Guid Id, string Email, string Name);

public sealed record StatementVersion(
    int Number, string Text, bool Generated, DateTimeOffset CreatedAt, PersonRef? CreatedBy, DateTimeOffset? ApprovedAt, PersonRef? ApprovedBy);

/// <summary>
/// The statement as a reader needs it: the latest version, which version is approved, whether the approved one no
/// longer matches the registers, and the history, newest first (with the text, so the page can show each one).
/// </summary>
public sealed record ScopeStatementView(StatementVersion? Current, StatementVersion? Approved, bool Stale, IReadOnlyList<StatementVersion> Versions);

/// <summary>A version written by a person. The same class validates the API body and the scope page's form.</summary>
public sealed class EditStatementRequest
{
    [Required(ErrorMessage = "is required: write the scope statement or regenerate it"), MaxLength(ScopeStatementService.MaxTextLength, ErrorMessage = "must be at most 20000 characters")]
    public string Text { get; set; } = "";

    [MaxLength(SessionMiddleware.MaxReasonLength, ErrorMessage = "must be at most 500 characters")]
    public string? Reason { get; set; }
}

/// <summary>What a write did: whether it added a version (false when the text was already the latest one).</summary>
public sealed record StatementWrite(bool Added, StatementVersion Version);

/// <summary>
/// The scope statement of clause 4.3: generated from the registers, edited by people, every version kept, the
/// approval naming who and when. Each rule lives here once, for the API, the page and any later command.
/// </summary>
public static class ScopeStatementService
{
    public const int MaxTextLength = 20_000;

    private static readonly string EntityType = KebabCase.Of(nameof(ScopeStatement));

    public static bool MayWrite(AimsSession session) => session.Scope >= Scope.Write;

    /// <summary>The text the registers give today.</summary>
    public static async Task<string> GenerateTextAsync(AimsDbContext db, CancellationToken ct)
    {
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == db.CurrentOrganizationId).Select(o => o.Name).SingleAsync(ct);
        var systems = await db.AiSystems.AsNoTracking()
            .Select(s => new ScopeSystem(s.Number, s.Reference, s.Name, s.InScope, s.ScopeJustification)).ToListAsync(ct);
        var entries = await db.ScopeEntries.AsNoTracking()
            .Select(e => new ScopeItem(e.Number, e.Reference, e.Kind, e.Boundary, e.Name, e.Description, e.Included, e.Justification)).ToListAsync(ct);
        var roles = await db.OrganizationAiRoles.AsNoTracking().Select(r => new ScopeRole(r.Number, r.Reference, r.Role, r.Reason)).ToListAsync(ct);
        return ScopeStatementText.Generate(new ScopeFacts(organization, systems, entries, roles));
    }

    public static async Task<ScopeStatementView> GetAsync(AimsDbContext db, CancellationToken ct)
    {
        var rows = await db.ScopeStatements.AsNoTracking().OrderByDescending(s => s.Number).ToListAsync(ct);
        var versions = await ViewsAsync(db, rows, ct);
        var approved = versions.FirstOrDefault(v => v.ApprovedAt is not null);
        var stale = approved is not null && await GenerateTextAsync(db, ct) != Basis(versions, approved);
        return new ScopeStatementView(versions.FirstOrDefault(), approved, stale, versions);
    }

    public static async Task<StatementVersion?> GetVersionAsync(AimsDbContext db, int number, CancellationToken ct)
    {
        var row = await db.ScopeStatements.AsNoTracking().FirstOrDefaultAsync(s => s.Number == number, ct);
        return row is null ? null : (await ViewsAsync(db, [row], ct))[0];
    }

    /// <summary>What the checks need: whether a version exists, which is approved, and whether that one is stale.</summary>
    public static async Task<StatementFacts> FactsAsync(AimsDbContext db, CancellationToken ct)
    {
        var view = await GetAsync(db, ct);
        return new StatementFacts(view.Current is not null, view.Approved?.Number, view.Stale);
    }

    /// <summary>
    /// An edited version's text is the person's, so it is compared with the generated version it was written from
    /// (the newest generated one up to it); otherwise every approved edit would read as stale forever.
    /// </summary>
    private static string Basis(IReadOnlyList<StatementVersion> newestFirst, StatementVersion approved) =>
        newestFirst.FirstOrDefault(v => v.Generated && v.Number <= approved.Number)?.Text ?? approved.Text;

    public static async Task<Outcome<StatementWrite>> GenerateAsync(AimsDbContext db, CancellationToken ct)
    {
        if (!MayWrite(db.Session))
        {
            return Outcome<StatementWrite>.Forbidden("Generating the scope statement needs a role that changes records.");
        }

        var text = await GenerateTextAsync(db, ct);
        return await AddAsync(db, text, generated: true, expectedNumber: null, ct);
    }

    public static async Task<Outcome<StatementWrite>> EditAsync(AimsDbContext db, EditStatementRequest request, int? expectedNumber, CancellationToken ct)
    {
        if (!MayWrite(db.Session))
        {
            return Outcome<StatementWrite>.Forbidden("Editing the scope statement needs a role that changes records.");
        }

        // Browsers post CRLF; one line ending keeps "unchanged" honest across the API and the page.
        var text = (request.Text ?? "").ReplaceLineEndings("\n");
        if (string.IsNullOrWhiteSpace(text))
        {
            return Outcome<StatementWrite>.Invalid("text", "is required: write the scope statement or regenerate it");
        }

        if (text.Length > MaxTextLength)
        {
            return Outcome<StatementWrite>.Invalid("text", $"must be at most {MaxTextLength} characters");
        }

        if (request.Reason is { Length: > SessionMiddleware.MaxReasonLength })
        {
            return Outcome<StatementWrite>.Invalid("reason", $"must be at most {SessionMiddleware.MaxReasonLength} characters");
        }

        if (!string.IsNullOrWhiteSpace(request.Reason))
        {
            db.Session.Reason = request.Reason.Trim();
        }

        return await AddAsync(db, text, generated: false, expectedNumber, ct);
    }

    private static async Task<Outcome<StatementWrite>> AddAsync(AimsDbContext db, string text, bool generated, int? expectedNumber, CancellationToken ct)
    {
        // Locked: two writers must not both take the next number, nor both decide the text is new.
        await using var transaction = await db.BeginOrganizationWriteAsync(ct);
        var latest = await db.ScopeStatements.AsNoTracking().OrderByDescending(s => s.Number).FirstOrDefaultAsync(ct);
        if (expectedNumber is { } expected && expected != (latest?.Number ?? 0))
        {
            return Outcome<StatementWrite>.PreconditionFailed($"The scope statement is now at version {latest?.Number ?? 0}, not {expected}; read it again and reapply your change.");
        }

        if (latest is not null && latest.Text == text)
        {
            return Outcome<StatementWrite>.Ok(new StatementWrite(false, (await ViewsAsync(db, [latest], ct))[0]));
        }

        var row = new ScopeStatement { OrganizationId = db.CurrentOrganizationId, Number = (latest?.Number ?? 0) + 1, Text = text, Generated = generated };
        db.ScopeStatements.Add(row);
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return Outcome<StatementWrite>.Ok(new StatementWrite(true, (await ViewsAsync(db, [row], ct))[0]));
    }

    /// <summary>
    /// Asks to approve the latest version, which must be the one the requester read (<paramref name="expectedNumber"/>):
    /// a change-scope approval request (APR-n), the one approval mechanism (ADR 0016). The version is approved when the
    /// request is, by its approvers; at once when the decision boundary is automatic.
    /// </summary>
    public static async Task<Outcome<Approvals.ApprovalView>> AskApprovalAsync(
        AimsDbContext db, TimeProvider time, int expectedNumber, string reason, Domain.Approvals.Channel via, CancellationToken ct)
    {
        if (!MayWrite(db.Session))
        {
            return Outcome<Approvals.ApprovalView>.Forbidden("Asking to approve the scope statement needs a role that changes records.");
        }

        var latest = await db.ScopeStatements.AsNoTracking().OrderByDescending(s => s.Number).Select(s => new { s.Number, s.ApprovedAt }).FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            return Outcome<Approvals.ApprovalView>.Conflict("There is no scope statement to approve yet: generate or write it first.");
        }

        if (latest.Number != expectedNumber)
        {
            return Outcome<Approvals.ApprovalView>.PreconditionFailed($"The latest version is {latest.Number}, not {expectedNumber}: read it before asking to approve it.");
        }

        if (latest.ApprovedAt is not null)
        {
            return Outcome<Approvals.ApprovalView>.Conflict($"Version {latest.Number} is already approved; a new version needs its own approval.");
        }

        return await Approvals.ApprovalService.RequestAsync(db, time, new Approvals.NewApprovalRequest { Action = "change-scope", Subject = "scope", Reason = reason }, via, ct,
            expectedNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The open change-scope request, if any: the page links to it instead of offering to ask again.</summary>
    public static Task<string?> PendingApprovalAsync(AimsDbContext db, CancellationToken ct) =>
        db.ApprovalRequests.AsNoTracking()
            .Where(a => a.Action == Domain.Approvals.ApprovalAction.ChangeScope && a.State == Domain.Approvals.ApprovalState.Pending)
            .Select(a => a.Reference).FirstOrDefaultAsync(ct);

    /// <summary>Who wrote each version comes from the ledger: the entity keeps no author, and the ledger cannot be wrong about it.</summary>
    private static async Task<List<StatementVersion>> ViewsAsync(AimsDbContext db, IReadOnlyList<ScopeStatement> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id.ToString("D")).ToList();
        var creators = (await db.LedgerEvents.AsNoTracking()
                .Where(e => e.EntityType == EntityType && e.Action == "create" && ids.Contains(e.EntityId))
                .Select(e => new { e.EntityId, e.Actor }).ToListAsync(ct))
            .ToDictionary(e => e.EntityId, e => PersonOf(e.Actor));
        var people = creators.Values.OfType<Guid>().Concat(rows.Select(r => r.ApprovedById).OfType<Guid>()).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new PersonRef(u.Id, u.Email ?? "", u.DisplayName), ct);
        return rows.Select(r => new StatementVersion(
            r.Number, r.Text, r.Generated, r.CreatedAt,
            creators.GetValueOrDefault(r.Id.ToString("D")) is { } by ? names.GetValueOrDefault(by) : null,
            r.ApprovedAt, r.ApprovedById is { } a ? names.GetValueOrDefault(a) : null)).ToList();
    }

    private static Guid? PersonOf(string actor) =>
        actor.StartsWith("person:", StringComparison.Ordinal) && Guid.TryParse(actor.AsSpan(7), out var id) ? id : null;
}
