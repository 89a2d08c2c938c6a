using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShoeStore.Agent.Chat;
using ShoeStore.Agent.Configuration;
using ShoeStore.Agent.Tests.Terminal;

namespace ShoeStore.Agent.Tests.Chat;

/// <summary>The one start-up check that ShoeStore.Agent and the demo run before the agent's first message.</summary>
public sealed class AgentStartupTests
{
    private const string Hint = "Run the demo first.";

    [Fact]
    public async Task PrepareAsync_OfAComplete_Agent_FindsNothingToSay()
    {
        await using var services = Compose(Complete());

        Assert.Null(await AgentStartup.PrepareAsync(services, Hint, CancellationToken.None));
    }

    [Fact]
    public async Task PrepareAsync_WithoutATokenEndpoint_NamesTheMissingSetting_ThenTheHint()
    {
        await using var services = Compose(With(Complete(), "PINGONE_TOKEN_ENDPOINT", null));

        var problem = await AgentStartup.PrepareAsync(services, Hint, CancellationToken.None);

        Assert.NotNull(problem);
        var lines = problem.Split('\n');
        Assert.StartsWith("The agent's OAuth settings are incomplete or not valid: ", lines[0], StringComparison.Ordinal);
        Assert.Contains("PINGONE_TOKEN_ENDPOINT", lines[0], StringComparison.Ordinal);
        Assert.Equal(Hint, Assert.Single(lines[1..]));
    }

    [Fact]
    public async Task PrepareAsync_WithAToolPolicyOfAnUnknownKind_SaysThePoliciesAreNotValid()
    {
        await using var services = Compose(With(Complete(), "Mandate:Tools:getProducts:Auth", "magic"));

        var problem = await AgentStartup.PrepareAsync(services, oauthHint: null, CancellationToken.None);

        Assert.NotNull(problem);
        Assert.StartsWith("The tool policies are not valid: ", problem, StringComparison.Ordinal);
    }

    /// <summary>The terminal tests' settings with every OAuth setting the agent's CIBA tools need, and a fresh P-256 key.</summary>
    private static IConfiguration Complete()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        var jwk = JsonSerializer.Serialize(new { kty = "EC", crv = "P-256", x = Base64Url.EncodeToString(p.Q.X), y = Base64Url.EncodeToString(p.Q.Y), d = Base64Url.EncodeToString(p.D) });
        var issuer = "http://127.0.0.1:5100/am/oauth2/realms/root/realms/alpha";
        var configuration = TerminalAgent.Configuration();
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["PINGONE_CLIENT_SECRET"] = "not-a-real-secret",
            ["PINGONE_CIBA_ENDPOINT"] = issuer + "/bc-authorize",
            ["PINGONE_CIBA_AUDIENCE"] = issuer,
            ["PINGONE_CIBA_ISSUER"] = "ai-agent",
            ["PINGONE_CIBA_ACR_VALUES"] = "Push",
            ["PINGONE_CIBA_JWK"] = jwk,
        })
        {
            configuration = With(configuration, name, value);
        }

        return configuration;
    }

    private static ServiceProvider Compose(IConfiguration configuration) =>
        new ServiceCollection().AddShoeStoreAgent(configuration, AgentOptions.Read(configuration)).BuildServiceProvider();

    private static IConfiguration With(IConfiguration configuration, string key, string? value) => new ConfigurationBuilder()
        .AddConfiguration(configuration)
        .AddInMemoryCollection(new Dictionary<string, string?> { [key] = value })
        .Build();
}
