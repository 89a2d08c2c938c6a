using System.Net;
using Mandate.Client.Ciba;
using Mandate.Client.Tests.TestSupport;
using Mandate.Client.Tokens;
using static Mandate.Client.Tests.TestSupport.FakeOAuthServer;

namespace Mandate.Client.Tests.Ciba;

public sealed class CibaPollingTests
{
    private const string TokenPath = ClientHarness.TokenPath;
    private const string BackchannelPath = ClientHarness.BackchannelPath;

    internal static double[] PollOffsets(ClientHarness harness) =>
        harness.Server.RequestsTo(TokenPath).Select(r => (r.At - TestTimeProvider.Epoch).TotalSeconds).ToArray();

    private static HttpResponseMessage Pending(RecordedRequest _) => Error(OAuthErrorCodes.AuthorizationPending);

    [Fact]
    public async Task Poll_WaitsTheGivenIntervalBeforeEachPoll()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(BackchannelPath, _ => Backchannel("req-1", expiresIn: 60, interval: 3));
        harness.Server.On(TokenPath, Pending, Pending, _ => Token("at-1"));

        await harness.Time.DriveAsync(harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));

        Assert.Equal([3.0, 6.0, 9.0], PollOffsets(harness));
    }

    [Fact]
    public async Task Poll_SendsCibaGrantWithTheAuthReqIdAndClientAuthentication()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(BackchannelPath, _ => Backchannel("req-1", interval: 1));
        harness.Server.On(TokenPath, _ => Token("at-1"));

        await harness.Time.DriveAsync(harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));

        var poll = Assert.Single(harness.Server.RequestsTo(TokenPath));
        Assert.Equal("urn:openid:params:grant-type:ciba", poll.Form["grant_type"]);
        Assert.Equal("req-1", poll.Form["auth_req_id"]);
        Assert.Equal("Basic", poll.Authorization?.Scheme);
    }

    [Fact]
    public async Task PG_15_SlowDown_AddsFiveSecondsToEveryLaterInterval()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(BackchannelPath, _ => Backchannel("req-1", expiresIn: 300, interval: 5));
        harness.Server.On(TokenPath, Pending, _ => Error(OAuthErrorCodes.SlowDown), Pending, _ => Error(OAuthErrorCodes.SlowDown), Pending,
            _ => Token("at-1"));

        await harness.Time.DriveAsync(harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));

        // 5 s, 5 s, then 10 s (slow_down), 10 s, then 15 s (second slow_down), 15 s.
        Assert.Equal([5.0, 10.0, 20.0, 30.0, 45.0, 60.0], PollOffsets(harness));
    }

    [Fact]
    public async Task Poll_AuthorizationPending_KeepsWaitingAndReportsPendingThenApproved()
    {
        await using var harness = new ClientHarness();
        var progress = new RecordingProgress();
        harness.Server.On(BackchannelPath, _ => Backchannel("req-1", expiresIn: 60, interval: 2));
        harness.Server.On(TokenPath, Pending, Pending, _ => Token("at-1"));

        var token = await harness.Time.DriveAsync(harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest(), progress));

        Assert.Equal("at-1", token.AccessToken);
        Assert.Equal([CibaProgressKind.Requested, CibaProgressKind.Pending, CibaProgressKind.Pending, CibaProgressKind.Approved], progress.Kinds);
    }

    [Fact]
    public async Task Progress_Requested_CarriesAuthReqIdDeadlineAndNextPoll_ForACountdown()
    {
        await using var harness = new ClientHarness();
        var progress = new RecordingProgress();
        harness.Server.On(BackchannelPath, _ => Backchannel("req-1", expiresIn: 90, interval: 4));
        harness.Server.On(TokenPath, _ => Token("at-1"));

        await harness.Time.DriveAsync(harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest(), progress));

        var requested = progress.Steps[0];
        Assert.Equal(CibaProgressKind.Requested, requested.Kind);
        Assert.Equal("req-1", requested.AuthReqId);
        Assert.Equal(TestTimeProvider.Epoch.AddSeconds(90), requested.Deadline);
        Assert.Equal(TestTimeProvider.Epoch.AddSeconds(4), requested.NextPollAt);
        Assert.Equal(TimeSpan.FromSeconds(86), requested.Remaining(TestTimeProvider.Epoch.AddSeconds(4)));
    }

    [Fact]
    public async Task Poll_PendingUntilTheDeadline_PollsUpToItThenEndsWithExpiredToken()
    {
        await using var harness = new ClientHarness();
        var progress = new RecordingProgress();
        harness.Server.On(BackchannelPath, _ => Backchannel("req-1", expiresIn: 12, interval: 5));
        harness.Server.On(TokenPath, Pending);

        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            harness.Time.DriveAsync(harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest(), progress)));

        Assert.Equal(OAuthErrorCodes.ExpiredToken, error.Error);
        Assert.Null(error.StatusCode);
        Assert.Equal([5.0, 10.0], PollOffsets(harness));
        Assert.Equal(TestTimeProvider.Epoch.AddSeconds(12), harness.Time.GetUtcNow());
        Assert.Equal(CibaProgressKind.Expired, progress.Kinds[^1]);
    }

    [Theory]
    [InlineData(OAuthErrorCodes.AccessDenied, CibaProgressKind.Denied)]
    [InlineData(OAuthErrorCodes.ExpiredToken, CibaProgressKind.Expired)]
    public async Task Poll_FinalError_EndsWithTypedExceptionAndReportsIt(string code, CibaProgressKind kind)
    {
        await using var harness = new ClientHarness();
        var progress = new RecordingProgress();
        harness.Server.On(BackchannelPath, _ => Backchannel("req-1", interval: 1));
        harness.Server.On(TokenPath, _ => Error(code, "the user said no"));

        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            harness.Time.DriveAsync(harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest(), progress)));

        Assert.Equal(code, error.Error);
        Assert.Equal("the user said no", error.ErrorDescription);
        Assert.Equal(kind, progress.Kinds[^1]);
    }

    [Theory]
    [InlineData(OAuthErrorCodes.InvalidRequest)]
    [InlineData(OAuthErrorCodes.ExpiredToken)]
    [InlineData(OAuthErrorCodes.AccessDenied)]
    [InlineData(OAuthErrorCodes.InvalidGrant)]
    public async Task PG_16_FinalPollError_StopsPollingThatAuthReqId(string code)
    {
        await using var harness = new ClientHarness();
        harness.Server.On(BackchannelPath, _ => Backchannel("req-1", expiresIn: 120, interval: 1));
        harness.Server.On(TokenPath, Pending, _ => Error(code));

        var run = harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest());
        var error = await Assert.ThrowsAsync<OAuthException>(() => harness.Time.DriveAsync(run));
        harness.Time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(code, error.Error);
        Assert.Equal(2, harness.Server.RequestsTo(TokenPath).Count);
    }

    [Fact]
    public async Task Poll_Cancelled_StopsWaitingAndPollsNoMore()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(BackchannelPath, _ => Backchannel("req-1", expiresIn: 120, interval: 5));
        harness.Server.On(TokenPath, Pending);
        using var cancel = new CancellationTokenSource();
        var run = harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest(), cancellationToken: cancel.Token);
        await harness.Time.AdvanceToNextTimerAsync(); // first poll at 5 s
        await harness.Time.WaitForTimerAsync();       // waiting for the second

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        harness.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Single(harness.Server.RequestsTo(TokenPath));
    }

    [Fact]
    public async Task PG_17_BackchannelResponseWithoutAuthReqId_IsAnErrorAndNothingIsPolled()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(BackchannelPath, _ => Json(HttpStatusCode.OK, new { expires_in = 120, interval = 5 }));

        var error = await Assert.ThrowsAsync<OAuthProtocolException>(() => harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));

        Assert.Contains("auth_req_id", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Server.RequestsTo(TokenPath));
    }

    [Fact]
    public async Task PG_17_BackchannelResponseWithoutExpiresIn_IsAnErrorAndNothingIsPolled()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(BackchannelPath, _ => Json(HttpStatusCode.OK, new { auth_req_id = "req-1", interval = 5 }));

        var error = await Assert.ThrowsAsync<OAuthProtocolException>(() => harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));

        Assert.Contains("expires_in", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Server.RequestsTo(TokenPath));
    }

    [Fact]
    public async Task Backchannel_ErrorAnswer_ThrowsOAuthExceptionWithoutPolling()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(BackchannelPath, _ => Error("unknown_user_id", "no such user"));

        var error = await Assert.ThrowsAsync<OAuthException>(() => harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));

        Assert.Equal("unknown_user_id", error.Error);
        Assert.Equal("no such user", error.ErrorDescription);
        Assert.Empty(harness.Server.RequestsTo(TokenPath));
    }

    [Fact]
    public async Task Poll_Transient503WithRetryAfter_IsRetriedAfterThatDelay()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(BackchannelPath, _ => Backchannel("req-1", interval: 5));
        harness.Server.On(TokenPath, _ =>
        {
            var busy = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return busy;
        }, _ => Token("at-1"));

        var token = await harness.Time.DriveAsync(harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));

        Assert.Equal("at-1", token.AccessToken);
        Assert.Equal([5.0, 12.0], PollOffsets(harness));
    }
}
