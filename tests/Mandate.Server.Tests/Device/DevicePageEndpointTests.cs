using System.Net.Http.Headers;
using Mandate.Server.Endpoints;

namespace Mandate.Server.Tests.Device;

/// <summary>How /device and its assets are served: content types, the Content-Security-Policy, caching.</summary>
public sealed class DevicePageEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = fixture.Server.Client;

    [Theory]
    [InlineData("/device", "text/html")]
    [InlineData("/device/app.js", "text/javascript")]
    [InlineData("/device/render.js", "text/javascript")]
    [InlineData("/device/app.css", "text/css")]
    [InlineData("/device/icon.svg", "image/svg+xml")]
    [InlineData("/device/push.js", "text/javascript")]
    [InlineData("/device/sw.js", "text/javascript")]
    [InlineData("/device/manifest.webmanifest", "application/manifest+json")]
    [InlineData("/device/icon-192.png", "image/png")]
    [InlineData("/device/icon-512.png", "image/png")]
    public async Task Asset_IsServedWithItsTypeAndTheSecurityHeaders(string path, string mediaType)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(DevicePageEndpoints.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 0);
    }

    [Fact]
    public void ContentSecurityPolicy_AllowsNoInlineScriptAndNoOtherOrigin()
    {
        var directives = DevicePageEndpoints.ContentSecurityPolicy.Split(';', StringSplitOptions.TrimEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ').Skip(1).ToArray());

        Assert.Equal(["'none'"], directives["default-src"]);
        Assert.Equal(["'self'"], directives["script-src"]);
        Assert.Equal(["'self'"], directives["style-src"]);
        Assert.Equal(["'self'"], directives["connect-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.Equal(["'none'"], directives["form-action"]);
        Assert.Equal(["'script'"], directives["require-trusted-types-for"]);
        Assert.Equal(["'self'"], directives["manifest-src"]);
        Assert.Equal(["'self'"], directives["worker-src"]);
        // One Trusted Types policy, push.js's, which makes only the service worker's URL.
        Assert.Equal(["mandate-service-worker"], directives["trusted-types"]);
    }

    [Fact]
    public async Task Manifest_StartsAtTheDevicePage_WithIconsThatAreServedAtTheirSizes()
    {
        var manifestUrl = new Uri("http://localhost/device/manifest.webmanifest");
        using var manifest = JsonDocument.Parse(await _client.GetStringAsync(manifestUrl));
        Assert.Equal("/device", new Uri(manifestUrl, manifest.RootElement.GetProperty("start_url").GetString()).AbsolutePath);
        Assert.Equal("standalone", manifest.RootElement.GetProperty("display").GetString());

        foreach (var icon in manifest.RootElement.GetProperty("icons").EnumerateArray().Where(i => i.GetProperty("type").GetString() == "image/png"))
        {
            var png = await _client.GetByteArrayAsync(new Uri(manifestUrl, icon.GetProperty("src").GetString()));
            // PNG signature, then the IHDR chunk's width and height (big-endian) at bytes 16 and 20.
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            var size = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)) + "x" + System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
            Assert.Equal(icon.GetProperty("sizes").GetString(), size);
        }
    }

    [Fact]
    public async Task Page_HasNoInlineScriptOrStyle()
    {
        var html = await _client.GetStringAsync("/device");

        // Every <script> has a src and is empty; no event-handler attributes, no style attributes or blocks.
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)", html);
        Assert.DoesNotMatch(@"<script[^>]*>[^<]+</script>", html);
        Assert.DoesNotMatch(@"\son[a-z]+\s*=", html);
        Assert.DoesNotMatch(@"<style|\sstyle\s*=", html);
    }

    [Fact]
    public async Task Asset_WithItsETag_Is304()
    {
        var first = await _client.GetAsync("/device/app.js");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/device/app.js");
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag));
        var second = await _client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal("no-cache", first.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task PageWithTrailingSlash_RedirectsToDevice()
    {
        var response = await _client.GetAsync("/device/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/device", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task UnknownAsset_Is404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/device/secrets.json")).StatusCode);
    }
}
