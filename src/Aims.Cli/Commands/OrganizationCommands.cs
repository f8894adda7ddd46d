using System.CommandLine;
using Aims.Data;
using Microsoft.EntityFrameworkCore;

namespace Aims.Cli.Commands;

/// <summary>`aims org list`: the organizations of a database, for choosing --org.</summary>
public static class OrganizationCommands
{
    public static Command Create(TextWriter output)
    {
        var data = new DataOptions();
        var list = new Command("list", "List the organizations of the database.");
        data.AddTo(list, withOrg: false);
        list.SetAction(async (r, ct) =>
        {
            var session = new AimsSession();
            session.ActAsSystem("cli");
            await using var db = await data.OpenAsync(r, session, ct);
            var orgs = await db.Organizations.AsNoTracking().OrderBy(o => o.Slug).ToListAsync(ct);
            await Output.TableAsync(output, ["SLUG", "NAME", "ID"], orgs.Select(o => new[] { o.Slug, o.Name, o.Id.ToString("D") }));
            return ExitCodes.Ok;
        });
        return new Command("org", "Organizations.") { list };
    }
}
