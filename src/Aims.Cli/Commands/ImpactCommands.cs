using System.CommandLine;
using Aims.Data;
using Aims.Web.Features.Risks;

namespace Aims.Cli.Commands;

/// <summary>`aims impact export`: a system's impact assessments as one self-contained HTML document.</summary>
public static class ImpactCommands
{
    public static Command Create(TextWriter output) => new("impact", "AI system impact assessments (6.1.4, 8.4, A.5).") { Export(output) };

    private static Command Export(TextWriter output)
    {
        var data = new DataOptions();
        var system = new Option<string>("--system") { Description = "The AI system's reference, e.g. SYS-1.", Required = true };
        var file = new Option<FileInfo?>("--output") { Description = "Write to this file instead of stdout." };
        var export = new Command("export", "Write every impact assessment of a system, every revision, as HTML; the same data always gives the same bytes.") { system, file };
        data.AddTo(export);
        export.SetAction(async (r, ct) =>
        {
            var session = new AimsSession();
            session.ActAsSystem("cli");
            await using var db = await data.OpenAsync(r, session, ct);
            var org = await data.ResolveOrganizationAsync(r, db, ct);
            session.EnterOrganization(org.Id);
            var reference = r.GetValue(system)!.Trim().ToUpperInvariant();
            var html = await ImpactExport.HtmlAsync(db, reference, ct) ?? throw new CliException($"--system: no AI system {reference} in {org.Slug}");
            if (r.GetValue(file) is { } target)
            {
                await File.WriteAllTextAsync(target.FullName, html, new System.Text.UTF8Encoding(false), ct);
            }
            else
            {
                await output.WriteAsync(html);
            }

            await Console.Error.WriteLineAsync($"Exported the impact assessments of {reference} in {org.Slug} as HTML.");
            return ExitCodes.Ok;
        });
        return export;
    }
}
