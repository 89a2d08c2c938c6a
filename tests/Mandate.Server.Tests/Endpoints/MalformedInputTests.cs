using System.Net.Http.Headers;
using System.Text;

namespace Mandate.Server.Tests.Endpoints;

/// <summary>
/// Malformed input against a real server on a loopback port: the OAuth endpoints answer 400 (or 413)
/// <c>invalid_request</c> (RFC 6749 §5.2), the device API answers a 4xx; never a 5xx, never an error in the log, and
/// the server still serves a valid request afterwards.
/// </summary>
public sealed class MalformedInputTests(LoopbackServerFixture fixture) : IClassFixture<LoopbackServerFixture>
{
    private const string IssuerPath = "/am/oauth2/realms/root/realms/alpha/";
    private const string Form = "application/x-www-form-urlencoded";

    /// <summary>The OAuth endpoints under the issuer.</summary>
    private static readonly string[] OAuthPaths =
        [.. new[] { "access_token", "bc-authorize", "introspect", "userinfo", "token/revoke" }.Select(p => IssuerPath + p)];

    private static readonly string[] DevicePaths =
    [
        "/device/api/session", "/device/api/requests", "/device/api/history", "/device/api/requests/x/approve",
        "/device/api/requests/x/deny",
    ];

    public static TheoryData<string> FormEndpoints => new() { "access_token", "introspect", "userinfo", "token/revoke" };

    [Theory]
    [MemberData(nameof(FormEndpoints))]
    public Task NulInAValue_Is400InvalidRequest(string endpoint) =>
        AssertInvalidRequestAsync(endpoint, "grant_type=urn:openid:params:grant-type:ciba&auth_req_id=%00", 400);

    [Theory]
    [MemberData(nameof(FormEndpoints))]
    public Task KeyOver2048Characters_Is400InvalidRequest(string endpoint) =>
        AssertInvalidRequestAsync(endpoint, new string('k', 2049) + "=1", 400);

    [Theory]
    [MemberData(nameof(FormEndpoints))]
    public Task Over1024Fields_Is400InvalidRequest(string endpoint) =>
        AssertInvalidRequestAsync(endpoint, string.Join('&', Enumerable.Range(0, 1025).Select(i => "k" + i + "=1")), 400);

    [Theory]
    [MemberData(nameof(FormEndpoints))]
    public Task ValueOver4MiB_Is400InvalidRequest(string endpoint) =>
        AssertInvalidRequestAsync(endpoint, "token=" + new string('x', (4 * 1024 * 1024) + 1), 400);

    [Theory]
    [MemberData(nameof(FormEndpoints))]
    public Task FormContentTypeThatDoesNotParse_Is400InvalidRequest(string endpoint) =>
        AssertInvalidRequestAsync(endpoint, "grant_type=client_credentials", 400, Form + "; charset=\"");

