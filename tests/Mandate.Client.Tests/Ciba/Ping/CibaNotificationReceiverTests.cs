using System.Buffers.Text;
using System.Text;
using Mandate.Client.Ciba.Ping;

namespace Mandate.Client.Tests.Ciba.Ping;

public sealed class CibaNotificationReceiverTests
{
    private static ReadOnlyMemory<byte> Body(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public void PG_10_WrongBearerToken_Returns401AndDoesNotWakeTheWaiter()
    {
        var receiver = new CibaNotificationReceiver();
        using var registration = receiver.Register(ClientNotificationToken.Create());
        registration.Bind("req-1");

        var result = receiver.Receive("Bearer " + ClientNotificationToken.Create(), Body("""{"auth_req_id":"req-1"}"""));

        Assert.Equal(CibaNotificationResult.Unauthorized, result);
        Assert.False(registration.Notified.IsCompleted);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic abc")]
    [InlineData("Bearer")]
    [InlineData("Bearer has spaces inside")]
    public void MissingOrMalformedAuthorization_Returns401(string? authorization)
    {
        var receiver = new CibaNotificationReceiver();
        using var registration = receiver.Register(ClientNotificationToken.Create());
        registration.Bind("req-1");

        Assert.Equal(CibaNotificationResult.Unauthorized, receiver.Receive(authorization, Body("""{"auth_req_id":"req-1"}""")));
        Assert.False(registration.Notified.IsCompleted);
    }

    [Fact]
    public void PG_11_ValidTokenOfAnotherTransaction_Returns401AndWakesNeither()
    {
        var receiver = new CibaNotificationReceiver();
        var tokenA = ClientNotificationToken.Create();
        using var a = receiver.Register(tokenA);
        using var b = receiver.Register(ClientNotificationToken.Create());
        a.Bind("req-a");
        b.Bind("req-b");

        var result = receiver.Receive("Bearer " + tokenA, Body("""{"auth_req_id":"req-b"}"""));

        Assert.Equal(CibaNotificationResult.Unauthorized, result);
        Assert.False(a.Notified.IsCompleted);
        Assert.False(b.Notified.IsCompleted);
    }

    [Fact]
    public void PG_12_ValidPing_Returns204AndWakesTheWaiter()
    {
        var receiver = new CibaNotificationReceiver();
        var token = ClientNotificationToken.Create();
        using var registration = receiver.Register(token);
        registration.Bind("req-1");

        var result = receiver.Receive("Bearer " + token, Body("""{"auth_req_id":"req-1"}"""));

        Assert.Equal(CibaNotificationResult.Accepted, result);
        Assert.Equal(204, (int)result);
        Assert.True(registration.Notified.IsCompletedSuccessfully);
    }

    [Fact]
    public void PG_13_UnknownBodyMembers_AreIgnored()
    {
        var receiver = new CibaNotificationReceiver();
        var token = ClientNotificationToken.Create();
        using var registration = receiver.Register(token);
        registration.Bind("req-1");

        var result = receiver.Receive("bearer " + token, Body("""{"auth_req_id":"req-1","extra":{"x":[1,2]},"another":true}"""));

        Assert.Equal(CibaNotificationResult.Accepted, result);
        Assert.True(registration.Notified.IsCompleted);
    }

    [Fact]
    public void PG_14_ClientNotificationToken_IsA256BitCsprngB64TokenUniquePerRequest()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => ClientNotificationToken.Create()).ToArray();

        Assert.All(tokens, t =>
        {
            Assert.True(t.Length <= ClientNotificationToken.MaxLength);
            Assert.True(ClientNotificationToken.IsValidSyntax(t));
            Assert.Equal(32, Base64Url.DecodeFromChars(t).Length); // 256 bits ≥ the 128 required
        });
        Assert.Equal(tokens.Length, tokens.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"auth_req_id":42}""")]
    [InlineData("""{"other":"req-1"}""")]
    [InlineData("""{"auth_req_id":""}""")]
    public void MalformedBody_WithValidToken_Returns400(string body)
    {
        var receiver = new CibaNotificationReceiver();
        var token = ClientNotificationToken.Create();
        using var registration = receiver.Register(token);
        registration.Bind("req-1");

        Assert.Equal(CibaNotificationResult.BadRequest, receiver.Receive("Bearer " + token, Body(body)));
        Assert.False(registration.Notified.IsCompleted);
    }

    [Fact]
    public void PingBeforeTheBinding_IsHonouredWhenTheIdsAgree()
    {
        var receiver = new CibaNotificationReceiver();
        var token = ClientNotificationToken.Create();
        using var registration = receiver.Register(token);

        var result = receiver.Receive("Bearer " + token, Body("""{"auth_req_id":"req-1"}"""));
        registration.Bind("req-1");

        Assert.Equal(CibaNotificationResult.Accepted, result);
        Assert.True(registration.Notified.IsCompleted);
    }

    [Fact]
    public void PingBeforeTheBinding_ForAnotherId_DoesNotWake()
    {
        var receiver = new CibaNotificationReceiver();
        var token = ClientNotificationToken.Create();
        using var registration = receiver.Register(token);

        receiver.Receive("Bearer " + token, Body("""{"auth_req_id":"req-other"}"""));
        registration.Bind("req-1");

        Assert.False(registration.Notified.IsCompleted);
    }

    [Fact]
    public void DisposedRegistration_NoLongerAcceptsItsToken()
    {
        var receiver = new CibaNotificationReceiver();
        var token = ClientNotificationToken.Create();
        var registration = receiver.Register(token);
        registration.Bind("req-1");
        registration.Dispose();

        Assert.Equal(CibaNotificationResult.Unauthorized, receiver.Receive("Bearer " + token, Body("""{"auth_req_id":"req-1"}""")));
        Assert.Equal(0, receiver.PendingCount);
    }
}
