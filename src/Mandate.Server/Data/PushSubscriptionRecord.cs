namespace Mandate.Server.Data;

/// <summary>
/// A device of the person registered for Web Push (RFC 8030): the push resource its browser was given and the keys
/// to encrypt to (RFC 8291). One row per endpoint: a browser that subscribes again, or for another person, replaces it.
/// </summary>
internal sealed class PushSubscriptionRecord : Endpoints.IPersonalItem
{
    /// <summary>Random id, shown to the person to remove the device.</summary>
    public string Id { get; set; } = "";

    /// <summary>The person (<c>sub</c>).</summary>
    public string Subject { get; set; } = "";

    /// <summary>The push resource, on an allowed push service.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>The browser's P-256 public key, base64url.</summary>
    public string P256dh { get; set; } = "";

    /// <summary>The authentication secret, base64url.</summary>
    public string Auth { get; set; } = "";

    /// <summary>A label for the person, from the browser's User-Agent.</summary>
    public string Label { get; set; } = "";

    /// <summary>When the browser said the subscription ends, if it did.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>When it was registered.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a push was last sent to it.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
}
