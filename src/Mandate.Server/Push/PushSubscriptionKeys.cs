using System.Text.Json.Serialization;

namespace Mandate.Server.Push;

/// <summary>A subscription's keys (RFC 8291 §3.2), base64url as the Push API gives them.</summary>
internal sealed record PushSubscriptionKeys
{
    /// <summary>The user agent's ECDH public key: an uncompressed P-256 point.</summary>
    [JsonPropertyName("p256dh")]
    public string? P256dh { get; init; }

    /// <summary>The authentication secret: 16 random octets.</summary>
    [JsonPropertyName("auth")]
    public string? Auth { get; init; }
}
