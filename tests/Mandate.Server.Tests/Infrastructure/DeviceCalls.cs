using System.Net.Http.Json;
using Mandate.Server.Ciba;
using Mandate.Server.Data;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>Decides the pending request the device API lists last. Only for a server holding one pending request,
    /// or where any of them will do: requests made at the same instant (a fake clock) have no order.</summary>
    public static async Task<HttpResponseMessage> DecideNewestAsync(this HttpClient device, bool approve)
    {
        var pending = await device.PendingAsync();
        return await device.DecideByDeviceIdAsync(pending.EnumerateArray().Last().GetProperty("id").GetString()!, approve);
    }

    /// <summary>Decides the request that <paramref name="authReqId"/> names (prefer it to
    /// <see cref="DecideNewestAsync"/> whenever the id is known).</summary>
    public static async Task<HttpResponseMessage> DecideAsync(this HttpClient device, MandateTestServer server, string authReqId, bool approve) =>
        await device.DecideByDeviceIdAsync(await server.DeviceIdAsync(authReqId), approve);

    /// <summary>Signs in as end.user and approves the request that <paramref name="authReqId"/> names.</summary>
    public static async Task ApproveAsync(this MandateTestServer server, TestSeed seed, string authReqId)
    {
        using var device = await server.SignInAsync("end.user", seed.EndUserPassword);
        var response = await device.DecideAsync(server, authReqId, approve: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<HttpResponseMessage> DecideByDeviceIdAsync(this HttpClient device, string id, bool approve) =>
        device.PostAsJsonAsync($"/device/api/requests/{id}/{(approve ? "approve" : "deny")}", new { });

    /// <summary>The device API's id of the request that <paramref name="authReqId"/> names (read from the store).</summary>
    public static async Task<string> DeviceIdAsync(this MandateTestServer server, string authReqId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<BackchannelRequestStore>();
        var record = await store.FindByAuthReqIdAsync(authReqId, CancellationToken.None);
        return Assert.IsType<BackchannelRequestRecord>(record).Id;
    }
}
