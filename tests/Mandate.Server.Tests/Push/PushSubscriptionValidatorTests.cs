using System.Buffers.Text;
using System.Security.Cryptography;
using Mandate.Server.Configuration;
using Mandate.Server.Push;

namespace Mandate.Server.Tests.Push;

/// <summary>What a registered push subscription must be: an endpoint on an allowed push service, RFC 8291 keys.</summary>
public sealed class PushSubscriptionValidatorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly PushSubscriptionValidator _validator = new(new MandatePushOptions().AllowedEndpoints);

    private static string P256dh()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        return Base64Url.EncodeToString([0x04, .. q.X!, .. q.Y!]);
    }

    private static PushSubscriptionInput Input(string endpoint, string? p256dh = null, string? auth = null, double? expirationTime = null) => new()
    {
        Endpoint = endpoint,
        ExpirationTime = expirationTime,
        Keys = new PushSubscriptionKeys { P256dh = p256dh ?? P256dh(), Auth = auth ?? Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)) },
    };

    private string? Problem(PushSubscriptionInput input) => _validator.Validate(input, _time).Problem;

    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/abc:def")]
    [InlineData("https://updates.push.services.mozilla.com/wpush/v2/gAAAA")]
    [InlineData("https://web.push.apple.com/QGuQyavXutnMH")]
    public void BrowsersPushServices_AreAcceptedByDefault(string endpoint)
    {
        var (subscription, problem) = _validator.Validate(Input(endpoint), _time);
        Assert.Null(problem);
        Assert.Equal(endpoint, subscription!.Endpoint.AbsoluteUri);
    }

    [Theory]
    [InlineData("http://fcm.googleapis.com/fcm/send/abc")] // not https
    [InlineData("https://fcm.googleapis.com.attacker.example/fcm/send/abc")] // a longer host
    [InlineData("https://fcm.googleapis.com@attacker.example/fcm/send/abc")] // user information
    [InlineData("https://169.254.169.254/latest/meta-data/")] // anywhere else
    [InlineData("http://127.0.0.1:8080/admin")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/path")]
    [InlineData("")]
    public void EndpointsOffTheAllowedPushServices_AreRefused(string endpoint) =>
        Assert.NotNull(Problem(Input(endpoint)));

    [Fact]
    public void EndpointLongerThan2048Characters_IsRefused() =>
        Assert.NotNull(Problem(Input("https://fcm.googleapis.com/" + new string('a', 2048))));

    [Fact]
    public void ConfiguredLoopbackPrefix_AcceptsAnyPortOnIt_AndNothingElse()
    {
        var validator = new PushSubscriptionValidator(["http://127.0.0.1:"]);
        Assert.Null(validator.Validate(Input("http://127.0.0.1:40123/push/1"), _time).Problem);
        Assert.NotNull(validator.Validate(Input("http://127.0.0.1:40123@attacker.example/push/1"), _time).Problem);
        Assert.NotNull(validator.Validate(Input("http://127.0.0.10:40123/push/1"), _time).Problem);
    }

    [Fact]
    public void PrefixWithoutTrailingSlash_DoesNotMatchALongerHost()
    {
        var validator = new PushSubscriptionValidator(["https://push.example"]);
        Assert.Null(validator.Validate(Input("https://push.example/s/1"), _time).Problem);
        Assert.NotNull(validator.Validate(Input("https://push.example.attacker.example/s/1"), _time).Problem);
    }

    [Theory]
    [InlineData("AAAA")] // too short
    [InlineData("not base64url!")]
    public void P256dhThatIsNotAnUncompressedPoint_IsRefused(string p256dh) =>
        Assert.Contains("p256dh", Problem(Input("https://fcm.googleapis.com/x", p256dh: p256dh)));

    [Fact]
    public void P256dhOffTheCurve_IsRefused()
    {
        var point = new byte[65];
        point[0] = 0x04;
        point[64] = 1; // (0, 1) is not on P-256
        Assert.Contains("p256dh", Problem(Input("https://fcm.googleapis.com/x", p256dh: Base64Url.EncodeToString(point))));
    }

    [Fact]
    public void AuthOtherThan16Octets_IsRefused() =>
        Assert.Contains("auth", Problem(Input("https://fcm.googleapis.com/x", auth: Base64Url.EncodeToString(new byte[15]))));

    [Fact]
    public void ExpirationTime_InTheFuture_IsKept_AndInThePast_IsRefused()
    {
        var future = _time.GetUtcNow().AddDays(1).ToUnixTimeMilliseconds();
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(future), _validator.Validate(Input("https://fcm.googleapis.com/x", expirationTime: future), _time).Subscription!.ExpiresAt);
        Assert.NotNull(Problem(Input("https://fcm.googleapis.com/x", expirationTime: _time.GetUtcNow().AddSeconds(-1).ToUnixTimeMilliseconds())));
    }
}
