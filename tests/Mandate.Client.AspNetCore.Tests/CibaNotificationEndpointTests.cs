using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Mandate.Client.Ciba.Ping;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Client.AspNetCore.Tests;

public sealed class CibaNotificationEndpointTests : IAsyncLifetime
{
    private readonly CibaNotificationReceiver _receiver = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(_receiver);
        _app = builder.Build();
        _app.MapCibaNotifications("/ciba/notify");
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private Task<HttpResponseMessage> PingAsync(string? bearer, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/ciba/notify") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return _client.SendAsync(request);
    }

    [Fact]
    public async Task ValidPing_Answers204AndWakesTheWaiter()
    {
        var token = ClientNotificationToken.Create();
        using var registration = _receiver.Register(token);
        registration.Bind("req-1");

        using var response = await PingAsync(token, """{"auth_req_id":"req-1"}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(registration.Notified.IsCompleted);
    }

    [Fact]
    public async Task WrongBearer_Answers401WithInvalidTokenChallenge()
    {
        using var registration = _receiver.Register(ClientNotificationToken.Create());
        registration.Bind("req-1");

        using var response = await PingAsync(ClientNotificationToken.Create(), """{"auth_req_id":"req-1"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
        Assert.False(registration.Notified.IsCompleted);
    }

    [Fact]
    public async Task NoBearer_Answers401WithPlainChallenge()
    {
        using var response = await PingAsync(null, """{"auth_req_id":"req-1"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task MalformedBody_Answers400()
    {
        var token = ClientNotificationToken.Create();
        using var registration = _receiver.Register(token);
        registration.Bind("req-1");

        using var response = await PingAsync(token, "{not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task OversizedBody_Answers400WithoutReadingItAll()
    {
        var token = ClientNotificationToken.Create();
        using var registration = _receiver.Register(token);
        registration.Bind("req-1");

        using var response = await PingAsync(token, $$"""{"auth_req_id":"req-1","pad":"{{new string('x', 20_000)}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(registration.Notified.IsCompleted);
    }
}
