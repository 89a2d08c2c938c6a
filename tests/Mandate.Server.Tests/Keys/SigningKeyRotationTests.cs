using Mandate.Server.Keys;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Tests.Keys;

/// <summary>
/// Signing-key rotation seen from outside: the JWKS (RFC 7517) publishes a new key before any token carries its
/// <c>kid</c>, tokens switch to it at its activation, and the replaced key stays published for the retention period,
/// so a verifier that refreshes the key set on schedule never meets an unknown or missing key (issue 8).
/// </summary>
public sealed class SigningKeyRotationTests : IAsyncLifetime
{
    private static readonly TimeSpan PublishAhead = TimeSpan.FromHours(1);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    private readonly TestSeed _seed = new();
    private MandateTestServer _server = null!;

    private ServerKeyRing Keys => _server.Services.GetRequiredService<ServerKeyRing>();

    public async Task InitializeAsync() => _server = await MandateTestServer.StartAsync(_seed, settings: new()
    {
        ["Mandate:SigningKeyRotationDays"] = "1",
        ["Mandate:SigningKeyPublishAheadSeconds"] = ((int)PublishAhead.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mandate:SigningKeyRetentionSeconds"] = ((int)Retention.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RotatedKey_IsPublishedBeforeItSigns_SignsFromItsActivation_AndTheOldKeyIsPublishedUntilRetentionEnds()
    {
        var first = KeyCalls.Kid(await _server.ClientCredentialsTokenAsync(_seed));
        Assert.Equal([first], await _server.PublishedKidsAsync());

        var next = (await Keys.RotateAsync(immediately: false, CancellationToken.None)).KeyId;
        Assert.Equal([first, next], await _server.PublishedKidsAsync());
        Assert.Equal(first, KeyCalls.Kid(await _server.ClientCredentialsTokenAsync(_seed)));

        await AdvanceAsync(PublishAhead);
        Assert.Equal(next, KeyCalls.Kid(await _server.ClientCredentialsTokenAsync(_seed)));
        Assert.Equal([next, first], await _server.PublishedKidsAsync());

        // (By then automatic rotation, one day here, has published the key after next: it follows the signing key.)
        await AdvanceAsync(Retention);
        var published = await _server.PublishedKidsAsync();
        Assert.Equal(next, published[0]);
        Assert.DoesNotContain(first, published);
    }

    [Fact]
    public async Task TokenSignedBeforeAnImmediateRotation_StillVerifiesWithThePublishedKeySet()
    {
        var token = await _server.ClientCredentialsTokenAsync(_seed);
        var rotated = await Keys.RotateAsync(immediately: true, CancellationToken.None);
        Assert.Equal(rotated.KeyId, KeyCalls.Kid(await _server.ClientCredentialsTokenAsync(_seed)));
        Assert.NotEqual(rotated.KeyId, KeyCalls.Kid(token));

        var keySet = new JsonWebKeySet(await (await _server.Client.GetAsync(MandateTestServer.Issuer + "/connect/jwk_uri")).Content.ReadAsStringAsync());
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = MandateTestServer.Issuer,
            ValidateAudience = false,
            IssuerSigningKeys = keySet.GetSigningKeys(),
            LifetimeValidator = (_, _, _, _) => true,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
    }

    [Fact]
    public async Task IdTokenHintSignedByTheReplacedKey_IsAccepted()
    {
        var response = await _server.BcAuthorizeAsync(_seed.Plain, ("scope", "openid"), ("login_hint", "end.user"));
        var id = (await response.ReadJsonAsync()).GetProperty("auth_req_id").GetString()!;
        await _server.ApproveAsync(_seed, id);
        var idToken = (await (await _server.PollAsync(_seed.Plain, id)).ReadJsonAsync()).GetProperty("id_token").GetString()!;

        await Keys.RotateAsync(immediately: true, CancellationToken.None);

        var hinted = await _server.BcAuthorizeAsync(_seed.Plain, ("scope", "openid"), ("id_token_hint", idToken));
        Assert.True(hinted.StatusCode == HttpStatusCode.OK, (await hinted.ReadJsonAsync()).ToString());
    }

    [Fact]
    public async Task AutomaticRotation_PublishesTheNextKeyAheadOfThePeriodsEnd_ThenSignsWithIt()
    {
        var first = KeyCalls.Kid(await _server.ClientCredentialsTokenAsync(_seed));

        await AdvanceAsync(TimeSpan.FromDays(1) - PublishAhead);
        var published = await _server.PublishedKidsAsync();
        Assert.Equal(2, published.Length);
        Assert.Equal(first, published[0]);
        Assert.Equal(first, KeyCalls.Kid(await _server.ClientCredentialsTokenAsync(_seed)));

        await AdvanceAsync(PublishAhead);
        Assert.Equal(published[1], KeyCalls.Kid(await _server.ClientCredentialsTokenAsync(_seed)));
    }

    [Fact]
    public async Task RevokedKey_LeavesTheKeySet_AndTheSigningKeyCannotBeRevoked()
    {
        var first = KeyCalls.Kid(await _server.ClientCredentialsTokenAsync(_seed));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Keys.RevokeAsync(first, CancellationToken.None));

        var second = (await Keys.RotateAsync(immediately: true, CancellationToken.None)).KeyId;
        Assert.True(await Keys.RevokeAsync(first, CancellationToken.None));
        Assert.Equal([second], await _server.PublishedKidsAsync());
        Assert.False(await Keys.RevokeAsync("no-such-kid", CancellationToken.None));
    }

    /// <summary>Moves the clock and runs the refresh every instance runs each minute.</summary>
    private async Task AdvanceAsync(TimeSpan by)
    {
        _server.Time.Advance(by);
        await Keys.RefreshAsync(CancellationToken.None);
    }
}
