using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Mandate.ApprovalLatency;

/// <summary>The person's device, through the server's device JSON API (docs/device.md).</summary>
internal sealed class DeviceApi(Uri serverBaseUrl) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true })
    {
        BaseAddress = serverBaseUrl,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task SignInAsync(string username, string password)
    {
        using var response = await _http.PostAsJsonAsync("device/api/session", new { username, password });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"device sign-in answered {(int)response.StatusCode}");
        }
    }

    /// <summary>The id of the signed-in user's pending request with this binding message; waits at most <paramref name="within"/>.</summary>
    public async Task<string> FindPendingAsync(string bindingMessage, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            using var response = await _http.GetAsync("device/api/requests");
            response.EnsureSuccessStatusCode();
            using var list = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            foreach (var item in list.RootElement.EnumerateArray())
            {
                if (item.GetProperty("binding_message").GetString() == bindingMessage)
                {
                    return item.GetProperty("id").GetString()!;
                }
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"the request did not reach the device within {within.TotalSeconds} s");
    }

    /// <summary>Approves; returns when the server's answer (200) has been read.</summary>
    public async Task ApproveAsync(string id)
    {
        using var body = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync($"device/api/requests/{Uri.EscapeDataString(id)}/approve", body);
        await response.Content.LoadIntoBufferAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"approve answered {(int)response.StatusCode}");
        }
    }

    public void Dispose() => _http.Dispose();
}
