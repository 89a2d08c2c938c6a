using Microsoft.Extensions.Options;

namespace Mandate.Server.Tests.Endpoints;

/// <summary>Bad configuration fails at start-up with a message that names the setting.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Mandate:CibaIntervalSeconds", "0", "CibaIntervalSeconds")]
    [InlineData("Mandate:Issuer", "http://id.example.com/realm", "AllowInsecureHttp")]
    [InlineData("Mandate:SigningKeyRotationDays", "-1", "SigningKeyRotationDays")]
    [InlineData("Mandate:SigningKeyPublishAheadSeconds", "30", "SigningKeyRefreshSeconds")]
    [InlineData("Mandate:SigningKeyRetentionSeconds", "3600", "IdTokenHintGraceSeconds")]
    [InlineData("Mandate:Spending:Currency", "usd", "Spending:Currency")]
    [InlineData("Mandate:Spending:DefaultLimit", "20000", "Spending:DefaultLimit")]
    [InlineData("Mandate:Spending:MaxLimit", "0", "Spending:MaxLimit")]
    public async Task InvalidSetting_FailsAtStartupNamingIt(string key, string value, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => MandateTestServer.StartAsync(new TestSeed(), settings: new() { [key] = value }));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedWithAPingClientOnAPrivateAddress_FailsAtStartup()
    {
        var seed = new TestSeed { PingEndpoint = "https://10.0.0.8/cb" };
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MandateTestServer.StartAsync(seed, settings: new() { ["Mandate:AllowInsecureHttp"] = "false", ["Mandate:Issuer"] = "https://localhost/am/oauth2/realms/root/realms/alpha" }));
        Assert.Contains("ping-agent", error.Message, StringComparison.Ordinal);
    }
}
