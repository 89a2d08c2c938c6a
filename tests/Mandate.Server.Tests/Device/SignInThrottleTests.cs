using System.Net.Http.Json;

namespace Mandate.Server.Tests.Device;

/// <summary>Device sign-in over HTTP: per-account backoff that answers unknown names alike, and the per-address budget.</summary>
public sealed class SignInThrottleTests
{
    private static async Task<(HttpStatusCode Status, string? RetryAfter)> TryAsync(HttpClient device, string username, string password)
    {
        using var response = await device.PostAsJsonAsync("/device/api/session", new { username, password });
        return (response.StatusCode, response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null);
    }

    [Fact]
    public async Task SixWrongPasswords_GiveTheSameStatusesAndRetryAfter_ForAnUnknownAndAKnownUser()
    {
        var seed = new TestSeed();
        await using var server = await MandateTestServer.StartAsync(seed);
        using var device = server.CreateCookieClient();
        var unknown = new List<(HttpStatusCode, string?)>();
        var known = new List<(HttpStatusCode, string?)>();
        for (var i = 0; i < 6; i++)
        {
            unknown.Add(await TryAsync(device, "ghost", "wrong-" + i));
            known.Add(await TryAsync(device, "end.user", "wrong-" + i));
        }

        Assert.Equal(unknown, known);
        Assert.Equal([.. Enumerable.Repeat((HttpStatusCode.Unauthorized, (string?)null), 5), (HttpStatusCode.TooManyRequests, "60")], known);
    }

    [Fact]
    public async Task ThrottledAccount_RefusesTheRightPassword_UntilTheWaitEnds_ThenSignsIn()
    {
        var seed = new TestSeed();
        await using var server = await MandateTestServer.StartAsync(seed);
        using var device = server.CreateCookieClient();
        for (var i = 0; i < 5; i++)
        {
            await TryAsync(device, "end.user", "wrong-" + i);
        }

        Assert.Equal((HttpStatusCode.TooManyRequests, "60"), await TryAsync(device, "end.user", seed.EndUserPassword));
        server.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, (await TryAsync(device, "end.user", seed.EndUserPassword)).Status);
    }

    [Fact]
    public async Task UnsuccessfulAttemptsAboveThePerAddressLimit_Are429_AndSuccessfulOnesDoNotCount()
    {
        var seed = new TestSeed();
        await using var server = await MandateTestServer.StartAsync(seed, settings: new() { ["Mandate:SignInAttemptsPerMinute"] = "3" });
        using var device = server.CreateCookieClient();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await TryAsync(device, "end.user", seed.EndUserPassword)).Status);
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync(device, "ghost-" + i, "x")).Status);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await TryAsync(device, "end.user", seed.EndUserPassword)).Status);
    }
}
