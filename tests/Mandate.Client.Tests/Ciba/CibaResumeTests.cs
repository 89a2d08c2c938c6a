using System.Text;
using Mandate.Client.Ciba;
using Mandate.Client.Ciba.Ping;
using Mandate.Client.Tests.TestSupport;
using Mandate.Client.Tokens;
using static Mandate.Client.Tests.TestSupport.FakeOAuthServer;

namespace Mandate.Client.Tests.Ciba;

/// <summary>CIBA in two steps: send and keep the acknowledgement (CIBA Core §7.3), wait later — possibly in another process.</summary>
public sealed class CibaResumeTests
{
    private const string TokenPath = ClientHarness.TokenPath;
    private const string BackchannelPath = ClientHarness.BackchannelPath;

    [Fact]
    public async Task SendAsync_ReturnsTheAcknowledgementWithItsDeadline_AndDoesNotPoll()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(BackchannelPath, _ => Backchannel("req-1", expiresIn: 60, interval: 3));

        var pending = await TestTimeProvider.WithoutAdvancingAsync(harness.Ciba.SendAsync(ClientHarness.PaymentRequest()));

        Assert.Equal("req-1", pending.AuthReqId);
        Assert.Equal(TestTimeProvider.Epoch.AddSeconds(60), pending.Deadline);
        Assert.Equal(TimeSpan.FromSeconds(3), pending.Interval);
        Assert.Null(pending.ClientNotificationToken);
        Assert.Empty(harness.Server.RequestsTo(TokenPath));
        Assert.DoesNotContain("req-1", pending.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForTokenAsync_InAnotherClient_PollsTheKeptAuthReqIdFromOneIntervalOn()
    {
        CibaPendingRequest pending;
        await using (var first = new ClientHarness())
        {
            first.Server.On(BackchannelPath, _ => Backchannel("req-kept", expiresIn: 120, interval: 4));
            pending = await TestTimeProvider.WithoutAdvancingAsync(first.Ciba.SendAsync(ClientHarness.PaymentRequest()));
        }

        await using var second = new ClientHarness();
        second.Server.On(TokenPath, _ => Error(OAuthErrorCodes.AuthorizationPending), _ => Token("at-1"));

        var token = await second.Time.DriveAsync(second.Ciba.WaitForTokenAsync(pending));

        Assert.Equal("at-1", token.AccessToken);
        Assert.Empty(second.Server.RequestsTo(BackchannelPath));
        Assert.Equal([4.0, 8.0], CibaPollingTests.PollOffsets(second));
        Assert.All(second.Server.RequestsTo(TokenPath), poll => Assert.Equal("req-kept", poll.Form["auth_req_id"]));
    }

    [Theory]
    [InlineData(OAuthErrorCodes.AccessDenied)]
    [InlineData(OAuthErrorCodes.ExpiredToken)]
    [InlineData(OAuthErrorCodes.InvalidGrant)]
    public async Task WaitForTokenAsync_EndsWithTheServersError(string error)
    {
        await using var harness = new ClientHarness();
        harness.Server.On(TokenPath, _ => Error(error));

        var wait = harness.Time.DriveAsync(harness.Ciba.WaitForTokenAsync(
            new CibaPendingRequest("req-1", TestTimeProvider.Epoch.AddSeconds(60), TimeSpan.FromSeconds(2))));

        Assert.Equal(error, (await Assert.ThrowsAsync<OAuthException>(() => wait)).Error);
    }

    [Fact]
    public async Task WaitForTokenAsync_PastTheDeadline_IsExpiredWithoutAPoll()
    {
        await using var harness = new ClientHarness();

        var wait = harness.Time.DriveAsync(harness.Ciba.WaitForTokenAsync(
            new CibaPendingRequest("req-1", TestTimeProvider.Epoch.AddSeconds(-1), TimeSpan.FromSeconds(2))));

        Assert.Equal(OAuthErrorCodes.ExpiredToken, (await Assert.ThrowsAsync<OAuthException>(() => wait)).Error);
        Assert.Empty(harness.Server.RequestsTo(TokenPath));
    }

    [Fact]
    public async Task Ping_SendAsyncKeepsTheNotificationToken_AndAPingWithItWakesALaterWait()
    {
        await using var harness = new ClientHarness(o => o.BackchannelTokenDeliveryMode = "ping");
        harness.Server.On(BackchannelPath, _ => Backchannel("req-1", expiresIn: 120, interval: 30));
        harness.Server.On(TokenPath, _ => Token("at-1"));
        var pending = await TestTimeProvider.WithoutAdvancingAsync(harness.Ciba.SendAsync(ClientHarness.PaymentRequest()));
        Assert.Equal(harness.RequestObject().GetPayloadValue<string>("client_notification_token"), pending.ClientNotificationToken);

        var wait = harness.Ciba.WaitForTokenAsync(pending);
        await harness.Time.WaitForTimerAsync(); // waiting for the 30 s fallback poll
        var answer = harness.Receiver.Receive("Bearer " + pending.ClientNotificationToken, Encoding.UTF8.GetBytes("""{"auth_req_id":"req-1"}"""));
        var token = await TestTimeProvider.WithoutAdvancingAsync(wait);

        Assert.Equal(CibaNotificationResult.Accepted, answer);
        Assert.Equal("at-1", token.AccessToken);
        Assert.Equal(TestTimeProvider.Epoch, Assert.Single(harness.Server.RequestsTo(TokenPath)).At);
    }
}
