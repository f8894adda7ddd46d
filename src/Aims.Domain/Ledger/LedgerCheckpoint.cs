using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Aims.Domain.Ledger;

/// <summary>
/// Signed checkpoints: an ordinary event of a chain (type <see cref="EntityType"/>) whose "after" carries an ECDSA
/// P-256 signature over the chain's head just before it. Whoever holds the organization's key can vouch for a head;
/// whoever can only write to the database cannot. A key rotation is a checkpoint signed by the old key that names the
/// new one, so trust passes from key to key along the chain.
/// </summary>
public static class LedgerCheckpoint
{
    public const string EntityType = "ledger-checkpoint";
    public const string CheckpointAction = "checkpoint";
    public const string RotationAction = "key-rotation";

    /// <summary>The members of a checkpoint's "after", in canonical (ordinal) order; a rotation adds the two "new" ones.</summary>
    public static readonly IReadOnlyList<string> Members = ["head", "headSeq", "keyId", "publicKey", "signature"];

    public static readonly IReadOnlyList<string> RotationMembers = ["head", "headSeq", "keyId", "newKeyId", "newPublicKey", "publicKey", "signature"];

    /// <summary>The bytes a checkpoint signs: <c>aims-checkpoint:v1:{chain}:{headSeq}:{head}</c> as UTF-8.</summary>
    public static byte[] Payload(string chain, long headSeq, string head) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"aims-checkpoint:v1:{chain}:{headSeq}:{head}"));

    /// <summary>Hex SHA-256 of the key's SubjectPublicKeyInfo (DER): how a key is named everywhere.</summary>
    public static string KeyId(ReadOnlySpan<byte> subjectPublicKeyInfo) => Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo));

    public static string KeyId(ECDsa key) => KeyId(key.ExportSubjectPublicKeyInfo());

    /// <summary>Base64 ECDSA P-256/SHA-256 signature in IEEE P1363 form (r||s, 64 bytes).</summary>
    public static string Sign(ECDsa key, byte[] payload) =>
        Convert.ToBase64String(key.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    /// <summary>Whether <paramref name="signatureBase64"/> is a valid signature of the payload by the P-256 key in the SPKI.</summary>
    public static bool Verify(ReadOnlySpan<byte> subjectPublicKeyInfo, byte[] payload, string signatureBase64)
    {
        var signature = new byte[64];
        if (!Convert.TryFromBase64String(signatureBase64, signature, out var length) || length != 64
            || Convert.ToBase64String(signature) != signatureBase64)
        {
            return false; // one encoding only: a re-encoded signature is a changed byte too
        }

        var key = PublicKey(subjectPublicKeyInfo);
        return key is not null && key.VerifyData(payload, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    [ThreadStatic]
    private static Dictionary<string, ECDsa?>? _publicKeys;

    /// <summary>
    /// The P-256 key of an SPKI, imported once per thread: importing (decoding and checking the point) costs more than
    /// verifying, and an export names one key for hundreds of checkpoints. Null when it is not a P-256 public key.
    /// </summary>
    private static ECDsa? PublicKey(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        var cache = _publicKeys ??= new Dictionary<string, ECDsa?>(StringComparer.Ordinal);
        var id = KeyId(subjectPublicKeyInfo);
        if (cache.TryGetValue(id, out var known))
        {
            return known;
        }

        ECDsa? key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out var read);
            if (read != subjectPublicKeyInfo.Length || key.KeySize != 256)
            {
                key.Dispose();
                key = null;
            }
        }
        catch (CryptographicException)
        {
            key?.Dispose();
            key = null;
        }

        if (cache.Count >= 64)
        {
            cache.Clear(); // a file with that many keys is odd; keep the memory bounded (keys are collected, not disposed: another caller may hold one)
        }

        cache[id] = key;
        return key;
    }

    /// <summary>
    /// The checkpoint event that follows <paramref name="previousHash"/> (seq - 1) on a chain, signed by
    /// <paramref name="signingKey"/>; with <paramref name="newKey"/> it is the rotation to that key (still signed by the old one).
    /// </summary>
    public static LedgerEventDraft Draft(
        string chain, long sequence, string previousHash, DateTimeOffset at, string actor, string entityId, string? reason,
        ECDsa signingKey, ECDsa? newKey = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 2); // a checkpoint vouches for at least one event before it
        var spki = signingKey.ExportSubjectPublicKeyInfo();
        var headSeq = sequence - 1;
        List<LedgerField> after =
        [
            new("head", previousHash),
            new("headSeq", headSeq),
            new("keyId", KeyId(spki)),
            new("publicKey", Convert.ToBase64String(spki)),
            new("signature", Sign(signingKey, Payload(chain, headSeq, previousHash))),
        ];
        if (newKey is not null)
        {
            var newSpki = newKey.ExportSubjectPublicKeyInfo();
            after.Add(new("newKeyId", KeyId(newSpki)));
            after.Add(new("newPublicKey", Convert.ToBase64String(newSpki)));
        }

        return new LedgerEventDraft(chain, sequence, previousHash, at, actor, EntityType, entityId, null,
            newKey is null ? CheckpointAction : RotationAction, reason, null, after);
    }

    /// <summary>
    /// Reads a checkpoint back from an event's canonical bytes and checks it on its own: the header is a checkpoint's,
    /// "before" is null, "after" has exactly the members of its action, head/headSeq are the event's own prev/seq - 1,
    /// the key id names the public key, and the signature is valid for that key. Which key <em>should</em> have signed
    /// is for the caller, who follows the chain (<see cref="CheckpointClaim.KeyId"/>).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> canonicalEvent, out CheckpointClaim claim, out string problem)
    {
        claim = null!;
        if (!LedgerEventParser.TryParse(canonicalEvent, out var header, out problem))
        {
            return false;
        }

        if (header.EntityType != EntityType || header.Action is not (CheckpointAction or RotationAction))
        {
            problem = $"not a checkpoint (type \"{header.EntityType}\", action \"{header.Action}\")";
            return false;
        }

        if (header.Reference is not null)
        {
            problem = "a checkpoint has no \"ref\"";
            return false;
        }

        Dictionary<string, JsonElement> fields;
        try
        {
            using var doc = JsonDocument.Parse(canonicalEvent.ToArray());
            var root = doc.RootElement;
            if (root.GetProperty("before").ValueKind != JsonValueKind.Null)
            {
                problem = "a checkpoint's \"before\" must be null";
                return false;
            }

            var after = root.GetProperty("after");
            if (after.ValueKind != JsonValueKind.Object)
            {
                problem = "a checkpoint's \"after\" must be an object";
                return false;
            }

            fields = after.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
            var expected = header.Action == RotationAction ? RotationMembers : Members;
            var names = after.EnumerateObject().Select(p => p.Name).ToList();
            if (!names.SequenceEqual(expected, StringComparer.Ordinal))
            {
                var unknown = names.Except(expected, StringComparer.Ordinal).FirstOrDefault();
                problem = unknown is not null
                    ? $"unknown checkpoint field \"{unknown}\""
                    : $"a {header.Action} must have exactly the fields {string.Join(", ", expected)}";
                return false;
            }
        }
        catch (JsonException e)
        {
            problem = e.Message;
            return false;
        }

        if (!Text(fields, "head", out var head) || !Text(fields, "keyId", out var keyId) || !Text(fields, "publicKey", out var publicKey)
            || !Text(fields, "signature", out var signature) || fields["headSeq"].ValueKind != JsonValueKind.Number
            || !fields["headSeq"].TryGetInt64(out var headSeq))
        {
            problem = "checkpoint fields must be strings, and headSeq an integer";
            return false;
        }

        string? newKeyId = null, newPublicKey = null;
        if (header.Action == RotationAction && (!Text(fields, "newKeyId", out newKeyId) || !Text(fields, "newPublicKey", out newPublicKey)))
        {
            problem = "newKeyId and newPublicKey must be strings";
            return false;
        }

        claim = new CheckpointClaim(header.Chain, header.Sequence, header.PreviousHash, header.Action, head, headSeq, keyId, publicKey, signature, newKeyId, newPublicKey);
        problem = claim.Problem() ?? "";
        return problem.Length == 0;
    }

    private static bool Text(Dictionary<string, JsonElement> fields, string name, out string value)
    {
        value = fields[name].ValueKind == JsonValueKind.String ? fields[name].GetString()! : "";
        return fields[name].ValueKind == JsonValueKind.String;
    }

    /// <summary>Whether the base64 SPKI decodes to exactly the bytes named by the hex key id (and is canonical base64).</summary>
    internal static byte[]? KeyBytes(string publicKeyBase64, string keyId)
    {
        try
        {
            var spki = Convert.FromBase64String(publicKeyBase64);
            return Convert.ToBase64String(spki) == publicKeyBase64 && KeyId(spki) == keyId ? spki : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>What a checkpoint event says: the head it vouches for, the key that signed, and for a rotation the next key.</summary>
public sealed record CheckpointClaim(
    string Chain,
    long Sequence,
    string PreviousHash,
    string Action,
    string Head,
    long HeadSeq,
    string KeyId,
    string PublicKey,
    string Signature,
    string? NewKeyId,
    string? NewPublicKey)
{
    public bool IsRotation => Action == LedgerCheckpoint.RotationAction;

    /// <summary>The key to expect on the checkpoints after this one.</summary>
    public string NextKeyId => NewKeyId ?? KeyId;

    /// <summary>Null when the checkpoint is consistent with itself and correctly signed; otherwise what is wrong.</summary>
    public string? Problem()
    {
        if (Head != PreviousHash || HeadSeq != Sequence - 1)
        {
            return "the checkpoint's head/headSeq are not its own prev and seq - 1";
        }

        var spki = LedgerCheckpoint.KeyBytes(PublicKey, KeyId);
        if (spki is null)
        {
            return "the checkpoint's keyId is not the SHA-256 of its publicKey";
        }

        if (IsRotation && (LedgerCheckpoint.KeyBytes(NewPublicKey!, NewKeyId!) is null || NewKeyId == KeyId))
        {
            return "the rotation's newKeyId is not the SHA-256 of its newPublicKey (or names the old key)";
        }

        return LedgerCheckpoint.Verify(spki, LedgerCheckpoint.Payload(Chain, HeadSeq, Head), Signature)
            ? null
            : "the checkpoint's signature is not valid for its key";
    }
}
