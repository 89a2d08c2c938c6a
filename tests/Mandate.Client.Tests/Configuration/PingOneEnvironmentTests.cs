using Mandate.Client.Configuration;
using Mandate.Client.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mandate.Client.Tests.Configuration;

public sealed class PingOneEnvironmentTests
{
    private static IConfiguration Config(IDictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static Dictionary<string, string?> TutorialVariables(string jwk, string secret) => new()
    {
        ["PINGONE_TOKEN_ENDPOINT"] = "https://tenant.example/am/oauth2/realms/root/realms/alpha/access_token",
        ["PINGONE_CLIENT_ID"] = "ai-agent",
        ["PINGONE_CLIENT_SECRET"] = secret,
        ["PINGONE_CIBA_ENDPOINT"] = "https://tenant.example/am/oauth2/realms/root/realms/alpha/bc-authorize",
        ["PINGONE_CIBA_AUDIENCE"] = "https://tenant.example/am/oauth2/realms/root/realms/alpha",
        ["PINGONE_CIBA_ISSUER"] = "ai-agent",
        ["PINGONE_CIBA_ACR_VALUES"] = "push",
        ["PINGONE_CIBA_JWK"] = jwk,
    };

    [Fact]
    public void Apply_ReadsEveryTutorialVariable()
    {
        var jwk = TestKeys.EcP256().PrivateJwk;
        var options = new MandateClientOptions();

        PingOneEnvironment.Apply(Config(TutorialVariables(jwk, "s3")), options);

        Assert.Equal("https://tenant.example/am/oauth2/realms/root/realms/alpha/access_token", options.TokenEndpoint);
        Assert.Equal("ai-agent", options.ClientId);
        Assert.Equal("s3", options.ClientSecret);
        Assert.Equal("https://tenant.example/am/oauth2/realms/root/realms/alpha/bc-authorize", options.BackchannelAuthenticationEndpoint);
        Assert.Equal("https://tenant.example/am/oauth2/realms/root/realms/alpha", options.RequestObjectAudience);
        Assert.Equal("ai-agent", options.RequestObjectIssuer);
        Assert.Equal("push", options.AcrValues);
        Assert.Equal(jwk, options.SigningJwk);
    }

    [Fact]
    public void Apply_JwkInSingleQuotesAsInADotEnvFile_IsUnquoted()
    {
        var jwk = TestKeys.EcP256().PrivateJwk;
        var options = new MandateClientOptions();

        PingOneEnvironment.Apply(Config(new Dictionary<string, string?> { ["PINGONE_CIBA_JWK"] = $"'{jwk}'" }), options);

        Assert.Equal(jwk, options.SigningJwk);
    }

    [Fact]
    public void Apply_EmptyVariable_LeavesTheSettingUnset()
    {
        var options = new MandateClientOptions { ClientId = "kept" };

        PingOneEnvironment.Apply(Config(new Dictionary<string, string?> { ["PINGONE_CLIENT_ID"] = "  " }), options);

        Assert.Equal("kept", options.ClientId);
    }

    [Fact]
    public async Task AddMandateClient_FromConfiguration_TutorialVariablesGiveAValidClient_AndTheSectionWins()
    {
        var values = TutorialVariables($"'{TestKeys.EcP256().PrivateJwk}'", "s3");
        values["Mandate:Client:AcrValues"] = "mfa";
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMandateClient(Config(values));
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<MandateClientOptions>>().Value;

        Assert.Equal("mfa", options.AcrValues);
        Assert.StartsWith("{", options.SigningJwk, StringComparison.Ordinal);
        Assert.Equal("ai-agent", options.ClientId);
    }
}
