using System.Text;
using Mandate.Client.Ciba.Ping;
using Mandate.Client.Tests.TestSupport;
using Mandate.Client.Tokens;
using static Mandate.Client.Tests.TestSupport.FakeOAuthServer;

namespace Mandate.Client.Tests.Ciba.Ping;

public sealed class CibaPingModeTests
{
    private const string TokenPath = ClientHarness.TokenPath;
    private const string BackchannelPath = ClientHarness.BackchannelPath;

    private static ClientHarness PingHarness()
    {
        var harness = new ClientHarness(o => o.BackchannelTokenDeliveryMode = "ping");
        harness.Server.On(BackchannelPath, _ => Backchannel("req-1", expiresIn: 120, interval: 5));
        return harness;
    }

    private static string NotificationToken(ClientHarness harness, int index = 0) =>
        harness.RequestObject(index).GetPayloadValue<string>("client_notification_token");

    private static ReadOnlyMemory<byte> Body(string authReqId) => Encoding.UTF8.GetBytes($$"""{"auth_req_id":"{{authReqId}}"}""");

    [Fact]
    public async Task PG_12_ValidPing_WakesTheWaitingCallWhichRedeemsAtOnce()
    {
        await using var harness = PingHarness();
        harness.Server.On(TokenPath, _ => Token("at-1"));
        var run = harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest());
        await harness.Time.WaitForTimerAsync(); // waiting for the 5 s fallback poll

        var answer = harness.Receiver.Receive("Bearer " + NotificationToken(harness), Body("req-1"));
        var token = await TestTimeProvider.WithoutAdvancingAsync(run);

        Assert.Equal(CibaNotificationResult.Accepted, answer);
        Assert.Equal("at-1", token.AccessToken);
        var poll = Assert.Single(harness.Server.RequestsTo(TokenPath));
        Assert.Equal(TestTimeProvider.Epoch, poll.At);
        Assert.Equal("req-1", poll.Form["auth_req_id"]);
    }

    [Fact]
    public async Task NoPing_FallsBackToPollingAtTheInterval()
    {
        await using var harness = PingHarness();
        harness.Server.On(TokenPath, _ => Error(OAuthErrorCodes.AuthorizationPending), _ => Token("at-1"));

        var token = await harness.Time.DriveAsync(harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));

        Assert.Equal("at-1", token.AccessToken);
        Assert.Equal([5.0, 10.0], CibaPollingTests.PollOffsets(harness));
    }

    [Fact]
    public async Task PG_10_PingWithWrongBearer_IsRefusedAndTheCallWaitsForTheFallbackPoll()
    {
        await using var harness = PingHarness();
        harness.Server.On(TokenPath, _ => Token("at-1"));
        var run = harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest());
        await harness.Time.WaitForTimerAsync();

        var answer = harness.Receiver.Receive("Bearer " + ClientNotificationToken.Create(), Body("req-1"));
        await harness.Time.DriveAsync(run);

        Assert.Equal(CibaNotificationResult.Unauthorized, answer);
        Assert.Equal([5.0], CibaPollingTests.PollOffsets(harness)); // only the fallback poll, not one at 0 s
    }

    [Fact]
    public async Task PingMode_EachRequestCarriesItsOwnNotificationToken_AndReleasesItAfterwards()
    {
        await using var harness = PingHarness();
        harness.Server.On(TokenPath, _ => Token("at-1"));

        await harness.Time.DriveAsync(harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));
        await harness.Time.DriveAsync(harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));

        var first = NotificationToken(harness, 0);
        var second = NotificationToken(harness, 1);
        Assert.True(ClientNotificationToken.IsValidSyntax(first));
        Assert.NotEqual(first, second);
        Assert.Equal(0, harness.Receiver.PendingCount);
    }

    [Fact]
    public async Task PingMode_PingThenDenied_EndsWithAccessDenied()
    {
        await using var harness = PingHarness();
        harness.Server.On(TokenPath, _ => Error(OAuthErrorCodes.AccessDenied));
        var run = harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest());
        await harness.Time.WaitForTimerAsync();

        harness.Receiver.Receive("Bearer " + NotificationToken(harness), Body("req-1"));

        var error = await Assert.ThrowsAsync<OAuthException>(() => TestTimeProvider.WithoutAdvancingAsync(run));
        Assert.Equal(OAuthErrorCodes.AccessDenied, error.Error);
        Assert.Equal([0.0], CibaPollingTests.PollOffsets(harness));
    }
}
