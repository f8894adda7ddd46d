using System.CommandLine;
using System.Text.Json;
using Aims.Data;
using Aims.Domain.Approvals;
using Aims.Domain.People;
using Aims.Web;
using Aims.Web.Features.Approvals;
using Aims.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aims.Cli.Commands;

/// <summary>
/// `aims approvals list|request|decide`: the approval requests of an organization, asking for an action (as the system,
/// or as a member with --as), and deciding one as a member (--as). Never-delegated actions are refused here, as with tokens.
/// </summary>
public static class ApprovalCommands
{
    public static Command Create(TextWriter output) =>
        new("approvals", "Approval requests (APR-n) under the organization's decision boundaries.") { List(output), Request(output), Decide(output) };

    private static Option<string?> As() => new("--as") { Description = "Act as this member (e-mail address); their role in the organization decides what they may do." };

    private static Command List(TextWriter output)
    {
        var data = new DataOptions();
        var state = new Option<string?>("--state") { Description = string.Join("|", ApprovalText.States) };
        var action = new Option<string?>("--action") { Description = EnumText.Allowed<ApprovalAction>() };
        var q = new Option<string?>("--q") { Description = "Search reference, title, subject and reason." };
        var page = new Option<int?>("--page") { Description = "Page number (default 1)." };
        var size = new Option<int?>("--page-size") { Description = $"Rows per page (default {PageQuery.DefaultPageSize}, at most {PageQuery.MaxPageSize})." };
        var format = Output.FormatOption();
        var list = new Command("list", "List approval requests, newest first; escalations that fell due are recorded first.") { state, action, q, page, size, format };
        data.AddTo(list);
        list.SetAction(async (r, ct) =>
        {
            var (db, _) = await OpenAsync(data, r, null, ct);
            await using (db)
            {
                var filter = new ApprovalFilter(r.GetValue(state), r.GetValue(action), "all", r.GetValue(q));
                var paging = new PageQuery(r.GetValue(page), r.GetValue(size), null, r.GetValue(q));
                var errors = ApprovalQueries.Validate(filter, paging);
                if (errors.Count > 0)
                {
                    throw new CliException(string.Join("; ", errors.SelectMany(e => e.Value.Select(m => $"--{Kebab(e.Key)}: {m}"))));
                }

                var result = await ApprovalQueries.ListAsync(db, TimeProvider.System, filter, paging, ct);
                switch (r.GetValue(format))
                {
                    case OutputFormat.Json:
                        await output.WriteLineAsync(JsonSerializer.Serialize(result, ApiJson.Options));
                        break;
                    case OutputFormat.Csv:
                        await output.WriteLineAsync("reference,action,subject,state,approvals,quorum,requestedBy,requestedAt,outcome");
                        foreach (var a in result.Items)
                        {
                            await output.WriteLineAsync(string.Join(",", new[] { a.Reference, a.Action, a.Subject, a.State, $"{a.Approvals}", $"{a.Terms.Quorum}", a.RequestedBy, a.RequestedAt.ToString("O"), a.Outcome }.Select(Output.Csv)));
                        }

                        break;
                    default:
                        await Output.TableAsync(output, ["REFERENCE", "ACTION", "SUBJECT", "STATE", "APPROVALS", "ASKED BY", "TITLE"],
                            result.Items.Select(a => (IReadOnlyList<string?>)[a.Reference, a.Action, a.Subject, a.State, $"{a.Approvals}/{a.Terms.Quorum}", a.RequestedBy, a.Title]));
                        break;
                }

                await Console.Error.WriteLineAsync($"{result.Items.Count} of {result.Total} request(s).");
                return ExitCodes.Ok;
            }
        });
        return list;
    }

