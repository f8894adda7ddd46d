using System.CommandLine;
using Aims.Data;
using Aims.Domain.Ledger;
using Aims.Web.Features.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Aims.Cli.Commands;

/// <summary>`aims verify` and `aims ledger export`: the ledger, checkable by anyone, offline.</summary>
public static class LedgerCommands
{
    public static Command CreateVerify(TextWriter output)
    {
        var data = new DataOptions();
        var file = new Option<FileInfo?>("--file") { Description = "An exported ledger (JSON Lines) to check offline." };
        var anchor = new Option<string?>("--after")
        {
            Description = "For a partial export (ledger export --from N): SEQ:HASH of the event just before its first line.",
        };
        var command = new Command("verify", "Check the ledger: every hash, every link, no gap. Exit 0 when intact, 1 naming the first broken event.")
        {
            file, anchor,
        };
        data.AddTo(command);
        command.Validators.Add(r =>
        {
            if (r.GetValue(file) is not null && (r.GetValue(data.Data) is not null || r.GetValue(data.Database) is not null))
            {
                r.AddError("Use --file on its own, or --data/--database, not both.");
            }
        });
        command.SetAction(async (r, ct) =>
        {
            if (r.GetValue(file) is { } f)
            {
                return await VerifyFileAsync(f, r.GetValue(anchor), output);
            }

            var session = new AimsSession();
            session.ActAsSystem("cli");
            await using var db = await data.OpenAsync(r, session, ct);
            var chains = await ChainsAsync(r, data, db, ct);
            var broken = false;
            foreach (var (label, id) in chains)
            {
                session.ActAsSystem("cli", id);
                var result = await LedgerQueries.VerifyAsync(db, ct);
                await output.WriteLineAsync($"{label}: {result.Summary}");
                broken |= !result.Intact;
            }

            return broken ? ExitCodes.CheckFailed : ExitCodes.Ok;
        });
        return command;
    }

    public static Command CreateLedger(TextWriter output)
    {
        var data = new DataOptions();
        var from = new Option<long>("--from") { Description = "First sequence number to export (default 1).", DefaultValueFactory = _ => 1 };
        var export = new Command("export", "Write one organization's ledger to stdout as JSON Lines, one event per line.") { from };
        data.AddTo(export);
        export.SetAction(async (r, ct) =>
        {
            if (r.GetValue(from) < 1)
            {
                throw new CliException("--from must be 1 or more");
            }

            var session = new AimsSession();
            session.ActAsSystem("cli");
            await using var db = await data.OpenAsync(r, session, ct);
            var org = await data.ResolveOrganizationAsync(r, db, ct);
            session.EnterOrganization(org.Id);
            await using var stdout = output == Console.Out ? Console.OpenStandardOutput() : new WriterStream(output);
            var count = await LedgerQueries.ExportAsync(db, r.GetValue(from), stdout, ct);
            await Console.Error.WriteLineAsync($"Exported {count} event(s) of {org.Slug}.");
            return ExitCodes.Ok;
        });
        return new Command("ledger", "The hash-chained record of every change.") { export };
    }

    private static async Task<int> VerifyFileAsync(FileInfo file, string? after, TextWriter output)
    {
        if (!file.Exists)
        {
            throw new CliException($"no file {file.FullName}");
        }

        var (anchorSeq, anchorHash) = (0L, LedgerHash.Genesis);
        if (after is not null)
        {
            var parts = after.Split(':');
            if (parts.Length != 2 || !long.TryParse(parts[0], out anchorSeq) || anchorSeq < 1 || !LedgerEventParser.IsHash(parts[1]))
            {
                throw new CliException("--after must be SEQ:HASH, e.g. 41:3f5a… (the sequence and 64-hex hash of the event before the file's first line)");
            }

            anchorHash = parts[1];
        }

        await using var stream = file.OpenRead();
        var result = LedgerExportFormat.VerifyFile(stream, anchorHash, anchorSeq);
        await output.WriteLineAsync($"{file.Name}: {result.Summary}");
        return result.Intact ? ExitCodes.Ok : ExitCodes.CheckFailed;
    }

    /// <summary>The chains to verify: the one organization of --org, or every organization and the system chain.</summary>
    private static async Task<List<(string Label, Guid Id)>> ChainsAsync(ParseResult r, DataOptions data, AimsDbContext db, CancellationToken ct)
    {
        if (r.GetValue(data.Org) is not null)
        {
            var org = await data.ResolveOrganizationAsync(r, db, ct);
            return [(org.Slug, org.Id)];
        }

        var orgs = await db.Organizations.IgnoreQueryFilters().AsNoTracking().OrderBy(o => o.Slug).Select(o => new { o.Slug, o.Id }).ToListAsync(ct);
        return [("system", Guid.Empty), .. orgs.Select(o => (o.Slug, o.Id))];
    }

    /// <summary>Lets tests capture the export through a TextWriter; bytes are ASCII-safe JSON written as UTF-8.</summary>
    private sealed class WriterStream(TextWriter writer) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => writer.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => writer.Write(System.Text.Encoding.UTF8.GetString(buffer, offset, count));
    }
}
