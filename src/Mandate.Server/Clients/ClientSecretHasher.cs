using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Mandate.Server.Clients;

/// <summary>
/// Hashes machine-generated client secrets with SHA-256 instead of a password KDF.
/// A generated secret carries 256 bits of entropy, so a slow KDF adds no protection against guessing
/// and costs milliseconds of CPU on every token request; one SHA-256 plus a constant-time compare is enough.
/// Secrets shorter than <see cref="MinimumLength"/> are refused when a client is registered.
/// </summary>
internal static class ClientSecretHasher
{
    /// <summary>Prefix that marks a hash made by this class.</summary>
    public const string Prefix = "sha256:";

    /// <summary>Minimum secret length (OIDC Core §16.19 requires 32 octets for HMAC secrets; we require it of all).</summary>
    public const int MinimumLength = 32;

    /// <summary>Generates a new secret: 32 random bytes, base64url.</summary>
    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Whether the value was produced by <see cref="Hash"/>.</summary>
    public static bool IsHash(string? value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Hashes a secret.</summary>
    public static string Hash(string secret) =>
        Prefix + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Verifies a presented secret against a stored hash in constant time.</summary>
    public static bool Verify(string storedHash, string presented)
    {
        if (!IsHash(storedHash))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(storedHash);
        var actual = Encoding.ASCII.GetBytes(Hash(presented));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
