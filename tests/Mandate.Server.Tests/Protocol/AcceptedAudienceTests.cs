using Mandate.Server.Configuration;
using Mandate.Server.Endpoints;

namespace Mandate.Server.Tests.Protocol;

/// <summary>A request object's aud may be the issuer (with or without the default port) or an endpoint URL.</summary>
public sealed class AcceptedAudienceTests
{
    [Theory]
    [InlineData("https://id.example.com/am/oauth2/realms/root/realms/alpha")]
    [InlineData("https://id.example.com:443/am/oauth2/realms/root/realms/alpha")]
    [InlineData("https://id.example.com/am/oauth2/realms/root/realms/alpha/access_token")]
    [InlineData("https://id.example.com/am/oauth2/realms/root/realms/alpha/bc-authorize")]
    public void IssuerVariantsAndEndpoints_AreAccepted(string audience)
    {
        var options = new MandateServerOptions { Issuer = new Uri("https://id.example.com/am/oauth2/realms/root/realms/alpha") };
        Assert.Contains(audience, BackchannelAuthenticationHandler.Limits(options).RequestObjects.AcceptedAudiences);
    }

    [Theory]
    [InlineData("https://id.example.com")]
    [InlineData("https://ID.example.com/am/oauth2/realms/root/realms/alpha/other")]
    [InlineData("http://id.example.com/am/oauth2/realms/root/realms/alpha")]
    public void OtherValues_AreNotAccepted(string audience)
    {
        var options = new MandateServerOptions { Issuer = new Uri("https://id.example.com/am/oauth2/realms/root/realms/alpha") };
        Assert.DoesNotContain(audience, BackchannelAuthenticationHandler.Limits(options).RequestObjects.AcceptedAudiences);
    }
}