    private static Command Request(TextWriter output)
    {
        var data = new DataOptions();
        var action = new Option<string>("--action") { Description = EnumText.Allowed<ApprovalAction>(), Required = true };
        var subject = new Option<string>("--subject") { Description = "RISK-4, MV-2, SYS-1; soa; scope.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (10 to 2000 characters).", Required = true };
        var person = As();
        var request = new Command("request", "Ask for an action; prints the request as JSON. Applied at once when the boundary is automatic.") { action, subject, reason, person };
        data.AddTo(request);
        request.SetAction(async (r, ct) =>
        {
            var (db, _) = await OpenAsync(data, r, r.GetValue(person), ct);
            await using (db)
            {
                var outcome = await ApprovalService.RequestAsync(db, TimeProvider.System,
                    new NewApprovalRequest { Action = r.GetValue(action), Subject = r.GetValue(subject), Reason = r.GetValue(reason) }, Channel.Token, ct);
                return await WriteAsync(output, outcome, v => $"{v.Reference} {v.State}: {v.Title}");
            }
        });
        return request;
    }

    private static Command Decide(TextWriter output)
    {
        var data = new DataOptions();
        var reference = new Argument<string>("reference") { Description = "The request, e.g. APR-4." };
        var verdict = new Option<string>("--verdict") { Description = "approve or deny", Required = true };
        var rationale = new Option<string>("--rationale") { Description = "Why (10 to 2000 characters).", Required = true };
        var person = As();
        person.Required = true;
        var decide = new Command("decide", "Approve or deny a request as a member; at the quorum the action is applied.") { reference, verdict, rationale, person };
        data.AddTo(decide);
        decide.SetAction(async (r, ct) =>
        {
            var (db, _) = await OpenAsync(data, r, r.GetValue(person), ct);
            await using (db)
            {
                var outcome = await ApprovalService.DecideAsync(db, TimeProvider.System, r.GetValue(reference)!.Trim(),
                    new DecideRequest { Verdict = r.GetValue(verdict), Rationale = r.GetValue(rationale) }, null, Channel.Token, ct);
                return await WriteAsync(output, outcome, v => $"{v.Reference} {v.State} ({v.Approvals} of {v.Terms.Quorum} approvals){(v.Outcome.Length > 0 ? ": " + v.Outcome : "")}");
            }
        });
        return decide;
    }

    private static async Task<int> WriteAsync(TextWriter output, Outcome<ApprovalView> outcome, Func<ApprovalView, string> summary)
    {
        if (!outcome.IsOk)
        {
            var rule = outcome.Errors.TryGetValue("rule", out var r) ? $" [rule {r[0]}]" : "";
            throw new CliException(string.Join("; ", outcome.Messages) + rule);
        }

        await output.WriteLineAsync(JsonSerializer.Serialize(outcome.Value, ApiJson.Options));
        await Console.Error.WriteLineAsync(summary(outcome.Value!));
        return ExitCodes.Ok;
    }

    /// <summary>Opens the organization as the system, or signed in as a member with their role when <paramref name="email"/> is given.</summary>
    private static async Task<(AimsDbContext, AimsSession)> OpenAsync(DataOptions data, ParseResult r, string? email, CancellationToken ct)
    {
        var session = new AimsSession();
        session.ActAsSystem("cli");
        var db = await data.OpenAsync(r, session, ct);
        var org = await data.ResolveOrganizationAsync(r, db, ct);
        session.EnterOrganization(org.Id);
        if (email is not null)
        {
            var normalized = email.Trim().ToUpperInvariant();
            var member = await db.Memberships.AsNoTracking().Where(m => m.OrganizationId == org.Id && m.Person!.NormalizedEmail == normalized)
                .Select(m => new { m.PersonId, m.Role }).FirstOrDefaultAsync(ct);
            if (member is null)
            {
                await db.DisposeAsync();
                throw new CliException($"--as: {email.Trim()} is not a member of {org.Slug}");
            }

            session.SignIn(member.PersonId, org.Id, member.Role, Roles.MaxScope(member.Role));
        }

        return (db, session);
    }

    private static string Kebab(string field) => Domain.Ledger.KebabCase.Of(field);
}
