using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aims.Web.Infrastructure.Registers;
using MiniExcelLibs;

namespace Aims.Web.Features.Inventory.Transfer;

/// <summary>One row of a file: where it is (for messages), the reference it gives (if any) and its values as text.</summary>
public sealed record ImportRow(string Where, string? Reference, RegisterInput Input);

/// <summary>The rows of one register in a file, with problems already found in its header or structure.</summary>
public sealed record ImportSheet(RegisterDefinition Definition, List<ImportError> Problems, IAsyncEnumerable<ImportRow> Rows);

/// <summary>Reads CSV, XLSX and JSON files into sheets of rows, checking their structure (columns, sheets, members).</summary>
public static class ImportSources
{
    /// <summary>The sheets of a file; a broken file gives one sheet-less problem.</summary>
    public static async Task<(List<ImportSheet> Sheets, List<ImportError> Problems)> ReadAsync(TransferSet set, Stream file, string fileName, RegisterDefinition? csvEntity, CancellationToken ct)
    {
        var head = new byte[512];
        var length = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        file.Position = 0;
        return InventoryTransfer.Sniff(head.AsSpan(0, length)) switch
        {
            TransferFormat.Xlsx => Xlsx(set, file),
            TransferFormat.Json => await JsonAsync(set, file, ct),
            _ => ([Csv(file, fileName, csvEntity ?? set.DefaultEntity)], []),
        };
    }

    /// <summary>Checks a header against a register: unknown, repeated and missing required columns are refused.</summary>
    public static List<ImportError> CheckHeader(RegisterDefinition definition, IReadOnlyList<string> header, string where)
    {
        var problems = new List<ImportError>();
        var columns = InventoryTransfer.Columns(definition);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in header)
        {
            if (name.Length == 0)
            {
                continue;
            }

            if (!columns.Contains(name))
            {
                problems.Add(new(where, name, $"is not a column of {definition.Name}; the columns are {string.Join(", ", columns)}"));
            }
            else if (!seen.Add(name))
            {
                problems.Add(new(where, name, "appears twice in the header"));
            }
        }

        foreach (var field in definition.Fields.Where(f => f.Required && !seen.Contains(f.Name)))
        {
            problems.Add(new(where, field.Name, "is a required column and the header does not have it"));
        }

