using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Tests.Interop;

/// <summary>
/// The server's Web Push against a push service nobody here wrote (npm <c>web-push-testing</c>, through
/// tests/interop/push-service.mjs): a device registered through the device API gets a push when bc-authorize accepts a
/// request; the peer verifies its VAPID token and decrypts its aes128gcm payload (npm <c>http_ece</c>); a subscription
/// the peer answers <c>410 Gone</c> for is removed; an endpoint off the allow-list is refused at registration.
/// </summary>
public sealed class WebPushInteropTests : IAsyncLifetime
{
    private const string Contact = "mailto:security@shoes.example";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly TestSeed _seed = new();
    private NodePushService _push = null!;
    private InteropServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _push = await NodePushService.StartAsync();
        _server = await InteropServer.StartAsync(_seed, new Dictionary<string, string?>
        {
            ["Mandate:Push:AllowedEndpoints:0"] = _push.Url + "/notify/",
            ["Mandate:Push:Subject"] = Contact,
        });
        _http = new HttpClient { BaseAddress = new Uri(_server.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_push is not null)
        {
            await _push.DisposeAsync();
        }
    }

    private async Task<string> VapidPublicKeyAsync() =>
        (await _http.GetFromJsonAsync<JsonElement>("/device/api/push/vapid-public-key")).GetProperty("public_key").GetString()!;

