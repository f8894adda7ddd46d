using System.Security.Cryptography;
using Aims.Domain.Ledger;

namespace Aims.Data.Ledger;

/// <summary>
/// The organizations' checkpoint signing keys. They live outside the database, so write access to the database is not
/// enough to sign a checkpoint. Every key returned is a new <see cref="ECDsa"/> the caller disposes.
/// </summary>
public interface ILedgerKeys
{
    /// <summary>Where the key files are (one PEM per organization); several web nodes must share it.</summary>
    string Directory { get; }

    /// <summary>The organization's key, created on first use.</summary>
    ECDsa SigningKey(Guid organizationId);

    /// <summary>
    /// The organization's key when the chain already names one (<paramref name="expectedKeyId"/>, from its latest
    /// checkpoint): never creates a second key for such an organization, and fails when the file holds another key.
    /// With null it is <see cref="SigningKey(Guid)"/>.
    /// </summary>
    ECDsa SigningKey(Guid organizationId, string? expectedKeyId);

    /// <summary>Whether a key file exists for the organization.</summary>
    bool Exists(Guid organizationId);

    /// <summary>
    /// A key the organization used before a rotation (kept as "&lt;org&gt;.&lt;key id prefix&gt;.retired.pem"), or the
    /// current one when it is that key; null when this node does not hold it. Lifecycle streams need it to sign their
    /// own key-rotation checkpoint (old key to current) after the organization's key was rotated.
    /// </summary>
    ECDsa? KeyById(Guid organizationId, string keyId);

    /// <summary>The public key (SubjectPublicKeyInfo PEM) of the organization's current key; creates the key on first use.</summary>
    string PublicKeyPem(Guid organizationId);

    /// <summary>
    /// Prepares a new key next to the current one. The caller writes the rotation checkpoint (signed by
    /// <see cref="LedgerKeyRotation.OldKey"/>) and, once that is committed, calls <see cref="LedgerKeyRotation.Complete"/>.
    /// </summary>
    LedgerKeyRotation Rotate(Guid organizationId);
}

/// <summary>Why a key cannot be used: missing on this node, or not the key the chain's checkpoints name.</summary>
public sealed class LedgerKeyException(string message) : Exception(message);

/// <summary>A key rotation in progress: the new key is in "&lt;org&gt;.next.pem" until <see cref="Complete"/>.</summary>
public sealed class LedgerKeyRotation(ECDsa oldKey, ECDsa newKey, Action complete) : IDisposable
{
    public ECDsa OldKey { get; } = oldKey;

    public ECDsa NewKey { get; } = newKey;

    /// <summary>Makes the new key current; the old file is kept as "&lt;org&gt;.&lt;keyId&gt;.retired.pem".</summary>
    public void Complete() => complete();

    public void Dispose()
    {
        OldKey.Dispose();
        NewKey.Dispose();
    }
}

