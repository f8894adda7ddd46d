using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Aims.Data;
using Aims.Web;
using Aims.Web.Features.Evidence;
using Aims.Web.Infrastructure;

namespace Aims.Cli.Commands;

/// <summary>
/// `aims evidence add|list|get`: the evidence vault from the command line, through the same service as the web and the
/// API (the file is streamed, hashed and typed from its bytes; every change is ledgered).
/// </summary>
public static class EvidenceCommands
{
    public static Command Create(TextWriter output) =>
        new("evidence", "The evidence vault: files, links and records that show controls work, with versions and freshness.")
        {
            AddCommand(output), ListCommand(output), GetCommand(),
        };

    private static async Task<(AimsDbContext Db, EvidenceService Service, string Slug)> OpenAsync(DataOptions data, ParseResult r, CancellationToken ct)
    {
        var session = new AimsSession();
        session.ActAsSystem("cli");
        var db = await data.OpenAsync(r, session, ct);
        var org = await data.ResolveOrganizationAsync(r, db, ct);
        session.EnterOrganization(org.Id);
        return (db, new EvidenceService(db, IEvidenceStore.For(data.Settings(r)), TimeProvider.System), org.Slug);
    }

    private static Option<DateOnly?> DateOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = a =>
        {
            var text = a.Tokens.Count == 1 ? a.Tokens[0].Value : "";
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return d;
            }

