using ShoeStore.Api.Security;

namespace ShoeStore.Api.Tests.Security;

public sealed class StoreAccessRuleTests
{
    private static AccessTokenClaims Token(string subject, string? actor, params string[] scopes) => new()
    {
        Subject = subject, ClientId = "ai-agent", TokenId = "t", Actor = actor, Scopes = scopes.ToHashSet(),
    };

    [Fact]
    public void MissingScope_IsDeniedNamingTheScope()
    {
        var decision = new StoreAccessRule("prices", RequiresUser: false).Evaluate(Token("ai-agent", null, "payment"));

        Assert.False(decision.IsAllowed);
        Assert.Equal("prices", decision.Scope);
    }

    [Fact]
    public void ClientCredentials_WithScope_IsAllowedWhereNoUserIsNeeded()
    {
        Assert.True(new StoreAccessRule("prices", RequiresUser: false).Evaluate(Token("ai-agent", null, "prices")).IsAllowed);
    }

    [Fact]
    public void ClientCredentials_WhereAUserIsNeeded_IsDeniedSayingApprovalIsNeeded()
    {
        var decision = new StoreAccessRule("address", RequiresUser: true).Evaluate(Token("ai-agent", null, "address"));

        Assert.False(decision.IsAllowed);
        Assert.Equal("address", decision.Scope);
        Assert.Contains("approval", decision.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void DelegatedUser_WithScope_IsAllowed()
    {
        Assert.True(new StoreAccessRule("payment", RequiresUser: true).Evaluate(Token("user-1", "ai-agent", "payment")).IsAllowed);
    }
}
