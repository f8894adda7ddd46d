using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Aims.Domain.Ledger;

/// <summary>
/// The last line of an export: the chain's head at export time, signed by the organization's current key. Without it
/// (or with one that does not match the last event) an export is incomplete, so removing lines from the end is caught.
/// The line is <c>{"signedHead":{"chain":…,"seq":…,"hash":…,"at":…,"keyId":…,"publicKey":…,"signature":…}}</c>, byte
/// for byte as <see cref="ToLine"/> writes it; the signature covers <c>aims-head:v1:{chain}:{seq}:{hash}:{at}</c>,
/// which a checkpoint's signature (another prefix) can never stand in for.
/// </summary>
public sealed record LedgerSignedHead(string Chain, long Sequence, string Hash, string At, string KeyId, string PublicKey, string Signature)
{
    public static ReadOnlySpan<byte> LinePrefix => "{\"signedHead\":{"u8;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Payload(string chain, long sequence, string hash, string at) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"aims-head:v1:{chain}:{sequence}:{hash}:{at}"));

    public static LedgerSignedHead Sign(ECDsa key, string chain, long sequence, string hash, DateTimeOffset at)
    {
        var time = LedgerCanonicalJson.FormatTime(at);
        var spki = key.ExportSubjectPublicKeyInfo();
        return new LedgerSignedHead(chain, sequence, hash, time, LedgerCheckpoint.KeyId(spki), Convert.ToBase64String(spki),
            LedgerCheckpoint.Sign(key, Payload(chain, sequence, hash, time)));
    }

    /// <summary>The line without its newline.</summary>
    public byte[] ToLine()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteStartObject("signedHead");
            w.WriteString("chain", Chain);
            w.WriteNumber("seq", Sequence);
            w.WriteString("hash", Hash);
            w.WriteString("at", At);
            w.WriteString("keyId", KeyId);
            w.WriteString("publicKey", PublicKey);
            w.WriteString("signature", Signature);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Reads a signed-head line strictly: it is read, written again, and must come out as the very same bytes, so an
    /// unknown or missing member, another order or any extra whitespace is refused. Then the key id and signature are checked.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> line, out LedgerSignedHead head, out string problem)
    {
        head = null!;
        try
        {
            using var doc = JsonDocument.Parse(line.ToArray());
            var h = doc.RootElement.GetProperty("signedHead");
            head = new LedgerSignedHead(
                h.GetProperty("chain").GetString()!, h.GetProperty("seq").GetInt64(), h.GetProperty("hash").GetString()!,
                h.GetProperty("at").GetString()!, h.GetProperty("keyId").GetString()!, h.GetProperty("publicKey").GetString()!,
                h.GetProperty("signature").GetString()!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            problem = "the signed head is not {\"signedHead\":{chain, seq, hash, at, keyId, publicKey, signature}}: " + e.Message;
            return false;
        }

        if (!head.ToLine().AsSpan().SequenceEqual(line))
        {
            problem = "the signed head has an unknown member, a missing one, another order or altered layout";
            return false;
        }

        var spki = LedgerCheckpoint.KeyBytes(head.PublicKey, head.KeyId);
        if (spki is null)
        {
            problem = "the signed head's keyId is not the SHA-256 of its publicKey";
            return false;
        }

        if (!LedgerCheckpoint.Verify(spki, Payload(head.Chain, head.Sequence, head.Hash, head.At), head.Signature))
        {
            problem = "the signed head's signature is not valid for its key";
            return false;
        }

        problem = "";
        return true;
    }
}
