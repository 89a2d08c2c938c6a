namespace Mandate.Server.Tests.Endpoints;

/// <summary>
/// RO-09 and RO-12 with <c>Mandate:Ciba:RequireJtiAndNbf</c> = true: the strict CIBA Core §7.1.1 rule, where a request
/// object without <c>nbf</c> or <c>jti</c> is 400 <c>invalid_request</c>.
/// </summary>
public sealed class StrictRequestObjectTests(StrictRequestObjectTests.StrictServerFixture fixture) : IClassFixture<StrictRequestObjectTests.StrictServerFixture>
{
    /// <summary>A server on SQLite with the strict rule switched on through configuration.</summary>
    public sealed class StrictServerFixture : ServerFixture
    {
        public override async Task InitializeAsync() =>
            Server = await MandateTestServer.StartAsync(Seed, settings: new() { ["Mandate:Ciba:RequireJtiAndNbf"] = "true" });
    }

    private readonly MandateTestServer _server = fixture.Server;
    private readonly TestClient _agent = fixture.Seed.Agent;

    private Task<HttpResponseMessage> SendWithout(string claim)
    {
        var claims = OAuthCalls.RequestObjectClaims(_agent, _server.Time.GetUtcNow());
        claims.Remove(claim);
        return _server.SignedBcAuthorizeAsync(_agent, claims);
    }

    [Fact]
    public async Task RO_09_NoNbf_WhenRequired_IsRejected() =>
        await (await SendWithout("nbf")).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");

    [Fact]
    public async Task RO_12_NoJti_WhenRequired_IsRejected() =>
        await (await SendWithout("jti")).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");

    [Fact]
    public async Task WithJtiAndNbf_IsAccepted() =>
        Assert.Equal(HttpStatusCode.OK, (await SendWithout("no-such-claim")).StatusCode);
}
