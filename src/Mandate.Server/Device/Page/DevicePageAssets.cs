using System.Buffers.Text;
using System.Collections;
using System.Collections.Frozen;
using System.Resources;
using System.Security.Cryptography;

namespace Mandate.Server.Device.Page;

/// <summary>
/// The device page's static files (the page, its script modules, styles, icons, web app manifest and service worker), embedded in this assembly through <c>DevicePageAssets.resx</c> (each entry points
/// at the file next to it), read once. Nothing is loaded from disk or from the network at run time.
/// </summary>
internal static class DevicePageAssets
{
    /// <summary>The page itself, served at <c>/device</c>.</summary>
    public const string PageName = "index.html";

    private const string ResourceName = "Mandate.Server.Device.Page.DevicePageAssets.resources";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [PageName] = "text/html; charset=utf-8",
        ["app.js"] = "text/javascript; charset=utf-8",
        ["api.js"] = "text/javascript; charset=utf-8",
        ["event-stream.js"] = "text/javascript; charset=utf-8",
        ["format.js"] = "text/javascript; charset=utf-8",
        ["render.js"] = "text/javascript; charset=utf-8",
        ["passkey.js"] = "text/javascript; charset=utf-8",
        ["app.css"] = "text/css; charset=utf-8",
        ["icon.svg"] = "image/svg+xml",
        ["push.js"] = "text/javascript; charset=utf-8",
        ["limits.js"] = "text/javascript; charset=utf-8",
        ["sw.js"] = "text/javascript; charset=utf-8",
        ["manifest.webmanifest"] = "application/manifest+json",
        ["icon-192.png"] = "image/png",
        ["icon-512.png"] = "image/png",
    }.ToFrozenDictionary();

    private static readonly Lazy<FrozenDictionary<string, DevicePageAsset>> Assets = new(Load);

    /// <summary>Every asset by file name.</summary>
    public static IReadOnlyDictionary<string, DevicePageAsset> All => Assets.Value;

    private static FrozenDictionary<string, DevicePageAsset> Load()
    {
        using var stream = typeof(DevicePageAssets).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new ResourceReader(stream);
        var assets = new Dictionary<string, DevicePageAsset>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in reader)
        {
            var name = (string)entry.Key;
            if (entry.Value is not byte[] content || !ContentTypes.TryGetValue(name, out var contentType))
            {
                throw new InvalidOperationException($"The device page asset {name} has no content type or is not stored as bytes.");
            }

            var etag = "\"" + Base64Url.EncodeToString(SHA256.HashData(content).AsSpan(0, 16).ToArray()) + "\"";
            assets[name] = new DevicePageAsset(name, contentType, content, etag);
        }

        if (ContentTypes.Keys.FirstOrDefault(name => !assets.ContainsKey(name)) is { } missing)
        {
            throw new InvalidOperationException($"The device page asset {missing} is not in DevicePageAssets.resx.");
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
