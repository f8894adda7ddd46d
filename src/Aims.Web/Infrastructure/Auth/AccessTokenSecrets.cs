using System.Security.Cryptography;
using System.Text;

namespace Aims.Web.Infrastructure.Auth;

/// <summary>Personal access tokens: "aims_" and 43 random URL-safe characters; only their SHA-256 is stored.</summary>
public static class AccessTokenSecrets
{
    public const string Prefix = "aims_";

    public static string NewToken() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>What a list shows to recognise a token without revealing it.</summary>
    public static string Display(string token) => token[..Math.Min(token.Length, Prefix.Length + 6)];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
