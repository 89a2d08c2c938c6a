using System.Security.Cryptography;
using System.Text;
using Mandate.Server.Ciba;
using Mandate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Tests.Endpoints;

/// <summary>Checklist 4.3 (RO-01 … RO-29): signed authentication requests. Every failure is 400 invalid_request.</summary>
public abstract class RequestObjectTests(ServerFixture fixture)
{
    public sealed class OnSqlite(ServerFixture fixture) : RequestObjectTests(fixture), IClassFixture<ServerFixture>;

    [RequiresPostgreSql]
    public sealed class OnPostgreSql(PostgreSqlServerFixture fixture) : RequestObjectTests(fixture), IClassFixture<PostgreSqlServerFixture>;

    private readonly MandateTestServer _server = fixture.Server;
    private readonly TestSeed _seed = fixture.Seed;

    private TestClient Agent => _seed.Agent;

    private Dictionary<string, object> Claims() => OAuthCalls.RequestObjectClaims(Agent, _server.Time.GetUtcNow());

    private long At(TimeSpan offset) => _server.Time.GetUtcNow().Add(offset).ToUnixTimeSeconds();

    private Task<HttpResponseMessage> Send(string request, params (string, string)[] extra) =>
        _server.BcAuthorizeAsync(Agent, [("request", request), .. extra]);

    private async Task Accepted(Dictionary<string, object> claims)
    {
        var response = await _server.SignedBcAuthorizeAsync(Agent, claims);
        Assert.True(response.StatusCode == HttpStatusCode.OK, (await response.ReadJsonAsync()).ToString());
    }

    private async Task Rejected(Dictionary<string, object> claims) =>
        await (await _server.SignedBcAuthorizeAsync(Agent, claims)).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");

    private async Task Rejected(string request, params (string, string)[] extra) =>
        await (await Send(request, extra)).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");

    private Dictionary<string, object> Without(string claim)
    {
        var claims = Claims();
        claims.Remove(claim);
        return claims;
    }

    /// <summary>Claims without <c>jti</c>, made unique by their binding message (the server's clock stands still, and
    /// without a jti the same content is a replay).</summary>
    private Dictionary<string, object> WithoutJti()
    {
        var claims = Without("jti");
        claims["binding_message"] = "Order " + Guid.NewGuid().ToString("N")[..12];
        return claims;
    }

    private Dictionary<string, object> With(string claim, object value)
    {
        var claims = Claims();
        claims[claim] = value;
        return claims;
    }

    [DatabaseFact] public Task RO_01_NoAudience_IsRejected() => Rejected(Without("aud"));

    [DatabaseFact] public Task RO_02_AudienceOfAnotherServer_IsRejected() => Rejected(With("aud", "https://other.example/as/token"));

    [DatabaseFact] public Task RO_03_NoIssuer_IsRejected() => Rejected(Without("iss"));

    [DatabaseFact] public Task RO_04_IssuerIsAnotherClient_IsRejected() => Rejected(With("iss", _seed.Plain.ClientId));

    [DatabaseFact] public Task RO_05_NoExp_IsRejected() => Rejected(Without("exp"));

    [DatabaseFact] public Task RO_06_ExpInThePast_IsRejected() => Rejected(With("exp", At(TimeSpan.FromMinutes(-5))));

    [DatabaseFact] public Task RO_07_ExpSeventyMinutesAhead_IsRejected() => Rejected(With("exp", At(TimeSpan.FromMinutes(70))));

    [DatabaseFact] public Task RO_08_NoIat_IsRejected() => Rejected(Without("iat"));

    [DatabaseFact] public Task RO_09_NoNbf_IsAccepted() => Accepted(Without("nbf"));

    [DatabaseFact]
    public Task RO_09_NoNbfAndExpMoreThanSixtyMinutesAfterIat_IsRejected()
    {
        var claims = Without("nbf");
        claims["iat"] = At(TimeSpan.FromMinutes(-40));
        claims["exp"] = At(TimeSpan.FromMinutes(21));
        return Rejected(claims);
    }

    [DatabaseFact] public Task RO_10_NbfTenMinutesAhead_IsRejected() => Rejected(With("nbf", At(TimeSpan.FromMinutes(10))));

    [DatabaseFact] public Task RO_11_NbfSeventyMinutesBack_IsRejected() => Rejected(With("nbf", At(TimeSpan.FromMinutes(-70))));

    [DatabaseFact] public Task RO_12_NoJti_IsAccepted() => Accepted(WithoutJti());

