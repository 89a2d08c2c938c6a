using Mandate.Server.Configuration;
using Mandate.Server.Tokens;

namespace Mandate.Server.Tests.Protocol;

/// <summary>The aud of a client assertion or request object may be the issuer (with a trailing slash, with or without the
/// default port) or the token or backchannel endpoint URL: one set for both.</summary>
public sealed class AcceptedAudienceTests
{
    [Theory]
    [InlineData("https://id.example.com/am/oauth2/realms/root/realms/alpha")]
    [InlineData("https://id.example.com:443/am/oauth2/realms/root/realms/alpha")]
    [InlineData("https://id.example.com/am/oauth2/realms/root/realms/alpha/")]
    [InlineData("https://id.example.com/am/oauth2/realms/root/realms/alpha/access_token")]
    [InlineData("https://id.example.com/am/oauth2/realms/root/realms/alpha/bc-authorize")]
    public void IssuerVariantsAndEndpoints_AreAccepted(string audience)
    {
        var options = new MandateServerOptions { Issuer = new Uri("https://id.example.com/am/oauth2/realms/root/realms/alpha") };
        Assert.Contains(audience, JwtValidation.AcceptedAudiences(options));
    }

    [Theory]
    [InlineData("https://id.example.com")]
    [InlineData("https://ID.example.com/am/oauth2/realms/root/realms/alpha/other")]
    [InlineData("http://id.example.com/am/oauth2/realms/root/realms/alpha")]
    public void OtherValues_AreNotAccepted(string audience)
    {
        var options = new MandateServerOptions { Issuer = new Uri("https://id.example.com/am/oauth2/realms/root/realms/alpha") };
        Assert.DoesNotContain(audience, JwtValidation.AcceptedAudiences(options));
    }
}
