using System.Net;
using System.Net.Http.Json;
using Mandate.Server.Tests.Infrastructure;

namespace Mandate.Server.Tests.Endpoints;

/// <summary>Checklist 4.2 (BC-01 … BC-15): POST /bc-authorize with plain form parameters.</summary>
public abstract class BackchannelRequestTests(ServerFixture fixture)
{
    public sealed class OnSqlite(ServerFixture fixture) : BackchannelRequestTests(fixture), IClassFixture<ServerFixture>;

    [RequiresPostgreSql]
    public sealed class OnPostgreSql(PostgreSqlServerFixture fixture) : BackchannelRequestTests(fixture), IClassFixture<PostgreSqlServerFixture>;

    private readonly MandateTestServer _server = fixture.Server;
    private readonly TestSeed _seed = fixture.Seed;

    private DateTimeOffset Now => _server.Time.GetUtcNow();

    private Task<HttpResponseMessage> Plain(params (string, string)[] form) => _server.BcAuthorizeAsync(_seed.Plain, form);

    [DatabaseFact]
    public async Task BC_01_GetOrJsonBody_IsInvalidRequest()
    {
        await (await _server.Client.GetAsync(MandateTestServer.BcEndpoint)).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        var json = await _server.Client.PostAsJsonAsync(MandateTestServer.BcEndpoint, new { scope = "openid", login_hint = "end.user" });
        await json.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [DatabaseFact]
    public async Task BC_02_NoClientAuthentication_IsInvalidClient() =>
        await (await _server.BcAuthorizeAsync(null, ("scope", "openid"), ("login_hint", "end.user")))
            .AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");

    [DatabaseTheory]
    [InlineData(MandateTestServer.BcEndpoint)]
    [InlineData(MandateTestServer.TokenEndpoint)]
    [InlineData(MandateTestServer.Issuer)]
    public async Task BC_03_AssertionAudienceIsBcTokenOrIssuer_IsAccepted(string audience)
    {
        var assertion = Assertions.Sign(_seed.Plain, Assertions.Claims(_seed.Plain, Now, audience));
        var response = await _server.BcAuthorizeAsync(null, Assertions.Form(assertion, ("scope", "openid prices"), ("login_hint", "end.user")));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [DatabaseTheory]
    [InlineData("signature")]
    [InlineData("expired")]
    [InlineData("replay")]
    public async Task BC_04_AssertionBadSignatureExpiredOrReplayed_IsInvalidClient(string defect)
    {
        var claims = Assertions.Claims(_seed.Plain, Now, MandateTestServer.BcEndpoint);
        if (defect == "expired")
        {
            claims["exp"] = Now.AddMinutes(-5).ToUnixTimeSeconds();
        }

        var assertion = defect == "signature"
            ? Jwt.SignEs256(_seed.Agent.Key, _seed.Plain.Kid, claims)
            : Assertions.Sign(_seed.Plain, claims);
        var form = Assertions.Form(assertion, ("scope", "openid"), ("login_hint", "end.user"));
        if (defect == "replay")
        {
            Assert.Equal(HttpStatusCode.OK, (await _server.BcAuthorizeAsync(null, form)).StatusCode);
        }

        await (await _server.BcAuthorizeAsync(null, form)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [DatabaseFact]
    public async Task BC_05_ClientIdDiffersFromAuthenticatedClient_IsInvalidClient() =>
        await (await Plain(("client_id", _seed.Agent.ClientId), ("scope", "openid"), ("login_hint", "end.user")))
            .AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");

    [DatabaseFact]
    public async Task BC_06_ClientWithoutCibaGrant_IsUnauthorizedClient() =>
        await (await _server.BcAuthorizeAsync(_seed.CcOnly, ("scope", "prices"), ("login_hint", "end.user")))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "unauthorized_client");

    [DatabaseFact]
    public async Task BC_07_NoScope_IsInvalidRequest() =>
        await (await Plain(("login_hint", "end.user"))).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");

    [DatabaseFact]
    public async Task BC_08_ScopeWithoutOpenId_IsAcceptedAndIssuesNoIdToken()
    {
        var response = await Plain(("scope", "prices"), ("login_hint", "end.user"));
        var id = (await response.ReadJsonAsync()).GetProperty("auth_req_id").GetString()!;
        await _server.ApproveAsync(_seed, id);
        var token = await (await _server.PollAsync(_seed.Plain, id)).ReadJsonAsync();
        Assert.True(token.TryGetProperty("access_token", out _));
        Assert.False(token.TryGetProperty("id_token", out _));
    }

    [DatabaseFact]
    public async Task BC_09_UnknownScope_IsInvalidScope() =>
        await (await Plain(("scope", "openid teleport"), ("login_hint", "end.user"))).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_scope");

    [DatabaseFact]
    public async Task BC_10_ScopesInReversedOrder_AreAccepted() =>
        Assert.Equal(HttpStatusCode.OK, (await Plain(("scope", "payment address openid"), ("login_hint", "end.user"))).StatusCode);

    [DatabaseFact]
    public async Task BC_11_NoHint_IsInvalidRequest() =>
        await (await Plain(("scope", "openid"))).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");

    [DatabaseFact]
    public async Task BC_12_TwoHints_IsInvalidRequest() =>
        await (await Plain(("scope", "openid"), ("login_hint", "end.user"), ("id_token_hint", "a.b.c")))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");

    [DatabaseFact]
    public async Task BC_13_LoginHintForUnknownUser_IsUnknownUserId() =>
        await (await Plain(("scope", "openid"), ("login_hint", "nobody"))).AssertErrorAsync(HttpStatusCode.BadRequest, "unknown_user_id");

    [DatabaseFact]
    public async Task BC_15_LoginHintToken_IsInvalidRequestBecauseUnsupported()
    {
        var hint = Jwt.SignEs256(_seed.Agent.Key, "x", new { sub = TestSeed.EndUserSubject });
        await (await Plain(("scope", "openid"), ("login_hint_token", hint))).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [DatabaseFact]
    public async Task BC_16_Acknowledgement_IsAuthReqIdExpiresInAndIntervalAsJson_NotStored()
    {
        var response = await Plain(("scope", "openid"), ("login_hint", "end.user"), ("requested_expiry", "120"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.True(response.Headers.CacheControl?.NoStore);

        // CIBA §7.3: exactly these members, numbers as JSON numbers.
        var body = await response.ReadJsonAsync();
        Assert.Equal(["auth_req_id", "expires_in", "interval"], body.EnumerateObject().Select(p => p.Name));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("auth_req_id").GetString()));
        Assert.Equal(120, body.GetProperty("expires_in").GetInt32());
        Assert.True(body.GetProperty("interval").GetInt32() > 0);
    }
}
