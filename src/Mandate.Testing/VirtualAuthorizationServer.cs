using System.Security.Cryptography;
using System.Text.Json;
using Mandate.Server.Configuration;
using Mandate.Server.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Testing;

/// <summary>
/// Mandate.Server in process (TestServer, a SQLite file in a temporary folder) with one CIBA client (signed request
/// objects; poll mode, or ping mode with <see cref="VirtualAuthorizationServerOptions.BackchannelTokenDeliveryMode"/>)
/// and one <see cref="VirtualPerson"/>. Give the agent <see cref="CreateHandler"/> as its HTTP handler and
/// <see cref="ClientSettings"/> as its configuration; script the person; dispose the server at the end.
/// </summary>
public sealed class VirtualAuthorizationServer : IAsyncDisposable
{
    /// <summary>The client id of the one registered client.</summary>
    public const string ClientId = "agent";

    private readonly WebApplication _app;
    private readonly string _dataDirectory;
    private readonly HttpClient _deviceHttp;
    private readonly VirtualClient _client;

    private VirtualAuthorizationServer(WebApplication app, string dataDirectory, VirtualClient client, VirtualPerson person, HttpClient deviceHttp,
        Uri? notificationEndpoint)
    {
        _app = app;
        NotificationEndpoint = notificationEndpoint;
        _dataDirectory = dataDirectory;
        _client = client;
        Person = person;
        _deviceHttp = deviceHttp;
        Options = app.Services.GetRequiredService<IOptions<MandateServerOptions>>().Value;
    }

    /// <summary>The person the client asks.</summary>
    public VirtualPerson Person { get; }

    /// <summary>The server's resolved options: issuer, endpoints, intervals.</summary>
    public MandateServerOptions Options { get; }

    /// <summary>The server's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// The client's registered token delivery mode (CIBA Core §5): <c>poll</c> or <c>ping</c>.
    /// </summary>
    public string BackchannelTokenDeliveryMode => NotificationEndpoint is null ? PingDelivery.Poll : PingDelivery.Ping;

    /// <summary>
    /// In ping mode, the client's registered <c>backchannel_client_notification_endpoint</c> (CIBA Core §4), where the
    /// server posts its pings (§10.2); null in poll mode.
    /// </summary>
    public Uri? NotificationEndpoint { get; }

    /// <summary>
    /// Mandate.Client's settings for this server and client, as configuration keys under <c>Mandate:Client</c>
    /// (docs/client.md): endpoints, client id and secret, the private JWK that signs request objects, plain HTTP allowed,
    /// and the token delivery mode (<c>BackchannelTokenDeliveryMode</c>, CIBA Core §5). In ping mode Mandate.Client then
    /// sends a <c>client_notification_token</c> with each request (§7.1) and its host maps the notification endpoint
    /// (<c>MapCibaNotifications</c> from Mandate.Client.AspNetCore) at <see cref="NotificationEndpoint"/>'s path.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ClientSettings => new Dictionary<string, string?>
    {
        ["Mandate:Client:TokenEndpoint"] = Options.EndpointUrl(MandateEndpoints.Token),
        ["Mandate:Client:BackchannelAuthenticationEndpoint"] = Options.EndpointUrl(MandateEndpoints.BackchannelAuthentication),
        ["Mandate:Client:ClientId"] = ClientId,
        ["Mandate:Client:ClientSecret"] = _client.Secret,
        ["Mandate:Client:SigningJwk"] = _client.PrivateJwk,
        ["Mandate:Client:RequestObjectAudience"] = Options.IssuerString,
        ["Mandate:Client:RequestObjectIssuer"] = ClientId,
        ["Mandate:Client:RequireHttps"] = "false",
        ["Mandate:Client:BackchannelTokenDeliveryMode"] = BackchannelTokenDeliveryMode,
    };

