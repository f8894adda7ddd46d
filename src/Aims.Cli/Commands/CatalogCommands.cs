using System.CommandLine;
using System.Text.Json;
using Aims.Domain.Catalog;

namespace Aims.Cli.Commands;

/// <summary>`aims catalog list|show`: the catalog shipped in this build (the same data every database loads).</summary>
public static class CatalogCommands
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("catalog", "The frameworks and requirements Aims ships as data.");

        var listFormat = Output.FormatOption();
        var list = new Command("list", "List the frameworks of the catalog.") { listFormat };
        list.SetAction(async (r, ct) =>
        {
            var catalog = CatalogReader.Load();
            var rows = catalog.Frameworks.Select(f => new FrameworkRow(f.Id, f.Title, f.Publisher, f.Edition, f.DataVersion, f.Requirements.Count)).ToList();
            switch (r.GetValue(listFormat))
            {
                case OutputFormat.Json:
                    await output.WriteLineAsync(JsonSerializer.Serialize(new { catalogVersion = catalog.Version, frameworks = rows }, Json));
                    break;
                case OutputFormat.Csv:
                    await output.WriteLineAsync("id,title,publisher,edition,dataVersion,requirements");
                    foreach (var f in rows)
                    {
                        await output.WriteLineAsync(string.Join(',', Output.Csv(f.Id), Output.Csv(f.Title), Output.Csv(f.Publisher), Output.Csv(f.Edition), Output.Csv(f.DataVersion), f.Requirements));
                    }

                    break;
                default:
                    await Output.TableAsync(output, ["ID", "TITLE", "PUBLISHER", "REQUIREMENTS"],
                        rows.Select(f => new[] { f.Id, f.Title, f.Publisher, f.Requirements.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
                    break;
            }

            return ExitCodes.Ok;
        });

        var framework = new Argument<string>("FRAMEWORK") { Description = "Framework id, e.g. iso42001, iso27001, nist-ai-rmf, eu-ai-act." };
        var showFormat = Output.FormatOption();
        var show = new Command("show", "Show every requirement of one framework.") { framework, showFormat };
        show.SetAction(async (r, ct) =>
        {
            var catalog = CatalogReader.Load();
            var id = r.GetValue(framework)!;
            var f = catalog.FindFramework(id)
                ?? throw new CliException($"no framework '{id}'. Frameworks: {string.Join(", ", catalog.Frameworks.Select(x => x.Id))}");
            var rows = f.Requirements.Select(q => new RequirementRow(q.Id, q.Kind, q.ParentId, q.Title, q.Summary, q.Informative)).ToList();
            switch (r.GetValue(showFormat))
            {
                case OutputFormat.Json:
                    await output.WriteLineAsync(JsonSerializer.Serialize(new
                    {
                        framework = f.Id, title = f.Title, name = f.Name, publisher = f.Publisher, edition = f.Edition,
                        dataVersion = f.DataVersion, catalogVersion = catalog.Version, requirements = rows,
                    }, Json));
                    break;
                case OutputFormat.Csv:
                    await output.WriteLineAsync("id,kind,parent,title,summary,informative");
                    foreach (var q in rows)
                    {
                        await output.WriteLineAsync(string.Join(',', Output.Csv(q.Id), Output.Csv(q.Kind), Output.Csv(q.Parent), Output.Csv(q.Title), Output.Csv(q.Summary), q.Informative ? "true" : "false"));
                    }

                    break;
                default:
                    await Output.TableAsync(output, ["ID", "KIND", "PARENT", "TITLE"], rows.Select(q => new[] { q.Id, q.Kind, q.Parent ?? "", q.Title }));
                    break;
            }

            return ExitCodes.Ok;
        });

        command.Subcommands.Add(list);
        command.Subcommands.Add(show);
        return command;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private sealed record FrameworkRow(string Id, string Title, string Publisher, string Edition, string DataVersion, int Requirements);

    private sealed record RequirementRow(string Id, string Kind, string? Parent, string Title, string Summary, bool Informative);
}