/// <summary>Key files in a directory: <c>&lt;orgId&gt;.pem</c> (PKCS#8, owner read/write only), directory owner-only.</summary>
public sealed class LedgerKeys : ILedgerKeys
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // One lock for every instance: contexts each make their own, the files are shared.
    private static readonly Lock Gate = new();

    public LedgerKeys(string directory)
    {
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    /// <summary>The default place: "keys" in the SQLite data folder, or the configured directory.</summary>
    public static LedgerKeys For(DatabaseSettings settings, string? configuredDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configuredDirectory))
        {
            return new LedgerKeys(configuredDirectory);
        }

        var folder = settings.Provider == DatabaseProvider.Sqlite
            ? Path.GetDirectoryName(Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(settings.ConnectionString).DataSource))!
            : DatabaseSettings.DefaultDataFolder;
        return new LedgerKeys(Path.Combine(folder, "keys"));
    }

    public string PathOf(Guid organizationId) => Path.Combine(Directory, organizationId.ToString("D") + ".pem");

    private string NextPathOf(Guid organizationId) => Path.Combine(Directory, organizationId.ToString("D") + ".next.pem");

    public bool Exists(Guid organizationId) => File.Exists(PathOf(organizationId));

    public ECDsa SigningKey(Guid organizationId) => SigningKey(organizationId, null);

    public ECDsa SigningKey(Guid organizationId, string? expectedKeyId)
    {
        lock (Gate)
        {
            var path = PathOf(organizationId);
            if (!File.Exists(path))
            {
                if (expectedKeyId is not null)
                {
                    throw new LedgerKeyException(
                        $"The ledger key of organization {organizationId} is missing from {Directory}, but its chain has checkpoints signed by key {expectedKeyId}. "
                        + "Copy the key file to this node (or set Aims:Ledger:KeyDirectory to the shared key directory); a new key is never made for a chain that has checkpoints.");
                }

                Create(path);
            }

            var key = Load(path);
            if (expectedKeyId is not null && LedgerCheckpoint.KeyId(key) != expectedKeyId)
            {
                // A rotation committed but not completed (the process stopped in between) left the new key beside the old.
                var next = NextPathOf(organizationId);
                if (File.Exists(next) && LedgerCheckpoint.KeyId(Load(next)) == expectedKeyId)
                {
                    key.Dispose();
                    Promote(organizationId);
                    return Load(path);
                }

                var found = LedgerCheckpoint.KeyId(key);
                key.Dispose();
                throw new LedgerKeyException(
                    $"The ledger key file {path} holds key {found}, but the chain's latest checkpoint names key {expectedKeyId}. "
                    + "Every node must use the same key directory.");
            }

            return key;
        }
    }

    public ECDsa? KeyById(Guid organizationId, string keyId)
    {
        lock (Gate)
        {
            foreach (var path in new[] { PathOf(organizationId), RetiredPathOf(organizationId, keyId), NextPathOf(organizationId) })
            {
                if (File.Exists(path))
                {
                    var key = Load(path);
                    if (LedgerCheckpoint.KeyId(key) == keyId)
                    {
                        return key;
                    }

                    key.Dispose();
                }
            }

            return null;
        }
    }

    private string RetiredPathOf(Guid organizationId, string keyId) =>
        Path.Combine(Directory, $"{organizationId:D}.{keyId[..Math.Min(16, keyId.Length)]}.retired.pem");

    public string PublicKeyPem(Guid organizationId)
    {
        using var key = SigningKey(organizationId);
        return key.ExportSubjectPublicKeyInfoPem();
    }

    public LedgerKeyRotation Rotate(Guid organizationId)
    {
        lock (Gate)
        {
            var old = SigningKey(organizationId);
            var next = NextPathOf(organizationId);
            File.Delete(next);
            Create(next);
            return new LedgerKeyRotation(old, Load(next), () =>
            {
                lock (Gate)
                {
                    Promote(organizationId);
                }
            });
        }
    }

    /// <summary>The next key becomes current; the current file is kept (retired) so old exports stay explainable.</summary>
    private void Promote(Guid organizationId)
    {
        var path = PathOf(organizationId);
        var next = NextPathOf(organizationId);
        if (!File.Exists(next))
        {
            return;
        }

        if (File.Exists(path))
        {
            using var current = Load(path);
            File.Move(path, RetiredPathOf(organizationId, LedgerCheckpoint.KeyId(current)), overwrite: true);
        }

        File.Move(next, path);
    }

    /// <summary>Writes a new key to a temporary owner-only file and moves it into place unless another process won the race.</summary>
    private void Create(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, OwnerOnlyDirectory);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary); // another process created it first: use theirs
        }
    }

    private static ECDsa Load(string path)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new LedgerKeyException($"The ledger key file {path} is not a PEM EC private key: {e.Message}");
        }

        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new LedgerKeyException($"The ledger key file {path} is not a P-256 key.");
        }

        return key;
    }
}
