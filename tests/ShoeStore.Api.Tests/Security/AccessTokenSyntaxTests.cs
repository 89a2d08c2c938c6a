using ShoeStore.Api.Security;

namespace ShoeStore.Api.Tests.Security;

public sealed class AccessTokenSyntaxTests
{
    [Theory]
    [InlineData("eyJh.eyJz.c2ln", true)]
    [InlineData("eyJh.eyJz.", true)]
    [InlineData("eyJh.eyJz", false)]
    [InlineData("eyJh..c2ln", false)]
    [InlineData("eyJh.eyJz.c2ln=", false)]
    [InlineData("eyJh.eyJz.c2l+", false)]
    [InlineData("eyJh.eyJz.c2l/", false)]
    [InlineData("a.b.c.d.e", false)]
    [InlineData("", false)]
    public void Problem_AcceptsCompactJwsOnly(string token, bool valid)
    {
        Assert.Equal(valid, AccessTokenSyntax.Problem(token) is null);
    }

    [Fact]
    public void Problem_FiveSegments_SaysEncrypted()
    {
        Assert.Contains("encrypted", AccessTokenSyntax.Problem("a.b.c.d.e"), StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_OverMaxLength_IsMalformed()
    {
        Assert.NotNull(AccessTokenSyntax.Problem("a.b." + new string('c', AccessTokenSyntax.MaxLength)));
    }
}
