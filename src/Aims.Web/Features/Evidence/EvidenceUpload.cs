using System.Security.Cryptography;
using Aims.Domain.Evidence;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Aims.Web.Features.Evidence;

/// <summary>A file received from an upload: spooled to disk, hashed and typed while it streamed in. Deletes the spool when disposed.</summary>
public sealed class ReceivedFile(string path, string sha256, long size, string detectedType, string declaredType, string fileName) : IAsyncDisposable
{
    public string Path { get; } = path;

    public string Sha256 { get; } = sha256;

    public long Size { get; } = size;

    public string DetectedType { get; } = detectedType;

    public string DeclaredType { get; } = declaredType;

    public string FileName { get; } = fileName;

    public ValueTask DisposeAsync()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // A spool that cannot be deleted now is in the temp or staging folder and holds nothing anyone names.
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Streams <paramref name="source"/> to a spool file in <paramref name="folder"/>, hashing and sniffing as it goes,
    /// in constant memory. Null with the rule broken when the content is empty or larger than <paramref name="limit"/>.
    /// </summary>
    public static async Task<(ReceivedFile? File, int Status, string? Problem)> SpoolAsync(
        Stream source, string folder, long limit, string fileName, string declaredType, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, "upload-" + Guid.NewGuid().ToString("N") + ".part");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var text = new TextScanner();
        var head = new byte[ContentSniffer.HeadLength];
        var headLength = 0;
        long size = 0;
        var buffer = new byte[81920];
        await using (var spool = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 65536, FileOptions.Asynchronous))
        {
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                size += read;
                if (size > limit)
                {
                    await spool.DisposeAsync();
                    File.Delete(path);
                    return (null, StatusCodes.Status413PayloadTooLarge, $"must not exceed {limit} bytes");
                }

                var chunk = buffer.AsSpan(0, read);
                hash.AppendData(chunk);
                text.Append(chunk);
                if (headLength < head.Length)
                {
                    var n = Math.Min(read, head.Length - headLength);
                    chunk[..n].CopyTo(head.AsSpan(headLength));
                    headLength += n;
                }

                await spool.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }

        if (size == 0)
        {
            File.Delete(path);
            return (null, StatusCodes.Status400BadRequest, "is empty: send a file with content");
        }

        text.Append([], final: true);
        var detected = ContentSniffer.Detect(head.AsSpan(0, headLength), text.IsText);
        var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
        return (new ReceivedFile(path, sha, size, detected, ContentSniffer.Normalize(declaredType), fileName), StatusCodes.Status200OK, null);
    }
}

/// <summary>What an upload carried: its text fields, at most one file, and the first problem met (status and field -> rule).</summary>
public sealed class UploadBody : IAsyncDisposable
{
    public Dictionary<string, List<string>> Fields { get; } = new(StringComparer.Ordinal);

    public ReceivedFile? File { get; set; }

    public int Status { get; set; } = StatusCodes.Status200OK;

    public Dictionary<string, string[]> Errors { get; } = [];

    public bool Ok => Errors.Count == 0;

    public string? Field(string name) => Fields.TryGetValue(name, out var values) ? values[^1] : null;

    public IReadOnlyList<string> All(string name) => Fields.TryGetValue(name, out var values) ? values : [];

    public void Fail(int status, string field, string rule)
    {
        if (Errors.Count == 0)
        {
            Status = status;
        }

        Errors.TryAdd(field, [rule]);
    }

    public ValueTask DisposeAsync() => File?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>
/// Reads a multipart/form-data upload with <see cref="MultipartReader"/>, section by section: text fields into memory
/// (small, bounded), the file part streamed through <see cref="ReceivedFile.SpoolAsync"/>. Never buffers the file.
/// </summary>
public static class EvidenceUpload
{
    public const long DefaultMaxBytes = 50L * 1024 * 1024;
    public const string ConfigKey = "Evidence:MaxUploadBytes";
    private const int MaxFields = 60;
    private const int MaxFieldChars = 4000;

