using System.Net.Http.Json;

namespace Mandate.Server.Tests.Device;

/// <summary>The device JSON API: sessions, listing, decisions, and their 401/404/409/415 answers.</summary>
public abstract class DeviceApiTests(ServerFixture fixture)
{
    public sealed class OnSqlite(ServerFixture fixture) : DeviceApiTests(fixture), IClassFixture<ServerFixture>;

    [RequiresPostgreSql]
    public sealed class OnPostgreSql(PostgreSqlServerFixture fixture) : DeviceApiTests(fixture), IClassFixture<PostgreSqlServerFixture>;

    private readonly MandateTestServer _server = fixture.Server;
    private readonly TestSeed _seed = fixture.Seed;

    private async Task<string> StartForAsync(string loginHint)
    {
        var response = await _server.BcAuthorizeAsync(_seed.Plain, ("scope", "openid address"), ("login_hint", loginHint), ("binding_message", "Quote 77"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("auth_req_id").GetString()!;
    }

    [DatabaseFact]
    public async Task Requests_WithoutSession_Is401()
    {
        using var anonymous = _server.CreateCookieClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/device/api/requests")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/device/api/requests/x/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/device/api/events")).StatusCode);
    }

    [DatabaseFact]
    public async Task SignIn_WrongPasswordOrUnknownUser_Is401ProblemDetails()
    {
        using var device = _server.CreateCookieClient();
        var wrong = await device.PostAsJsonAsync("/device/api/session", new { username = "app.owner", password = "not-the-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        var unknown = await device.PostAsJsonAsync("/device/api/session", new { username = "ghost", password = "whatever" });
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [DatabaseFact]
    public async Task SignIn_SetsHttpOnlySameSiteStrictCookie()
    {
        using var device = _server.CreateCookieClient();
        var response = await device.PostAsJsonAsync("/device/api/session", new { username = "end.user", password = _seed.EndUserPassword });
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [DatabaseFact]
    public async Task SignOut_TheOldCookie_NoLongerListsOrApprovesRequests()
    {
        await StartForAsync("end.user");
        var cookie = await _server.SignInCookieAsync("end.user", _seed.EndUserPassword);
        var pending = await (await _server.SendWithCookieAsync(HttpMethod.Get, "/device/api/requests", cookie)).ReadJsonAsync();
        var id = pending.EnumerateArray().Last().GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.NoContent, (await _server.SendWithCookieAsync(HttpMethod.Delete, "/device/api/session", cookie)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.SendWithCookieAsync(HttpMethod.Get, "/device/api/requests", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.SendWithCookieAsync(HttpMethod.Post, $"/device/api/requests/{id}/approve", cookie)).StatusCode);
        using var user = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        Assert.Contains((await user.PendingAsync()).EnumerateArray(), r => r.GetProperty("id").GetString() == id);
    }

    [DatabaseFact]
    public async Task Requests_ListsOnlyTheSignedInUsersPendingRequests()
    {
        await StartForAsync("end.user");
        using var owner = await _server.SignInAsync("app.owner", _seed.AppOwnerPassword);
        Assert.Empty((await owner.PendingAsync()).EnumerateArray());
        using var user = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        var request = (await user.PendingAsync()).EnumerateArray().Last();
        Assert.Equal(_seed.Plain.ClientId, request.GetProperty("client_id").GetString());
        Assert.Equal("plain-agent display", request.GetProperty("client_name").GetString());
        Assert.Equal("Quote 77", request.GetProperty("binding_message").GetString());
        Assert.Equal(["openid", "address"], request.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.True(request.TryGetProperty("created_at", out _) && request.TryGetProperty("expires_at", out _));
        Assert.True(request.TryGetProperty("authorization_details", out _));
    }

    [DatabaseFact]
    public async Task Approve_RequestOfAnotherUserOrUnknownId_Is404()
    {
        await StartForAsync("end.user");
        using var user = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        var id = (await user.PendingAsync()).EnumerateArray().Last().GetProperty("id").GetString();
        using var owner = await _server.SignInAsync("app.owner", _seed.AppOwnerPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostAsJsonAsync($"/device/api/requests/{id}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostAsJsonAsync("/device/api/requests/does-not-exist/deny", new { })).StatusCode);
    }

    [DatabaseFact]
    public async Task Decision_IsFinal_SecondDecisionIs409()
    {
        await StartForAsync("end.user");
        using var user = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        var id = (await user.PendingAsync()).EnumerateArray().Last().GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await user.PostAsJsonAsync($"/device/api/requests/{id}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await user.PostAsJsonAsync($"/device/api/requests/{id}/deny", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await user.PostAsJsonAsync($"/device/api/requests/{id}/approve", new { })).StatusCode);
    }

    [DatabaseFact]
    public async Task Approve_ExpiredRequest_Is409()
    {
        var response = await _server.BcAuthorizeAsync(_seed.Plain, ("scope", "openid"), ("login_hint", "end.user"), ("requested_expiry", "5"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var user = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        var id = await _server.DeviceIdAsync((await response.ReadJsonAsync()).GetProperty("auth_req_id").GetString()!);
        _server.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(HttpStatusCode.Conflict, (await user.PostAsJsonAsync($"/device/api/requests/{id}/approve", new { })).StatusCode);
    }

    [DatabaseFact]
    public async Task Approve_WithFormBody_Is415AndDecidesNothing()
    {
        await StartForAsync("end.user");
        using var user = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        var id = (await user.PendingAsync()).EnumerateArray().Last().GetProperty("id").GetString();
        var form = await user.PostAsync($"/device/api/requests/{id}/approve", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Contains((await user.PendingAsync()).EnumerateArray(), r => r.GetProperty("id").GetString() == id);
    }

    [DatabaseFact]
    public async Task Events_StreamsANewRequestToTheSignedInUser()
    {
        using var user = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await user.GetAsync("/device/api/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        Assert.Equal("retry: 2000", await reader.ReadLineAsync(cancel.Token));
        await StartForAsync("end.user");
        string? line;
        var lines = 0;
        do
        {
            line = await reader.ReadLineAsync(cancel.Token);
        }
        while (line is not null && !line.StartsWith("data:", StringComparison.Ordinal) && ++lines < 20);
        Assert.NotNull(line);
        Assert.Contains("\"kind\":\"created\"", line, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task History_ShowsADecidedRequestWithItsOutcome_AndPendingNoLongerDoes()
    {
        await StartForAsync("end.user");
        using var user = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        var id = (await user.PendingAsync()).EnumerateArray().Last().GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await user.PostAsJsonAsync($"/device/api/requests/{id}/deny", new { })).StatusCode);
        Assert.DoesNotContain((await user.PendingAsync()).EnumerateArray(), r => r.GetProperty("id").GetString() == id);
        var history = await (await user.GetAsync("/device/api/history")).ReadJsonAsync();
        var entry = Assert.Single(history.EnumerateArray(), r => r.GetProperty("id").GetString() == id);
        Assert.Equal("denied", entry.GetProperty("status").GetString());
    }
}
