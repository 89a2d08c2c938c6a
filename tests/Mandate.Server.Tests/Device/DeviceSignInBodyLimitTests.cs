using System.Net.Http.Json;
using System.Text;
using Mandate.Server.Device;

namespace Mandate.Server.Tests.Device;

/// <summary>The device sign-in reads at most 16 KiB of body; larger ones are refused with a 413 problem.</summary>
public sealed class DeviceSignInBodyLimitTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly MandateTestServer _server = fixture.Server;
    private readonly TestSeed _seed = fixture.Seed;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task SignIn_WithAFiveMiBPassword_Is413ProblemDetails()
    {
        using var device = _server.CreateCookieClient();
        var response = await device.PostAsJsonAsync("/device/api/session", new { username = "end.user", password = new string('p', 5 * 1024 * 1024) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(413, (await response.ReadJsonAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task SignIn_WithABodyOverTheLimitAndNoContentLength_Is413()
    {
        using var device = _server.CreateCookieClient();
        var json = "{\"username\":\"end.user\",\"password\":\"" + new string('p', DeviceJsonBody.MaxBytes) + "\"}";
        var content = new NoLengthContent(Encoding.UTF8.GetBytes(json));
        var response = await device.PostAsync("/device/api/session", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_WithTheRightPasswordInABodyOfExactly16KiB_SignsIn()
    {
        using var device = _server.CreateCookieClient();
        var head = "{\"username\":\"end.user\",\"password\":\"" + _seed.EndUserPassword + "\"";
        var json = head + new string(' ', DeviceJsonBody.MaxBytes - head.Length - 1) + "}";
        Assert.Equal(DeviceJsonBody.MaxBytes, Encoding.UTF8.GetByteCount(json));
        var response = await device.PostAsync("/device/api/session", Json(json));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>JSON content that does not announce its length (sent like a chunked body).</summary>
    private sealed class NoLengthContent : HttpContent
    {
        private readonly byte[] _bytes;

        public NoLengthContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
