using System.Buffers.Text;
using System.Security.Cryptography;
using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Mandate.Server.Push;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Tests.Push;

/// <summary><see cref="WebPushSender"/> against an in-memory push service: the request it makes (RFC 8030, 8291,
/// 8292), and how it retries, gives up and reports a gone subscription.</summary>
public sealed class WebPushSenderTests
{
    private const string Endpoint = "https://updates.push.services.mozilla.com/wpush/v2/secret-capability-path";
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly TestLogSink _logs = new();
    private readonly List<TimeSpan> _waits = [];
    private readonly VapidKeyPair _vapid = NewVapidPair();

    private static VapidKeyPair NewVapidPair()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(true);
        return new VapidKeyPair(Base64Url.EncodeToString([0x04, .. p.Q.X!, .. p.Q.Y!]), Base64Url.EncodeToString(p.D));
    }

    private static PushSubscriptionRecord Device()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        return new PushSubscriptionRecord
        {
            Id = "device-1",
            Subject = TestSeed.EndUserSubject,
            Endpoint = Endpoint,
            P256dh = Base64Url.EncodeToString([0x04, .. q.X!, .. q.Y!]),
            Auth = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
        };
    }

    private PushNotice Notice(TimeSpan lifetime) =>
        new("req-1", TestSeed.EndUserSubject, "Shoe Store Assistant", "Buy Nike Pegasus 41 for $140", _time.GetUtcNow() + lifetime);

    private WebPushSender Sender(PushTransport transport, Action<MandateServerOptions>? configure = null)
    {
        var options = new MandateServerOptions { Issuer = new Uri("https://login.example.com/am/oauth2/realms/root/realms/alpha") };
        configure?.Invoke(options);
        var loggers = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        return new WebPushSender(transport.Factory, Options.Create(options), _time, loggers.CreateLogger<WebPushSender>())
        {
            Delay = (wait, _) =>
            {
                _waits.Add(wait);
                _time.Advance(wait);
                return Task.CompletedTask;
            },
        };
    }

    [Fact]
    public async Task Send_PostsAes128gcmWithVapidTtlAndUrgency_ToTheEndpoint()
    {
        var transport = new PushTransport(201) { Time = _time };
        var outcome = await Sender(transport).SendAsync(Notice(TimeSpan.FromSeconds(300.9)), Device(), _vapid, CancellationToken.None);

        Assert.Equal(PushDeliveryOutcome.Delivered, outcome);
        var sent = Assert.Single(transport.Requests);
        Assert.Equal(HttpMethod.Post, sent.Request.Method);
        Assert.Equal(Endpoint, sent.Request.RequestUri!.AbsoluteUri);
        Assert.Equal("300", Assert.Single(sent.Request.Headers.GetValues("TTL")));
        Assert.Equal("high", Assert.Single(sent.Request.Headers.GetValues("Urgency")));
        Assert.Equal("aes128gcm", Assert.Single(sent.Request.Content!.Headers.ContentEncoding));
        // RFC 8188 §2.1 header: salt (16) ‖ record size (4) ‖ key id length (1) = 65 ‖ the sender's P-256 point.
        Assert.Equal(65, sent.Body[20]);
        Assert.Equal(0x04, sent.Body[21]);
        Assert.DoesNotContain("Pegasus"u8.ToArray(), [.. SlidingWindows(sent.Body, 7)], new ByteArrayComparer());
    }

    [Fact]
    public async Task Send_VapidTokenVerifiesWithTheServerKey_ForTheEndpointsOrigin()
    {
        var transport = new PushTransport(201) { Time = _time };
        // The VAPID token's exp is set by Lib.Net.Http.WebPush from the system clock (the push service checks it against
        // real time), not from the app's TimeProvider: the bounds below are real time too.
        var sentAfter = DateTime.UtcNow;
        await Sender(transport, o => o.Push.Subject = "mailto:security@example.com").SendAsync(Notice(TimeSpan.FromMinutes(5)), Device(), _vapid, CancellationToken.None);
        var sentBefore = DateTime.UtcNow;

        var authorization = Assert.Single(transport.Requests).Request.Headers.Authorization!;
        Assert.Equal("vapid", authorization.Scheme);
        var parameters = authorization.Parameter!.Split(',').Select(p => p.Trim().Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(_vapid.PublicKey, parameters["k"]);

        var point = Base64Url.DecodeFromChars(_vapid.PublicKey);
        var key = new ECDsaSecurityKey(ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } }));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(parameters["t"], new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidateIssuer = false,
            ValidAudience = "https://updates.push.services.mozilla.com",
            // RFC 8292 §2: exp no more than 24 hours from the request.
            LifetimeValidator = (_, expires, _, _) => expires > sentAfter && expires <= sentBefore.AddHours(24),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var token = (JsonWebToken)result.SecurityToken;
        Assert.Equal("ES256", token.Alg);
        Assert.Equal("mailto:security@example.com", token.Subject);
    }

    [Fact]
    public void VapidSubject_IsTheOption_ElseAnHttpsIssuer_ElseNone()
    {
        var options = new MandateServerOptions { Issuer = new Uri("https://login.example.com/am/oauth2") };
        Assert.Equal("https://login.example.com", WebPushSender.Subject(options));
        options.Push.Subject = "mailto:ops@example.com";
        Assert.Equal("mailto:ops@example.com", WebPushSender.Subject(options));
        Assert.Null(WebPushSender.Subject(new MandateServerOptions { Issuer = new Uri("http://127.0.0.1:5100/am") }));
    }

    [Fact]
    public async Task TooManyRequests_WaitsForRetryAfter_ThenSendsAgainWithTheRemainingTtl()
    {
        var transport = new PushTransport(429, 201)
        {
            Time = _time,
            Answer = (attempt, response) =>
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
                return response;
            },
        };
        var outcome = await Sender(transport).SendAsync(Notice(TimeSpan.FromSeconds(120)), Device(), _vapid, CancellationToken.None);

        Assert.Equal(PushDeliveryOutcome.Delivered, outcome);
        Assert.Equal([TimeSpan.FromSeconds(7)], _waits);
        Assert.Equal(["120", "113"], transport.Requests.Select(r => r.Request.Headers.GetValues("TTL").Single()));
    }

    [Fact]
    public async Task ServerErrorsAndNetworkFailures_AreTriedThreeTimes_WithBackOff_ThenGivenUp()
    {
        var transport = new PushTransport(503) { Time = _time, Unreachable = attempt => attempt == 2 };
        var outcome = await Sender(transport).SendAsync(Notice(TimeSpan.FromMinutes(5)), Device(), _vapid, CancellationToken.None);

        Assert.Equal(PushDeliveryOutcome.Failed, outcome);
        Assert.Equal(3, transport.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], _waits);
        Assert.Contains(_logs.Messages, m => m.Contains("given up (HTTP 503, attempt 3)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MaxAttempts_IsConfigurable()
    {
        var transport = new PushTransport(500) { Time = _time };
        await Sender(transport, o => o.Push.MaxAttempts = 1).SendAsync(Notice(TimeSpan.FromMinutes(5)), Device(), _vapid, CancellationToken.None);
        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task ARetryAfterPastTheRequestsExpiry_GivesUpWithoutWaiting()
    {
        var transport = new PushTransport(429)
        {
            Time = _time,
            Answer = (_, response) =>
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(50));
                return response;
            },
        };
        var outcome = await Sender(transport).SendAsync(Notice(TimeSpan.FromSeconds(30)), Device(), _vapid, CancellationToken.None);

        Assert.Equal(PushDeliveryOutcome.Failed, outcome);
        Assert.Single(transport.Requests);
        Assert.Empty(_waits);
    }

    [Fact]
    public async Task AnExpiredRequest_IsNotSent()
    {
        var transport = new PushTransport(201) { Time = _time };
        var outcome = await Sender(transport).SendAsync(Notice(TimeSpan.FromMilliseconds(900)), Device(), _vapid, CancellationToken.None);
        Assert.Equal(PushDeliveryOutcome.Failed, outcome);
        Assert.Empty(transport.Requests);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(410)]
    public async Task NotFoundOrGone_ReportsGone_AfterOneAttempt(int status)
    {
        var transport = new PushTransport(status) { Time = _time };
        var outcome = await Sender(transport).SendAsync(Notice(TimeSpan.FromMinutes(5)), Device(), _vapid, CancellationToken.None);
        Assert.Equal(PushDeliveryOutcome.Gone, outcome);
        Assert.Single(transport.Requests);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(413)]
    public async Task OtherClientErrors_FailAtOnce(int status)
    {
        var transport = new PushTransport(status) { Time = _time };
        var outcome = await Sender(transport).SendAsync(Notice(TimeSpan.FromMinutes(5)), Device(), _vapid, CancellationToken.None);
        Assert.Equal(PushDeliveryOutcome.Failed, outcome);
        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task Logs_NameTheDevice_NeverTheEndpointOrPayload()
    {
        var transport = new PushTransport(500, 410) { Time = _time };
        var device = Device();
        await Sender(transport).SendAsync(Notice(TimeSpan.FromMinutes(5)), device, _vapid, CancellationToken.None);

        Assert.Contains(_logs.Messages, m => m.Contains("device-1", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Messages, m => m.Contains("secret-capability-path", StringComparison.Ordinal)
            || m.Contains("push.services.mozilla.com", StringComparison.Ordinal)
            || m.Contains("Pegasus", StringComparison.Ordinal)
            || m.Contains(device.Auth, StringComparison.Ordinal)
            || m.Contains(_vapid.PrivateKey, StringComparison.Ordinal));
    }

    private static IEnumerable<byte[]> SlidingWindows(byte[] data, int size)
    {
        for (var i = 0; i + size <= data.Length; i++)
        {
            yield return data[i..(i + size)];
        }
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length;
    }
}
