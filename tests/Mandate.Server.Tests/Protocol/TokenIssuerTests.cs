using System.Security.Cryptography;
using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Mandate.Server.Passkeys;
using Mandate.Server.Protocol;
using Mandate.Server.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Tests.Protocol;

/// <summary>The issued tokens (RFC 9068 §2, OIDC Core §2 and §3.3.2.11) driven directly, and read back through JwtValidation.</summary>
public sealed class TokenIssuerTests : IDisposable
{
    private const string Issuer = "https://as.example/realm";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private ECDsaSecurityKey Key => new(_key) { KeyId = "server-1" };

    private JwtValidation Validation => new(new MandateServerOptions { Issuer = new Uri(Issuer) }, _time, () => [Key]);

    private TokenIssuer Issuer_ => new(() => Key, Validation);

    public void Dispose() => _key.Dispose();

    [Fact]
    public async Task ClientCredentials_IsAnRfc9068AccessTokenWithExactlyItsClaims()
    {
        var tokens = Issuer_.ForClient("agent", new ScopeGrant(["prices"], "shoestore-api", TimeSpan.FromHours(1)));

        Assert.Null(tokens.IdToken);
        Assert.Equal(TimeSpan.FromHours(1), tokens.ExpiresIn);
        var header = Jwt.Header(tokens.AccessToken);
        Assert.Equal(("ES256", "server-1", "at+jwt"), (header.GetProperty("alg").GetString(), header.GetProperty("kid").GetString(), header.GetProperty("typ").GetString()));
        var claims = Jwt.Payload(tokens.AccessToken);
        Assert.Equal(["aud", "client_id", "exp", "iat", "iss", "jti", "scope", "sub"], claims.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("agent", claims.GetProperty("sub").GetString());
        Assert.Equal("shoestore-api", claims.GetProperty("aud").GetString());
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
        Assert.Equal(3600, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.True((await JwtValidation.ValidateAsync(tokens.AccessToken, Validation.ForAccessToken())).IsValid);
    }

    [Fact]
    public async Task Ciba_WithOpenId_IsAUserAccessTokenAndAnIdTokenBoundToIt()
    {
        var request = new BackchannelRequestRecord
        {
            ClientId = "agent", Subject = "user-1", AcrValues = "push", ApprovalMethod = ApprovalMethod.Passkey,
            AuthorizationDetailsJson = """[{"type":"shoe_purchase","quantity":1}]""",
        };
        var tokens = Issuer_.ForUser(request, new ScopeGrant(["openid", "payment"], "shoestore-api", TimeSpan.FromMinutes(5)));

        var access = Jwt.Payload(tokens.AccessToken);
        Assert.Equal("user-1", access.GetProperty("sub").GetString());
        Assert.Equal("agent", access.GetProperty("act").GetProperty("sub").GetString());
        Assert.Equal(JsonValueKind.Array, access.GetProperty("authorization_details").ValueKind);
        // acr and amr say what the person did (a passkey assertion), not what the client asked for ("push").
        Assert.Equal("urn:mandate:acr:passkey", access.GetProperty("acr").GetString());
        Assert.Equal(["pop", "user"], access.GetProperty("amr").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("openid payment", tokens.Scope);

        var idToken = tokens.IdToken!;
        Assert.Equal("JWT", Jwt.Header(idToken).GetProperty("typ").GetString());
        var id = Jwt.Payload(idToken);
        Assert.Equal(("user-1", "agent", "agent", "urn:mandate:acr:passkey"), (id.GetProperty("sub").GetString(), id.GetProperty("aud").GetString(), id.GetProperty("azp").GetString(), id.GetProperty("acr").GetString()));
        Assert.Equal(["pop", "user"], id.GetProperty("amr").EnumerateArray().Select(a => a.GetString()));
        var hash = SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(tokens.AccessToken));
        Assert.Equal(Base64UrlEncoder.Encode(hash[..16]), id.GetProperty("at_hash").GetString());
        Assert.True((await JwtValidation.ValidateAsync(idToken, Validation.ForIdTokenHint("agent"))).IsValid);
        Assert.False((await JwtValidation.ValidateAsync(idToken, Validation.ForAccessToken())).IsValid);
    }

    [Theory]
    [InlineData(ApprovalMethod.Password, "urn:mandate:acr:password", "pwd")]
    [InlineData(ApprovalMethod.PasskeySession, "urn:mandate:acr:passkey-session", "pop user")]
    [InlineData(ApprovalMethod.Passkey, "urn:mandate:acr:passkey", "pop user")]
    public void Ciba_AcrAndAmr_FollowHowThePersonApproved(string method, string acr, string amr)
    {
        var request = new BackchannelRequestRecord { ClientId = "agent", Subject = "user-1", AcrValues = "push", ApprovalMethod = method };
        var tokens = Issuer_.ForUser(request, new ScopeGrant(["openid", "payment"], "shoestore-api", TimeSpan.FromMinutes(5)));
        foreach (var claims in new[] { Jwt.Payload(tokens.AccessToken), Jwt.Payload(tokens.IdToken!) })
        {
            Assert.Equal(acr, claims.GetProperty("acr").GetString());
            Assert.Equal(amr.Split(' '), claims.GetProperty("amr").EnumerateArray().Select(a => a.GetString()));
        }
    }

    [Fact]
    public void Ciba_ApprovedBeforeMethodsWereKept_HasNeitherAcrNorAmr_WhateverWasRequested()
    {
        var claims = Jwt.Payload(Issuer_.ForUser(new BackchannelRequestRecord { ClientId = "agent", Subject = "user-1", AcrValues = "push" }, new ScopeGrant(["payment"], "shoestore-api", TimeSpan.FromMinutes(5))).AccessToken);
        Assert.False(claims.TryGetProperty("acr", out _));
        Assert.False(claims.TryGetProperty("amr", out _));
    }

    [Fact]
    public void Ciba_WithoutOpenId_HasNoIdToken() =>
        Assert.Null(Issuer_.ForUser(new BackchannelRequestRecord { ClientId = "agent", Subject = "user-1" }, new ScopeGrant(["payment"], "shoestore-api", TimeSpan.FromMinutes(5))).IdToken);
}
