using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Mandate.Client.Authentication;

/// <summary>Writes a JWT's claims with <see cref="Utf8JsonWriter"/> (exact JSON types) and signs it with the JWK (RFC 7515).</summary>
internal static class JwtWriter
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static string Sign(JwkSigningKey key, Action<Utf8JsonWriter> writeClaims)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeClaims(writer);
            writer.WriteEndObject();
        }

        return Handler.CreateToken(Encoding.UTF8.GetString(buffer.WrittenSpan), key.SigningCredentials);
    }

    /// <summary>A fresh <c>jti</c> (RFC 7519 §4.1.7): 128 random bits from a CSPRNG, base64url.</summary>
    public static string NewJti() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
