using System.Net.Http.Json;

namespace Mandate.Server.Tests.Infrastructure;

/// <summary>The person's side: sign in to the device API and decide requests.</summary>
public static class DeviceCalls
{
    public static async Task<HttpClient> SignInAsync(this MandateTestServer server, string username, string password)
    {
        var device = server.CreateCookieClient();
        var response = await device.PostAsJsonAsync("/device/api/session", new { username, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return device;
    }

    /// <summary>Signs in with a client that keeps no cookies; returns the session cookie as a <c>Cookie</c> header value.</summary>
    public static async Task<string> SignInCookieAsync(this MandateTestServer server, string username, string password)
    {
        var response = await server.Client.PostAsJsonAsync("/device/api/session", new { username, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(response.Headers.GetValues("Set-Cookie")).Split(';')[0];
    }

    /// <summary>Sends a device API call with the given <c>Cookie</c> header (and <c>{}</c> as JSON body for POST and DELETE).</summary>
    public static async Task<HttpResponseMessage> SendWithCookieAsync(this MandateTestServer server, HttpMethod method, string path, string cookie)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        if (method == HttpMethod.Post || method == HttpMethod.Delete)
        {
            request.Content = JsonContent.Create(new { });
        }

        return await server.Client.SendAsync(request);
    }

    public static async Task<JsonElement> PendingAsync(this HttpClient device)
    {
        var response = await device.GetAsync("/device/api/requests");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>Decides the newest pending request of the signed-in user.</summary>
    public static async Task<HttpResponseMessage> DecideNewestAsync(this HttpClient device, bool approve)
    {
        var pending = await device.PendingAsync();
        var id = pending.EnumerateArray().Last().GetProperty("id").GetString();
        return await device.PostAsJsonAsync($"/device/api/requests/{id}/{(approve ? "approve" : "deny")}", new { });
    }

    public static async Task ApproveNewestAsync(this MandateTestServer server, TestSeed seed)
    {
        using var device = await server.SignInAsync("end.user", seed.EndUserPassword);
        var response = await device.DecideNewestAsync(approve: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
