using Mandate.Client.Configuration;
using Mandate.Client.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mandate.Client.Tests.Configuration;

public sealed class MandateClientOptionsValidatorTests
{
    private const string Secret = "do-not-echo-this-secret";

    private static MandateClientOptions Valid() => new()
    {
        ClientId = "ai-agent",
        ClientSecret = Secret,
        TokenEndpoint = "https://op.example/access_token",
        BackchannelAuthenticationEndpoint = "https://op.example/bc-authorize",
        RequestObjectAudience = "https://op.example",
        SigningJwk = TestKeys.EcP256().PrivateJwk,
    };

    private static string Failure(MandateClientOptions options)
    {
        var result = new MandateClientOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.DoesNotContain(Secret, result.FailureMessage, StringComparison.Ordinal);
        return result.FailureMessage;
    }

    [Fact]
    public void Validate_TutorialSettings_Succeed()
    {
        Assert.True(new MandateClientOptionsValidator().Validate(null, Valid()).Succeeded);
    }

    [Fact]
    public void Validate_MissingClientId_NamesPingOneClientId()
    {
        var options = Valid();
        options.ClientId = null;

        Assert.Contains("PINGONE_CLIENT_ID (Mandate:Client:ClientId) is missing", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoTokenEndpointAndNoIssuer_NamesPingOneTokenEndpoint()
    {
        var options = Valid();
        options.TokenEndpoint = null;

        Assert.Contains("PINGONE_TOKEN_ENDPOINT", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_IssuerInsteadOfEndpoints_Succeeds()
    {
        var options = Valid();
        options.TokenEndpoint = null;
        options.BackchannelAuthenticationEndpoint = null;
        options.RequestObjectAudience = null;
        options.Issuer = "https://op.example";

        Assert.True(new MandateClientOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_BasicWithoutSecret_NamesPingOneClientSecret()
    {
        var options = Valid();
        options.ClientSecret = null;
        options.TokenEndpointAuthMethod = "client_secret_basic";

        Assert.Contains("PINGONE_CLIENT_SECRET", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MalformedJwk_NamesPingOneCibaJwkWithoutEchoingIt()
    {
        var keys = TestKeys.EcP256();
        var options = Valid();
        options.SigningJwk = keys.PrivateJwk[..^3];

        var message = Failure(options);

        Assert.Contains("PINGONE_CIBA_JWK (Mandate:Client:SigningJwk) is not valid JSON", message, StringComparison.Ordinal);
        Assert.DoesNotContain(keys.PrivateD[..8], message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CibaEndpointWithoutJwk_NamesPingOneCibaJwk()
    {
        var options = Valid();
        options.SigningJwk = null;

        Assert.Contains("PINGONE_CIBA_JWK", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CibaIssuerOtherThanClientId_IsRefused()
    {
        var options = Valid();
        options.RequestObjectIssuer = "someone-else";

        Assert.Contains("PINGONE_CIBA_ISSUER", Failure(options), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://op.example/token")]
    [InlineData("http://op.example/token")]
    public void Validate_BadOrPlainHttpTokenEndpoint_NamesIt(string url)
    {
        var options = Valid();
        options.TokenEndpoint = url;

        Assert.Contains("PINGONE_TOKEN_ENDPOINT", Failure(options), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5100/access_token")]
    [InlineData("http://localhost:5100/access_token")]
    [InlineData("http://[::1]:5100/access_token")]
    public void Validate_PlainHttpOnLoopback_IsAllowed(string url)
    {
        var options = Valid();
        options.TokenEndpoint = url;

        Assert.True(new MandateClientOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_RequestObjectLifetimeOverTenMinutes_IsRefused()
    {
        var options = Valid();
        options.RequestObjectLifetime = TimeSpan.FromMinutes(11);

        Assert.Contains("RequestObjectLifetime", Failure(options), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("push")]
    [InlineData("POLL")]
    public void Validate_UnsupportedDeliveryMode_IsRefused(string mode)
    {
        var options = Valid();
        options.BackchannelTokenDeliveryMode = mode;

        Assert.Contains("BackchannelTokenDeliveryMode", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownAuthMethod_ListsTheSupportedOnes()
    {
        var options = Valid();
        options.TokenEndpointAuthMethod = "tls_client_auth";

        Assert.Contains("client_secret_basic, client_secret_post, private_key_jwt", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateOnStart_HostWithMissingSettings_FailsAtStartNamingTheVariable()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddMandateClient(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PINGONE_TOKEN_ENDPOINT"] = "https://op.example/access_token",
            ["PINGONE_CLIENT_SECRET"] = Secret,
        }).Build());
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PINGONE_CLIENT_ID", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }
}
