using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ShoeStore.Demo.Tests.Infrastructure;

/// <summary>
/// The customer's phone, driven through the server's device JSON API as a script would: sign in, list pending
/// requests, approve or deny. Every wait is bounded.
/// </summary>
internal sealed class TestDevice : IDisposable
{
    /// <summary>How often the pending list is read while a turn waits.</summary>
    public static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest a turn may wait for approvals.</summary>
    public static readonly TimeSpan TurnLimit = TimeSpan.FromSeconds(45);

    private readonly HttpClient _http;

    private TestDevice(HttpClient http) => _http = http;

    public static async Task<TestDevice> SignInAsync(Uri serverUrl, string username, string password)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = serverUrl,
            Timeout = TimeSpan.FromSeconds(10),
        };
        using var response = await http.PostAsJsonAsync("/device/api/session", new { username, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new TestDevice(http);
    }

    public async Task<IReadOnlyList<DeviceRequest>> PendingAsync()
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync("/device/api/requests"));
        return [.. document.RootElement.EnumerateArray().Select(DeviceRequest.From)];
    }

    public Task ApproveAsync(string id) => DecideAsync(id, "approve");

    public Task DenyAsync(string id) => DecideAsync(id, "deny");

    /// <summary>
    /// While <paramref name="turn"/> runs, decides every request that shows up (approve when <paramref name="approve"/>
    /// says so, deny otherwise); returns the decisions once the turn has ended. Fails when the turn outlasts
    /// <see cref="TurnLimit"/>.
    /// </summary>
    public async Task<IReadOnlyList<DeviceDecision>> DecideWhileAsync(Task turn, Func<DeviceRequest, bool> approve)
    {
        var decisions = new List<DeviceDecision>();
        var maxRounds = (int)(TurnLimit / PollEvery);
        for (var round = 0; round < maxRounds && !turn.IsCompleted; round++)
        {
            IReadOnlyList<DeviceRequest> pending;
            try
            {
                pending = await PendingAsync();
            }
            catch (HttpRequestException)
            {
                // When the turn is the whole demo process, it stops its servers on the way out.
                await Task.WhenAny(turn, Task.Delay(TimeSpan.FromSeconds(15)));
                if (turn.IsCompleted)
                {
                    break;
                }

                throw;
            }

            foreach (var request in pending)
            {
                var yes = approve(request);
                await (yes ? ApproveAsync(request.Id) : DenyAsync(request.Id));
                decisions.Add(new DeviceDecision(request, yes));
            }

            await Task.WhenAny(turn, Task.Delay(PollEvery));
        }

        Assert.True(turn.IsCompleted, $"the turn did not end within {TurnLimit.TotalSeconds} s");
        await turn;
        return decisions;
    }

    public void Dispose() => _http.Dispose();

    private async Task DecideAsync(string id, string decision)
    {
        using var content = JsonContent.Create(new { });
        using var response = await _http.PostAsync($"/device/api/requests/{Uri.EscapeDataString(id)}/{decision}", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
