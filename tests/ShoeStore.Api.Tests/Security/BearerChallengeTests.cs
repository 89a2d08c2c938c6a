using ShoeStore.Api.Security;

namespace ShoeStore.Api.Tests.Security;

public sealed class BearerChallengeTests
{
    [Fact]
    public void NoError_HasOnlyTheRealm()
    {
        Assert.Equal("Bearer realm=\"shoestore-api\"", new BearerChallenge("shoestore-api").ToHeaderValue());
    }

    [Fact]
    public void InsufficientScope_HasErrorDescriptionAndScopeOnce()
    {
        var header = new BearerChallenge("shoestore-api", "insufficient_scope", "Needs payment", "payment").ToHeaderValue();

        Assert.Equal("Bearer realm=\"shoestore-api\", error=\"insufficient_scope\", error_description=\"Needs payment\", scope=\"payment\"", header);
    }

    [Fact]
    public void ForbiddenCharacters_AreDroppedFromQuotedValues()
    {
        var header = new BearerChallenge("r", "invalid_token", "a\"b\\c\u0001d\u00e9e\r\nf").ToHeaderValue();

        Assert.Equal("Bearer realm=\"r\", error=\"invalid_token\", error_description=\"abcdef\"", header);
    }

    [Fact]
    public void Error_CannotCarrySpaces()
    {
        Assert.Contains("error=\"invalid_tokenx\"", new BearerChallenge("r", "invalid_token x").ToHeaderValue(), StringComparison.Ordinal);
    }
}
