using System.Net.Http.Headers;
using System.Text.Json;
using Mandate.Client.Ciba;
using Microsoft.Extensions.DependencyInjection;
using ShoeStore.Demo.Hosting;

namespace ShoeStore.Demo.Tests.Infrastructure;

/// <summary>
/// Reads the customer's orders from the store (<c>GET /orders</c>) as the customer's own app would: with a
/// <c>payment</c> token the customer approved on the device (CIBA through Mandate.Client).
/// </summary>
internal sealed class OrderReader : IDisposable
{
    private readonly HttpClient _http;

    private OrderReader(HttpClient http) => _http = http;

    public static async Task<OrderReader> ApproveAsync(TestAgent agent, TestDevice device, DemoEndpoints endpoints, string endUser)
    {
        using var limit = new CancellationTokenSource(TestDevice.TurnLimit);
        var ciba = agent.Services.GetRequiredService<ICibaClient>();
        var token = ciba.AuthenticateAsync(
            new BackchannelAuthenticationRequest { LoginHint = endUser, Scopes = ["payment"], BindingMessage = "Show my orders in the test" },
            progress: null, limit.Token);
        await device.DecideWhileAsync(token, _ => true);
        var http = new HttpClient { BaseAddress = endpoints.StoreUrl, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token).AccessToken);
        return new OrderReader(http);
    }

    /// <summary>The orders, newest first.</summary>
    public async Task<List<JsonElement>> ListAsync()
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync("/orders"));
        return [.. document.RootElement.EnumerateArray().Select(o => o.Clone())];
    }

    public void Dispose() => _http.Dispose();
}
