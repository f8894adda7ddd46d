using System.CommandLine;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Web;
using Aims.Web.Features.Inventory.Transfer;
using Aims.Web.Features.Organizations;
using Aims.Web.Features.Registers;
using Aims.Web.Infrastructure.Registers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aims.Cli.Commands;

/// <summary>
/// `aims inventory export|import` and `aims risks export|import`: a family of registers as one file, and back. The
/// same code serves every transfer set; only the registers differ.
/// </summary>
public static class InventoryCommands
{
    public static Command Create(TextWriter output, TransferSet set, string description) =>
        new(set.Name, description) { Export(output, set), Import(output, set) };

    private static Option<string?> EntityOption(string description) => new("--entity") { Description = description };

    private static RegisterDefinition? Entity(TransferSet set, string? name) =>
        name is null ? null : set.Find(name) ?? throw new CliException($"--entity must be one of {set.EntityNames}{(set.Aliases.Count > 0 ? $" (or {string.Join(", ", set.Aliases.Keys)})" : "")}, not '{name}'");

    private static Command Export(TextWriter output, TransferSet set)
    {
        var data = new DataOptions();
        var format = new Option<string>("--format") { Description = "json (everything), xlsx (one sheet per register) or csv (one register).", DefaultValueFactory = _ => "json" };
        var entity = EntityOption($"For csv: the register to write ({set.EntityNames}); default {set.DefaultEntity.Name}.");
        var file = new Option<FileInfo?>("--output") { Description = "Write to this file instead of stdout." };
        var export = new Command("export", $"Write {set.Title}, sorted by reference; the same data always gives the same bytes.") { format, entity, file };
        data.AddTo(export);
        export.SetAction(async (r, ct) =>
        {
            var kind = InventoryTransfer.ParseFormat(r.GetValue(format)) ?? throw new CliException($"--format must be json, xlsx or csv, not '{r.GetValue(format)}'");
            var register = Entity(set, r.GetValue(entity));
            if (register is not null && kind != TransferFormat.Csv)
            {
                throw new CliException("--entity goes with --format csv; json and xlsx carry every register");
            }

            var session = new AimsSession();
            session.ActAsSystem("cli");
            await using var db = await data.OpenAsync(r, session, ct);
            var org = await data.ResolveOrganizationAsync(r, db, ct);
            session.EnterOrganization(org.Id);
            using var buffer = new MemoryStream();
            await InventoryExport.WriteAsync(set, db, AllRegisters.Set, org.Slug, kind, register, buffer, ct);
            if (r.GetValue(file) is { } target)
            {
                await File.WriteAllBytesAsync(target.FullName, buffer.ToArray(), ct);
            }
            else if (output == Console.Out)
            {
                await using var stdout = Console.OpenStandardOutput();
                buffer.Position = 0;
                await buffer.CopyToAsync(stdout, ct);
            }
            else
            {
                await output.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            }

            await Console.Error.WriteLineAsync($"Exported {set.Title} of {org.Slug} as {kind.ToString().ToLowerInvariant()}{(register is null ? "" : $" ({register.Name})")}.");
            return ExitCodes.Ok;
        });
        return export;
    }

