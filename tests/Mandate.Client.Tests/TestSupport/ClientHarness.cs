using Microsoft.IdentityModel.JsonWebTokens;
using System.Security.Cryptography;
using Mandate.Client.Ciba;
using Mandate.Client.Ciba.Ping;
using Mandate.Client.ClientCredentials;
using Mandate.Client.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Mandate.Client.Tests.TestSupport;

/// <summary>Mandate.Client wired through <c>AddMandateClient</c> against a <see cref="FakeOAuthServer"/> and a <see cref="TestTimeProvider"/>.</summary>
internal sealed class ClientHarness : IAsyncDisposable
{
    public const string Issuer = "https://op.test";
    public const string TokenPath = "/token";
    public const string BackchannelPath = "/bc-authorize";
    public const string ClientId = "ai-agent";

    private readonly ServiceProvider _services;

    public ClientHarness(Action<MandateClientOptions>? configure = null, TestKeys? keys = null)
    {
        Keys = keys ?? TestKeys.EcP256();
        Server = new FakeOAuthServer(Time);
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(Time);
        services.AddMandateClient(o =>
        {
            o.ClientId = ClientId;
            o.ClientSecret = Secret;
            o.TokenEndpoint = Issuer + TokenPath;
            o.BackchannelAuthenticationEndpoint = Issuer + BackchannelPath;
            o.RequestObjectAudience = Issuer;
            o.SigningJwk = Keys.PrivateJwk;
            o.HttpTimeout = Timeout.InfiniteTimeSpan;
            configure?.Invoke(o);
        }).ConfigurePrimaryHttpMessageHandler(() => Server);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>A fresh random secret per harness (never a literal in source).</summary>
    public string Secret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public TestKeys Keys { get; }

    public TestTimeProvider Time { get; } = new();

    public FakeOAuthServer Server { get; }

    public IServiceProvider Services => _services;

    public ClientCredentialsClient ClientCredentials => _services.GetRequiredService<ClientCredentialsClient>();

    public CibaClient Ciba => _services.GetRequiredService<CibaClient>();

    public CibaNotificationReceiver Receiver => _services.GetRequiredService<CibaNotificationReceiver>();

    public FakeLogCollector Logs => _services.GetRequiredService<FakeLogCollector>();

    public static BackchannelAuthenticationRequest PaymentRequest(string? resource = null) => new()
    {
        LoginHint = "end.user",
        Scopes = ["payment"],
        BindingMessage = "Buy Nike Pegasus 41, size 10.5",
        Resource = resource,
    };

    /// <summary>The request object the client sent with its <paramref name="index"/>th backchannel request, decoded.</summary>
    public JsonWebToken RequestObject(int index = 0) =>
        new(Server.RequestsTo(BackchannelPath)[index].Form["request"]);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