            a.AddError($"{name} must be a date written yyyy-MM-dd, not '{text}'");
            return null;
        },
    };

    private static Command AddCommand(TextWriter output)
    {
        var data = new DataOptions();
        var file = new Argument<FileInfo?>("FILE") { Description = "The file to store (or give --url).", Arity = ArgumentArity.ZeroOrOne };
        var url = new Option<string?>("--url") { Description = "A link as the evidence instead of a file." };
        var title = new Option<string>("--title") { Description = "What the evidence is.", Required = true };
        var description = new Option<string?>("--description") { Description = "More about it." };
        var owner = new Option<string?>("--owner") { Description = "E-mail of the owner, a person of the organization." };
        var source = new Option<string?>("--source-system") { Description = "Where it comes from (CI, MLflow, HR…)." };
        var controls = new Option<string[]>("--control") { Description = "A control or requirement it supports (A.6.2.8 or framework:id); repeat for several.", AllowMultipleArgumentsPerToken = false };
        var collected = DateOption("--collected-on", "When it was collected (default today).");
        var validUntil = DateOption("--valid-until", "Its last valid day; freshness is derived from it.");
        var request = new Option<string?>("--request") { Description = "The evidence request (EVR-n) it answers; closes the request." };
        var add = new Command("add", "Store a file (streamed and hashed) or a link as a new evidence item; prints its reference.")
        {
            file, url, title, description, owner, source, controls, collected, validUntil, request,
        };
        data.AddTo(add);
        add.SetAction(async (r, ct) =>
        {
            var path = r.GetValue(file);
            if ((path is null) == string.IsNullOrWhiteSpace(r.GetValue(url)))
            {
                throw new CliException("give either a FILE or --url (one of them)");
            }

            if (path is not null && !path.Exists)
            {
                throw new CliException($"FILE: {path.FullName} does not exist");
            }

            var (db, service, slug) = await OpenAsync(data, r, ct);
            await using (db)
            {
                ReceivedFile? received = null;
                if (path is not null)
                {
                    await using var source = path.OpenRead();
                    var (spooled, _, problem) = await ReceivedFile.SpoolAsync(source, service.Store.StagingFolder, EvidenceUpload.DefaultMaxBytes, path.Name, "", ct);
                    received = spooled ?? throw new CliException($"FILE {problem}");
                    if (Aims.Domain.Evidence.EvidenceRules.FileNameProblem(path.Name) is { } nameProblem)
                    {
                        await received.DisposeAsync();
                        throw new CliException($"FILE name {nameProblem}");
                    }
                }

                await using (received)
                {
                    var outcome = await service.CreateAsync(new EvidenceInput
                    {
                        Title = r.GetValue(title), Description = r.GetValue(description), Owner = r.GetValue(owner), SourceSystem = r.GetValue(source),
                        CollectedOn = r.GetValue(collected), ValidUntil = r.GetValue(validUntil), Url = r.GetValue(url), Controls = [.. r.GetValue(controls) ?? []],
                        Request = r.GetValue(request),
                    }, received, ct);
                    if (!outcome.IsOk)
                    {
                        throw new CliException(string.Join("; ", outcome.Messages));
                    }

                    var item = outcome.Value!;
                    await output.WriteLineAsync(item.Reference);
                    await Console.Error.WriteLineAsync(item.Sha256.Length > 0
                        ? $"Stored {item.FileName} in {slug} as {item.Reference}: {item.Size} bytes, {item.ContentType}, SHA-256 {item.Sha256}."
                        : $"Recorded {item.Url} in {slug} as {item.Reference}.");
                }
            }

            return ExitCodes.Ok;
        });
        return add;
    }

    private static Command ListCommand(TextWriter output)
    {
        var data = new DataOptions();
        var format = Output.FormatOption();
        var freshness = new Option<string?>("--freshness") { Description = "current, expiring or expired" };
        var control = new Option<string?>("--control") { Description = "Only items linked to this control or requirement." };
        var owner = new Option<string?>("--owner") { Description = "Only items of this owner (e-mail)." };
        var search = new Option<string?>("--search") { Description = "Text in the reference, title, description, source or file name." };
        var list = new Command("list", "The evidence items with their freshness, owner and links.") { format, freshness, control, owner, search };
        data.AddTo(list);
        list.SetAction(async (r, ct) =>
        {
            var (db, service, slug) = await OpenAsync(data, r, ct);
            await using (db)
            {
                var filter = new EvidenceFilter(r.GetValue(freshness), r.GetValue(owner), r.GetValue(control));
                if (r.GetValue(format) == OutputFormat.Csv)
                {
                    var csv = await EvidenceCsv.WriteAsync(service, new PageQuery(null, null, null, r.GetValue(search)), filter, ct);
                    if (!csv.IsOk)
                    {
                        throw new CliException(string.Join("; ", csv.Messages));
                    }

                    await output.WriteAsync(System.Text.Encoding.UTF8.GetString(csv.Value!));
                    return ExitCodes.Ok;
                }

                var items = new List<EvidenceView>();
                for (var page = 1; ; page++)
                {
                    var outcome = await EvidenceQueries.ListAsync(service, new PageQuery(page, PageQuery.MaxPageSize, null, r.GetValue(search)), filter, ct);
                    if (!outcome.IsOk)
                    {
                        throw new CliException(string.Join("; ", outcome.Messages));
                    }

                    items.AddRange(outcome.Value!.Items);
                    if (page * PageQuery.MaxPageSize >= outcome.Value.Total)
                    {
                        break;
                    }
                }

                if (r.GetValue(format) == OutputFormat.Json)
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(items, Indented));
                }
                else
                {
                    await Output.TableAsync(output, ["REFERENCE", "FRESHNESS", "VALID UNTIL", "KIND", "OWNER", "LINKS", "TITLE"], items.Select(i => new[]
                    {
                        i.Reference, i.Freshness, i.ValidUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", i.Kind, i.Owner ?? "",
                        string.Join(" ", i.Links.Select(l => l.Target)), i.Title,
                    }));
                }

                await Console.Error.WriteLineAsync($"{items.Count} evidence items in {slug}, {items.Count(i => i.Freshness == "expired")} expired.");
            }

            return ExitCodes.Ok;
        });
        return list;
    }

    private static readonly JsonSerializerOptions Indented = new(ApiJson.Options) { WriteIndented = true };

    private static Command GetCommand()
    {
        var data = new DataOptions();
        var reference = new Argument<string>("REFERENCE") { Description = "The item, e.g. EV-12." };
        var file = new Option<FileInfo>("--output") { Description = "Write the file here.", Required = true };
        var version = new Option<int?>("--version") { Description = "A version number (default: the current one)." };
        var get = new Command("get", "Write an item's stored file (current or a given version) to a file.") { reference, file, version };
        data.AddTo(get);
        get.SetAction(async (r, ct) =>
        {
            var (db, service, slug) = await OpenAsync(data, r, ct);
            await using (db)
            {
                var item = await service.FindAsync(r.GetValue(reference)!, ct) ?? throw new CliException($"no evidence {r.GetValue(reference)} in {slug}");
                var number = r.GetValue(version) ?? item.CurrentVersion;
                var stored = await EvidenceDownload.VersionAsync(db, item, number, ct) ?? throw new CliException($"{item.Reference} has no version {number}");
                if (stored.Sha256.Length == 0)
                {
                    throw new CliException($"{item.Reference} version {number} is a link ({stored.Url}), not a file");
                }

                await using var content = await service.Store.OpenAsync(db, stored.Sha256, ct) ?? throw new CliException($"the content {stored.Sha256} is missing from the store");
                var target = r.GetValue(file)!;
                await using (var writer = target.Create())
                {
                    await content.CopyToAsync(writer, ct);
                }

                await Console.Error.WriteLineAsync($"Wrote {item.Reference} version {number} ({stored.Size} bytes, SHA-256 {stored.Sha256}) to {target.FullName}.");
            }

            return ExitCodes.Ok;
        });
        return get;
    }
}
