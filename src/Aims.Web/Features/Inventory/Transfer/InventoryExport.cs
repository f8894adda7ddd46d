using System.Data;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Aims.Data;
using Aims.Data.Entities;
using Aims.Web.Infrastructure.Registers;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Inventory.Transfer;

/// <summary>
/// Writes the current organization's inventory as JSON, XLSX (one sheet per register) or CSV (one register). Sorted by
/// reference, links and people written by reference and e-mail, nothing time-dependent inside: the same data gives
/// the same bytes, so an export can be diffed, committed and round-tripped.
/// </summary>
public static class InventoryExport
{
    private const int Chunk = 1000;

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteAsync(TransferSet set, AimsDbContext db, RegisterSet registers, string organization, TransferFormat format, RegisterDefinition? entity, Stream output, CancellationToken ct) =>
        format switch
        {
            TransferFormat.Json => WriteJsonAsync(set, db, registers, organization, output, ct),
            TransferFormat.Xlsx => WriteXlsxAsync(set, db, registers, output, template: false, ct),
            _ => WriteCsvAsync(db, registers, entity ?? set.DefaultEntity, output, template: false, ct),
        };

    /// <summary>An empty file with the right columns, for people filling in a spreadsheet by hand.</summary>
    public static Task WriteTemplateAsync(TransferSet set, AimsDbContext db, RegisterSet registers, TransferFormat format, RegisterDefinition? entity, Stream output, CancellationToken ct) =>
        format == TransferFormat.Xlsx
            ? WriteXlsxAsync(set, db, registers, output, template: true, ct)
            : WriteCsvAsync(db, registers, entity ?? set.DefaultEntity, output, template: true, ct);

    /// <summary>Every record of a register in reference order, a chunk at a time (constant memory for large registers).</summary>
    public static async IAsyncEnumerable<RegisterItem> ItemsAsync(AimsDbContext db, RegisterSet registers, RegisterDefinition definition, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var after = long.MinValue;
        while (true)
        {
            var last = after;
            var records = await definition.Query(db).AsNoTracking().Where(r => r.Number > last).OrderBy(r => r.Number).Take(Chunk).ToListAsync(ct);
            if (records.Count == 0)
            {
                yield break;
            }

            foreach (var item in await RegisterItems.ReadAsync(db, registers, definition, records, ct))
            {
                yield return item;
            }

            after = records[^1].Number;
        }
    }

    private static async Task WriteJsonAsync(TransferSet set, AimsDbContext db, RegisterSet registers, string organization, Stream output, CancellationToken ct)
    {
        await using var json = new Utf8JsonWriter(output, JsonOptions);
        json.WriteStartObject();
        json.WriteString("format", set.FormatName);
        json.WriteNumber("version", InventoryTransfer.FormatVersion);
        json.WriteString("organization", organization);
        foreach (var definition in set.Registers)
        {
            json.WriteStartArray(definition.Name);
            await foreach (var item in ItemsAsync(db, registers, definition, ct))
            {
                json.WriteStartObject();
                json.WriteString("reference", item.Reference);
                foreach (var field in definition.Fields)
                {
                    json.WritePropertyName(field.Name);
                    WriteValue(json, item.Values.GetValueOrDefault(field.Name));
                }

                json.WriteEndObject();
                if (json.BytesPending > 64 * 1024)
                {
                    await json.FlushAsync(ct);
                }
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        await json.FlushAsync(ct);
        await output.WriteAsync("\n"u8.ToArray(), ct);
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case IReadOnlyList<string> list:
                json.WriteStartArray();
                foreach (var s in list)
                {
                    json.WriteStringValue(s);
                }

                json.WriteEndArray();
                break;
            case SortedDictionary<string, double> metrics:
                json.WriteStartObject();
                foreach (var (k, v) in metrics)
                {
                    json.WriteNumber(k, v);
                }

                json.WriteEndObject();
                break;
            default:
                json.WriteStringValue(RegisterItem.CellText(value));
                break;
        }
    }

    private static async Task WriteCsvAsync(AimsDbContext db, RegisterSet registers, RegisterDefinition definition, Stream output, bool template, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 65536, leaveOpen: true);
        CsvCells.WriteRow(writer, InventoryTransfer.Columns(definition));
        if (!template)
        {
            await foreach (var item in ItemsAsync(db, registers, definition, ct))
            {
                CsvCells.WriteRow(writer, [item.Reference, .. definition.Fields.Select(f => item.Text(f.Name))]);
            }
        }

        await writer.FlushAsync(ct);
    }

