using System.Data;
using System.Net;
using System.Text;
using System.Text.Json;
using Aims.Web.Features.Inventory.Transfer;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Aims.Web.Features.Assurance;

/// <summary>The Statement of Applicability as a file: CSV, XLSX, JSON or an HTML document, the same columns in each.</summary>
public static class SoaExport
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "xlsx", "json", "html"];

    public static readonly IReadOnlyList<string> Columns =
        ["control", "title", "applicable", "justification", "implementationStatus", "plannedOn", "procedure", "evidence", "owner", "readiness"];

    public static string ContentType(string format) => format switch
    {
        "csv" => "text/csv; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "json" => "application/json; charset=utf-8",
        _ => "text/html; charset=utf-8",
    };

    private static string[] Cells(SoaRowView r) =>
    [
        r.ControlId, r.Title, r.Applicable ? "applicable" : "excluded", r.Justification, r.ImplementationStatus,
        r.PlannedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "", r.Procedure, r.Evidence, r.Responsible,
        r.AuditReady ? "audit-ready" : "not audit-ready: " + string.Join("; ", r.NotReadyBecause),
    ];

    /// <summary>A cell a spreadsheet would run as a formula (=, +, -, @) is written as text.</summary>
    private static string[] SpreadsheetCells(SoaRowView row) =>
        [.. Cells(row).Select(c => c.Length > 0 && "=+-@\t\r".Contains(c[0], StringComparison.Ordinal) ? "'" + c : c)];

    public static async Task WriteAsync(IReadOnlyList<SoaRowView> rows, string format, string title, Stream output, CancellationToken ct)
    {
        switch (format)
        {
            case "csv":
            {
                await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
                CsvCells.WriteRow(writer, Columns);
                foreach (var row in rows)
                {
                    CsvCells.WriteRow(writer, SpreadsheetCells(row));
                }

                break;
            }

            case "xlsx":
            {
                var table = new DataTable("soa") { Locale = System.Globalization.CultureInfo.InvariantCulture };
                foreach (var column in Columns)
                {
                    table.Columns.Add(column, typeof(string));
                }

                foreach (var row in rows)
                {
                    table.Rows.Add(SpreadsheetCells(row).Cast<object>().ToArray());
                }

                using var raw = new MemoryStream();
                var configuration = new OpenXmlConfiguration { AutoFilter = false, EnableAutoWidth = false, TableStyles = TableStyles.None, FastMode = false };
                await MiniExcel.SaveAsAsync(raw, new Dictionary<string, object> { ["soa"] = table }, printHeader: true, excelType: ExcelType.XLSX, configuration: configuration, cancellationToken: ct);
                raw.Position = 0;
                await StableZip.CopyAsync(raw, output, ct);
                break;
            }

            case "json":
                await JsonSerializer.SerializeAsync(output, rows.Select(r => Columns.Zip(Cells(r)).ToDictionary(p => p.First, p => p.Second)), ApiJson.Options, ct);
                break;
            default:
                await output.WriteAsync(Encoding.UTF8.GetBytes(Html(rows, title)), ct);
                break;
        }
    }

    private static string Html(IReadOnlyList<SoaRowView> rows, string title)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>")
            .Append("<style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem;text-align:left;vertical-align:top;font-size:.85rem}.no{color:#8a1c1c}</style></head><body>")
            .Append("<h1>").Append(E(title)).Append("</h1>")
            .Append($"<p>{rows.Count(r => r.Applicable)} of {rows.Count} Annex A controls applicable; {rows.Count(r => !r.AuditReady)} rows not audit-ready.</p>")
            .Append("<table><thead><tr><th scope=\"col\">Control</th><th scope=\"col\">Title</th><th scope=\"col\">Applicable</th><th scope=\"col\">Justification</th>")
            .Append("<th scope=\"col\">Implementation</th><th scope=\"col\">Procedure</th><th scope=\"col\">Evidence</th><th scope=\"col\">Owner</th><th scope=\"col\">Readiness</th></tr></thead><tbody>");
        foreach (var r in rows)
        {
            var c = Cells(r);
            html.Append("<tr><th scope=\"row\">").Append(E(c[0])).Append("</th>");
            foreach (var i in new[] { 1, 2, 3, 4, 6, 7, 8 })
            {
                html.Append("<td>").Append(E(c[i])).Append(i == 4 && c[5].Length > 0 ? " (" + E(c[5]) + ")" : "").Append("</td>");
            }

            html.Append(r.AuditReady ? "<td>audit-ready</td>" : "<td class=\"no\">" + E(c[9]) + "</td>").Append("</tr>");
        }

        return html.Append("</tbody></table></body></html>").ToString();
    }
}
