namespace ShoeStore.Demo.Hosting;

/// <summary>Waits until a URL answers 200 over HTTP, the way the agent and a browser will reach it (bounded).</summary>
internal static class ReadinessProbe
{
    /// <summary>Most attempts.</summary>
    public const int MaxAttempts = 40;

    /// <summary>Pause between attempts.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    public static async Task WaitAsync(HttpClient http, Uri url, string what, CancellationToken cancellationToken)
    {
        string? last = null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException exception)
            {
                last = exception.HttpRequestError.ToString();
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "no answer within " + http.Timeout.TotalSeconds + " s";
            }

            await Task.Delay(Pause, cancellationToken);
        }

        throw new DemoStartException($"The {what} started but does not answer at {url} ({last}).");
    }
}
