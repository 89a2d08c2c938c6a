using System.Net;
using Mandate.Client.Tests.TestSupport;
using Mandate.Client.Tokens;
using static Mandate.Client.Tests.TestSupport.FakeOAuthServer;

namespace Mandate.Client.Tests.ClientCredentials;

public sealed class ClientCredentialsClientTests
{
    private const string TokenPath = ClientHarness.TokenPath;

    [Fact]
    public async Task GetToken_PostsClientCredentialsGrantWithTheScope()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(TokenPath, _ => Token("at-1", 3600, "prices"));

        var token = await harness.ClientCredentials.GetTokenAsync("prices");

        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("client_credentials", request.Form["grant_type"]);
        Assert.Equal("prices", request.Form["scope"]);
        Assert.False(request.Form.ContainsKey("resource"));
        Assert.Equal("at-1", token.AccessToken);
        Assert.Equal(TestTimeProvider.Epoch.AddHours(1), token.ExpiresAt);
    }

    [Fact]
    public async Task GetToken_SecondCallWhileValid_MakesNoHttpRequestAndCompletesSynchronously()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(TokenPath, _ => Token("at-1"));
        var client = harness.ClientCredentials;
        var first = await client.GetTokenAsync("prices");

        var second = client.GetTokenAsync("prices");

        Assert.True(second.IsCompletedSuccessfully);
        Assert.Same(first, await second);
        Assert.Single(harness.Server.Requests);
    }

    [Fact]
    public async Task GetToken_SameScopesInAnotherOrderWithDuplicates_ShareOneCacheEntry()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(TokenPath, _ => Token("at-1"));

        await harness.ClientCredentials.GetTokenAsync("prices address");
        await harness.ClientCredentials.GetTokenAsync(" address  prices prices ");
        await harness.ClientCredentials.GetTokenAsync(["prices", "address"]);

        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal("address prices", request.Form["scope"]);
    }

    [Fact]
    public async Task GetToken_DifferentScopeOrResource_RequestsSeparateTokens()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(TokenPath, _ => Token("at-1"), _ => Token("at-2"), _ => Token("at-3"));

        var prices = await harness.ClientCredentials.GetTokenAsync("prices");
        var address = await harness.ClientCredentials.GetTokenAsync("address");
        var resource = await harness.ClientCredentials.GetTokenAsync("prices", "urn:shoestore-api");

        Assert.Equal(["at-1", "at-2", "at-3"], new[] { prices.AccessToken, address.AccessToken, resource.AccessToken });
        Assert.Equal("urn:shoestore-api", harness.Server.Requests[2].Form["resource"]);
    }

    [Fact]
    public async Task GetToken_ServedUntilExpiresInMinusSkew_ThenRequestedAgain()
    {
        await using var harness = new ClientHarness(o => o.TokenExpirySkew = TimeSpan.FromSeconds(60));
        harness.Server.On(TokenPath, _ => Token("at-1", 3600), _ => Token("at-2", 3600));
        await harness.ClientCredentials.GetTokenAsync("prices");

        harness.Time.Advance(TimeSpan.FromSeconds(3600 - 60 - 1));
        var stillCached = await harness.ClientCredentials.GetTokenAsync("prices");
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var renewed = await harness.ClientCredentials.GetTokenAsync("prices");

        Assert.Equal("at-1", stillCached.AccessToken);
        Assert.Equal("at-2", renewed.AccessToken);
        Assert.Equal(2, harness.Server.Requests.Count);
    }

    [Fact]
    public async Task GetToken_WithoutExpiresIn_IsNotCached()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(TokenPath, _ => Token("at-1", expiresIn: null), _ => Token("at-2", expiresIn: null));

        await harness.ClientCredentials.GetTokenAsync("prices");
        var second = await harness.ClientCredentials.GetTokenAsync("prices");

        Assert.Equal("at-2", second.AccessToken);
    }

    [Fact]
    public async Task GetToken_ConcurrentCallersForOneKey_ShareOneHttpRequest()
    {
        await using var harness = new ClientHarness();
        var release = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Server.OnAsync(TokenPath, _ => release.Task);
        var client = harness.ClientCredentials;

        var callers = Enumerable.Range(0, 8).Select(_ => client.GetTokenAsync("prices").AsTask()).ToArray();
        release.SetResult(Token("at-shared"));
        var tokens = await Task.WhenAll(callers);

        Assert.Single(harness.Server.Requests);
        Assert.All(tokens, t => Assert.Same(tokens[0], t));
    }

    [Fact]
    public async Task GetToken_Failure_IsNotCached_NextCallAsksAgain()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(TokenPath, _ => Error("invalid_scope", "unknown scope"), _ => Token("at-1"));

        await Assert.ThrowsAsync<OAuthException>(() => harness.ClientCredentials.GetTokenAsync("prices").AsTask());
        var token = await harness.ClientCredentials.GetTokenAsync("prices");

        Assert.Equal("at-1", token.AccessToken);
        Assert.Equal(2, harness.Server.Requests.Count);
    }

    [Fact]
    public async Task GetToken_OAuthError_ThrowsOAuthExceptionCarryingErrorAndDescription()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(TokenPath, _ => Error("invalid_client", "client authentication failed", HttpStatusCode.Unauthorized));

        var error = await Assert.ThrowsAsync<OAuthException>(() => harness.ClientCredentials.GetTokenAsync("prices").AsTask());

        Assert.Equal("invalid_client", error.Error);
        Assert.Equal("client authentication failed", error.ErrorDescription);
        Assert.Equal(401, error.StatusCode);
    }

    [Fact]
    public async Task GetToken_OneCallerCancels_TheSharedRequestStillServesTheOther()
    {
        await using var harness = new ClientHarness();
        var release = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Server.OnAsync(TokenPath, _ => release.Task);
        using var cancel = new CancellationTokenSource();
        var leaving = harness.ClientCredentials.GetTokenAsync("prices", cancellationToken: cancel.Token).AsTask();
        var staying = harness.ClientCredentials.GetTokenAsync("prices").AsTask();

        await cancel.CancelAsync();
        release.SetResult(Token("at-1"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        Assert.Equal("at-1", (await staying).AccessToken);
        Assert.Single(harness.Server.Requests);
    }

    [Fact]
    public async Task GetToken_SuccessWithoutAccessToken_ThrowsProtocolError()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(TokenPath, _ => Json(HttpStatusCode.OK, new { token_type = "Bearer", expires_in = 60 }));

        await Assert.ThrowsAsync<OAuthProtocolException>(() => harness.ClientCredentials.GetTokenAsync("prices").AsTask());
    }

    [Theory]
    [InlineData("pri\"ces")]
    [InlineData("pri\\ces")]
    [InlineData("pricé")]
    public async Task GetToken_ScopeWithCharacterOutsideRfc6749_IsRejectedBeforeAnyRequest(string scope)
    {
        await using var harness = new ClientHarness();

        Assert.Throws<ArgumentException>(() => harness.ClientCredentials.GetTokenAsync(scope));
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task GetToken_RelativeResource_IsRejected()
    {
        await using var harness = new ClientHarness();

        Assert.Throws<ArgumentException>(() => harness.ClientCredentials.GetTokenAsync("prices", "shoestore-api"));
    }
}
