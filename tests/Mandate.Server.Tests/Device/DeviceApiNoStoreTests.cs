using System.Net.Http.Json;

namespace Mandate.Server.Tests.Device;

/// <summary>Every answer of the device API carries <c>Cache-Control: no-store</c> (it holds personal data).</summary>
public sealed class DeviceApiNoStoreTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly MandateTestServer _server = fixture.Server;
    private readonly TestSeed _seed = fixture.Seed;

    [Fact]
    public async Task EveryDeviceApiAnswer_IncludingErrorsTheEventStreamAndTheSession_CarriesNoStore()
    {
        using var anonymous = _server.CreateCookieClient();
        using var user = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var answers = new List<(string Call, HttpResponseMessage Response)>
        {
            ("sign-in 200", await anonymous.PostAsJsonAsync("/device/api/session", new { username = "app.owner", password = _seed.AppOwnerPassword })),
            ("sign-in 401", await anonymous.PostAsJsonAsync("/device/api/session", new { username = "ghost", password = "wrong-password" })),
            ("sign-in 400", await anonymous.PostAsJsonAsync("/device/api/session", new { })),
            ("sign-in 415", await anonymous.PostAsync("/device/api/session", new FormUrlEncodedContent([]))),
            ("requests 200", await user.GetAsync("/device/api/requests")),
            ("history 200", await user.GetAsync("/device/api/history")),
            ("requests 401", await _server.CreateCookieClient().GetAsync("/device/api/requests")),
            ("approve 404", await user.PostAsJsonAsync("/device/api/requests/does-not-exist/approve", new { })),
            ("deny 415", await user.PostAsync("/device/api/requests/does-not-exist/deny", new FormUrlEncodedContent([]))),
            ("unknown route 404", await user.GetAsync("/device/api/no-such-thing")),
            ("events 200", await user.GetAsync("/device/api/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token)),
            ("events 401", await _server.CreateCookieClient().GetAsync("/device/api/events")),
            ("sign-out 204", await user.DeleteAsync("/device/api/session")),
        };

        Assert.All(answers, a => Assert.True(
            a.Response.Headers.CacheControl is { NoStore: true },
            $"{a.Call} ({(int)a.Response.StatusCode}) has Cache-Control: {a.Response.Headers.CacheControl}"));
        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.OK,
             HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.NotFound,
             HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.NoContent],
            answers.Select(a => a.Response.StatusCode));
        foreach (var (_, response) in answers)
        {
            response.Dispose();
        }
    }
}
