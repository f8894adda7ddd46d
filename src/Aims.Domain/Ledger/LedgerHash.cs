using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Aims.Domain.Ledger;

/// <summary>
/// The hash of an event is SHA-256 over its canonical bytes, which carry the previous event's hash in "prev";
/// so each hash covers every field of its event and, through "prev", the whole chain before it.
/// </summary>
public static class LedgerHash
{
    /// <summary>The "prev" of the first event of every chain.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The hex SHA-256 of the bytes, through <see cref="LedgerSha256"/>: writers hash every event they append too.</summary>
    public static string Of(ReadOnlySpan<byte> canonicalEvent)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        LedgerSha256.Hash(canonicalEvent, digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Whether <paramref name="expectedHexUtf8"/> is the lower-case hex SHA-256 of the bytes; allocates nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Matches(ReadOnlySpan<byte> canonicalEvent, ReadOnlySpan<byte> expectedHexUtf8)
    {
        if (expectedHexUtf8.Length != SHA256.HashSizeInBytes * 2)
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        LedgerSha256.Hash(canonicalEvent, digest);
        Span<byte> hex = stackalloc byte[SHA256.HashSizeInBytes * 2];
        return Convert.TryToHexStringLower(digest, hex, out _) && hex.SequenceEqual(expectedHexUtf8);
    }
}
