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
