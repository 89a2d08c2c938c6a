using Mandate.Server.Ciba;
using Mandate.Server.Seeding;

namespace Mandate.Server.Tests.Ciba;

/// <summary>The login_hint cache: hits only, for a bounded time, emptied when users are imported.</summary>
public sealed class LoginHintCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Resolution_IsServedUntilItsTimeToLiveEnds()
    {
        var cache = new LoginHintCache(_time);
        cache.Add("end.user", "user-1");

        _time.Advance(LoginHintCache.TimeToLive - TimeSpan.FromMilliseconds(1));
        Assert.Equal("user-1", cache.Find("end.user"));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(cache.Find("end.user"));
    }

    [Fact]
    public void Clear_ForgetsEveryResolution()
    {
        var cache = new LoginHintCache(_time);
        cache.Add("end.user", "user-1");
        cache.Clear();
        Assert.Null(cache.Find("end.user"));
    }

    [Fact]
    public void MoreDistinctHintsThanTheBound_StartTheCacheOver()
    {
        var cache = new LoginHintCache(_time);
        for (var i = 0; i < LoginHintCache.MaxEntries; i++)
        {
            cache.Add("user" + i, "subject" + i);
        }

        cache.Add("one.more", "subject-x");
        Assert.Null(cache.Find("user0"));
        Assert.Equal("subject-x", cache.Find("one.more"));
    }

    [Fact]
    public async Task UserDisabledByAnImport_IsUnknownToTheNextRequestAtOnce()
    {
        var seed = new TestSeed();
        await using var server = await MandateTestServer.StartAsync(seed);
        (string, string)[] form = [("scope", "openid"), ("login_hint", "end.user")];
        Assert.Equal(HttpStatusCode.OK, (await server.BcAuthorizeAsync(seed.Plain, form)).StatusCode);

        var document = seed.Build();
        document.Users.Single(u => u.Username == "end.user").Enabled = false;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportAsync(document, CancellationToken.None);
        }

        await (await server.BcAuthorizeAsync(seed.Plain, form)).AssertErrorAsync(HttpStatusCode.BadRequest, "unknown_user_id");
    }
}
