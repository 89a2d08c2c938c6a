namespace Mandate.Server.Tests.Infrastructure;

/// <summary>Calls made while the database is away: the server answers 503 with <c>Retry-After: 1</c>, and the caller retries.</summary>
public static class Outage
{
    /// <summary>Repeats a call, a second apart as Retry-After asks, while it answers 503; at most <paramref name="attempts"/> times.</summary>
    public static async Task<HttpResponseMessage> RetryWhileUnavailableAsync(Func<Task<HttpResponseMessage>> call, int attempts = 30)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await call();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == attempts)
            {
                return response;
            }

            Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