    private static Command Import(TextWriter output, TransferSet set)
    {
        var data = new DataOptions();
        var file = new Argument<FileInfo>("FILE") { Description = $"A .json or .xlsx file of {set.Title}, or a .csv of one register." };
        var entity = EntityOption($"For csv: the register the file holds; default from the file name ({set.Registers[0].Name}.csv), else {set.DefaultEntity.Name}.");
        var orgName = new Option<string?>("--org-name") { Description = "Name of the organization when --org does not exist yet and is created (default: the slug)." };
        var adminEmail = new Option<string?>("--admin-email") { Description = "First administrator of an organization created by this import." };
        var import = new Command("import", "Check every row, then import all of them or none; a row whose reference exists updates that record.")
        {
            file, entity, orgName, adminEmail,
        };
        data.AddTo(import);
        import.SetAction(async (r, ct) =>
        {
            var path = r.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliException($"no file {path.FullName}");
            }

            var register = Entity(set, r.GetValue(entity)) ?? set.Find(Path.GetFileNameWithoutExtension(path.Name));
            var services = new ServiceCollection().AddLogging().AddSingleton(data.Settings(r)).AddAimsData();
            services.AddAimsIdentity();
            await using var provider = services.BuildServiceProvider();
            await using var scope = provider.CreateAsyncScope();
            var session = scope.ServiceProvider.GetRequiredService<AimsSession>();
            session.ActAsSystem("cli");
            var db = scope.ServiceProvider.GetRequiredService<AimsDbContext>();
            if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                await DatabaseInitializer.MigrateAsync(db, ct);
            }

            await DatabaseInitializer.LoadCatalogAsync(db, Aims.Domain.Catalog.CatalogReader.Load(), ct);
            var org = await OrganizationAsync(r, data, db, scope.ServiceProvider, r.GetValue(orgName), r.GetValue(adminEmail), ct);
            session.ActAsSystem("cli", org.Id);

            await using var stream = path.OpenRead();
            var result = await new InventoryImport(new RegisterService(db, AllRegisters.Set), set).RunAsync(stream, path.Name, register, ct);
            if (!result.Ok)
            {
                foreach (var (key, rules) in result.ErrorMap())
                {
                    await Console.Error.WriteLineAsync($"{key}: {string.Join("; ", rules)}");
                }

                throw new CliException($"{path.Name} was not imported: nothing was changed. Fix the rows above and import again.");
            }

            await output.WriteLineAsync($"created: {result.Created}");
            await output.WriteLineAsync($"updated: {result.Updated}");
            await output.WriteLineAsync($"unchanged: {result.Unchanged}");
            await output.WriteLineAsync($"people to invite: {string.Join(", ", result.PeopleToInvite)}");
            await Console.Error.WriteLineAsync($"Imported {path.Name} into {org.Slug}.");
            return ExitCodes.Ok;
        });
        return import;
    }

    /// <summary>The organization of --org; one that does not exist yet is created (a new data folder to import into).</summary>
    private static async Task<Organization> OrganizationAsync(
        ParseResult r, DataOptions data, AimsDbContext db, IServiceProvider services, string? name, string? adminEmail, CancellationToken ct)
    {
        var slug = r.GetValue(data.Org);
        if (slug is null || await db.Organizations.AnyAsync(o => o.Slug == slug, ct))
        {
            return await data.ResolveOrganizationAsync(r, db, ct);
        }

        if (adminEmail is not null)
        {
            // The key ring is written outside the transaction that creates the organization (SQLite allows one writer).
            services.GetRequiredService<IDataProtectionProvider>().CreateProtector("aims.cli").Protect([1]);
            var outcome = await OrganizationService.CreateAsync(db, services.GetRequiredService<UserManager<Person>>(), slug, name ?? slug, adminEmail.Trim(),
                adminEmail.Trim().Split('@')[0], ct);
            if (!outcome.IsOk)
            {
                throw new CliException(string.Join("; ", outcome.Messages));
            }

            await Console.Error.WriteLineAsync($"Created organization {slug} with {adminEmail} as administrator.");
            if (outcome.Value!.Administrator.InitialPassword is { } password)
            {
                await Console.Error.WriteLineAsync($"Their one-time password (shown only now, to change at first sign-in): {password}");
            }
        }
        else
        {
            var created = await OrganizationService.CreateWithoutMembersAsync(db, slug, name ?? slug, ct);
            if (!created.IsOk)
            {
                throw new CliException(string.Join("; ", created.Messages));
            }

            await Console.Error.WriteLineAsync($"Created organization {slug} without members; give --admin-email on import, or add an administrator before anyone signs in.");
        }

        db.ChangeTracker.Clear();
        return await db.Organizations.AsNoTracking().FirstAsync(o => o.Slug == slug, ct);
    }
}
