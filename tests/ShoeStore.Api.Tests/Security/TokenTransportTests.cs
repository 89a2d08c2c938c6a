using System.Net;
using System.Net.Http.Headers;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Security;

/// <summary>Checklist 4.6, RS-01 … RS-05: how the token reaches the API (RFC 6750 §2–3).</summary>
public abstract class TokenTransportTests(StoreApiFactory api)
{
    public sealed class OnSqlite(SqliteStoreApiFactory api) : TokenTransportTests(api), IClassFixture<SqliteStoreApiFactory>;

    [RequiresPostgreSql]
    public sealed class OnPostgreSql(PostgreSqlStoreApiFactory api) : TokenTransportTests(api), IClassFixture<PostgreSqlStoreApiFactory>;

    [DatabaseFact]
    public async Task RS_01_NoAuthorizationHeader_Gets401WithRealmAndNoError()
    {
        var response = await api.GetAsync("/deals");

        var challenge = Expect.NoTokenChallenge(response);
        Assert.Equal("realm=\"shoestore-api\"", challenge.Raw);
        await Expect.ProblemAsync(response, 401);
    }

    [DatabaseTheory]
    [InlineData("Basic", "YWktYWdlbnQ6c2VjcmV0")]
    [InlineData("Digest", "username=\"ai-agent\"")]
    [InlineData("DPoP", "eyJhbGciOiJFUzI1NiJ9.e30.sig")]
    public async Task RS_02_UnsupportedScheme_Gets401BearerChallengeWithoutError(string scheme, string parameter)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/deals");
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, parameter);

        var response = await api.SendAsync(request, token: null);

        Expect.NoTokenChallenge(response);
    }

    [DatabaseFact]
    public async Task RS_03_TokenInHeaderAndQuery_Gets400InvalidRequest()
    {
        var token = api.Token().Build();

        var response = await api.GetAsync($"/deals?access_token={token}", token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", BearerChallengeHeader.From(response)["error"]);
        await Expect.ProblemAsync(response, 400);
    }

    [DatabaseFact]
    public async Task RS_03_TokenInHeaderAndFormBody_Gets400InvalidRequest()
    {
        var token = api.Token().Build();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders")
        {
            Content = new FormUrlEncodedContent([new("access_token", token)]),
        };

        var response = await api.SendAsync(request, token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", BearerChallengeHeader.From(response)["error"]);
    }

    [DatabaseFact]
    public async Task RS_03_TwoAuthorizationHeaders_Gets400InvalidRequest()
    {
        var token = api.Token().Build();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/deals");
        request.Headers.TryAddWithoutValidation("Authorization", ["Bearer " + token, "Bearer " + token]);

        var response = await api.SendAsync(request, token: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [DatabaseFact]
    public async Task RS_04_TokenOnlyInQuery_IsNotRead_Gets401WithoutError()
    {
        var token = api.Token().Build();

        var response = await api.GetAsync($"/deals?access_token={token}");

        Expect.NoTokenChallenge(response);
    }

    [DatabaseTheory]
    [InlineData("not a token")]
    [InlineData("abc.def")]
    [InlineData("a.b.c.d")]
    [InlineData("{\"alg\":\"none\"}.e30.")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.sig!")]
    [InlineData(".e30.sig")]
    public async Task RS_05_MalformedBearerValue_Gets401InvalidToken(string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/deals");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + value);

        var response = await api.SendAsync(request, token: null);

        await Expect.InvalidTokenAsync(response);
    }

    [DatabaseFact]
    public async Task ValidToken_InAuthorizationHeader_IsAccepted()
    {
        var response = await api.GetAsync("/deals", api.Token().Build());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
