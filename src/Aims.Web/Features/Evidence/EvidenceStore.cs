using Aims.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Evidence;

/// <summary>
/// Content-addressed storage of evidence files: a content is stored once under its SHA-256 and never changed, so a
/// file written before a failed save is harmless (nothing names it) and two uploads of the same bytes share it.
/// SQLite deployments keep files in the data folder; PostgreSQL deployments keep them in the database, so that every
/// web node sees every file.
/// </summary>
public interface IEvidenceStore
{
    /// <summary>Where uploads are spooled before they are stored (on the same disk as the store, so a move is cheap).</summary>
    string StagingFolder { get; }

    /// <summary>Stores the spooled file under its hash unless that content is already there.</summary>
    Task PutAsync(AimsDbContext db, string sha256, string spooled, CancellationToken ct);

    Task<Stream?> OpenAsync(AimsDbContext db, string sha256, CancellationToken ct);

    public static IEvidenceStore For(DatabaseSettings settings) => settings.Provider == DatabaseProvider.Sqlite
        ? new FileEvidenceStore(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource)) ?? ".", "evidence"))
        : new DatabaseEvidenceStore();
}

/// <summary>Files in a folder, two levels by the hash's first characters ("evidence/ab/abcd…").</summary>
public sealed class FileEvidenceStore(string folder) : IEvidenceStore
{
    public string StagingFolder { get; } = Directory.CreateDirectory(Path.Combine(folder, "incoming")).FullName;

    private string PathOf(string sha256) => Path.Combine(folder, sha256[..2], sha256);

    public Task PutAsync(AimsDbContext db, string sha256, string spooled, CancellationToken ct)
    {
        var target = PathOf(sha256);
        if (File.Exists(target))
        {
            return Task.CompletedTask;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            // Copy (the spooled file is deleted by its owner), then an atomic rename: a reader never sees half a file.
            var partial = target + "." + Guid.NewGuid().ToString("N") + ".part";
            File.Copy(spooled, partial);
            File.Move(partial, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            // Another upload of the same content won the race; the content is the same.
        }

        return Task.CompletedTask;
    }

    public Task<Stream?> OpenAsync(AimsDbContext db, string sha256, CancellationToken ct)
    {
        var path = PathOf(sha256);
        return Task.FromResult<Stream?>(File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, FileOptions.Asynchronous | FileOptions.SequentialScan) : null);
    }
}

/// <summary>Contents in the database in 1 MiB chunks: stored and read a chunk at a time, never whole in memory.</summary>
public sealed class DatabaseEvidenceStore : IEvidenceStore
{
    public const int ChunkSize = 1024 * 1024;

    public string StagingFolder { get; } = Path.GetTempPath();

    public async Task PutAsync(AimsDbContext db, string sha256, string spooled, CancellationToken ct)
    {
        if (await db.EvidenceBlobChunks.AnyAsync(c => c.Sha256 == sha256, ct))
        {
            return;
        }

        await using var source = new FileStream(spooled, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var buffer = new byte[ChunkSize];
        for (var index = 0; ; index++)
        {
            var read = await source.ReadAtLeastAsync(buffer, ChunkSize, throwOnEndOfStream: false, ct);
            if (read == 0 && index > 0)
            {
                break;
            }

            var data = buffer.AsSpan(0, read).ToArray();
            // Two uploads of the same bytes at once write the same rows: the second one's are dropped, not an error.
            await EvidenceBlobSql.InsertChunkAsync(db, sha256, index, data, ct);
            if (read < ChunkSize)
            {
                break;
            }
        }
    }

    public async Task<Stream?> OpenAsync(AimsDbContext db, string sha256, CancellationToken ct)
    {
        var count = await db.EvidenceBlobChunks.CountAsync(c => c.Sha256 == sha256, ct);
        return count == 0 ? null : new ChunkStream(db, sha256, count);
    }

    /// <summary>Reads the chunks in order, one query per chunk.</summary>
    private sealed class ChunkStream(AimsDbContext db, string sha256, int count) : Stream
    {
        private byte[] _current = [];
        private int _offset;
        private int _next;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (_offset >= _current.Length)
            {
                if (_next >= count)
                {
                    return 0;
                }

                var index = _next++;
                _current = await db.EvidenceBlobChunks.AsNoTracking().Where(c => c.Sha256 == sha256 && c.Index == index).Select(c => c.Data).FirstAsync(cancellationToken);
                _offset = 0;
            }

            var n = Math.Min(buffer.Length, _current.Length - _offset);
            _current.AsMemory(_offset, n).CopyTo(buffer);
            _offset += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
