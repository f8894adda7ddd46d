using Microsoft.EntityFrameworkCore;

namespace Aims.Data;

/// <summary>
/// The one raw statement of the evidence store: a content chunk inserted unless that hash and index are already there.
/// Two uploads of the same bytes (possibly by two organizations, which do not share a lock) write the same rows; with
/// an EF insert the loser's key conflict would abort its whole PostgreSQL transaction. The chunks are not ledgered.
/// </summary>
public static class EvidenceBlobSql
{
    public static Task<int> InsertChunkAsync(AimsDbContext db, string sha256, int index, byte[] data, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"INSERT INTO evidence_blob_chunks (sha256, \"index\", data) VALUES ({sha256}, {index}, {data}) ON CONFLICT DO NOTHING", ct);
}
