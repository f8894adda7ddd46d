using System.CommandLine;
using System.Text;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Data.Ledger;
using Aims.Data.Lifecycle;
using Aims.Web.Features.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Aims.Cli.Commands;

/// <summary>`aims lifecycle export|prune`: an AI system's lifecycle stream as JSON Lines, and the retention job.</summary>
public static class LifecycleCommands
{
    public static Command Create(TextWriter output) =>
        new("lifecycle", "Lifecycle event logs of operating AI systems: export a stream, apply retention.") { Export(output), Prune(output) };

    private static Command Export(TextWriter output)
    {
        var data = new DataOptions();
        var system = new Option<string>("--system") { Description = "The AI system's reference, e.g. SYS-3.", Required = true };
        var file = new Option<FileInfo?>("--output") { Description = "Write to this file instead of stdout." };
        var export = new Command("export", "Write one AI system's lifecycle stream as JSON Lines (the ledger export format; check it with `aims verify --file`).") { system, file };
        data.AddTo(export);
        export.SetAction(async (r, ct) =>
        {
            var session = new AimsSession();
            session.ActAsSystem("cli");
            await using var db = await data.OpenAsync(r, session, ct);
            var org = await data.ResolveOrganizationAsync(r, db, ct);
            session.EnterOrganization(org.Id);
            var found = await LifecycleConfiguration.SystemAsync(db, r.GetValue(system)!, ct)
                ?? throw new CliException($"no AI system {r.GetValue(system)} in {org.Slug}");
            var target = r.GetValue(file);
            if (target is not null)
            {
                await using var stream = new FileStream(target.FullName, FileMode.Create, FileAccess.Write);
                await LifecycleQueries.ExportAsync(db, found.Id, stream, ct);
            }
            else if (output == Console.Out)
            {
                await using var stdout = Console.OpenStandardOutput();
                await LifecycleQueries.ExportAsync(db, found.Id, stdout, ct);
            }
            else
            {
                using var buffer = new MemoryStream();
                await LifecycleQueries.ExportAsync(db, found.Id, buffer, ct);
                await output.WriteAsync(Encoding.UTF8.GetString(buffer.ToArray()));
            }

            var count = await db.LifecycleEvents.CountAsync(e => e.SystemId == found.Id, ct);
            await Console.Error.WriteLineAsync($"Exported {count} event(s) of {found.Reference}'s lifecycle stream in {org.Slug}.");
            return ExitCodes.Ok;
        });
        return export;
    }

    private static Command Prune(TextWriter output)
    {
        var data = new DataOptions();
        var prune = new Command("prune",
            "Remove lifecycle events older than each organization's retention (at least 6 months), only up to a signed checkpoint, "
            + "so every stream still verifies. Without --org, every organization. Safe to run on several nodes at once.");
        data.AddTo(prune);
        prune.SetAction(async (r, ct) =>
        {
            var session = new AimsSession();
            session.ActAsSystem("lifecycle-retention");
            await using var db = await data.OpenAsync(r, session, ct);
            var organizations = r.GetValue(data.Org) is null
                ? await db.Organizations.AsNoTracking().OrderBy(o => o.Slug).ToListAsync(ct)
                : [await data.ResolveOrganizationAsync(r, db, ct)];
            var keys = LedgerKeys.For(data.Settings(r), Environment.GetEnvironmentVariable("Aims__Ledger__KeyDirectory"));
            var writer = new LifecycleStreamWriter(db, keys, TimeProvider.System);
            var pruner = new LifecyclePruner(db, writer, TimeProvider.System);
            foreach (var organization in organizations)
            {
                session.EnterOrganization(organization.Id);
                foreach (var result in await pruner.PruneAsync(ct))
                {
                    await output.WriteLineAsync(result.AnchorSequence is { } anchor
                        ? $"{organization.Slug} {result.System}: removed {result.Removed} event(s); the stream now starts at checkpoint seq {anchor}"
                        : $"{organization.Slug} {result.System}: nothing older than the retention up to a checkpoint; kept from seq {result.FirstSequence}");
                }
            }

            return ExitCodes.Ok;
        });
        return prune;
    }
}