    private static async Task WriteXlsxAsync(TransferSet set, AimsDbContext db, RegisterSet registers, Stream output, bool template, CancellationToken ct)
    {
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var definition in set.Registers)
        {
            var table = new DataTable(definition.Name) { Locale = System.Globalization.CultureInfo.InvariantCulture };
            foreach (var column in InventoryTransfer.Columns(definition))
            {
                table.Columns.Add(column, typeof(string));
            }

            if (!template)
            {
                await foreach (var item in ItemsAsync(db, registers, definition, ct))
                {
                    table.Rows.Add([item.Reference, .. definition.Fields.Select(f => (object)item.Text(f.Name))]);
                }
            }

            sheets[definition.Name] = table;
        }

        using var raw = new MemoryStream();
        var configuration = new OpenXmlConfiguration { AutoFilter = false, EnableAutoWidth = false, TableStyles = TableStyles.None, FastMode = false };
        await MiniExcel.SaveAsAsync(raw, sheets, printHeader: true, excelType: ExcelType.XLSX, configuration: configuration, cancellationToken: ct);
        raw.Position = 0;
        await StableZip.CopyAsync(raw, output, ct);
    }
}

/// <summary>
/// Rewrites a zip so that the same content gives the same bytes: every entry dated the same fixed moment, creation and
/// modification times removed from the document properties, and the writer's random relationship ids (R + a GUID)
/// replaced by ids numbered in order of appearance.
/// </summary>
public static partial class StableZip
{
    private static readonly DateTimeOffset Epoch = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task CopyAsync(Stream source, Stream output, CancellationToken ct)
    {
        var entries = new List<(string Name, byte[] Bytes)>();
        using (var from = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true))
        {
            foreach (var entry in from.Entries.OrderBy(e => EntryOrder(e.FullName)).ThenBy(e => e.FullName, StringComparer.Ordinal))
            {
                await using var read = await entry.OpenAsync(ct);
                using var bytes = new MemoryStream();
                await read.CopyToAsync(bytes, ct);
                entries.Add((entry.FullName, bytes.ToArray()));
            }
        }

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        using var buffer = new MemoryStream();
        using (var to = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                var copy = to.CreateEntry(name, CompressionLevel.Optimal);
                copy.LastWriteTime = Epoch;
                await using var write = await copy.OpenAsync(ct);
                if (name.EndsWith(".xml", StringComparison.Ordinal) || name.EndsWith(".rels", StringComparison.Ordinal))
                {
                    var xml = Encoding.UTF8.GetString(bytes);
                    xml = TimeStamp().Replace(xml, "");
                    xml = RandomId().Replace(xml, m => ids.TryGetValue(m.Value, out var id) ? id : ids[m.Value] = "rIdx" + (ids.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    await write.WriteAsync(Encoding.UTF8.GetBytes(xml), ct);
                }
                else
                {
                    await write.WriteAsync(bytes, ct);
                }
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    // [Content_Types].xml first, as Office writes it; some readers sniff it there.
    private static int EntryOrder(string name) => name == "[Content_Types].xml" ? 0 : 1;

    [System.Text.RegularExpressions.GeneratedRegex("<dcterms:(created|modified)[^>]*>[^<]*</dcterms:(created|modified)>")]
    private static partial System.Text.RegularExpressions.Regex TimeStamp();

    [System.Text.RegularExpressions.GeneratedRegex("\\bR[0-9a-f]{32}\\b")]
    private static partial System.Text.RegularExpressions.Regex RandomId();
}
