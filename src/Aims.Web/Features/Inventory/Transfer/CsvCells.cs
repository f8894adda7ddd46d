using System.Text;

namespace Aims.Web.Features.Inventory.Transfer;

/// <summary>A CSV record and the line it starts on (the header is line 1); a quoted cell may span lines.</summary>
public readonly record struct CsvRecord(int Line, string[] Cells);

/// <summary>A file that is not RFC 4180 CSV, at a line.</summary>
public sealed class CsvFormatException(int line, int cell, string rule) : Exception($"line {line}: {rule}")
{
    public int Line { get; } = line;

    /// <summary>The 0-based position of the cell at fault in its record.</summary>
    public int Cell { get; } = cell;

    public string Rule { get; } = rule;
}

/// <summary>
/// RFC 4180 CSV, read one record at a time so a file of any length takes constant memory, and written with CRLF and
/// quotes only where a cell needs them (so the same cells always give the same bytes).
/// </summary>
public static class CsvCells
{
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(TextReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var start = 1;
        var buffer = new char[16384];
        var quoted = false;
        var afterQuote = false;
        var pendingQuote = false;
        var any = false;
        var pendingCr = false;
        int read;
        while ((read = await reader.ReadAsync(buffer, ct)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (pendingCr)
                {
                    pendingCr = false;
                    if (c == '\n')
                    {
                        continue;
                    }
                }

                if (quoted)
                {
                    if (pendingQuote)
                    {
                        pendingQuote = false;
                        if (c == '"')
                        {
                            cell.Append('"');
                            continue;
                        }

                        quoted = false;
                        afterQuote = true;
                    }
                    else if (c == '"')
                    {
                        pendingQuote = true;
                        continue;
                    }
                    else
                    {
                        if (c == '\n' || c == '\r')
                        {
                            line++;
                            pendingCr = c == '\r';
                            cell.Append('\n');
                        }
                        else
                        {
                            cell.Append(c);
                        }

                        continue;
                    }
                }

                switch (c)
                {
                    case ',':
                        cells.Add(cell.ToString());
                        cell.Clear();
                        afterQuote = false;
                        any = true;
                        break;
                    case '\r' or '\n':
                        pendingCr = c == '\r';
                        if (any || cell.Length > 0 || afterQuote || cells.Count > 0)
                        {
                            cells.Add(cell.ToString());
                            yield return new CsvRecord(start, [.. cells]);
                        }

                        cells.Clear();
                        cell.Clear();
                        afterQuote = false;
                        any = false;
                        line++;
                        start = line;
                        break;
                    case '"' when cell.Length == 0 && !afterQuote:
                        quoted = true;
                        any = true;
                        break;
                    case '"':
                        throw new CsvFormatException(line, cells.Count, "has a quote inside an unquoted cell; put the cell in quotes and double the quote (\"\")");
                    default:
                        if (afterQuote)
                        {
                            throw new CsvFormatException(line, cells.Count, "has text after a closing quote; a quoted cell must end at a comma or the end of the line");
                        }

                        cell.Append(c);
                        any = true;
                        break;
                }
            }
        }

        if (quoted && !pendingQuote)
        {
            throw new CsvFormatException(start, cells.Count, "has a quote that is never closed");
        }

        if (any || cell.Length > 0 || afterQuote || pendingQuote || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            yield return new CsvRecord(start, [.. cells]);
        }
    }

    public static void WriteRow(TextWriter writer, IEnumerable<string> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                writer.Write(',');
            }

            first = false;
            writer.Write(Quote(cell));
        }

        writer.Write("\r\n");
    }

    public static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (cell.Length > 0 && (cell[0] == ' ' || cell[^1] == ' '))
            ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : cell;
}
