using System.Globalization;
using System.Text;
using Aims.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Evidence;

/// <summary>The evidence list as CSV (RFC 4180), the same bytes from the API, the page and the command line.</summary>
public static class EvidenceCsv
{
    public const int MaxRows = 100_000;

    public static readonly string[] Columns =
        ["reference", "title", "kind", "owner", "freshness", "collected_on", "valid_until", "version", "sha256", "size", "content_type", "file_name", "url", "record", "links"];

    public static async Task<Outcome<byte[]>> WriteAsync(EvidenceService service, PageQuery paging, EvidenceFilter filter, CancellationToken ct)
    {
        var (query, errors) = await EvidenceQueries.FilterAsync(service, paging, filter, ct);
        if (query is null)
        {
            return new Outcome<byte[]>(OutcomeStatus.Invalid, null, errors, null);
        }

        var text = new StringBuilder();
        text.Append(string.Join(",", Columns)).Append("\r\n");
        // Pages of items keep memory bounded while the links of each page are read in one query.
        for (var page = 1; (page - 1) * PageQuery.MaxPageSize < MaxRows; page++)
        {
            var items = await query.Skip((page - 1) * PageQuery.MaxPageSize).Take(PageQuery.MaxPageSize).ToListAsync(ct);
            if (items.Count == 0)
            {
                break;
            }

            foreach (var v in await EvidenceQueries.ViewsAsync(service, items, withCoverage: false, ct))
            {
                string[] cells =
                [
                    v.Reference, v.Title, v.Kind, v.Owner ?? "", v.Freshness, Date(v.CollectedOn), Date(v.ValidUntil), v.ContentVersion.ToString(CultureInfo.InvariantCulture),
                    v.Sha256, v.Size.ToString(CultureInfo.InvariantCulture), v.ContentType, v.FileName, v.Url, v.Record, string.Join(" ", v.Links.Select(l => l.Target)),
                ];
                text.Append(string.Join(",", cells.Select(Cell))).Append("\r\n");
            }
        }

        return Outcome<byte[]>.Ok(new UTF8Encoding(false).GetBytes(text.ToString()));
    }

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Quoted where needed; a cell a spreadsheet would run as a formula is written as text.</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
