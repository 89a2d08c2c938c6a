using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mandate.Client.Ciba;
using Mandate.Client.Tests.TestSupport;
using Mandate.Client.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Mandate.Client.Tests.Interop;

/// <summary>Mandate.Client's CIBA (poll and ping) against npm oidc-provider, a certified OpenID Provider.</summary>
[Collection(OidcProviderCollection.Name)]
public sealed class CibaInteropTests
{
    private static readonly TimeSpan FlowLimit = TimeSpan.FromSeconds(60);
    private readonly OidcProviderFixture _op;

    public CibaInteropTests(OidcProviderFixture op)
    {
        _op = op;
    }

    private static BackchannelAuthenticationRequest Purchase(string bindingMessage, TimeSpan? requestedExpiry = null) => new()
    {
        LoginHint = "end.user",
        Scopes = ["payment"],
        BindingMessage = bindingMessage,
        RequestedExpiry = requestedExpiry,
        AuthorizationDetails =
        [
            new JsonObject
            {
                ["type"] = "shoe_purchase", ["product_id"] = "nike-pegasus-41", ["size"] = 10.5, ["quantity"] = 1,
                ["max_amount"] = new JsonObject { ["currency"] = "USD", ["value"] = "140.00" },
            },
        ],
    };

    private static string UniqueMessage(string what) => $"Interop {what} {Convert.ToHexString(RandomNumberGenerator.GetBytes(3))}";

    [Fact]
    public async Task Ciba_Approved_ReturnsTheUsersTokenWithTheAuthorizationDetails()
    {
        await using var services = _op.CreateClient("ai-agent", o => o.AcrValues = "push");
        var progress = new RecordingProgress();
        var message = UniqueMessage("approve");
        var flow = services.GetRequiredService<ICibaClient>().AuthenticateAsync(Purchase(message), progress);

        var record = await _op.WaitForRequestAsync(message, flow);
        await _op.DecideAsync(record.GetProperty("auth_req_id").GetString()!, "approve");
        var token = await flow.WaitAsync(FlowLimit);

        var claims = record.GetProperty("request_object").GetProperty("claims");
        Assert.Equal("ai-agent", claims.GetProperty("iss").GetString());
        Assert.Equal(_op.Issuer, claims.GetProperty("aud").GetString());
        Assert.Equal(claims.GetProperty("iat").GetInt64(), claims.GetProperty("nbf").GetInt64());
        Assert.Equal("openid payment", claims.GetProperty("scope").GetString());
        Assert.Equal("ES256", record.GetProperty("request_object").GetProperty("header").GetProperty("alg").GetString());
        var jwt = new JsonWebToken(token.AccessToken);
        Assert.Equal(OidcProviderFixture.UserSub, jwt.Subject);
        Assert.Equal("ai-agent", jwt.GetPayloadValue<string>("client_id"));
        Assert.Equal("payment", jwt.GetPayloadValue<string>("scope"));
        Assert.Equal("nike-pegasus-41", token.AuthorizationDetails!.Value[0].GetProperty("product_id").GetString());
        Assert.NotNull(token.IdToken);
        Assert.Equal(CibaProgressKind.Requested, progress.Kinds[0]);
        Assert.Equal(CibaProgressKind.Approved, progress.Kinds[^1]);
    }

    [Fact]
    public async Task Ciba_Denied_EndsWithAccessDenied()
    {
        await using var services = _op.CreateClient("ai-agent");
        var progress = new RecordingProgress();
        var message = UniqueMessage("deny");
        var flow = services.GetRequiredService<ICibaClient>().AuthenticateAsync(Purchase(message), progress);

        var record = await _op.WaitForRequestAsync(message, flow);
        await _op.DecideAsync(record.GetProperty("auth_req_id").GetString()!, "deny");

        var error = await Assert.ThrowsAsync<OAuthException>(() => flow.WaitAsync(FlowLimit));
        Assert.Equal(OAuthErrorCodes.AccessDenied, error.Error);
        Assert.Equal(CibaProgressKind.Denied, progress.Kinds[^1]);
    }

    [Fact]
    public async Task Ciba_NobodyDecides_EndsWithExpiredToken()
    {
        await using var services = _op.CreateClient("ai-agent");
        var message = UniqueMessage("expire");

        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            services.GetRequiredService<ICibaClient>().AuthenticateAsync(Purchase(message, TimeSpan.FromSeconds(2))).WaitAsync(FlowLimit));

