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
}
