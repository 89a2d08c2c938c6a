using System.Net;
using System.Net.Http.Headers;
using Mandate.Client.Tests.TestSupport;
using Mandate.Client.Tokens;
using static Mandate.Client.Tests.TestSupport.FakeOAuthServer;

namespace Mandate.Client.Tests.Http;

public sealed class TransientRetryTests
{
    private const string TokenPath = ClientHarness.TokenPath;
    private const string BackchannelPath = ClientHarness.BackchannelPath;

    private static HttpResponseMessage Status(HttpStatusCode status, TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage(status);
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(delay);
        }

        return response;
    }

    private static HttpResponseMessage NetworkError(RecordedRequest _) => throw new HttpRequestException("connection refused");

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task TokenRequest_WithRetryAfter_IsRetriedAfterExactlyThatDelay(HttpStatusCode status)
    {
        await using var harness = new ClientHarness();
        harness.Server.On(TokenPath, _ => Status(status, TimeSpan.FromSeconds(7)), _ => Token("at-1"));

        var token = await harness.Time.DriveAsync(harness.ClientCredentials.GetTokenAsync("prices").AsTask());

        Assert.Equal("at-1", token.AccessToken);
        Assert.Equal([TimeSpan.FromSeconds(7)], harness.Time.TimerDueTimes);
        Assert.Equal(TestTimeProvider.Epoch.AddSeconds(7), harness.Server.Requests[1].At);
    }

    [Fact]
    public async Task TokenRequest_NetworkErrorsAnd5xx_AreRetriedWithDoublingBackoff()
    {
        await using var harness = new ClientHarness(o => o.RetryBaseDelay = TimeSpan.FromSeconds(1));
        harness.Server.On(TokenPath, NetworkError, _ => Status(HttpStatusCode.BadGateway), NetworkError, _ => Token("at-1"));

        var token = await harness.Time.DriveAsync(harness.ClientCredentials.GetTokenAsync("prices").AsTask());

        Assert.Equal("at-1", token.AccessToken);
        Assert.Equal([1.0, 2.0, 4.0], harness.Time.TimerDueTimes.Select(t => t.TotalSeconds));
    }

    [Fact]
    public async Task TokenRequest_RetryAfterLongerThanTheCap_WaitsOnlyTheCap()
    {
        await using var harness = new ClientHarness(o => o.MaxRetryDelay = TimeSpan.FromSeconds(30));
        harness.Server.On(TokenPath, _ => Status(HttpStatusCode.ServiceUnavailable, TimeSpan.FromHours(1)), _ => Token("at-1"));

        await harness.Time.DriveAsync(harness.ClientCredentials.GetTokenAsync("prices").AsTask());

        Assert.Equal([TimeSpan.FromSeconds(30)], harness.Time.TimerDueTimes);
    }

    [Fact]
    public async Task TokenRequest_StillFailingAfterMaxRetries_GivesUpWithTheStatus()
    {
        await using var harness = new ClientHarness(o => o.MaxRetries = 2);
        harness.Server.On(TokenPath, _ => Status(HttpStatusCode.InternalServerError));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            harness.Time.DriveAsync(harness.ClientCredentials.GetTokenAsync("prices").AsTask()));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(3, harness.Server.Requests.Count);
    }

    [Fact]
    public async Task TokenRequest_OAuthError400_IsNotRetried()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(TokenPath, _ => Error("invalid_scope"));

        await Assert.ThrowsAsync<OAuthException>(() => harness.ClientCredentials.GetTokenAsync("prices").AsTask());

        Assert.Single(harness.Server.Requests);
    }

    [Fact]
    public async Task TokenRequest_AttemptTimingOut_IsRetried()
    {
        await using var harness = new ClientHarness(o => o.HttpTimeout = TimeSpan.FromSeconds(10));
        var never = new TaskCompletionSource<HttpResponseMessage>();
        harness.Server.OnAsync(TokenPath, _ => never.Task);
        harness.Server.On(TokenPath, _ => Token("at-1"));

        var token = await harness.Time.DriveAsync(harness.ClientCredentials.GetTokenAsync("prices").AsTask());

        Assert.Equal("at-1", token.AccessToken);
        Assert.Equal(2, harness.Server.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(10), harness.Time.TimerDueTimes[0]);
    }

    [Fact]
    public async Task TokenRequest_EveryAttemptTimingOut_EndsWithTimeoutException()
    {
        await using var harness = new ClientHarness(o =>
        {
            o.HttpTimeout = TimeSpan.FromSeconds(10);
            o.MaxRetries = 1;
        });
        var never = new TaskCompletionSource<HttpResponseMessage>();
        harness.Server.OnAsync(TokenPath, _ => never.Task);

        await Assert.ThrowsAsync<TimeoutException>(() => harness.Time.DriveAsync(harness.ClientCredentials.GetTokenAsync("prices").AsTask()));

        Assert.Equal(2, harness.Server.Requests.Count);
    }

    [Fact]
    public async Task PrivateKeyJwt_Retry_SignsAFreshAssertion()
    {
        await using var harness = new ClientHarness(o => o.TokenEndpointAuthMethod = "private_key_jwt");
        harness.Server.On(TokenPath, _ => Status(HttpStatusCode.ServiceUnavailable), _ => Token("at-1"));

        await harness.Time.DriveAsync(harness.ClientCredentials.GetTokenAsync("prices").AsTask());

        var assertions = harness.Server.Requests.Select(r => r.Form["client_assertion"]).ToArray();
        Assert.NotEqual(assertions[0], assertions[1]);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task BackchannelRequest_Transient5xx_IsNeverResent(HttpStatusCode status)
    {
        await using var harness = new ClientHarness();
        harness.Server.On(BackchannelPath, _ => Status(status, TimeSpan.FromSeconds(1)));

        await Assert.ThrowsAsync<HttpRequestException>(() => harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));

        Assert.Single(harness.Server.Requests);
        Assert.Empty(harness.Time.TimerDueTimes);
    }

    [Fact]
    public async Task BackchannelRequest_NetworkError_IsNeverResent()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(BackchannelPath, NetworkError);

        await Assert.ThrowsAsync<HttpRequestException>(() => harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));

        Assert.Single(harness.Server.Requests);
    }

    [Fact]
    public async Task BackchannelRequest_TimingOut_IsNeverResent()
    {
        await using var harness = new ClientHarness(o => o.HttpTimeout = TimeSpan.FromSeconds(10));
        var never = new TaskCompletionSource<HttpResponseMessage>();
        harness.Server.OnAsync(BackchannelPath, _ => never.Task);

        await Assert.ThrowsAsync<TimeoutException>(() => harness.Time.DriveAsync(harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest())));

        Assert.Single(harness.Server.Requests);
    }
}
