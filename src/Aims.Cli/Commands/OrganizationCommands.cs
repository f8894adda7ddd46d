using System.CommandLine;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Web;
using Aims.Web.Features.Organizations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
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
        return new Command("org", "Organizations.") { list, CreateCommand(output) };
    }

    /// <summary>`aims org create`: a new organization and its first administrator, for a real deployment without --demo.</summary>
    private static Command CreateCommand(TextWriter output)
    {
        var data = new DataOptions();
        var slug = new Option<string>("--slug") { Description = "Short lower-case name for --org, e.g. acme.", Required = true };
        var name = new Option<string>("--name") { Description = "The organization's name.", Required = true };
        var adminEmail = new Option<string>("--admin-email") { Description = "E-mail of its first administrator.", Required = true };
        var adminName = new Option<string?>("--admin-name") { Description = "That person's name (default: the part of the e-mail before @)." };
        var create = new Command("create", "Create an organization with its first administrator; a new administrator's one-time password is the last line.")
        {
            slug, name, adminEmail, adminName,
        };
        data.AddTo(create, withOrg: false);
        create.SetAction(async (r, ct) =>
        {
            var settings = data.Settings(r);
            var services = new ServiceCollection().AddLogging().AddSingleton(settings).AddAimsData();
            services.AddAimsIdentity();
            await using var provider = services.BuildServiceProvider();
            await using var scope = provider.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AimsSession>().ActAsSystem("cli");
            var db = scope.ServiceProvider.GetRequiredService<AimsDbContext>();
            await DatabaseInitializer.MigrateAsync(db, ct);
            await DatabaseInitializer.LoadCatalogAsync(db, Aims.Domain.Catalog.CatalogReader.Load(), ct);
            // The key ring is written outside the transaction that creates the organization (SQLite allows one writer).
            scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("aims.cli").Protect([1]);

            var email = r.GetValue(adminEmail)!.Trim();
            var outcome = await OrganizationService.CreateAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<Person>>(),
                r.GetValue(slug)!, r.GetValue(name)!, email, r.GetValue(adminName) ?? email.Split('@')[0], ct);
            if (!outcome.IsOk)
            {
                throw new CliException(string.Join("; ", outcome.Messages));
            }

            var created = outcome.Value!;
            await Console.Error.WriteLineAsync($"Created organization {created.Slug} ({created.Name}) with {email} as administrator.");
            if (created.Administrator.InitialPassword is { } password)
            {
                await Console.Error.WriteLineAsync("Their initial password follows; it is shown only now and must be changed at first sign-in.");
                await output.WriteLineAsync(password);
            }

            return ExitCodes.Ok;
        });
        return create;
    }
}
