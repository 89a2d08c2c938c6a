namespace Mandate.Server.Push;

/// <summary>A short name for a device, from its browser's <c>User-Agent</c>, so the person can tell their devices apart
/// ("Firefox on Android"). Only the browser family and the operating system are kept.</summary>
internal static class DeviceLabel
{
    /// <summary>The label; "A browser" when nothing is recognised.</summary>
    public static string FromUserAgent(string? userAgent)
    {
        var ua = userAgent ?? "";
        string? browser = ua.Contains("Edg/", StringComparison.Ordinal) ? "Edge"
            : ua.Contains("Firefox/", StringComparison.Ordinal) ? "Firefox"
            : ua.Contains("Chrome/", StringComparison.Ordinal) || ua.Contains("Chromium/", StringComparison.Ordinal) ? "Chrome"
            : ua.Contains("Safari/", StringComparison.Ordinal) ? "Safari"
            : null;
        string? system = ua.Contains("Android", StringComparison.Ordinal) ? "Android"
            : ua.Contains("iPhone", StringComparison.Ordinal) || ua.Contains("iPad", StringComparison.Ordinal) ? "iOS"
            : ua.Contains("Windows", StringComparison.Ordinal) ? "Windows"
            : ua.Contains("Mac OS X", StringComparison.Ordinal) ? "macOS"
            : ua.Contains("Linux", StringComparison.Ordinal) ? "Linux"
            : null;
        return (browser, system) switch
        {
            ({ } b, { } s) => b + " on " + s,
            ({ } b, null) => b,
            (null, { } s) => "A browser on " + s,
            _ => "A browser",
        };
    }
}
