using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Aims.Data;
using Aims.Web;
using Aims.Web.Features.Assurance;

namespace Aims.Cli.Commands;

/// <summary>
/// `aims soa export`: the Statement of Applicability as a file (as it stands or an approved version), and
/// `aims readiness`: the certification readiness score with its clauses, Annex A areas, counts and countdown warnings.
/// </summary>
public static class AssuranceCommands
{
    public static Command CreateSoa(TextWriter output) =>
        new("soa", "The Statement of Applicability (6.1.3): every Annex A control, its applicability, justification and traceability.") { SoaExportCommand(output) };

    private static Command SoaExportCommand(TextWriter output)
    {
        var data = new DataOptions();
        var formats = string.Join(", ", SoaExport.Formats);
        var format = new Option<string>("--format") { Description = $"{formats} (default csv); xlsx and html are files for people.", DefaultValueFactory = _ => "csv" };
        var version = new Option<int?>("--version")
        {
            Description = "An approved, frozen version by number (default: the SoA as it stands).",
            CustomParser = a =>
            {
                var text = a.Tokens.Count == 1 ? a.Tokens[0].Value : "";
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1)
                {
                    return n;
                }

                a.AddError($"--version must be the number of an approved version (1 or more), not '{text}'");
                return null;
            },
        };
        var file = new Option<FileInfo?>("--output") { Description = "Write to this file instead of stdout." };
        var export = new Command("export", $"Write the SoA with the columns {string.Join(", ", SoaExport.Columns)}; readiness is computed, never typed.")
        {
            format, version, file,
        };
        data.AddTo(export);
        export.SetAction(async (r, ct) =>
        {
            var kind = (r.GetValue(format) ?? "").Trim().ToLowerInvariant();
            if (!SoaExport.Formats.Contains(kind))
            {
                throw new CliException($"--format must be one of {formats}, not '{r.GetValue(format)}'");
            }

            var number = r.GetValue(version);
            var session = new AimsSession();
            session.ActAsSystem("cli");
            await using var db = await data.OpenAsync(r, session, ct);
            var org = await data.ResolveOrganizationAsync(r, db, ct);
            session.EnterOrganization(org.Id);
            var rows = await SoaApi.RowsOfAsync(db, number, ct);
            if (rows is null)
            {
                var approved = (await Soa.VersionsAsync(db, ct)).Select(v => v.Number).Order().ToList();
                throw new CliException($"--version: no approved SoA version {number} in {org.Slug}. Approved versions: "
                    + (approved.Count == 0 ? "none yet" : string.Join(", ", approved)));
            }

            // The same titles as the API's export, so a file from the command line and one from the web are the same bytes.
            var title = number is null ? "Statement of Applicability (as it stands)" : $"Statement of Applicability, version {number}";
            using var buffer = new MemoryStream();
            await SoaExport.WriteAsync(rows, kind, title, buffer, ct);
            await WriteAsync(output, r.GetValue(file), buffer, ct);
            var ready = rows.Count(x => x.AuditReady);
            await Console.Error.WriteLineAsync(
                $"Exported the SoA of {org.Slug} ({(number is null ? "as it stands" : "version " + number)}) as {kind}: {rows.Count} controls, {rows.Count(x => x.Applicable)} applicable, {rows.Count - ready} not audit-ready.");
            return ExitCodes.Ok;
        });
        return export;
    }

    public static Command CreateReadiness(TextWriter output)
    {
        var data = new DataOptions();
        var format = new Option<string>("--format") { Description = "table or json (the API's readiness document)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var readiness = new Command("readiness",
            "Certification readiness 0–100 overall, per clause and per Annex A area, with SoA rows not audit-ready, open nonconformities, overdue actions and the countdown warnings. Records today's score for the trend.")
        {
            format,
        };
        data.AddTo(readiness);
        readiness.SetAction(async (r, ct) =>
        {
            var session = new AimsSession();
            session.ActAsSystem("cli");
            await using var db = await data.OpenAsync(r, session, ct);
            var org = await data.ResolveOrganizationAsync(r, db, ct);
            session.EnterOrganization(org.Id);
            var view = await ReadinessService.ComputeAsync(db, ct);
            if (r.GetValue(format) == "json")
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(view, Json));
            }
            else
            {
                await TableAsync(output, view);
            }

            await Console.Error.WriteLineAsync($"Readiness of {org.Slug}: {view.Score}/100.");
            return ExitCodes.Ok;
        });
        return readiness;
    }

    /// <summary>The API's JSON (camelCase, kebab-case enums), indented for people reading it in a terminal.</summary>
    private static readonly JsonSerializerOptions Json = new(ApiJson.Options) { WriteIndented = true };

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static async Task TableAsync(TextWriter output, ReadinessView view)
    {
        await output.WriteLineAsync($"Readiness: {N(view.Score)}/100{(view.Penalty > 0 ? $" (after {N(view.Penalty)} penalty points)" : "")}");
        await output.WriteLineAsync();
        await Output.TableAsync(output, ["CLAUSE", "SCORE", "ASSESSED", "TITLE"],
            view.Clauses.Select(g => new[] { g.Id, N(g.Score), $"{N(g.Assessed)}/{N(g.Requirements)}", g.Title }));
        await output.WriteLineAsync();
        await Output.TableAsync(output, ["AREA", "SCORE", "ASSESSED", "SOA READY", "TITLE"],
            view.Areas.Select(g => new[] { g.Id, N(g.Score), $"{N(g.Assessed)}/{N(g.Requirements)}", $"{N(g.SoaReady)}/{N(g.SoaRows)}", g.Title }));
        await output.WriteLineAsync();
        await output.WriteLineAsync($"SoA rows not audit-ready: {N(view.SoaNotReady)} of {N(view.SoaRows)}");
        await output.WriteLineAsync($"Open nonconformities: {N(view.OpenMajor)} major, {N(view.OpenMinor)} minor");
        await output.WriteLineAsync($"Overdue actions: {N(view.OverdueActions)}");
        if (view.Countdown.DaysToStage2 is { } days && view.Plan.Stage2 is { } stage2)
        {
            await output.WriteLineAsync($"Stage 2: {stage2.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({N(days)} days)");
        }

        if (view.Countdown.Warnings.Count > 0)
        {
            await output.WriteLineAsync("Warnings:");
            foreach (var warning in view.Countdown.Warnings)
            {
                await output.WriteLineAsync("- " + warning);
            }
        }
    }

    /// <summary>To the file, else to stdout: raw bytes on the real console (xlsx is binary), text on a captured writer.</summary>
    private static async Task WriteAsync(TextWriter output, FileInfo? target, MemoryStream buffer, CancellationToken ct)
    {
        if (target is not null)
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
    }
}