    /// <summary>The configured size limit of one evidence file (Evidence:MaxUploadBytes), 50 MiB by default.</summary>
    public static long MaxBytes(IConfiguration configuration) =>
        configuration.GetValue<long?>(ConfigKey) is { } v and > 0 ? v : DefaultMaxBytes;

    /// <summary>The paths that receive evidence files; the request-size and text guards leave their bodies to this reader.</summary>
    public static bool IsUploadPath(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Value is { } path
        && (path.StartsWith("/api/v1/evidence", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/evidence/", StringComparison.OrdinalIgnoreCase))
        && request.HasFormContentType && request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The whole body's limit: the file plus room for the fields and the multipart framing.</summary>
    public static long BodyLimit(long fileLimit) => fileLimit + (1024 * 1024);

    /// <param name="onField">Called for each text field as it arrives (the page checks its antiforgery token this way, before any file is read).</param>
    public static async Task<UploadBody> ReadAsync(HttpRequest request, IEvidenceStore store, long limit, Func<string, string, Task<bool>>? onField, CancellationToken ct)
    {
        var body = new UploadBody();
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media) || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(media.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            body.Fail(StatusCodes.Status415UnsupportedMediaType, "body", "must be multipart/form-data with a part 'file'");
            return body;
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = BodyLimit(limit);
        }

        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024, BodyLengthLimit = BodyLimit(limit) };
        var fields = 0;
        try
        {
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data"))
                {
                    body.Fail(StatusCodes.Status400BadRequest, "body", "every part must be form-data with a name");
                    return body;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    if (name != "file" || body.File is not null)
                    {
                        body.Fail(StatusCodes.Status400BadRequest, "file", "send one file, in the part named 'file'");
                        return body;
                    }

                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                    if (fileName.Length == 0)
                    {
                        // A form submitted without choosing a file sends an empty, unnamed part: no file.
                        if (await section.Body.ReadAsync(new byte[1], ct) == 0)
                        {
                            continue;
                        }

                        body.Fail(StatusCodes.Status400BadRequest, "fileName", "is required");
                        return body;
                    }

                    if (EvidenceRules.FileNameProblem(fileName) is { } problem)
                    {
                        body.Fail(StatusCodes.Status400BadRequest, "fileName", problem);
                        return body;
                    }

                    var (file, status, rule) = await ReceivedFile.SpoolAsync(section.Body, store.StagingFolder, limit, fileName, section.ContentType ?? "", ct);
                    if (file is null)
                    {
                        body.Fail(status, "file", rule!);
                        return body;
                    }

                    body.File = file;
                    continue;
                }

                if (++fields > MaxFields)
                {
                    body.Fail(StatusCodes.Status400BadRequest, "body", $"must have at most {MaxFields} fields");
                    return body;
                }

                using var text = new StreamReader(section.Body, System.Text.Encoding.UTF8);
                var chars = new char[MaxFieldChars + 1];
                var length = await text.ReadBlockAsync(chars.AsMemory(), ct);
                if (length > MaxFieldChars)
                {
                    body.Fail(StatusCodes.Status400BadRequest, name, $"must be at most {MaxFieldChars} characters");
                    return body;
                }

                var value = new string(chars, 0, length);
                if (value.Contains('\0') || name.Contains('\0'))
                {
                    body.Fail(StatusCodes.Status400BadRequest, name.Replace("\0", "", StringComparison.Ordinal), "must not contain the NUL character");
                    return body;
                }

                if (!body.Fields.TryGetValue(name, out var list))
                {
                    body.Fields[name] = list = [];
                }

                list.Add(value);
                if (onField is not null && !await onField(name, value))
                {
                    body.Fail(StatusCodes.Status400BadRequest, name, "is not valid for this form; reload the page and try again");
                    return body;
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body.Fail(StatusCodes.Status413PayloadTooLarge, "file", $"must not exceed {limit} bytes");
        }
        catch (InvalidDataException e)
        {
            body.Fail(StatusCodes.Status400BadRequest, "body", "is not a readable multipart body: " + e.Message);
        }
        catch (IOException e) when (e.InnerException is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            body.Fail(StatusCodes.Status413PayloadTooLarge, "file", $"must not exceed {limit} bytes");
        }

        return body;
    }
}
