using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Mandate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Tests.Push;

/// <summary><c>/device/api/push/subscriptions</c>: register, list and remove the person's push devices.</summary>
public sealed class PushSubscriptionApiTests : IAsyncLifetime
{
    private const string FirefoxOnAndroid = "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0";
    private readonly TestSeed _seed = new();
    private MandateTestServer _server = null!;

    public async Task InitializeAsync() => _server = await MandateTestServer.StartAsync(_seed);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static object Subscription(string endpoint)
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        return new
        {
            endpoint,
            expirationTime = (long?)null,
            keys = new { p256dh = Base64Url.EncodeToString([0x04, .. q.X!, .. q.Y!]), auth = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)) },
        };
    }

    private async Task<HttpClient> DeviceAsync()
    {
        var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        device.DefaultRequestHeaders.UserAgent.ParseAdd(FirefoxOnAndroid);
        return device;
    }

    private async Task<int> RowsAsync(string endpoint)
    {
        using var scope = _server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MandateDbContext>().PushSubscriptions.CountAsync(p => p.Endpoint == endpoint);
    }

    [Fact]
    public async Task WithoutASession_EveryCallIs401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Client.PostAsJsonAsync("/device/api/push/subscriptions", Subscription("https://fcm.googleapis.com/fcm/send/a"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Client.GetAsync("/device/api/push/subscriptions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Client.DeleteAsync("/device/api/push/subscriptions/x")).StatusCode);
    }

    [Fact]
    public async Task Register_List_Remove()
    {
        using var device = await DeviceAsync();
        var created = await device.PostAsJsonAsync("/device/api/push/subscriptions", Subscription("https://updates.push.services.mozilla.com/wpush/v2/one"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetString();

        var listed = Assert.Single((await (await device.GetAsync("/device/api/push/subscriptions")).ReadJsonAsync()).EnumerateArray());
        Assert.Equal(id, listed.GetProperty("id").GetString());
        Assert.Equal("Firefox on Android", listed.GetProperty("label").GetString());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("last_used_at").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await device.DeleteAsync("/device/api/push/subscriptions/" + id)).StatusCode);
        Assert.Empty((await (await device.GetAsync("/device/api/push/subscriptions")).ReadJsonAsync()).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await device.DeleteAsync("/device/api/push/subscriptions/" + id)).StatusCode);
    }

    [Fact]
    public async Task SameEndpointRegisteredTwice_IsOneDeviceWithOneId()
    {
        using var device = await DeviceAsync();
        const string endpoint = "https://fcm.googleapis.com/fcm/send/twice";
        var first = (await (await device.PostAsJsonAsync("/device/api/push/subscriptions", Subscription(endpoint))).ReadJsonAsync()).GetProperty("id").GetString();
        var second = (await (await device.PostAsJsonAsync("/device/api/push/subscriptions", Subscription(endpoint))).ReadJsonAsync()).GetProperty("id").GetString();
        Assert.Equal(first, second);
        Assert.Equal(1, await RowsAsync(endpoint));
    }

    [Fact]
    public async Task EndpointOffTheAllowedPushServices_IsA400Problem_AndNothingIsStored()
    {
        using var device = await DeviceAsync();
        const string endpoint = "https://169.254.169.254/latest/meta-data/";
        var response = await device.PostAsJsonAsync("/device/api/push/subscriptions", Subscription(endpoint));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("allowed push service", (await response.ReadJsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(0, await RowsAsync(endpoint));
    }

    [Fact]
    public async Task RegisterWithoutJson_Is415()
    {
        using var device = await DeviceAsync();
        var response = await device.PostAsync("/device/api/push/subscriptions", new StringContent("endpoint=https://fcm.googleapis.com/x"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData(FirefoxOnAndroid, "Firefox on Android")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "Safari on iOS")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge on Windows")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome on Linux")]
    [InlineData(null, "A browser")]
    public void DeviceLabel_NamesBrowserAndSystem(string? userAgent, string label) =>
        Assert.Equal(label, Mandate.Server.Push.DeviceLabel.FromUserAgent(userAgent));
}
