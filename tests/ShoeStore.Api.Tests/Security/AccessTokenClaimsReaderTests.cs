using System.Text.Json;
using ShoeStore.Api.Security;

namespace ShoeStore.Api.Tests.Security;

public sealed class AccessTokenClaimsReaderTests
{
    private const string Ciba = """
        {"iss":"x","sub":"user-1","aud":"shoestore-api","exp":2,"iat":1,"jti":"t-1","client_id":"ai-agent",
         "scope":"prices address","act":{"sub":"ai-agent"},
         "authorization_details":[{"type":"shoe_purchase"}]}
        """;

    [Fact]
    public void Read_CibaToken_IsDelegatedUserWithAgentScopesAndDetails()
    {
        var claims = Read(Ciba, out var problem)!;

        Assert.Null(problem);
        Assert.Equal("user-1", claims.Subject);
        Assert.Equal("ai-agent", claims.AgentClientId);
        Assert.True(claims.IsDelegatedUser);
        Assert.Equal(["address", "prices"], claims.Scopes.Order());
        Assert.Equal(JsonValueKind.Array, claims.AuthorizationDetails!.Value.ValueKind);
    }

    [Fact]
    public void Read_ClientCredentialsToken_IsNotAUser()
    {
        var claims = Read("""{"sub":"ai-agent","iat":1,"jti":"t","client_id":"ai-agent","scope":"prices"}""", out _)!;

        Assert.False(claims.IsDelegatedUser);
        Assert.Equal("ai-agent", claims.AgentClientId);
    }

    [Theory]
    [InlineData("""{"sub":"user-1","iat":1,"jti":"t","client_id":"ai-agent"}""", false)]
    [InlineData("""{"sub":"user-1","iat":1,"jti":"t","client_id":"ai-agent","act":{"sub":"other"}}""", false)]
    [InlineData("""{"sub":"ai-agent","iat":1,"jti":"t","client_id":"ai-agent","act":{"sub":"ai-agent"}}""", false)]
    [InlineData("""{"sub":"user-1","iat":1,"jti":"t","client_id":"ai-agent","grant_type":"client_credentials"}""", false)]
    [InlineData("""{"sub":"user-1","iat":1,"jti":"t","client_id":"ai-agent","grant_type":"urn:openid:params:grant-type:ciba"}""", true)]
    public void IsDelegatedUser_NeedsActorOrCibaMarker(string payload, bool user)
    {
        Assert.Equal(user, Read(payload, out _)!.IsDelegatedUser);
    }

    [Theory]
    [InlineData("""{"iat":1,"jti":"t","client_id":"c"}""")]
    [InlineData("""{"sub":"s","jti":"t","client_id":"c"}""")]
    [InlineData("""{"sub":"s","iat":"1","jti":"t","client_id":"c"}""")]
    [InlineData("""{"sub":"s","iat":1,"client_id":"c"}""")]
    [InlineData("""{"sub":"s","iat":1,"jti":"t"}""")]
    [InlineData("""{"sub":"s","iat":1,"jti":"t","client_id":"c","act":"c"}""")]
    [InlineData("""{"sub":"s","iat":1,"jti":"t","client_id":"c","act":{}}""")]
    [InlineData("""{"sub":"s","iat":1,"jti":"t","client_id":"c","scope":42}""")]
    [InlineData("""{"sub":"s","iat":1,"jti":"t","client_id":"c","scope":["a",1]}""")]
    [InlineData("""{"sub":"s","iat":1,"jti":"t","client_id":"c","authorization_details":{"type":"x"}}""")]
    [InlineData("""{"sub":"s","iat":1,"jti":"t","client_id":"c","cnf":{"jkt":"x"}}""")]
    [InlineData("""[]""")]
    public void Read_MissingOrMalformedClaims_GivesAProblem(string payload)
    {
        Assert.Null(Read(payload, out var problem));
        Assert.NotNull(problem);
    }

    private static AccessTokenClaims? Read(string json, out string? problem) =>
        AccessTokenClaimsReader.Read(JsonDocument.Parse(json).RootElement, out problem);
}
