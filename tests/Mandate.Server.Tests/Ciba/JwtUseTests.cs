using Mandate.Server.Ciba;

namespace Mandate.Server.Tests.Ciba;

public sealed class JwtUseTests
{
    private static readonly DateTimeOffset Expiry = new(2026, 12, 7, 12, 5, 0, TimeSpan.Zero);

    [Fact]
    public void Key_StartsWithTheExpiryInUnixSeconds_ThenTheHashOfPurposeClientAndJti()
    {
        var use = new JwtUse(RequestObjectValidator.JtiPurpose, "ai-agent", "jti-1", Expiry);

        Assert.Equal(Expiry.ToUnixTimeSeconds().ToString("D11", System.Globalization.CultureInfo.InvariantCulture)
            + DatabaseJwtReplayCache.Key(use.Purpose, use.ClientId, use.JwtId), use.Key);
        Assert.DoesNotContain("jti-1", use.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_OfAReplay_IsTheSame_AndOfAnotherJtiOrClient_Differs()
    {
        var first = new JwtUse(RequestObjectValidator.JtiPurpose, "ai-agent", "jti-1", Expiry);

        Assert.Equal(first.Key, (first with { }).Key);
        Assert.NotEqual(first.Key, (first with { JwtId = "jti-2" }).Key);
        Assert.NotEqual(first.Key, (first with { ClientId = "other-agent" }).Key);
        Assert.NotEqual(first.Key, (first with { Purpose = RequestObjectValidator.DigestPurpose }).Key);
    }

    [Fact]
    public void Keys_OfLaterExpiries_SortAfterEarlierOnes()
    {
        var keys = Enumerable.Range(0, 50)
            .Select(i => new JwtUse(RequestObjectValidator.JtiPurpose, "ai-agent", $"jti-{i}", Expiry.AddSeconds(i)).Key)
            .ToList();

        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
    }
}
