using System.Net;
using System.Text.RegularExpressions;
using Mandate.Server.Tests.Infrastructure;

namespace Mandate.Server.Tests.Endpoints;

/// <summary>Checklist 4.2 (BC-16 … BC-30): hints, ping token, binding message, user code, expiry, acknowledgement.</summary>
public sealed partial class BackchannelParameterTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly MandateTestServer _server = fixture.Server;
    private readonly TestSeed _seed = fixture.Seed;

    private Task<HttpResponseMessage> Plain(params (string, string)[] form) => _server.BcAuthorizeAsync(_seed.Plain, form);

    private async Task<string> IdTokenForAsync(TestClient client)
    {
        var response = await _server.BcAuthorizeAsync(client, ("scope", "openid"), ("login_hint", "end.user"));
        var id = (await response.ReadJsonAsync()).GetProperty("auth_req_id").GetString()!;
        await _server.ApproveAsync(_seed, id);
        return (await (await _server.PollAsync(client, id)).ReadJsonAsync()).GetProperty("id_token").GetString()!;
    }

    [Fact]
    public async Task BC_16_IdTokenHintNotIssuedHere_IsUnknownUserId()
    {
        var forged = Jwt.SignEs256(_seed.Plain.Key, "forged", new { iss = MandateTestServer.Issuer, sub = TestSeed.EndUserSubject, aud = _seed.Plain.ClientId, exp = _server.Time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds() });
        await (await Plain(("scope", "openid"), ("id_token_hint", forged))).AssertErrorAsync(HttpStatusCode.BadRequest, "unknown_user_id");
    }

    [Fact]
    public async Task BC_17_IdTokenHintIssuedToAnotherClient_IsUnknownUserId()
    {
        var idToken = await IdTokenForAsync(_seed.CibaOnly);
        await (await Plain(("scope", "openid"), ("id_token_hint", idToken))).AssertErrorAsync(HttpStatusCode.BadRequest, "unknown_user_id");
    }

    [Fact]
    public async Task BC_18_IdTokenHintExpiredMinutesAgo_IsAccepted()
    {
        var idToken = await IdTokenForAsync(_seed.Plain);
        var exp = DateTimeOffset.FromUnixTimeSeconds(Jwt.Payload(idToken).GetProperty("exp").GetInt64());
        _server.Time.Advance(exp - _server.Time.GetUtcNow() + TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await Plain(("scope", "openid"), ("id_token_hint", idToken))).StatusCode);
    }

    [Fact]
    public async Task BC_19_PingClientWithoutNotificationToken_IsInvalidRequest() =>
        await (await _server.BcAuthorizeAsync(_seed.Pinger, ("scope", "openid"), ("login_hint", "end.user")))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");

    [Theory]
    [InlineData(1025, "a")]
    [InlineData(40, " ")]
    [InlineData(40, "{")]
    public async Task BC_20_NotificationTokenTooLongOrNotB64Token_IsInvalidRequest(int length, string filler)
    {
        var token = "abc" + string.Concat(Enumerable.Repeat(filler, length - 3));
        await (await _server.BcAuthorizeAsync(_seed.Pinger, ("scope", "openid"), ("login_hint", "end.user"), ("client_notification_token", token)))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Theory]
    [InlineData(10000, "x")]
    [InlineData(101, "x")]
    [InlineData(1, "Pay\u0007")]
    [InlineData(1, "Pay\u3164now")]
    [InlineData(1, "Pay\u0336 now")]
    [InlineData(1, "Pay \u202Eevil")]
    [InlineData(1, "Pay \u2066x\u2069")]
    [InlineData(1, "line\nbreak")]
    public async Task BC_21_LongControlOrBidiBindingMessage_IsInvalidBindingMessage(int repeat, string text) =>
        await (await Plain(("scope", "openid"), ("login_hint", "end.user"), ("binding_message", string.Concat(Enumerable.Repeat(text, repeat)))))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_binding_message");

    [Fact]
    public async Task BC_21_EmojiAndAccentsInBindingMessage_AreAcceptedAndShownAsSent()
    {
        const string message = "Paiement 140 € 👟 für Schuhe";
        Assert.Equal(HttpStatusCode.OK, (await Plain(("scope", "openid"), ("login_hint", "end.user"), ("binding_message", message))).StatusCode);
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        var pending = await device.PendingAsync();
        Assert.Contains(pending.EnumerateArray(), r => r.GetProperty("binding_message").GetString() == message);
    }

    [Fact]
    public async Task BC_22_BindingMessage1234_IsAccepted() =>
        Assert.Equal(HttpStatusCode.OK, (await Plain(("scope", "openid"), ("login_hint", "end.user"), ("binding_message", "1234"))).StatusCode);

    [Fact]
    public async Task BC_23_UserCodeRequiredButMissing_IsMissingUserCode() =>
        await (await _server.BcAuthorizeAsync(_seed.UserCoder, ("scope", "openid"), ("login_hint", "end.user")))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "missing_user_code");

    [Fact]
    public async Task BC_24_WrongUserCode_IsInvalidUserCode()
    {
        await (await _server.BcAuthorizeAsync(_seed.UserCoder, ("scope", "openid"), ("login_hint", "end.user"), ("user_code", "wrong")))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_user_code");
        var right = await _server.BcAuthorizeAsync(_seed.UserCoder, ("scope", "openid"), ("login_hint", "end.user"), ("user_code", _seed.EndUserCode));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("1.5")]
    public async Task BC_25_RequestedExpiryNotAPositiveInteger_IsInvalidRequest(string value) =>
        await (await Plain(("scope", "openid"), ("login_hint", "end.user"), ("requested_expiry", value)))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");

    [Fact]
    public async Task BC_26_RequestedExpiry10_ShapesExpiresInAndLaterExpires()
    {
        var body = await (await Plain(("scope", "openid"), ("login_hint", "end.user"), ("requested_expiry", "10"))).ReadJsonAsync();
        Assert.Equal(10, body.GetProperty("expires_in").GetInt32());
        _server.Time.Advance(TimeSpan.FromSeconds(11));
        await (await _server.PollAsync(_seed.Plain, body.GetProperty("auth_req_id").GetString()!)).AssertErrorAsync(HttpStatusCode.BadRequest, "expired_token");
    }

    [Fact]
    public async Task BC_27_UnknownExtraParameter_IsIgnored() =>
        Assert.Equal(HttpStatusCode.OK, (await Plain(("scope", "openid"), ("login_hint", "end.user"), ("foo", "bar"))).StatusCode);

    [Fact]
    public async Task BC_29_ValidRequest_ReturnsOpaqueHighEntropyIdWithExpiryAndInterval()
    {
        var ids = new HashSet<string>();
        for (var i = 0; i < 3; i++)
        {
            var response = await Plain(("scope", "openid"), ("login_hint", "end.user"));
            var body = await response.ReadJsonAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var id = body.GetProperty("auth_req_id").GetString()!;
            Assert.Matches(AuthReqIdShape(), id);
            Assert.True(id.Length >= 43, "at least 256 bits in base64url");
            Assert.True(body.GetProperty("expires_in").GetInt32() > 0);
            Assert.Equal(5, body.GetProperty("interval").GetInt32());
            Assert.True(ids.Add(id));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex AuthReqIdShape();
}
