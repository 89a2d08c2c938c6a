using System.Net;
using System.Net.Http.Headers;

namespace Mandate.AI.Tests.Tokens;

public sealed class ScopeChallengeTests
{
    [Fact]
    public void From_A403InsufficientScopeChallenge_ReadsTheScopes()
    {
        using var response = Forbidden(
            "Bearer realm=\"http://127.0.0.1:5200/mcp\", error=\"insufficient_scope\", error_description=\"The access token lacks the 'payment', 'address' scopes, sorry\", scope=\"payment address\", resource_metadata=\"http://127.0.0.1:5200/.well-known/oauth-protected-resource/mcp\"");

        var challenge = ScopeChallenge.From(response);

        Assert.NotNull(challenge);
        Assert.Equal(["payment", "address"], challenge.Scopes);
    }

    [Fact]
    public void From_AnUnquotedScope_IsRead()
    {
        using var response = Forbidden("Bearer error=insufficient_scope, scope=prices");

        Assert.Equal(["prices"], ScopeChallenge.From(response)?.Scopes);
    }

    [Fact]
    public void From_AChallengeWithoutScope_HasNoScopes()
    {
        using var response = Forbidden("Bearer error=\"insufficient_scope\"");

        Assert.Empty(ScopeChallenge.From(response)!.Scopes);
    }

    [Theory]
    [InlineData("Bearer error=\"invalid_token\"")]
    [InlineData("Basic realm=\"store\"")]
    [InlineData("Bearer realm=\"store\"")]
    public void From_AnotherChallenge_IsNone(string header)
    {
        using var response = Forbidden(header);

        Assert.Null(ScopeChallenge.From(response));
    }

    [Fact]
    public void From_A401_IsNone()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Add(AuthenticationHeaderValue.Parse("Bearer error=\"insufficient_scope\", scope=\"payment\""));

        Assert.Null(ScopeChallenge.From(response));
    }

    [Fact]
    public void From_ScopesThatAreNotScopeTokens_AreDropped()
    {
        using var response = Forbidden("Bearer error=\"insufficient_scope\", scope=\"payment bad\\\"quote back\\\\slash " + new string('x', 101) + " payment\"");

        Assert.Equal(["payment"], ScopeChallenge.From(response)?.Scopes);
    }

    [Fact]
    public void From_ManyScopes_KeepsAtMostTwenty()
    {
        using var response = Forbidden("Bearer error=\"insufficient_scope\", scope=\"" + string.Join(' ', Enumerable.Range(0, 50).Select(i => "s" + i)) + "\"");

        Assert.Equal(ScopeChallenge.MaxScopes, ScopeChallenge.From(response)?.Scopes.Count);
    }

    [Theory]
    [InlineData("error=\"insufficient_scope")]
    [InlineData("=value")]
    [InlineData("error")]
    [InlineData(",,,")]
    public void AuthParameters_MalformedInput_EndsTheReadingWithoutThrowing(string text)
    {
        var parameters = AuthParameters.Parse(text);

        Assert.False(parameters.ContainsKey("error"));
    }

    [Fact]
    public void AuthParameters_FirstOfDuplicateNamesWins()
    {
        var parameters = AuthParameters.Parse("error=\"insufficient_scope\", ERROR=\"invalid_token\"");

        Assert.Equal("insufficient_scope", parameters["error"]);
    }

    private static HttpResponseMessage Forbidden(string challenge)
    {
        var response = new HttpResponseMessage(HttpStatusCode.Forbidden);
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", challenge);
        return response;
    }
}