    [DatabaseFact]
    public async Task RO_13_NoJtiSameRequestObjectTwice_IsAcceptedOnce()
    {
        var request = Jwt.SignEs256(Agent.Key, Agent.Kid, WithoutJti());
        Assert.Equal(HttpStatusCode.OK, (await Send(request)).StatusCode);
        await Rejected(request);
    }

    [DatabaseFact]
    public async Task RO_13_NoJtiSameRequestObjectSentEightTimesAtOnce_IsAcceptedOnce()
    {
        var request = Jwt.SignEs256(Agent.Key, Agent.Kid, WithoutJti());
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Send(request)));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        }
    }

    [DatabaseFact]
    public async Task RO_13_ReplayedRequestObjectJti_IsRejected()
    {
        var request = Jwt.SignEs256(Agent.Key, Agent.Kid, Claims());
        Assert.Equal(HttpStatusCode.OK, (await Send(request)).StatusCode);
        await Rejected(request);
    }

    [DatabaseFact]
    public async Task RO_13_SameRequestObjectSentEightTimesAtOnce_IsAcceptedOnce()
    {
        var request = Jwt.SignEs256(Agent.Key, Agent.Kid, Claims());
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Send(request)));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        }
    }

    [DatabaseFact]
    public async Task RO_13_SameRequestObjectSentEightTimesAtOnce_WritesOneRequestOneUseAndEightAuditRows()
    {
        // The unit of work of bc-authorize: the use, the request and the audit row commit together or not at all.
        var claims = Claims();
        var message = "Replay check " + Guid.NewGuid().ToString("N")[..8];
        claims["binding_message"] = message;
        var request = Jwt.SignEs256(Agent.Key, Agent.Kid, claims);
        var audited = await CountAsync(db => db.AuditEntries.CountAsync(a => a.Event == "ciba.request" && a.ClientId == Agent.ClientId));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Send(request)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(1, await CountAsync(db => db.BackchannelRequests.CountAsync(r => r.BindingMessage == message)));
        // The key is the use's expiry, then this hash (JwtUse.Key).
        var hash = DatabaseJwtReplayCache.Key(RequestObjectValidator.JtiPurpose, Agent.ClientId, (string)claims["jti"]);
        Assert.Equal(1, await CountAsync(db => db.UsedJwtIds.CountAsync(j => j.Id.EndsWith(hash))));
        Assert.Equal(audited + 8, await CountAsync(db => db.AuditEntries.CountAsync(a => a.Event == "ciba.request" && a.ClientId == Agent.ClientId)));
    }

    private async Task<int> CountAsync(Func<MandateDbContext, Task<int>> count)
    {
        using var scope = _server.Services.CreateScope();
        return await count(scope.ServiceProvider.GetRequiredService<MandateDbContext>());
    }

    [DatabaseFact]
    public async Task RO_13_RequestObjectRefusedForAnUnknownUser_StillUsesItsJti()
    {
        var request = Jwt.SignEs256(Agent.Key, Agent.Kid, OAuthCalls.RequestObjectClaims(Agent, _server.Time.GetUtcNow(), loginHint: "nobody.here"));
        await (await Send(request)).AssertErrorAsync(HttpStatusCode.BadRequest, "unknown_user_id");
        var again = await Send(request);
        await again.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("jti", (await again.ReadJsonAsync()).GetProperty("error_description").GetString());
    }

    [DatabaseFact]
    public async Task RO_13_RefusedRequestObjectSentEightTimesAtOnce_IsRefusedEachTime_NeverA500()
    {
        var request = Jwt.SignEs256(Agent.Key, Agent.Kid, OAuthCalls.RequestObjectClaims(Agent, _server.Time.GetUtcNow(), loginHint: "nobody.here"));
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Send(request)));
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(await response.ErrorAsync(), new[] { "unknown_user_id", "invalid_request" });
        }
    }

    [DatabaseTheory]
    [InlineData("none")]
    [InlineData("noNE")]
    [InlineData("None")]
    public Task RO_14_RO_15_AlgNoneInAnyCase_IsRejected(string alg) => Rejected(Jwt.Unsigned(Claims(), alg));

    [DatabaseFact]
    public async Task RO_16_Hs256WithSecretOrPublicKey_IsRejected()
    {
        await Rejected(Jwt.SignHs256(Encoding.UTF8.GetBytes(Agent.Secret), Claims(), Agent.Kid));
        await Rejected(Jwt.SignHs256(Agent.Key.ExportSubjectPublicKeyInfo(), Claims(), Agent.Kid));
    }

    [DatabaseFact]
    public async Task RO_17_CorruptedSignature_IsRejected()
    {
        var request = Jwt.SignEs256(Agent.Key, Agent.Kid, Claims());
        await Rejected(request[..^6] + (request[^6] == 'A' ? "B" : "A") + request[^5..]);
    }

    [DatabaseFact]
    public async Task RO_18_SignedWithAnotherClientsKey_IsRejected()
    {
        await Rejected(Jwt.SignEs256(_seed.Plain.Key, _seed.Plain.Kid, Claims()));
        await Rejected(Jwt.SignEs256(_seed.Plain.Key, Agent.Kid, Claims()));
    }

    [DatabaseTheory]
    [InlineData("PS256")]
    [InlineData("RS256")]
    [InlineData("ES384")]
    public Task RO_19_AlgOtherThanTheRegisteredEs256_IsRejected(string alg) =>
        Rejected(Jwt.SignEs256(Agent.Key, Agent.Kid, Claims(), alg: alg));

    [DatabaseFact]
    public async Task RO_20_SeveralKeysAndNoKid_IsRejected()
    {
        var claims = OAuthCalls.RequestObjectClaims(_seed.MultiKey, _server.Time.GetUtcNow());
        var response = await _server.BcAuthorizeAsync(_seed.MultiKey, ("request", Jwt.SignEs256(_seed.MultiKey.Key, null, claims)));
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        claims["jti"] = Guid.NewGuid().ToString();
        var withKid = await _server.BcAuthorizeAsync(_seed.MultiKey, ("request", Jwt.SignEs256(_seed.MultiKey.Key, _seed.MultiKey.Kid, claims)));
        Assert.Equal(HttpStatusCode.OK, withKid.StatusCode);
    }

    [DatabaseTheory]
    [InlineData("jku")]
    [InlineData("x5u")]
    [InlineData("jwk")]
    public async Task RO_21_KeyCarryingHeader_IsRejected(string header)
    {
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        object value = header == "jwk" ? new Dictionary<string, string> { ["kty"] = "EC" } : "http://127.0.0.1:9/keys";
        await Rejected(Jwt.SignEs256(attacker, Agent.Kid, Claims(), new Dictionary<string, object> { [header] = value }));
    }

    [DatabaseFact]
    public Task RO_22_ParameterAlsoOutsideTheJwt_IsRejected() =>
        Rejected(Jwt.SignEs256(Agent.Key, Agent.Kid, Claims()), ("scope", "openid payment"));

    [DatabaseFact]
    public Task RO_23_LoginHintSmuggledBesideTheJwt_IsRejected() =>
        Rejected(Jwt.SignEs256(Agent.Key, Agent.Kid, Claims()), ("login_hint", "app.owner"));

    [DatabaseFact]
    public Task RO_24_EncryptedRequestObject_IsRejected() => Rejected("eyJhbGciOiJSU0EtT0FFUCJ9.a2V5.aXY.Y2lwaGVy.dGFn");

    [DatabaseFact]
    public async Task RO_25_NoHintTwoHintsOrNoScopeInside_IsRejected()
    {
        await Rejected(Without("login_hint"));
        await Rejected(With("id_token_hint", "a.b.c"));
        await Rejected(Without("scope"));
    }

    [DatabaseFact]
    public async Task RO_26_RequestedExpiryAsString_IsAccepted()
    {
        var response = await _server.SignedBcAuthorizeAsync(Agent, With("requested_expiry", "300"));
        Assert.Equal(300, (await response.ReadJsonAsync()).GetProperty("expires_in").GetInt32());
    }

    [DatabaseFact]
    public async Task RO_27_ClientRequiringSigningSendsPlainParameters_IsRejected() =>
        await (await _server.BcAuthorizeAsync(Agent, ("scope", "openid"), ("login_hint", "end.user")))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");

    [DatabaseTheory]
    [InlineData("request")]
    [InlineData("request_uri")]
    public Task RO_28_NestedRequestOrRequestUri_IsRejected(string claim) => Rejected(With(claim, "https://evil.example/r"));

    [DatabaseTheory]
    [InlineData("{\"payload\":\"e30\",\"signatures\":[]}")]
    [InlineData("not a jwt")]
    [InlineData("a.b")]
    public Task RO_29_NotACompactJws_IsRejected(string request) => Rejected(request);
}
