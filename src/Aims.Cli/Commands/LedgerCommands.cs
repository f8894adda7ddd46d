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
        var key = new Option<FileInfo?>("--key")
        {
            Description = "With --file: the organization's public key (PEM, from `aims ledger key` or the auditor page) to check the signatures against; without it the key in the export is used, and the output says so.",
        };
        var command = new Command("verify", "Check the ledger: every hash, every link, no gap, every signature, and (for a file) the signed head. Exit 0 when intact, 1 naming the first bad line.")
        {
            file, key,
        };
        data.AddTo(command);
        command.Validators.Add(r =>
        {
            if (r.GetValue(file) is not null && (r.GetValue(data.Data) is not null || r.GetValue(data.Database) is not null))
            {
                r.AddError("Use --file on its own, or --data/--database, not both.");
            }

            if (r.GetValue(key) is not null && r.GetValue(file) is null)
            {
                r.AddError("--key checks an exported file: use it with --file.");
            }
        });
        command.SetAction(async (r, ct) =>
        {
            if (r.GetValue(file) is { } f)
            {
                return await VerifyFileAsync(f, r.GetValue(key), output);
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
        var from = new Option<long>("--from")
        {
            Description = "Export from this sequence number on (default 1); the export starts at the last signed checkpoint at or before it, so the range verifies on its own.",
            DefaultValueFactory = _ => 1,
        };
        var export = new Command("export", "Write one organization's ledger to stdout as JSON Lines, one event per line, ending with a signed head.") { from };
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
            var summary = await LedgerQueries.ExportAsync(db, r.GetValue(from), stdout, ct);
            await Console.Error.WriteLineAsync(
                $"Exported {summary.Events} event(s) of {org.Slug} (seq {summary.From}..{summary.To}) and a head signed by key {summary.KeyId}.");
            return ExitCodes.Ok;
        });
        return new Command("ledger", "The hash-chained record of every change.")
        {
            export, CheckpointCommands.CreateCheckpoint(output), CheckpointCommands.CreateRotateKey(output), CheckpointCommands.CreateKey(output),
        };
    }

    private static async Task<int> VerifyFileAsync(FileInfo file, FileInfo? keyFile, TextWriter output)
    {
        if (!file.Exists)
        {
            throw new CliException($"no file {file.FullName}");
        }

        var trust = new ExportTrust(keyFile is null ? null : await ReadPublicKeyAsync(keyFile));
        await using var stream = file.OpenRead();
        var result = LedgerExportFormat.VerifyFile(stream, trust);
        await output.WriteLineAsync($"{file.Name}: {result.Summary}");
        return result.Intact ? ExitCodes.Ok : ExitCodes.CheckFailed;
    }

    /// <summary>The SubjectPublicKeyInfo of a PEM public key file (an EC P-256 key), or a usage error naming the file.</summary>
    private static async Task<byte[]> ReadPublicKeyAsync(FileInfo keyFile)
    {
        if (!keyFile.Exists)
        {
            throw new CliException($"--key: no file {keyFile.FullName}");
        }

        try
        {
            using var key = System.Security.Cryptography.ECDsa.Create();
            key.ImportFromPem(await File.ReadAllTextAsync(keyFile.FullName));
            return key.KeySize == 256 ? key.ExportSubjectPublicKeyInfo() : throw new CliException($"--key: {keyFile.Name} is not a P-256 key");
        }
        catch (Exception e) when (e is ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            throw new CliException($"--key: {keyFile.Name} is not a PEM EC public key ({e.Message})");
        }
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
