using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mandate.Server.Keys;

namespace Mandate.Server.Ping;

/// <summary>Encrypts what a ping needs (<c>auth_req_id</c>, <c>client_notification_token</c>) for storage (AES-256-GCM).</summary>
internal sealed class PingDataProtector(ServerKeyRing keys)
{
    /// <summary>Encrypts.</summary>
    public string Protect(string authReqId, string clientNotificationToken)
    {
        var plain = JsonSerializer.SerializeToUtf8Bytes(new[] { authReqId, clientNotificationToken });
        var nonce = RandomNumberGenerator.GetBytes(12);
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        using var aes = new AesGcm(keys.EncryptionKey.Key, 16);
        aes.Encrypt(nonce, plain, cipher, tag, Encoding.ASCII.GetBytes("ping"));
        return Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    /// <summary>Decrypts; null when the data is damaged.</summary>
    public (string AuthReqId, string Token)? Unprotect(string protectedData)
    {
        try
        {
            var bytes = Convert.FromBase64String(protectedData);
            var plain = new byte[bytes.Length - 28];
            using var aes = new AesGcm(keys.EncryptionKey.Key, 16);
            aes.Decrypt(bytes.AsSpan(0, 12), bytes.AsSpan(28), bytes.AsSpan(12, 16), plain, Encoding.ASCII.GetBytes("ping"));
            var values = JsonSerializer.Deserialize<string[]>(plain);
            return values is [var id, var token] ? (id, token) : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }
}
