using System.CommandLine;
using Aims.Cli.Commands;

namespace Aims.Cli;

/// <summary>
/// The `aims` command. Exit codes: 0 success, 1 a check that failed (verify), 2 bad input or usage.
/// Data goes to stdout, messages to stderr, never a stack trace.
/// </summary>
public static class AimsCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var root = new RootCommand("Aims: run an AI management system under ISO/IEC 42001.")
        {
            ServeCommand.Create(),
            CatalogCommands.Create(output),
            OrganizationCommands.Create(output),
            TokenCommands.Create(output),
            LedgerCommands.CreateVerify(output),
            LedgerCommands.CreateLedger(output),
            InventoryCommands.Create(output, Aims.Web.Features.Inventory.Transfer.TransferSet.Inventory,
                "The AI inventory: systems, use cases, models, datasets, suppliers, data flows, resources."),
            InventoryCommands.Create(output, Aims.Web.Features.Risks.RiskTransfer.Set,
                "The risk register: own controls and risks with their scores, treatment, controls and owners."),
            ImpactCommands.Create(output),
            AssuranceCommands.CreateSoa(output),
            AssuranceCommands.CreateReadiness(output),
            LifecycleCommands.Create(output),
            ApprovalCommands.Create(output),
            EvidenceCommands.Create(output),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
            {
                await error.WriteLineAsync("error: " + e.Message);
            }

            await error.WriteLineAsync("Run 'aims --help' or 'aims <command> --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, ct);
        }
        catch (CliException e)
        {
            await error.WriteLineAsync("error: " + e.Message);
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("cancelled");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync("error: " + e.Message);
            return ExitCodes.Usage;
        }
    }
}

public static class ExitCodes
{
    public const int Ok = 0;
    public const int CheckFailed = 1;
    public const int Usage = 2;
}

/// <summary>A problem to tell the user in one line, with the exit code to end with.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Usage) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
