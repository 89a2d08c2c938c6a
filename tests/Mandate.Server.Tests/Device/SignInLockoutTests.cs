using System.Net;
using System.Net.Http.Json;
using Mandate.Server.Tests.Infrastructure;

namespace Mandate.Server.Tests.Device;

/// <summary>Sign-in rate limit per address and lockout per account.</summary>
public sealed class SignInLockoutTests
{
    [Fact]
    public async Task FiveFailures_LockTheAccount_EvenForTheRightPassword_UntilTheLockoutEnds()
    {
        var seed = new TestSeed();
        await using var server = await MandateTestServer.StartAsync(seed);
        using var device = server.CreateCookieClient();
        for (var i = 0; i < 5; i++)
        {
            await device.PostAsJsonAsync("/device/api/session", new { username = "end.user", password = "wrong-" + i });
        }

        var locked = await device.PostAsJsonAsync("/device/api/session", new { username = "end.user", password = seed.EndUserPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        server.Time.Advance(TimeSpan.FromMinutes(6));
        var after = await device.PostAsJsonAsync("/device/api/session", new { username = "end.user", password = seed.EndUserPassword });
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task AttemptsAboveThePerAddressLimit_Are429()
    {
        var seed = new TestSeed();
        await using var server = await MandateTestServer.StartAsync(seed, settings: new() { ["Mandate:SignInAttemptsPerMinute"] = "3" });
        using var device = server.CreateCookieClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await device.PostAsJsonAsync("/device/api/session", new { username = "ghost", password = "x" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await device.PostAsJsonAsync("/device/api/session", new { username = "ghost", password = "x" })).StatusCode);
    }
}