    /// <summary>Starts the server, seeded with the client, the scopes and the person.</summary>
    public static async Task<VirtualAuthorizationServer> StartAsync(
        VirtualAuthorizationServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new VirtualAuthorizationServerOptions();
        var notificationEndpoint = PingDelivery.ResolveEndpoint(options);
        var time = options.TimeProvider ?? TimeProvider.System;
        var dataDirectory = Directory.CreateTempSubdirectory("mandate-testing-").FullName;
        var client = VirtualClient.Create();
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(Settings(options, dataDirectory));
        builder.Services.AddSingleton(time);
        builder.Services.AddMandateServer();
        builder.Services.AddMandateSeed(Seed(options, client, password, notificationEndpoint));
        if (notificationEndpoint is not null && options.NotificationHandler is { } notificationHandler)
        {
            PingDelivery.UseHandler(builder.Services, notificationHandler);
        }

        options.ConfigureServices?.Invoke(builder.Services);
        var app = builder.Build();
        try
        {
            await app.InitializeMandateServerAsync(cancellationToken).ConfigureAwait(false);
            app.MapMandateServer();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            DeleteDataDirectory(dataDirectory);
            throw;
        }

        var deviceHttp = new HttpClient(app.GetTestServer().CreateHandler()) { BaseAddress = new Uri("http://localhost") };
        var person = new VirtualPerson(options.PersonUsername, new DeviceApi(deviceHttp, options.PersonUsername, password), time,
            answersOnTheClock: notificationEndpoint is not null);
        return new VirtualAuthorizationServer(app, dataDirectory, client, person, deviceHttp, notificationEndpoint);
    }

    /// <summary>
    /// A handler that reaches the server in process and lets the person see and answer the client's requests: the
    /// primary handler of the agent's <see cref="HttpClient"/> (e.g. <c>ConfigurePrimaryHttpMessageHandler</c>).
    /// </summary>
    public HttpMessageHandler CreateHandler() => new PersonHandler(
        Person,
        new Uri(Options.EndpointUrl(MandateEndpoints.BackchannelAuthentication)).AbsolutePath,
        new Uri(Options.EndpointUrl(MandateEndpoints.Token)).AbsolutePath)
    {
        InnerHandler = _app.GetTestServer().CreateHandler(),
    };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Person.StopAsync().ConfigureAwait(false);
        _deviceHttp.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        DeleteDataDirectory(_dataDirectory);
    }

    private static Dictionary<string, string?> Settings(VirtualAuthorizationServerOptions options, string dataDirectory)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Mandate:Issuer"] = "http://localhost/mandate",
            ["Mandate:DataDirectory"] = dataDirectory,
            ["Mandate:AllowInsecureHttp"] = "true",
            ["Mandate:SignInAttemptsPerMinute"] = "1000",
        };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static SeedDocument Seed(VirtualAuthorizationServerOptions options, VirtualClient client, string password, Uri? notificationEndpoint)
    {
        List<string> scopes = ["openid", .. options.Scopes.Where(s => s != "openid")];
        return new SeedDocument
        {
            Scopes = [.. scopes.Select(s => new SeedScope { Name = s, Description = s, Resource = s == "openid" ? null : options.Audience })],
            Users = [new SeedUser { Subject = "virtual-" + options.PersonUsername, Username = options.PersonUsername, Password = password }],
            Clients =
            [
                new SeedClient
                {
                    ClientId = ClientId,
                    DisplayName = "Agent",
                    ClientSecret = client.Secret,
                    Jwks = JsonSerializer.SerializeToElement(new { keys = new[] { client.PublicJwk } }),
                    GrantTypes = ["client_credentials", MandateEndpoints.CibaGrantType],
                    Scopes = scopes,
                    BackchannelTokenDeliveryMode = notificationEndpoint is null ? PingDelivery.Poll : PingDelivery.Ping,
                    BackchannelClientNotificationEndpoint = notificationEndpoint?.AbsoluteUri,
                    BackchannelAuthenticationRequestSigningAlg = "ES256",
                    Resources = [options.Audience],
                },
            ],
        };
    }

    private static void DeleteDataDirectory(string dataDirectory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on some platform: the temporary folder is left to the system.
        }
    }
}
