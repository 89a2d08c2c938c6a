using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Tests.Device;

/// <summary>
/// Mandate.Server on Kestrel at 127.0.0.1 (free port) for the browser, on a temporary data directory with a fake
/// clock; the test seed's <c>ai-agent</c> is named "Shoe Store Assistant" as in the demo. It also plays the agent:
/// signed backchannel requests and token polls over real HTTP.
/// </summary>
public sealed class DevicePageServer : IAsyncDisposable
{
    private static readonly string BcPath = new Uri(MandateTestServer.BcEndpoint).AbsolutePath;
    private static readonly string TokenPath = new Uri(MandateTestServer.TokenEndpoint).AbsolutePath;

    private readonly WebApplication _app;
    private readonly HttpClient _http;
    private readonly StreamInterrupter _streams;

    private DevicePageServer(WebApplication app, StreamInterrupter streams, string baseUrl, string dataDirectory, TestSeed seed, FakeTimeProvider time)
    {
        _app = app;
        _streams = streams;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
        Seed = seed;
        Time = time;
        _http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(20) };
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>The page's address.</summary>
    public string PageUrl => BaseUrl + "/device";

    public string DataDirectory { get; }

    public TestSeed Seed { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>Starts a server; <paramref name="onLocalhost"/> serves it at <c>http://localhost:PORT</c> (a free port)
    /// with that origin allowed for passkeys, since WebAuthn refuses an IP address as relying-party id.</summary>
    public static async Task<DevicePageServer> StartAsync(Dictionary<string, string?>? settings = null, bool onLocalhost = false)
    {
        var seed = new TestSeed();
        var dataDirectory = Directory.CreateTempSubdirectory("mandate-device-").FullName;
        var document = seed.Build();
        document.Clients.Single(c => c.ClientId == seed.Agent.ClientId).DisplayName = "Shoe Store Assistant";
        var seedFile = await TestServerHost.WriteSeedAsync(dataDirectory, document);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);

        var config = new Dictionary<string, string?> { ["Mandate:SignInAttemptsPerMinute"] = "1000" };
        var url = "http://127.0.0.1:0";
        if (onLocalhost)
        {
            url = "http://localhost:" + FreePort();
            config["Mandate:Device:AllowedOrigins:0"] = url;
        }

        var builder = TestServerHost.CreateBuilder(MandateTestServer.Issuer, dataDirectory, seedFile, config.Concat(settings ?? []));
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        // An open event stream ends only when the browser goes away; do not wait long for it on stop.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var streams = new StreamInterrupter();
        var app = await TestServerHost.StartAsync(builder, dataDirectory, a => a.Use(streams.InvokeAsync));

        var address = onLocalhost ? url : app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DevicePageServer(app, streams, address, dataDirectory, seed, time);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The agent's signed backchannel request (CIBA §7.1.1) for a user; returns the auth_req_id.</summary>
    public async Task<string> StartCibaAsync(string loginHint, string bindingMessage, object[]? authorizationDetails = null, string scope = "openid payment")
    {
        var claims = OAuthCalls.RequestObjectClaims(Seed.Agent, Time.GetUtcNow(), scope, loginHint);
        claims["binding_message"] = bindingMessage;
        if (authorizationDetails is not null)
        {
            claims["authorization_details"] = authorizationDetails;
        }

        var request = Jwt.SignEs256(Seed.Agent.Key, Seed.Agent.Kid, claims);
        var response = await _http.PostFormAsync(BcPath, [KeyValuePair.Create("request", request)], Seed.Agent);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("auth_req_id").GetString()!;
    }

    /// <summary>The agent's token poll (CIBA §10.1).</summary>
    public Task<HttpResponseMessage> PollAsync(string authReqId) =>
        _http.PostFormAsync(TokenPath, [KeyValuePair.Create("grant_type", TestSeed.Ciba), KeyValuePair.Create("auth_req_id", authReqId)], Seed.Agent);

    /// <summary>A failed sign-in through the API, from the same address as the browser.</summary>
    public Task<HttpResponseMessage> FailSignInAsync(string username) =>
        _http.PostJsonAsync("/device/api/session", new { username, password = "not-the-password" });

    /// <summary>
    /// Simulates a lost connection: cuts every open event stream and answers new ones 503 until
    /// <see cref="RestoreEventStreams"/>.
    /// </summary>
    public void InterruptEventStreams() => _streams.Interrupt();

    /// <summary>Lets event streams connect again.</summary>
    public void RestoreEventStreams() => _streams.Restore();

    /// <summary>The demo purchase as the agent asks for it (RFC 9396 <c>authorization_details</c>).</summary>
    public static object[] Purchase() =>
        [new { type = "shoe_purchase", product_id = "nike-pegasus-41", size = 10.5m, quantity = 1, max_amount = new { currency = "USD", value = "140.00" } }];

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await TestServerHost.StopAsync(_app, DataDirectory);
    }

    /// <summary>Middleware that can cut the device event streams (as a dropped network connection would).</summary>
    private sealed class StreamInterrupter
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<HttpContext, byte> _open = new();
        private volatile bool _interrupted;

        public async Task InvokeAsync(HttpContext http, Func<Task> next)
        {
            if (http.Request.Path != "/device/api/events")
            {
                await next();
                return;
            }

            if (_interrupted)
            {
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            _open[http] = 0;
            try
            {
                await next();
            }
            finally
            {
                _open.TryRemove(http, out _);
            }
        }

        public void Interrupt()
        {
            _interrupted = true;
            foreach (var http in _open.Keys)
            {
                http.Abort();
            }
        }

        public void Restore() => _interrupted = false;
    }
}
