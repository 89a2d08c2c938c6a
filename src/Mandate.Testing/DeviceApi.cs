using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mandate.Testing;

/// <summary>
/// The person's device: the server's device API (<c>/device/api</c>, docs/device.md) with a session cookie, signed
/// in again when the session has ended (a test may move the clock past its idle time).
/// </summary>
internal sealed class DeviceApi(HttpClient http, string username, string password)
{
    private string? _cookie;

    /// <summary>The person's pending requests, oldest first.</summary>
    public async Task<List<JsonElement>> PendingAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, "/device/api/requests", cancellationToken).ConfigureAwait(false);
        var list = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
        return [.. list.EnumerateArray().Select(r => r.Clone())];
    }

    /// <summary>Approves or denies the request with this device id.</summary>
    public async Task DecideAsync(string id, bool approve, CancellationToken cancellationToken)
    {
        var path = $"/device/api/requests/{Uri.EscapeDataString(id)}/{(approve ? "approve" : "deny")}";
        using var response = await SendAsync(HttpMethod.Post, path, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        _cookie ??= await SignInAsync(cancellationToken).ConfigureAwait(false);
        var response = await SendOnceAsync(method, path, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            _cookie = await SignInAsync(cancellationToken).ConfigureAwait(false);
            response = await SendOnceAsync(method, path, cancellationToken).ConfigureAwait(false);
        }

        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            response.Dispose();
            throw new InvalidOperationException($"The virtual person's device call {method} {path} answered {(int)response.StatusCode}: {body}");
        }

        return response;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", _cookie);
        if (method == HttpMethod.Post)
        {
            request.Content = JsonContent.Create(new { });
        }

        return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> SignInAsync(CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/device/api/session", new { username, password }, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode || !response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            throw new InvalidOperationException($"The virtual person could not sign in to the device API: {(int)response.StatusCode}");
        }

        return cookies.First().Split(';')[0];
    }
}
