namespace Aims.Domain.Ledger;

/// <summary>
/// What an export's signatures are checked against: a public key the auditor obtained independently (the org's
/// published key, SubjectPublicKeyInfo DER), or, without one, the key the export itself carries, which proves only
/// that the file is consistent with itself and the verdict says so.
/// </summary>
public sealed class ExportTrust(byte[]? trustedKey)
{
    public string? TrustedKeyId { get; } = trustedKey is null ? null : LedgerCheckpoint.KeyId(trustedKey);

    /// <summary>Checks the signed head (the last line) against the chain the verifier proved, and the key against the trust.</summary>
    internal VerificationResult Finish(LedgerVerifier verifier, ReadOnlySpan<byte> line, long lineNumber)
    {
        if (!LedgerSignedHead.TryRead(line, out var head, out var problem))
        {
            return Broken(verifier, lineNumber, problem);
        }

        if (verifier.Count == 0 ? head.Sequence != 0 || head.Hash != LedgerHash.Genesis
            : head.Chain != verifier.Chain || head.Sequence != verifier.LastSequence || head.Hash != verifier.LastHash)
        {
            return Broken(verifier, lineNumber,
                $"the signed head names seq {head.Sequence} {head.Hash} of chain {head.Chain}, but the export ends at seq {verifier.LastSequence} {verifier.LastHash}");
        }

        if (verifier.CurrentKeyId is { } current && head.KeyId != current)
        {
            return Broken(verifier, lineNumber, $"the signed head is signed by key {head.KeyId}, but the chain's key is {current}");
        }

        string note;
        if (TrustedKeyId is null)
        {
            note = $"signatures checked against the key in the export ({head.KeyId}); pass --key with the organization's published key to check it is theirs";
        }
        else if (TrustedKeyId == head.KeyId || verifier.KeyIds.Contains(TrustedKeyId))
        {
            note = TrustedKeyId == head.KeyId
                ? $"signatures checked against the given key {TrustedKeyId}"
                : $"signatures checked against the given key {TrustedKeyId}, which the export's rotations lead from to {head.KeyId}";
        }
        else
        {
            return Broken(verifier, lineNumber, $"signed by key {head.KeyId}, not by the given key {TrustedKeyId} (nor by a key the given one was rotated to)");
        }

        return verifier.Result() with { KeyId = head.KeyId, SignedAt = head.At, Trust = note };
    }

    internal static VerificationResult Broken(LedgerVerifier verifier, long lineNumber, string problem)
    {
        verifier.Reject(problem);
        return verifier.Result() with { BrokenLine = lineNumber };
    }
}
