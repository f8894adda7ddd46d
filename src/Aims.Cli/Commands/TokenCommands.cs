using System.CommandLine;
using Aims.Data;
using Aims.Domain.People;
using Aims.Web.Features.Tokens;
using Aims.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace Aims.Cli.Commands;

/// <summary>`aims token create`: a personal access token for scripts and CI, printed as the last line.</summary>
public static class TokenCommands
{
    public static Command Create(TextWriter output)
    {
        var data = new DataOptions();
        var email = new Option<string>("--email") { Description = "The person the token acts as.", Required = true };
        var scope = new Option<Scope?>("--scope") { Description = "read, write or admin (default write, never more than the person's role allows)." };
        var name = new Option<string?>("--name") { Description = "What the token is for (default: cli)." };
        var expires = new Option<int?>("--expires") { Description = "Days until it expires, 1 to 366 (default 90)." };
        var ingest = new Option<string?>("--ingest") { Description = "Make an ingestion token for this AI system (e.g. SYS-3): it may only append that system's lifecycle events." };
        var create = new Command("create", "Create a personal access token; the token is the last line of output.") { email, scope, name, expires, ingest };
        data.AddTo(create);
        create.SetAction(async (r, ct) =>
        {
            var session = new AimsSession();
            session.ActAsSystem("cli");
            await using var db = await data.OpenAsync(r, session, ct);
            var address = r.GetValue(email)!.Trim();
            var normalized = address.ToUpperInvariant();
            var person = await db.Users.AsNoTracking().FirstOrDefaultAsync(p => p.NormalizedEmail == normalized, ct)
                ?? throw new CliException($"no person with the e-mail address {address}");
            var organizations = (await new SessionResolver(session, db).MembershipsOf(person.Id).ToListAsync(ct))
                .OrderBy(o => o.Slug, StringComparer.Ordinal).ToList();
            var slug = r.GetValue(data.Org);
            var organization = slug is null
                ? organizations.FirstOrDefault() ?? throw new CliException($"{address} belongs to no organization")
                : organizations.FirstOrDefault(o => o.Slug == slug)
                    ?? throw new CliException($"{address} is not a member of '{slug}'. Their organizations: {string.Join(", ", organizations.Select(o => o.Slug))}");

            session.EnterOrganization(organization.OrganizationId);
            var request = new CreateTokenRequest { Name = r.GetValue(name) ?? "cli", Scope = r.GetValue(scope), ExpiresInDays = r.GetValue(expires), Ingest = r.GetValue(ingest) };
            var outcome = await TokenService.CreateAsync(db, person.Id, Scope.Admin, request, ct);
            if (!outcome.IsOk)
            {
                throw new CliException(string.Join("; ", outcome.Messages));
            }

            var token = outcome.Value!;
            await Console.Error.WriteLineAsync(
                $"Created {token.Token.Reference} '{token.Token.Name}' for {address} in {organization.Slug}, {(token.Token.Ingest is { } system ? "ingestion only for " + system : "scope " + token.Token.Scope.ToString().ToLowerInvariant())}, expires {token.Token.ExpiresAt:yyyy-MM-dd}. It is shown only now.");
            await output.WriteLineAsync(token.Secret);
            return ExitCodes.Ok;
        });
        return new Command("token", "Personal access tokens for the API.") { create };
    }
}