        Assert.Equal(OAuthErrorCodes.ExpiredToken, error.Error);
        var record = await _op.WaitForRequestAsync(message);
        Assert.Equal(2, record.GetProperty("requested_expiry").GetInt32());
        Assert.All(record.GetProperty("polls").EnumerateArray(), p => Assert.NotEqual("token", p.GetProperty("answer").GetString()));
    }

    [Fact]
    public async Task Ciba_SlowDown_WaitsFiveSecondsLongerThenGetsTheToken()
    {
        await using var services = _op.CreateClient("ai-agent");
        var progress = new RecordingProgress();
        var message = UniqueMessage("slow");
        var flow = services.GetRequiredService<ICibaClient>().AuthenticateAsync(Purchase(message), progress);
        var authReqId = (await _op.WaitForRequestAsync(message, flow)).GetProperty("auth_req_id").GetString()!;
        await _op.DecideAsync(authReqId, "slow-down", new { count = 1 });

        // Approve once the client has been told to slow down and has polled again after it (bounded: 40 looks, 250 ms apart).
        for (var look = 0; look < 40 && !await HasPolledAfterSlowDownAsync(authReqId); look++)
        {
            await Task.Delay(250);
        }

        await _op.DecideAsync(authReqId, "approve");
        await flow.WaitAsync(FlowLimit);

        var polls = (await _op.GetRequestAsync(authReqId)).GetProperty("polls").EnumerateArray()
            .Select(p => (At: p.GetProperty("at").GetDateTimeOffset(), Answer: p.GetProperty("answer").GetString())).ToArray();
        var slowDown = Array.FindIndex(polls, p => p.Answer == "slow_down");
        Assert.True(slowDown >= 0, "the fixture never answered slow_down");
        // interval 1 s + 5 s after slow_down (CIBA Core §11); the lower bound is the behaviour under test.
        Assert.True(polls[slowDown + 1].At - polls[slowDown].At >= TimeSpan.FromSeconds(5.9), "the next poll came too early");
        Assert.Contains(CibaProgressKind.SlowedDown, progress.Kinds);
        Assert.Equal("token", polls[^1].Answer);
    }

    [Fact]
    public async Task Ciba_PingMode_NotificationWakesTheClientWhichRedeemsTheToken()
    {
        await using var services = _op.CreateClient("ai-agent-ping", o => o.BackchannelTokenDeliveryMode = "ping");
        var message = UniqueMessage("ping");
        var flow = services.GetRequiredService<ICibaClient>().AuthenticateAsync(Purchase(message));

        var record = await _op.WaitForRequestAsync(message, flow);
        var authReqId = record.GetProperty("auth_req_id").GetString()!;
        await _op.DecideAsync(authReqId, "approve");
        var token = await flow.WaitAsync(FlowLimit);

        Assert.Equal(OidcProviderFixture.UserSub, new JsonWebToken(token.AccessToken).Subject);
        Assert.True(record.GetProperty("request_object").GetProperty("claims").TryGetProperty("client_notification_token", out _));
        var pings = (await _op.GetRequestAsync(authReqId)).GetProperty("pings");
        Assert.Equal(204, Assert.Single(pings.EnumerateArray()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Ciba_PingMode_InTwoSteps_AClientThatResumesTheKeptRequest_IsWokenByThePing()
    {
        var message = UniqueMessage("resume");
        CibaPendingRequest pending;
        await using (var first = _op.CreateClient("ai-agent-ping", o => o.BackchannelTokenDeliveryMode = "ping"))
        {
            pending = await first.GetRequiredService<ICibaClient>().SendAsync(Purchase(message)).WaitAsync(FlowLimit);
        }

        // A new client, as after a restart: it waits on the kept request and registers its notification token again.
        await using var second = _op.CreateClient("ai-agent-ping", o => o.BackchannelTokenDeliveryMode = "ping");
        var flow = second.GetRequiredService<ICibaClient>().WaitForTokenAsync(pending);
        var record = await _op.WaitForRequestAsync(message, flow);
        Assert.Equal(pending.AuthReqId, record.GetProperty("auth_req_id").GetString());
        await _op.DecideAsync(pending.AuthReqId, "approve");
        var token = await flow.WaitAsync(FlowLimit);

        Assert.Equal(OidcProviderFixture.UserSub, new JsonWebToken(token.AccessToken).Subject);
        Assert.Equal(pending.ClientNotificationToken,
            record.GetProperty("request_object").GetProperty("claims").GetProperty("client_notification_token").GetString());
        var pings = (await _op.GetRequestAsync(pending.AuthReqId)).GetProperty("pings");
        Assert.Equal(204, Assert.Single(pings.EnumerateArray()).GetProperty("status").GetInt32()); // the kept token was recognised
    }

    private async Task<bool> HasPolledAfterSlowDownAsync(string authReqId)
    {
        var answers = (await _op.GetRequestAsync(authReqId)).GetProperty("polls").EnumerateArray()
            .Select(p => p.GetProperty("answer").GetString()).ToList();
        var slowDown = answers.IndexOf("slow_down");
        return slowDown >= 0 && answers.Count > slowDown + 1;
    }
}
