using System.CommandLine;
using Aims.Data;
using Aims.Data.Ledger;

namespace Aims.Cli.Commands;

/// <summary>`aims ledger checkpoint | rotate-key | key`: signed checkpoints and the organization's ledger key.</summary>
public static class CheckpointCommands
{
    public static Command CreateCheckpoint(TextWriter output)
    {
        var data = new DataOptions();
        var command = new Command("checkpoint", "Sign the organization's chain head now (appends a checkpoint event).");
        data.AddTo(command);
        command.SetAction((r, ct) => MakeAsync(r, data, rotate: false, output, ct));
        return command;
    }

    public static Command CreateRotateKey(TextWriter output)
    {
        var data = new DataOptions();
        var command = new Command("rotate-key", "Replace the organization's signing key: the rotation is a checkpoint signed by the old key naming the new one.");
        data.AddTo(command);
        command.SetAction((r, ct) => MakeAsync(r, data, rotate: true, output, ct));
        return command;
    }

    public static Command CreateKey(TextWriter output)
    {
        var data = new DataOptions();
        var command = new Command("key", "Print the organization's current public key (PEM) to stdout, for `aims verify --key`.");
        data.AddTo(command);
        command.SetAction(async (r, ct) =>
        {
            var (db, org) = await OpenAsync(r, data, ct);
            await using (db)
            {
                var (keyId, pem) = await Guard(() => LedgerCheckpoints.PublicKeyAsync(db, ct));
                await output.WriteLineAsync(pem);
                await Console.Error.WriteLineAsync($"Key {keyId} of {org}.");
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static async Task<int> MakeAsync(ParseResult r, DataOptions data, bool rotate, TextWriter output, CancellationToken ct)
    {
        var (db, org) = await OpenAsync(r, data, ct);
        await using (db)
        {
            var made = await Guard(() => LedgerCheckpoints.CreateAsync(db, rotate, ct))
                ?? throw new CliException($"the ledger of {org} has no event yet: there is no head to sign");
            await output.WriteLineAsync(rotate
                ? $"{org}: key rotated at event {made.Sequence}: {made.KeyId} signed the change to {made.NewKeyId}"
                : $"{org}: checkpoint at event {made.Sequence} vouches for events 1..{made.HeadSequence}, signed by key {made.KeyId}");
            return ExitCodes.Ok;
        }
    }

    private static async Task<(AimsDbContext Db, string Org)> OpenAsync(ParseResult r, DataOptions data, CancellationToken ct)
    {
        var session = new AimsSession();
        session.ActAsSystem("cli");
        var db = await data.OpenAsync(r, session, ct);
        try
        {
            var org = await data.ResolveOrganizationAsync(r, db, ct);
            session.EnterOrganization(org.Id);
            return (db, org.Slug);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>A key that is missing or not the chain's is a clear error (exit 2), never a stack trace.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (LedgerKeyException e)
        {
            throw new CliException(e.Message);
        }
    }
}
