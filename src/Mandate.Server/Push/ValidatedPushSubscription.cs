namespace Mandate.Server.Push;

/// <summary>A push subscription that passed <see cref="PushSubscriptionValidator"/>.</summary>
/// <param name="Endpoint">The push resource, on an allowed push service.</param>
/// <param name="ExpiresAt">When the subscription ends, if the browser said.</param>
/// <param name="P256dh">The user agent's public key, base64url (65 octets decoded, a point on P-256).</param>
/// <param name="Auth">The authentication secret, base64url (16 octets decoded).</param>
internal sealed record ValidatedPushSubscription(Uri Endpoint, DateTimeOffset? ExpiresAt, string P256dh, string Auth);
