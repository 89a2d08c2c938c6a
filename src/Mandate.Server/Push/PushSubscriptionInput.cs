using System.Text.Json.Serialization;

namespace Mandate.Server.Push;

/// <summary>What a browser's <c>PushSubscription.toJSON()</c> holds (Push API; RFC 8291 §3.2 for the keys).</summary>
internal sealed record PushSubscriptionInput
{
    /// <summary>The push resource the push service made for this subscription (RFC 8030 §4).</summary>
    [JsonPropertyName("endpoint")]
    public string? Endpoint { get; init; }

    /// <summary>When the subscription ends, in milliseconds since the Unix epoch, or null.</summary>
    [JsonPropertyName("expirationTime")]
    public double? ExpirationTime { get; init; }

    /// <summary>The keys: <c>p256dh</c> and <c>auth</c>.</summary>
    [JsonPropertyName("keys")]
    public PushSubscriptionKeys? Keys { get; init; }
}
