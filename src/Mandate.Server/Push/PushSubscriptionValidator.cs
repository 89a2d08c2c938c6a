using System.Buffers.Text;
using System.Security.Cryptography;

namespace Mandate.Server.Push;

/// <summary>
/// Checks a push subscription a browser registers. The endpoint is a URL the server will send to, chosen by whoever
/// holds the session, so it must be on an allowed push service (<see cref="Configuration.MandatePushOptions.AllowedEndpoints"/>):
/// an absolute URL without user information, at most 2,048 characters, whose canonical form starts with an allowed
/// prefix (a prefix is taken to end at <c>/</c> or <c>:</c>, so <c>https://fcm.googleapis.com</c> cannot match
/// <c>https://fcm.googleapis.com.example</c>). The keys must be what RFC 8291 §3.2 encrypts to: <c>p256dh</c> an
/// uncompressed point on P-256, <c>auth</c> 16 octets. Each failure is a sentence for the problem detail.
/// </summary>
internal sealed class PushSubscriptionValidator(IEnumerable<string> allowedEndpoints)
{
    /// <summary>The longest endpoint accepted.</summary>
    public const int MaxEndpointLength = 2048;

    private readonly string[] _prefixes = allowedEndpoints
        .Where(p => !string.IsNullOrWhiteSpace(p))
        .Select(p => p.EndsWith('/') || p.EndsWith(':') ? p : p + "/")
        .ToArray();

    /// <summary>The subscription, or the reason it is refused.</summary>
    public (ValidatedPushSubscription? Subscription, string? Problem) Validate(PushSubscriptionInput input, TimeProvider time)
    {
        if (input.Endpoint is not { Length: > 0 and <= MaxEndpointLength } endpoint
            || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0 || uri.Scheme is not ("https" or "http"))
        {
            return (null, "endpoint must be an absolute http(s) URL of at most 2048 characters, without user information.");
        }

        if (!IsAllowed(uri))
        {
            return (null, "endpoint is not on an allowed push service (Mandate:Push:AllowedEndpoints).");
        }

        DateTimeOffset? expiresAt = null;
        if (input.ExpirationTime is { } milliseconds)
        {
            if (!double.IsFinite(milliseconds) || milliseconds <= 0 || milliseconds > 253402300799000)
            {
                return (null, "expirationTime must be null or milliseconds since 1970.");
            }

            expiresAt = DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
            if (expiresAt <= time.GetUtcNow())
            {
                return (null, "The subscription has already expired (expirationTime).");
            }
        }

        if (Decode(input.Keys?.P256dh) is not { Length: 65 } point || point[0] != 0x04 || !IsOnP256(point))
        {
            return (null, "keys.p256dh must be an uncompressed P-256 public key, base64url.");
        }

        if (Decode(input.Keys?.Auth) is not { Length: 16 })
        {
            return (null, "keys.auth must be 16 octets, base64url.");
        }

        return (new ValidatedPushSubscription(uri, expiresAt, input.Keys!.P256dh!, input.Keys.Auth!), null);
    }

    /// <summary>Whether <paramref name="endpoint"/> is on an allowed push service (checked again before each send, as
    /// the option may have changed since the device registered).</summary>
    public bool IsAllowed(Uri endpoint) =>
        endpoint.UserInfo.Length == 0 && _prefixes.Any(p => endpoint.AbsoluteUri.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    private static byte[]? Decode(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 256)
        {
            return null;
        }

        try
        {
            return Base64Url.DecodeFromChars(value.TrimEnd('='));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool IsOnP256(byte[] point)
    {
        try
        {
            using var key = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point[1..33], Y = point[33..] },
            });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
