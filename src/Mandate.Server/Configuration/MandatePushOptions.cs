namespace Mandate.Server.Configuration;

/// <summary>Web Push to the person's devices (section <c>Mandate:Push</c>).</summary>
public sealed class MandatePushOptions
{
    /// <summary>The push services whose endpoints the device API accepts, as URL prefixes. A browser chooses its push
    /// endpoint and the server will send requests to it, so only these are accepted (the server must not become a way
    /// to reach other hosts). A prefix ends at a <c>/</c> or a port's <c>:</c>, e.g. <c>http://127.0.0.1:</c> in tests.
    /// Defaults: the push services of Chrome and Edge on Android and desktop (FCM), Firefox (Mozilla) and Safari (Apple).</summary>
    public IList<string> AllowedEndpoints { get; set; } =
    [
        "https://fcm.googleapis.com/",
        "https://updates.push.services.mozilla.com/",
        "https://web.push.apple.com/",
    ];

    /// <summary>The contact for push services, the VAPID <c>sub</c> claim (RFC 8292 §2.1): a <c>mailto:</c> address or
    /// an <c>https:</c> URL where the operator can be reached if the server's pushes cause trouble. When empty the
    /// issuer is used if it is https, else the claim is left out (Apple's push service expects one: set it in
    /// production).</summary>
    public string? Subject { get; set; }

    /// <summary>How long one request to a push service may take, in seconds (default 10).</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Attempts per device and notification, the first included (default 3). Only transient failures are tried
    /// again (<c>429</c>, <c>5xx</c>, no answer), after the push service's <c>Retry-After</c> (at most 60 s) or a
    /// doubling back-off from 1 s, and never once the request has expired.</summary>
    public int MaxAttempts { get; set; } = 3;
}