    private async Task<HttpClient> SignInAsync()
    {
        var device = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(_server.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        Assert.Equal(HttpStatusCode.OK, (await device.PostAsJsonAsync("/device/api/session", new { username = "end.user", password = _seed.EndUserPassword })).StatusCode);
        return device;
    }

    /// <summary>Subscribes on the peer with the server's VAPID key and registers that subscription as the browser's
    /// <c>PushSubscription.toJSON()</c>; returns the peer's client hash.</summary>
    private async Task<string> RegisterAsync(HttpClient device)
    {
        var subscription = await _push.SubscribeAsync(await VapidPublicKeyAsync());
        var response = await device.PostAsJsonAsync("/device/api/push/subscriptions", new
        {
            endpoint = subscription.GetProperty("endpoint").GetString(),
            expirationTime = (long?)null,
            keys = subscription.GetProperty("keys"),
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return subscription.GetProperty("clientHash").GetString()!;
    }

    private async Task<JsonElement> BcAuthorizeAsync(string bindingMessage)
    {
        using var response = await _http.PostFormAsync(_server.Issuer + "/bc-authorize", new Dictionary<string, string>
        {
            ["scope"] = "openid payment",
            ["login_hint"] = "end.user",
            ["binding_message"] = bindingMessage,
        }, _seed.Plain);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }

    /// <summary>Waits (bounded) until <paramref name="read"/> returns a value <paramref name="done"/> accepts.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow + Wait;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task BcAuthorize_PushesToTheRegisteredDevice_WhichDecryptsTheFourFields_AndVerifiesVapid()
    {
        using var device = await SignInAsync();
        var clientHash = await RegisterAsync(device);

        var acknowledgement = await BcAuthorizeAsync("Buy Nike Pegasus 41 for $140");
        var pending = Assert.Single((await device.PendingAsync()).EnumerateArray());

        // The peer decrypted it (aes128gcm with the subscription's keys): exactly the four fields, nothing to redeem.
        var messages = await EventuallyAsync(() => _push.MessagesAsync(clientHash), m => m.Count > 0);
        var text = Assert.Single(messages);
        using var payload = JsonDocument.Parse(text);
        Assert.Equal(["id", "client_name", "binding_message", "expires_at"], payload.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(pending.GetProperty("id").GetString(), payload.RootElement.GetProperty("id").GetString());
        Assert.Equal("plain-agent display", payload.RootElement.GetProperty("client_name").GetString());
        Assert.Equal("Buy Nike Pegasus 41 for $140", payload.RootElement.GetProperty("binding_message").GetString());
        Assert.Equal(pending.GetProperty("expires_at").GetDateTimeOffset(), payload.RootElement.GetProperty("expires_at").GetDateTimeOffset());
        Assert.DoesNotContain(acknowledgement.GetProperty("auth_req_id").GetString()!, text, StringComparison.Ordinal);

        // The request as the peer got it: aes128gcm, TTL within the request's life, Urgency high, answered 201.
        var received = Assert.Single(await _push.ReceivedAsync(clientHash));
        Assert.Equal(201, received.GetProperty("status").GetInt32());
        Assert.Equal("aes128gcm", received.GetProperty("content_encoding").GetString());
        Assert.Equal("high", received.GetProperty("urgency").GetString());
        var ttl = int.Parse(received.GetProperty("ttl").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var expiresIn = acknowledgement.GetProperty("expires_in").GetInt32();
        Assert.InRange(ttl, expiresIn - 10, expiresIn);

        // The peer verified the VAPID signature itself (else no 201); the claims are checked here (RFC 8292 §2).
        var authorization = received.GetProperty("authorization").GetString()!;
        Assert.StartsWith("vapid ", authorization, StringComparison.Ordinal);
        var parameters = authorization["vapid ".Length..].Split(',').Select(p => p.Trim().Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var publicKey = await VapidPublicKeyAsync();
        Assert.Equal(publicKey, parameters["k"]);
        var point = Base64Url.DecodeFromChars(publicKey);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(parameters["t"], new TokenValidationParameters
        {
            IssuerSigningKey = new ECDsaSecurityKey(ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } })),
            ValidateIssuer = false,
            // RFC 8292 §2: the push resource's origin. Lib.Net.Http.WebPush writes scheme and host only, leaving out a
            // port; every real push service is on https's default port, where that is the origin (WebPushSenderTests).
            ValidAudience = "http://127.0.0.1",
            LifetimeValidator = (_, expires, _, _) => expires > DateTime.UtcNow && expires <= DateTime.UtcNow.AddHours(24),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal(Contact, ((JsonWebToken)result.SecurityToken).Subject);

        // The device's row says when it was last used; no log line names its endpoint.
        var listed = await EventuallyAsync(
            async () => Assert.Single((await device.GetFromJsonAsync<JsonElement>("/device/api/push/subscriptions")).EnumerateArray()),
            d => d.GetProperty("last_used_at").ValueKind != JsonValueKind.Null);
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("last_used_at").ValueKind);
        Assert.DoesNotContain(_server.Logs.Messages, m => m.Contains(clientHash, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASubscriptionThePushServiceAnswers410For_IsRemoved()
    {
        using var device = await SignInAsync();
        var clientHash = await RegisterAsync(device);
        await _push.ExpireAsync(clientHash);

        await BcAuthorizeAsync("Buy Adidas Ultraboost for $180");

        var devices = await EventuallyAsync(
            async () => (await device.GetFromJsonAsync<JsonElement>("/device/api/push/subscriptions")).GetArrayLength(),
            count => count == 0);
        Assert.Equal(0, devices);
        Assert.Equal(410, Assert.Single(await _push.ReceivedAsync(clientHash)).GetProperty("status").GetInt32());
        Assert.Empty(await _push.MessagesAsync(clientHash));
    }

    [Fact]
    public async Task AnEndpointOffTheAllowList_IsRefusedAtRegistration()
    {
        using var device = await SignInAsync();
        var subscription = await _push.SubscribeAsync(await VapidPublicKeyAsync());
        // The same push service under another name (web-push-testing's own default host): not on the list.
        var endpoint = subscription.GetProperty("endpoint").GetString()!.Replace("http://127.0.0.1:", "http://localhost:", StringComparison.Ordinal);

        var response = await device.PostAsJsonAsync("/device/api/push/subscriptions", new { endpoint, expirationTime = (long?)null, keys = subscription.GetProperty("keys") });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("allowed push service", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await device.GetFromJsonAsync<JsonElement>("/device/api/push/subscriptions")).GetArrayLength());
    }
}