    [Fact]
    public async Task BodyOverTheServersLimit_AtTheTokenEndpoint_Is413InvalidRequest()
    {
        var logged = fixture.Server.Logs.Messages.Count;
        using var request = new HttpRequestMessage(HttpMethod.Post, IssuerPath + "access_token") { Content = new ZeroContent(30_000_001, Form) };
        request.Headers.ExpectContinue = true;
        using var response = await fixture.Http.SendAsync(request);

        await response.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "invalid_request");
        Assert.Empty(ErrorLines(fixture.Server.Logs.Messages.Skip(logged)));
    }

    [Fact]
    public async Task BodyOverTheServersLimit_AtDeviceSignIn_Is413Problem()
    {
        var logged = fixture.Server.Logs.Messages.Count;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/device/api/session") { Content = new ZeroContent(30_000_001, "application/json") };
        request.Headers.ExpectContinue = true;
        using var response = await fixture.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(ErrorLines(fixture.Server.Logs.Messages.Skip(logged)));
    }

    [Fact]
    public async Task JsonInACharsetThatDoesNotExist_AtDeviceSignIn_Is415Problem()
    {
        var logged = fixture.Server.Logs.Messages.Count;
        using var content = new ByteArrayContent("{\"username\":\"end.user\",\"password\":\"x\"}"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=foo");
        using var response = await fixture.Http.PostAsync("/device/api/session", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(ErrorLines(fixture.Server.Logs.Messages.Skip(logged)));
    }

    [Fact]
    public async Task WrongMethod_OnTheDeviceApi_Is405Problem()
    {
        using var response = await fixture.Http.PutAsync("/device/api/requests", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GeneratedCorpus_OnEveryEndpoint_GetsNo5xxAndNoErrorLog_AndTheServerStillIssuesTokens()
    {
        var logged = fixture.Server.Logs.Messages.Count;
        var session = await SignInAsync();
        var corpus = MalformedCorpus.Generate(seed: 13, count: 400, [.. OAuthPaths, .. DevicePaths]);
        var failures = new List<string>();
        foreach (var item in corpus)
        {
            using var request = new HttpRequestMessage(new HttpMethod(item.Method), item.Path);
            if (item.Body.Length > 0 || item.ContentType is not null)
            {
                request.Content = new ByteArrayContent(item.Body);
                if (item.ContentType is not null)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", item.ContentType);
                }
            }

            if (item.Authenticated)
            {
                // Valid credentials take a request past client authentication or into the signed-in device API.
                request.Headers.TryAddWithoutValidation(item.Path.StartsWith("/device", StringComparison.Ordinal) ? "Cookie" : "Authorization",
                    item.Path.StartsWith("/device", StringComparison.Ordinal) ? session : fixture.Seed.Plain.BasicHeader());
            }

            using var response = await fixture.Http.SendAsync(request);
            // Most answers are 4xx; a random combination can happen to be valid (introspection of an unknown token is
            // 200 {"active": false}), so the rule is only: never a 5xx.
            if ((int)response.StatusCode >= 500)
            {
                failures.Add((int)response.StatusCode + " for " + item.Name);
            }
            else if ((int)response.StatusCode >= 400 && await ErrorShapeProblemAsync(item, response) is { } problem)
            {
                failures.Add((int)response.StatusCode + " " + problem + " for " + item.Name);
            }
        }

        foreach (var (name, raw, mayGoUnanswered) in FramingCases())
        {
            var status = await RawHttp.SendAsync(new Uri(fixture.Server.BaseUrl), raw, closeSending: mayGoUnanswered);
            if (status >= 500 || (status < 400 && !(status == 0 && mayGoUnanswered)))
            {
                failures.Add(status + " for " + name);
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Empty(ErrorLines(fixture.Server.Logs.Messages.Skip(logged)));
        using var token = await fixture.Http.PostFormAsync(IssuerPath + "access_token",
            [KeyValuePair.Create("grant_type", "client_credentials"), KeyValuePair.Create("scope", "prices")], fixture.Seed.Plain);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.True((await token.ReadJsonAsync()).TryGetProperty("access_token", out _));
    }

    /// <summary>
    /// What is wrong with a 4xx answer's shape, or null: the device API answers RFC 9457 problems, the OAuth endpoints
    /// a JSON <c>error</c> (RFC 6749 §5.2), except userinfo, which may answer with a Bearer challenge alone
    /// (RFC 6750 §3; without a token, §3.1 asks for no error code).
    /// </summary>
    private static async Task<string?> ErrorShapeProblemAsync(MalformedCase item, HttpResponseMessage response)
    {
        var path = item.Path.Split('?')[0];
        if (path.StartsWith("/device", StringComparison.Ordinal))
        {
            return response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? null : "without a problem body";
        }

        if (path.EndsWith("/userinfo", StringComparison.Ordinal) && response.Headers.WwwAuthenticate.Any(c => c.Scheme == "Bearer"))
        {
            return null;
        }

        return await response.ErrorAsync() is { Length: > 0 } ? null : "without an OAuth error";
    }

    /// <summary>Log lines at Error or Critical, and any that report an unhandled exception.</summary>
    private static List<string> ErrorLines(IEnumerable<string> lines) =>
        [.. lines.Where(l => l.Split(' ', 4) is [_, _, "Error" or "Critical", ..] || l.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase))];

    /// <summary>Framing errors only a raw socket sends. A body cut short ends with the client closing its side, which
    /// Kestrel may take as the client going away (no answer at all); it must still not log an error.</summary>
    private static IEnumerable<(string Name, string Raw, bool MayGoUnanswered)> FramingCases()
    {
        foreach (var path in OAuthPaths.Append("/device/api/session"))
        {
            var type = path.StartsWith("/device", StringComparison.Ordinal) ? "application/json" : Form;
            var head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type + "\r\nConnection: close\r\n";
            yield return (path + " bad chunk size", head + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", false);
            yield return (path + " body shorter than Content-Length", head + "Content-Length: 100\r\n\r\ngrant_type=client", true);
        }
    }

    private async Task AssertInvalidRequestAsync(string endpoint, string body, int status, string contentType = Form)
    {
        var logged = fixture.Server.Logs.Messages.Count;
        using var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await fixture.Http.PostAsync(IssuerPath + endpoint, content);

        await response.AssertErrorAsync((HttpStatusCode)status, "invalid_request");
        Assert.Empty(ErrorLines(fixture.Server.Logs.Messages.Skip(logged)));
        if (endpoint == "userinfo")
        {
            Assert.Equal("Bearer error=\"invalid_request\"", response.Headers.WwwAuthenticate.ToString());
        }
    }

    /// <summary>Signs <c>end.user</c> in on the device API and returns the session cookie as a Cookie header value.</summary>
    private async Task<string> SignInAsync()
    {
        using var response = await fixture.Http.PostJsonAsync("/device/api/session", new { username = "end.user", password = fixture.Seed.EndUserPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    /// <summary>A body of zero bytes of a given length, produced only if the server asks for it (100-continue).</summary>
    private sealed class ZeroContent : HttpContent
    {
        private readonly long _length;

        public ZeroContent(long length, string contentType)
        {
            _length = length;
            Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[64 * 1024];
            for (var left = _length; left > 0; left -= chunk.Length)
            {
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return true;
        }
    }
}
