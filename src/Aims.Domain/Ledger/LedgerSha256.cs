using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Aims.Domain.Ledger;

/// <summary>
/// SHA-256 of one event, for the verifier (a million small inputs in a row) and the writers (every event appended).
/// <para>
/// On Linux, .NET's <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/> calls OpenSSL's EVP one-shot digest,
/// which allocates a context and looks the algorithm up on every call: about half a microsecond per call, as much as
/// hashing a 600-byte event takes. This class calls the same OpenSSL library's SHA-256 (the same code, with the
/// processor's SHA extensions) through its plain <c>SHA256_Update/Final</c> functions, on a context on the stack copied
/// from one <c>SHA256_Init</c> made once, which costs a few tens of nanoseconds per event. It is the same hash function from the same library: a faster door
/// to it, not another implementation.
/// </para>
/// <para>
/// It is used only after a self-test against <see cref="SHA256"/> at first use, and only on Linux with
/// <c>libcrypto.so.3</c>; anywhere else, or with <c>AIMS_LEDGER_NATIVE_SHA256=0</c>, it is <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>.
/// </para>
/// </summary>
internal static class LedgerSha256
{
    public const int DigestSize = SHA256.HashSizeInBytes;

    /// <summary>Set to 0 to use .NET's SHA256 class only (to compare, or where the OpenSSL functions misbehave).</summary>
    public const string SwitchVariable = "AIMS_LEDGER_NATIVE_SHA256";

    // SHA256_CTX is 112 bytes in OpenSSL 1.1 and 3.x; the buffer leaves room to spare.
    private const int ContextSize = 160;

    // The calls skip the runtime's GC transition (they are short, pure computation): at most this many bytes per call.
    private const int MaxBytesPerCall = 16 * 1024;

    /// <summary>A context as SHA256_Init leaves it: copied for each event instead of one more call.</summary>
    private static readonly byte[] InitialContext = new byte[ContextSize];

    /// <summary>Whether the OpenSSL functions are used (for the benchmark report). Initialised after <see cref="InitialContext"/>, which the probe fills.</summary>
    public static bool UsesOpenSslDirectly { get; } = Probe();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        if (digest.Length < DigestSize)
        {
            throw new ArgumentException("the digest needs 32 bytes", nameof(digest));
        }

        if (UsesOpenSslDirectly)
        {
            HashNative(data, digest);
        }
        else
        {
            SHA256.HashData(data, digest);
        }
    }

    private static void HashNative(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        // On the stack: it does not move while OpenSSL writes to it, and needs no per-thread lookup.
        Span<byte> context = stackalloc byte[ContextSize];
        InitialContext.CopyTo(context);
        ref var ctx = ref MemoryMarshal.GetReference(context);
        var ok = true;
        for (var rest = data; ok && !rest.IsEmpty; rest = rest[Math.Min(rest.Length, MaxBytesPerCall)..])
        {
            var piece = rest[..Math.Min(rest.Length, MaxBytesPerCall)];
            ok = OpenSsl.Update(ref ctx, ref MemoryMarshal.GetReference(piece), (nuint)piece.Length) == 1;
        }

        if (!ok || OpenSsl.Final(ref MemoryMarshal.GetReference(digest), ref ctx) != 1)
        {
            // Never seen; the answer must not depend on it.
            SHA256.HashData(data, digest);
        }
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(SwitchVariable) == "0")
        {
            return false;
        }

        try
        {
            if (OpenSsl.Init(ref InitialContext[0]) != 1)
            {
                return false;
            }

            // Every length from 0 to 300 (one, two and more blocks, each padding case) and a large input must give .NET's answer.
            var input = new byte[70_000];
            new Random(20261123).NextBytes(input);
            Span<byte> expected = stackalloc byte[DigestSize];
            Span<byte> actual = stackalloc byte[DigestSize];
            foreach (var length in Enumerable.Range(0, 301).Append(MaxBytesPerCall).Append(MaxBytesPerCall + 1).Append(input.Length))
            {
                var data = input.AsSpan(0, length);
                SHA256.HashData(data, expected);
                HashNative(data, actual);
                if (!actual.SequenceEqual(expected))
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // No libcrypto.so.3, no such function, or anything else: .NET's SHA256 it is.
            return false;
        }
    }

    /// <summary>OpenSSL's low-level SHA-256 functions (present in 1.1 and 3.x; deprecated in 3.0 in favour of EVP, not removed).</summary>
    private static class OpenSsl
    {
        private const string Library = "libcrypto.so.3";

        [DllImport(Library, EntryPoint = "SHA256_Init", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Init(ref byte context);

        [DllImport(Library, EntryPoint = "SHA256_Update", ExactSpelling = true)]
        [SuppressGCTransition]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Update(ref byte context, ref byte data, nuint length);

        [DllImport(Library, EntryPoint = "SHA256_Final", ExactSpelling = true)]
        [SuppressGCTransition]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Final(ref byte digest, ref byte context);
    }
}
