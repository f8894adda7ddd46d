using System.Text;

namespace Aims.Domain.Evidence;

/// <summary>
/// Tells a file's type from its own bytes (its signature), never from its name or the type the uploader declared:
/// both are under the uploader's control, the bytes are what a viewer will actually parse.
/// </summary>
public static class ContentSniffer
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Gif = "image/gif";
    public const string Zip = "application/zip";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public const string Text = "text/plain";
    public const string Csv = "text/csv";
    public const string Json = "application/json";
    public const string Html = "text/html";
    public const string Svg = "image/svg+xml";
    public const string Binary = "application/octet-stream";

    /// <summary>How many leading bytes <see cref="Detect"/> looks at for the signature and the kind of text.</summary>
    public const int HeadLength = 64 * 1024;

    /// <summary>
    /// The type of a content from its first bytes (<paramref name="head"/>, up to <see cref="HeadLength"/>) and whether
    /// the whole content is valid UTF-8 text without control characters (<paramref name="wholeIsText"/>, which the
    /// caller learns while streaming it through a <see cref="TextScanner"/>).
    /// </summary>
    public static string Detect(ReadOnlySpan<byte> head, bool wholeIsText)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return Png;
        }

        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
        {
            return Jpeg;
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return Gif;
        }

        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8))
        {
            return OfficeOrZip(head);
        }

        if (!wholeIsText || head.Length == 0)
        {
            return Binary;
        }

        return KindOfText(head);
    }

    /// <summary>An Office Open XML package names its parts in the zip's local headers: word/, xl/ or ppt/ beside [Content_Types].xml.</summary>
    private static string OfficeOrZip(ReadOnlySpan<byte> head)
    {
        if (head.IndexOf("[Content_Types].xml"u8) < 0)
        {
            return Zip;
        }

        return head.IndexOf("word/"u8) >= 0 ? Docx
            : head.IndexOf("xl/"u8) >= 0 ? Xlsx
            : head.IndexOf("ppt/"u8) >= 0 ? Pptx
            : Zip;
    }

    private static string KindOfText(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) ? head[3..] : head).TrimStart();
        var lower = text.Length > 200 ? text[..200].ToLowerInvariant() : text.ToLowerInvariant();
        if (lower.StartsWith("<!doctype html", StringComparison.Ordinal) || lower.StartsWith("<html", StringComparison.Ordinal)
            || lower.StartsWith("<head", StringComparison.Ordinal) || lower.StartsWith("<script", StringComparison.Ordinal))
        {
            return Html;
        }

        if (lower.StartsWith("<svg", StringComparison.Ordinal) || (lower.StartsWith("<?xml", StringComparison.Ordinal) && text.Contains("<svg", StringComparison.OrdinalIgnoreCase)))
        {
            return Svg;
        }

        if (text.StartsWith('{') || text.StartsWith('['))
        {
            return Json;
        }

        return LooksLikeCsv(text) ? Csv : Text;
    }

    /// <summary>Two or more lines that all have the same number (at least one) of commas or of semicolons.</summary>
    private static bool LooksLikeCsv(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Take(20).ToList();
        if (lines.Count < 2)
        {
            return false;
        }

        // The last line of the head may be cut off in the middle.
        var whole = lines.Count > 2 ? lines.Take(lines.Count - 1).ToList() : lines;
        foreach (var separator in new[] { ',', ';' })
        {
            var first = whole[0].Count(c => c == separator);
            if (first > 0 && whole.All(l => l.Count(c => c == separator) == first))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Content that a browser or viewer would execute or render actively: never served as its own type.</summary>
    public static bool IsActive(string contentType) => contentType is Html or Svg;

    /// <summary>
    /// Whether the type the uploader declared agrees with the detected one. No declaration (or a generic binary one)
    /// agrees with anything; the text types agree among themselves; a zip may be declared as an Office document when
    /// its parts could not be told from the head.
    /// </summary>
    public static bool Agrees(string? declared, string detected)
    {
        var d = Normalize(declared);
        if (d.Length == 0 || d == Binary)
        {
            return true;
        }

        if (d == detected)
        {
            return true;
        }

        if (TextTypes.Contains(d))
        {
            return TextTypes.Contains(detected);
        }

        if (d is "image/jpg" or "image/pjpeg")
        {
            return detected == Jpeg;
        }

        if (d is "application/x-zip-compressed" or "application/x-zip")
        {
            return detected is Zip or Docx or Xlsx or Pptx;
        }

        if (d is Docx or Xlsx or Pptx)
        {
            return detected == Zip;
        }

        // A type we cannot check against the bytes: accepted only when the bytes say nothing more specific.
        return !Known.Contains(d) && detected == Binary;
    }

    private static readonly HashSet<string> TextTypes = [Text, Csv, Json, "text/markdown", "application/csv", "text/comma-separated-values"];

    private static readonly HashSet<string> Known = [Pdf, Png, Jpeg, Gif, Zip, Docx, Xlsx, Pptx, Text, Csv, Json, Html, Svg];

    public static string Normalize(string? contentType)
    {
        var value = (contentType ?? "").Trim();
        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? value[..semicolon] : value).Trim().ToLowerInvariant();
    }
}

/// <summary>
/// Follows a content chunk by chunk and says at the end whether all of it was valid UTF-8 text without control
/// characters other than tab, line feed, carriage return and form feed. Constant memory.
/// </summary>
public sealed class TextScanner
{
    private readonly Decoder _decoder = new UTF8Encoding(false, true).GetDecoder();
    private readonly char[] _chars = new char[8192];

    public bool IsText { get; private set; } = true;

    public void Append(ReadOnlySpan<byte> chunk, bool final = false)
    {
        while (IsText && (chunk.Length > 0 || final))
        {
            try
            {
                _decoder.Convert(chunk, _chars, final, out var used, out var produced, out _);
                chunk = chunk[used..];
                foreach (var c in _chars.AsSpan(0, produced))
                {
                    if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f'))
                    {
                        IsText = false;
                        return;
                    }
                }

                if (chunk.Length == 0)
                {
                    return;
                }
            }
            catch (DecoderFallbackException)
            {
                IsText = false;
            }
        }
    }
}
