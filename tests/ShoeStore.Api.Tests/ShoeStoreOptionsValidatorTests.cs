namespace ShoeStore.Api.Tests;

public sealed class ShoeStoreOptionsValidatorTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5100/am/oauth2/realms/root/realms/alpha", null, true)]
    [InlineData("https://id.example.com/am/oauth2/realms/root/realms/alpha", null, true)]
    [InlineData("http://id.example.com/am/oauth2/realms/root/realms/alpha", null, false)]
    [InlineData("http://id.example.com/am/oauth2/realms/root/realms/alpha", false, true)]
    [InlineData("", null, false)]
    [InlineData("ftp://id.example.com", null, false)]
    public void Authority_MustBeAnHttpsIssuerOrLoopbackHttp(string authority, bool? requireHttps, bool valid)
    {
        var options = new ShoeStoreOptions { Authority = authority, RequireHttpsMetadata = requireHttps };

        var result = new ShoeStoreOptionsValidator().Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("ShoeStore", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Audience_Empty_IsRefused()
    {
        var options = new ShoeStoreOptions { Authority = "https://id.example.com", Audience = " " };

        Assert.False(new ShoeStoreOptionsValidator().Validate(null, options).Succeeded);
    }
}
