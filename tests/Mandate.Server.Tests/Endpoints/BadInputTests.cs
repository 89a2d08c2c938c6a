using System.Text;

namespace Mandate.Server.Tests.Endpoints;

/// <summary>No bad input produces a 5xx: each answer is a 4xx with an OAuth error or a problem document.</summary>
public sealed class BadInputTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly MandateTestServer _server = fixture.Server;
    private readonly TestSeed _seed = fixture.Seed;

    public static TheoryData<string> BadRequestObjects => new()
    {
        "eyJhbGciOiJFUzI1NiJ9.eyJhdWQiOnsiYSI6MX0sImV4cCI6ImxhdGVyIn0.c2ln",
        "eyJhbGciOjV9.e30.c2ln",
        "eyJraWQiOlsiYSJdLCJhbGciOiJFUzI1NiJ9.e30.c2ln",
        "!!!.???.###",
        "e30.e30.e30.e30.e30.e30",
        "eyJhbGciOiJFUzI1NiJ9.W10.c2ln",
        new string('A', 20000),
    };

    [Theory]
    [MemberData(nameof(BadRequestObjects))]
    public async Task MalformedRequestObject_Is400(string request)
    {
        var response = await _server.BcAuthorizeAsync(_seed.Agent, ("request", request));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("Basic !!!notbase64")]
    [InlineData("Basic Og==")]
    [InlineData("Basic JXp6OiV6eg==")]
    [InlineData("Bearer x")]
    public async Task MalformedAuthorizationHeader_Is4xx(string header)
    {
        foreach (var url in new[] { MandateTestServer.BcEndpoint, MandateTestServer.TokenEndpoint })
        {
            var message = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", "openid"), new("login_hint", "end.user")]),
            };
            message.Headers.TryAddWithoutValidation("Authorization", header);
            var status = (int)(await _server.Client.SendAsync(message)).StatusCode;
            Assert.InRange(status, 400, 499);
        }
    }

    [Theory]
    [InlineData("authorization_details", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")]
    [InlineData("authorization_details", "{\"type\":")]
    [InlineData("requested_expiry", "99999999999999999999")]
    [InlineData("login_hint", "%00%FF")]
    [InlineData("scope", "openid\u0000payment")]
    public async Task OddParameterValues_Are400(string name, string value)
    {
        var response = await _server.BcAuthorizeAsync(_seed.Plain, ("scope", "openid"), ("login_hint", "end.user"), (name, value));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{\"username\":5,\"password\":[]}")]
    [InlineData("")]
    public async Task MalformedSignInBody_Is4xx(string body)
    {
        using var device = _server.CreateCookieClient();
        var response = await device.PostAsync("/device/api/session", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task OverlongRequestId_Is404()
    {
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        var response = await device.PostAsync("/device/api/requests/" + new string('x', 5000) + "/approve", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task UserInfo_WithACibaTokenForOpenIdProfileEmailAddress_ReturnsTheUsersClaims()
    {
        var response = await _server.BcAuthorizeAsync(_seed.Plain, ("scope", "openid profile email address"), ("login_hint", "end.user"));
        var id = (await response.ReadJsonAsync()).GetProperty("auth_req_id").GetString()!;
        await _server.ApproveAsync(_seed, id);
        var token = (await (await _server.PollAsync(_seed.Plain, id)).ReadJsonAsync()).GetProperty("access_token").GetString();
        var request = new HttpRequestMessage(HttpMethod.Get, MandateTestServer.Issuer + "/userinfo");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var userinfo = await _server.Client.SendAsync(request);
        var claims = await userinfo.ReadJsonAsync();
        Assert.True(userinfo.StatusCode == HttpStatusCode.OK, claims.ToString());
        Assert.Equal(TestSeed.EndUserSubject, claims.GetProperty("sub").GetString());
        Assert.Equal("End User", claims.GetProperty("name").GetString());
        Assert.Equal("end.user@example.com", claims.GetProperty("email").GetString());
    }
}
