using System.Net;
using System.Text.Json;

namespace ShoeStore.Api.Tests.Fixtures;

/// <summary>Assertions shared by the HTTP tests.</summary>
public static class Expect
{
    /// <summary>401 with <c>error="invalid_token"</c> and a problem body.</summary>
    public static async Task<BearerChallengeHeader> InvalidTokenAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = BearerChallengeHeader.From(response);
        Assert.Equal("invalid_token", challenge["error"]);
        await ProblemAsync(response, 401);
        return challenge;
    }

    /// <summary>401 with a Bearer challenge that has a realm and no <c>error</c> (RFC 6750 §3.1).</summary>
    public static BearerChallengeHeader NoTokenChallenge(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = BearerChallengeHeader.From(response);
        Assert.Equal("shoestore-api", challenge["realm"]);
        Assert.Null(challenge["error"]);
        return challenge;
    }

    /// <summary>403 with <c>error="insufficient_scope"</c> and the <c>scope</c> attribute.</summary>
    public static async Task<JsonElement> InsufficientScopeAsync(HttpResponseMessage response, string scope)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var challenge = BearerChallengeHeader.From(response);
        Assert.Equal("insufficient_scope", challenge["error"]);
        Assert.Equal(scope, challenge["scope"]);
        return await ProblemAsync(response, 403);
    }

    /// <summary>An RFC 9457 body with the given status; returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        return body;
    }

    /// <summary>A 400 validation problem whose <c>errors</c> name <paramref name="field"/>.</summary>
    public static async Task ValidationErrorAsync(HttpResponseMessage response, string field)
    {
        var body = await ProblemAsync(response, 400);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {body}");
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
