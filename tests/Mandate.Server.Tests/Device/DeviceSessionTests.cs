using Mandate.Server.Data;
using Mandate.Server.Device;
using Mandate.Server.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Tests.Device;

/// <summary>
/// Device sessions live on the server: a browser-session cookie, an idle timeout and an absolute lifetime the server
/// enforces, and sign-out or a password change end them for good, also after a restart.
/// </summary>
public sealed class DeviceSessionTests
{
    private static readonly HttpMethod Get = HttpMethod.Get;

    [Fact]
    public async Task SignIn_SetsABrowserSessionCookie_WithoutExpiresOrMaxAge()
    {
        var seed = new TestSeed();
        await using var server = await MandateTestServer.StartAsync(seed);
        var response = await server.Client.PostAsync("/device/api/session", System.Net.Http.Json.JsonContent.Create(new { username = "end.user", password = seed.EndUserPassword }));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(DeviceSession.CookieName + "=", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("max-age=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Session_UnusedForTheIdleTimeout_Is401()
    {
        var seed = new TestSeed();
        await using var server = await MandateTestServer.StartAsync(seed, settings: new() { ["Mandate:DeviceSessionIdleMinutes"] = "15" });
        var cookie = await server.SignInCookieAsync("end.user", seed.EndUserPassword);
        server.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await server.SendWithCookieAsync(Get, "/device/api/requests", cookie)).StatusCode);
        server.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.SendWithCookieAsync(Get, "/device/api/requests", cookie)).StatusCode);
    }

    [Fact]
    public async Task Session_UsedEveryTenMinutes_LastsUntilTheAbsoluteLifetimeAndNoLonger()
    {
        var seed = new TestSeed();
        await using var server = await MandateTestServer.StartAsync(seed, settings: new()
        {
            ["Mandate:DeviceSessionIdleMinutes"] = "15",
            ["Mandate:DeviceSessionLifetimeMinutes"] = "120",
        });
        var cookie = await server.SignInCookieAsync("end.user", seed.EndUserPassword);
        for (var minutes = 10; minutes < 120; minutes += 10)
        {
            server.Time.Advance(TimeSpan.FromMinutes(10));
            Assert.Equal(HttpStatusCode.OK, (await server.SendWithCookieAsync(Get, "/device/api/requests", cookie)).StatusCode);
        }

        server.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.SendWithCookieAsync(Get, "/device/api/requests", cookie)).StatusCode);
    }

    [Fact]
    public async Task Session_WritesItsLastUseAtMostOncePerMinute()
    {
        var seed = new TestSeed();
        await using var server = await MandateTestServer.StartAsync(seed);
        var cookie = await server.SignInCookieAsync("end.user", seed.EndUserPassword);
        var signedIn = server.Time.GetUtcNow();

        server.Time.Advance(TimeSpan.FromSeconds(30));
        await server.SendWithCookieAsync(Get, "/device/api/requests", cookie);
        Assert.Equal(signedIn, await LastSeenAsync(server));

        server.Time.Advance(TimeSpan.FromSeconds(31));
        await server.SendWithCookieAsync(Get, "/device/api/requests", cookie);
        var touched = server.Time.GetUtcNow();
        Assert.Equal(touched, await LastSeenAsync(server));

        server.Time.Advance(TimeSpan.FromSeconds(59));
        await server.SendWithCookieAsync(Get, "/device/api/history", cookie);
        Assert.Equal(touched, await LastSeenAsync(server));
    }

    [Fact]
    public async Task SignedOutCookie_IsStillRefusedAfterARestart_WhileAnOpenSessionSurvivesIt()
    {
        var seed = new TestSeed();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var directory = Directory.CreateTempSubdirectory("mandate-session-restart-").FullName;
        try
        {
            string signedOut, open;
            await using (var before = await MandateTestServer.StartAsync(seed, directory, time))
            {
                signedOut = await before.SignInCookieAsync("end.user", seed.EndUserPassword);
                open = await before.SignInCookieAsync("end.user", seed.EndUserPassword);
                Assert.Equal(HttpStatusCode.NoContent, (await before.SendWithCookieAsync(HttpMethod.Delete, "/device/api/session", signedOut)).StatusCode);
            }

            await using var after = await MandateTestServer.StartAsync(seed, directory, time);
            Assert.Equal(HttpStatusCode.Unauthorized, (await after.SendWithCookieAsync(Get, "/device/api/requests", signedOut)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await after.SendWithCookieAsync(Get, "/device/api/requests", open)).StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task SignedOutCookie_IsStillRefusedByANewServerProcess_AfterTheFirstWasKilled()
    {
        var seed = new TestSeed();
        var directory = Directory.CreateTempSubdirectory("mandate-session-process-").FullName;
        var connectionString = "Data Source=" + Path.Combine(directory, "mandate.db");
        try
        {
            string signedOut, open;
            int firstPid;
            await using (var first = await MandateServerProcess.StartAsync(seed, connectionString))
            {
                firstPid = first.Id;
                using var client = WithoutCookieJar(first);
                signedOut = await SignInCookieAsync(client, "end.user", seed.EndUserPassword);
                open = await SignInCookieAsync(client, "end.user", seed.EndUserPassword);
                using var signOut = new HttpRequestMessage(HttpMethod.Delete, "/device/api/session") { Content = System.Net.Http.Json.JsonContent.Create(new { }) };
                signOut.Headers.Add("Cookie", signedOut);
                Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(signOut)).StatusCode);
                await first.KillAsync();
            }

            Assert.Throws<ArgumentException>(() => System.Diagnostics.Process.GetProcessById(firstPid));
            await using var second = await MandateServerProcess.StartAsync(seed, connectionString);
            using var secondClient = WithoutCookieJar(second);
            Assert.Equal(HttpStatusCode.Unauthorized, (await GetWithCookieAsync(secondClient, signedOut)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(secondClient, open)).StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task PasswordChange_EndsEverySessionOfThatUserIssuedBefore_AndNoOtherUsers()
    {
        var seed = new TestSeed();
        await using var server = await MandateTestServer.StartAsync(seed);
        var first = await server.SignInCookieAsync("end.user", seed.EndUserPassword);
        var second = await server.SignInCookieAsync("end.user", seed.EndUserPassword);
        var owner = await server.SignInCookieAsync("app.owner", seed.AppOwnerPassword);

        var document = seed.Build();
        document.Users.Single(u => u.Username == "end.user").Password = "a-new-password-" + Guid.NewGuid();
        await ImportAsync(server, document);

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.SendWithCookieAsync(Get, "/device/api/requests", first)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.SendWithCookieAsync(Get, "/device/api/requests", second)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.SendWithCookieAsync(Get, "/device/api/requests", owner)).StatusCode);
    }

    [Fact]
    public async Task SeedImportWithTheSamePassword_KeepsTheSessions()
    {
        var seed = new TestSeed();
        await using var server = await MandateTestServer.StartAsync(seed);
        var cookie = await server.SignInCookieAsync("end.user", seed.EndUserPassword);
        await ImportAsync(server, seed.Build());
        Assert.Equal(HttpStatusCode.OK, (await server.SendWithCookieAsync(Get, "/device/api/requests", cookie)).StatusCode);
    }

    [Fact]
    public async Task DisablingTheUser_EndsTheirSessions()
    {
        var seed = new TestSeed();
        await using var server = await MandateTestServer.StartAsync(seed);
        var cookie = await server.SignInCookieAsync("end.user", seed.EndUserPassword);
        var document = seed.Build();
        document.Users.Single(u => u.Username == "end.user").Enabled = false;
        await ImportAsync(server, document);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.SendWithCookieAsync(Get, "/device/api/requests", cookie)).StatusCode);
    }

    [Fact]
    public async Task OpenEventStream_EndsOnceTheSessionIsSignedOutElsewhere()
    {
        var seed = new TestSeed();
        await using var server = await MandateTestServer.StartAsync(seed);
        var cookie = await server.SignInCookieAsync("end.user", seed.EndUserPassword);
        using var cancel = new CancellationTokenSource(DeviceEventStreamCheck() + TimeSpan.FromSeconds(15));
        using var request = new HttpRequestMessage(Get, "/device/api/events");
        request.Headers.Add("Cookie", cookie);
        using var stream = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await server.SendWithCookieAsync(HttpMethod.Delete, "/device/api/session", cookie)).StatusCode);

        // The stream reaches its end (ReadToEnd returns) instead of running until the test's deadline cancels it.
        var rest = await new StreamReader(await stream.Content.ReadAsStreamAsync(cancel.Token)).ReadToEndAsync(cancel.Token);
        Assert.DoesNotContain("event: request", rest, StringComparison.Ordinal);
    }

    private static TimeSpan DeviceEventStreamCheck() => Mandate.Server.Endpoints.DeviceEventStream.SessionCheckInterval;

    /// <summary>A client for a process that sends only the cookies a test names.</summary>
    private static HttpClient WithoutCookieJar(MandateServerProcess server) =>
        new(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = server.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    private static async Task<string> SignInCookieAsync(HttpClient client, string username, string password)
    {
        var response = await client.PostAsync("/device/api/session", System.Net.Http.Json.JsonContent.Create(new { username, password }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(response.Headers.GetValues("Set-Cookie")).Split(';')[0];
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string cookie)
    {
        using var request = new HttpRequestMessage(Get, "/device/api/requests");
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static async Task ImportAsync(MandateTestServer server, SeedDocument document)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportAsync(document, CancellationToken.None);
    }

    private static async Task<DateTimeOffset> LastSeenAsync(MandateTestServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MandateDbContext>();
        return (await db.DeviceSessions.AsNoTracking().SingleAsync()).LastSeenAt;
    }
}