        return problems;
    }

    private static ImportSheet Csv(Stream file, string fileName, RegisterDefinition definition)
    {
        var problems = new List<ImportError>();
        return new ImportSheet(definition, problems, Rows());

        async IAsyncEnumerable<ImportRow> Rows()
        {
            using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 65536, leaveOpen: true);
            string[]? header = null;
            var records = CsvCells.ReadAsync(reader).GetAsyncEnumerator();
            try
            {
                while (true)
                {
                    CsvRecord record;
                    try
                    {
                        if (!await records.MoveNextAsync())
                        {
                            break;
                        }

                        record = records.Current;
                    }
                    catch (CsvFormatException e)
                    {
                        var column = header is null || e.Cell >= header.Length ? (header is null ? "header" : $"column {e.Cell + 1}") : header[e.Cell];
                        problems.Add(new($"{fileName} line {e.Line}", column, e.Rule));
                        yield break;
                    }

                    if (header is null)
                    {
                        header = record.Cells.Select(c => c.Trim()).ToArray();
                        problems.AddRange(CheckHeader(definition, header, $"{fileName} line 1"));
                        if (problems.Count > 0)
                        {
                            yield break;
                        }

                        continue;
                    }

                    var where = $"{fileName} line {record.Line}";
                    if (record.Cells.Length > header.Length)
                    {
                        problems.Add(new(where, $"column {header.Length + 1}", $"the row has {record.Cells.Length} cells and the header {header.Length}"));
                        continue;
                    }

                    yield return Row(definition, where, header, record.Cells);
                }
            }
            finally
            {
                await records.DisposeAsync();
            }
        }
    }

    private static ImportRow Row(RegisterDefinition definition, string where, string[] header, IReadOnlyList<string> cells)
    {
        var input = new RegisterInput();
        string? reference = null;
        for (var i = 0; i < header.Length; i++)
        {
            var text = i < cells.Count ? cells[i] : "";
            if (header[i] == "reference")
            {
                reference = text.Trim();
            }
            else if (definition.Field(header[i]) is { } field)
            {
                input.SetText(field, text);
            }
        }

        return new ImportRow(where, reference, input);
    }

    private static (List<ImportSheet>, List<ImportError>) Xlsx(TransferSet set, Stream file)
    {
        List<string> names;
        try
        {
            names = MiniExcel.GetSheetNames(file);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException)
        {
            return ([], [new("file", "xlsx", "is not a readable XLSX workbook")]);
        }

        var sheets = new List<ImportSheet>();
        var problems = new List<ImportError>();
        foreach (var name in names)
        {
            var definition = set.Find(name);
            if (definition is null)
            {
                problems.Add(new($"sheet {name}", "sheet", $"is not a register of {set.Title}; the sheets are {set.EntityNames}"));
                continue;
            }

            var sheetProblems = new List<ImportError>();
            sheets.Add(new ImportSheet(definition, sheetProblems, XlsxRows(file, name, definition, sheetProblems)));
        }

        return (sheets, problems);
    }

    private static async IAsyncEnumerable<ImportRow> XlsxRows(Stream file, string sheet, RegisterDefinition definition, List<ImportError> problems)
    {
        file.Position = 0;
        string[]? header = null;
        var row = 0;
        foreach (IDictionary<string, object?> cells in MiniExcel.Query(file, useHeaderRow: false, sheetName: sheet))
        {
            row++;
            var values = cells.Values.Select(CellText).ToList();
            if (header is null)
            {
                header = values.Select(v => v.Trim()).ToArray();
                problems.AddRange(CheckHeader(definition, header, $"sheet {sheet} row 1"));
                if (problems.Count > 0)
                {
                    yield break;
                }

                continue;
            }

            if (values.All(v => v.Length == 0))
            {
                continue;
            }

            yield return Row(definition, $"sheet {sheet} row {row}", header, values);
            await Task.Yield();
        }
    }

    /// <summary>A cell as the text a person typed: numbers without a culture, dates as yyyy-MM-dd.</summary>
    private static string CellText(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static readonly HashSet<string> Ignored = ["reference"];

    private static async Task<(List<ImportSheet>, List<ImportError>)> JsonAsync(TransferSet set, Stream file, CancellationToken ct)
    {
        JsonNode? root;
        try
        {
            root = await JsonNode.ParseAsync(file, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            return ([], [new($"file line {(e.LineNumber ?? 0) + 1}", "json", "is not valid JSON")]);
        }

        if (root is not JsonObject document)
        {
            return ([], [new("file", "json", "must be an object like {\"format\":\"aims-inventory\",\"version\":1,...}")]);
        }

        var problems = new List<ImportError>();
        if (document["format"]?.GetValueKind() != JsonValueKind.String || document["format"]!.GetValue<string>() != set.FormatName)
        {
            problems.Add(new("file", "format", $"must be \"{set.FormatName}\""));
        }

        if (document["version"] is not JsonValue version || !version.TryGetValue<int>(out var v) || v != InventoryTransfer.FormatVersion)
        {
            problems.Add(new("file", "version", $"must be {InventoryTransfer.FormatVersion}"));
        }

        var sheets = new List<ImportSheet>();
        foreach (var (name, node) in document)
        {
            if (name is "format" or "version" or "organization")
            {
                continue;
            }

            var definition = set.Registers.FirstOrDefault(r => r.Name == name);
            if (definition is null)
            {
                problems.Add(new("file", name, $"is not a register of {set.Title}; the registers are {set.EntityNames}"));
            }
            else if (node is not JsonArray items)
            {
                problems.Add(new("file", name, "must be an array of records"));
            }
            else
            {
                sheets.Add(new ImportSheet(definition, [], JsonRows(definition, items)));
            }
        }

        return (sheets, problems);
    }

    private static async IAsyncEnumerable<ImportRow> JsonRows(RegisterDefinition definition, JsonArray items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var where = $"{definition.Name} item {i + 1}";
            if (items[i] is not JsonObject item)
            {
                var input = new RegisterInput();
                input.Errors["record"] = ["must be an object"];
                yield return new ImportRow(where, null, input);
                continue;
            }

            string? reference = null;
            var bad = new RegisterInput();
            if (item["reference"] is { } r)
            {
                if (r.GetValueKind() == JsonValueKind.String)
                {
                    reference = r.GetValue<string>();
                }
                else if (r.GetValueKind() != JsonValueKind.Null)
                {
                    bad.Errors["reference"] = ["must be a string"];
                }
            }

            var row = RegisterInput.FromJson(definition, item, Ignored);
            foreach (var (k, e) in bad.Errors)
            {
                row.Errors[k] = e;
            }

            yield return new ImportRow(where, reference, row);
            await Task.CompletedTask;
        }
    }
}
