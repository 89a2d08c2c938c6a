using System.Net.Http.Json;

namespace Mandate.Server.Tests.Infrastructure;

/// <summary>HTTP calls to the token and backchannel endpoints, and request-object building.</summary>
public static class OAuthCalls
{
    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient http, string url, IEnumerable<KeyValuePair<string, string>> form, TestClient? basic = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        if (basic is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", basic.BasicHeader());
        }

        return http.SendAsync(message);
    }

    public static Task<HttpResponseMessage> TokenAsync(this MandateTestServer server, TestClient? basic, params (string Key, string Value)[] form) =>
        server.Client.PostFormAsync(MandateTestServer.TokenEndpoint, form.Select(f => KeyValuePair.Create(f.Key, f.Value)), basic);

    public static Task<HttpResponseMessage> BcAuthorizeAsync(this MandateTestServer server, TestClient? basic, params (string Key, string Value)[] form) =>
        server.Client.PostFormAsync(MandateTestServer.BcEndpoint, form.Select(f => KeyValuePair.Create(f.Key, f.Value)), basic);

    /// <summary>Claims of a valid request object for a client at the given time; tests remove or change entries.</summary>
    public static Dictionary<string, object> RequestObjectClaims(TestClient client, DateTimeOffset now, string scope = "openid payment", string loginHint = "end.user")
    {
        var t = now.ToUnixTimeSeconds();
        return new Dictionary<string, object>
        {
            ["iss"] = client.ClientId,
            ["aud"] = MandateTestServer.Issuer,
            ["exp"] = t + 300,
            ["iat"] = t,
            ["nbf"] = t,
            ["jti"] = Guid.NewGuid().ToString(),
            ["scope"] = scope,
            ["login_hint"] = loginHint,
            ["binding_message"] = "Order 1234",
        };
    }

    public static Task<HttpResponseMessage> SignedBcAuthorizeAsync(this MandateTestServer server, TestClient client, Dictionary<string, object> claims) =>
        server.BcAuthorizeAsync(client, ("request", Jwt.SignEs256(client.Key, client.Kid, claims)));

    /// <summary>Starts a CIBA request and returns its auth_req_id.</summary>
    public static async Task<string> StartCibaAsync(this MandateTestServer server, TestClient client, Dictionary<string, object>? claims = null)
    {
        var response = await server.SignedBcAuthorizeAsync(client, claims ?? RequestObjectClaims(client, server.Time.GetUtcNow()));
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("auth_req_id").GetString()!;
    }

    public static Task<HttpResponseMessage> PollAsync(this MandateTestServer server, TestClient client, string authReqId) =>
        server.TokenAsync(client, ("grant_type", TestSeed.Ciba), ("auth_req_id", authReqId));

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<string?> ErrorAsync(this HttpResponseMessage response) =>
        (await response.ReadJsonAsync()) is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("error", out var e) ? e.GetString() : null;

    public static async Task AssertErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} {error}, got {(int)response.StatusCode}: {body}");
        Assert.True(error == await response.ErrorAsync(), $"expected {error}, got {(int)response.StatusCode}: {body}");

        // RFC 6749 §5.2 / CIBA §13: error_description is limited to %x20-21 / %x23-5B / %x5D-7E.
        if ((await response.ReadJsonAsync()).TryGetProperty("error_description", out var description))
        {
            Assert.All(description.GetString()!, c => Assert.True(c is >= ' ' and <= '~' and not '"' and not '\\', "bad character in: " + description));
        }
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string url, object body) =>
        http.PostAsJsonAsync(url, body);
}
