extern alias MandateServer;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MandateServer::Mandate.Server.Demo;
using MandateServer::Mandate.Server.Seeding;
using MandateServerBuilder = MandateServer::Microsoft.AspNetCore.Builder.MandateServerEndpointRouteBuilderExtensions;
using MandateServerHost = MandateServer::Microsoft.Extensions.Hosting.MandateServerHostExtensions;
using MandateServerServices = MandateServer::Microsoft.Extensions.DependencyInjection.MandateServerServiceCollectionExtensions;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ShoeStore.Api.Tests.EndToEnd;

/// <summary>
/// The store API with the real authorization server, both in memory: Mandate.Server (demo identities from a seed file
/// with secrets made at run time) and ShoeStore.Api, which reaches the server only through its issuer's discovery and
/// JWKS (its JwtBearer back-channel goes to the server's TestServer). Tokens are got as a client would get them.
/// </summary>
public sealed class MandateServerAndStore : IAsyncLifetime
{
    public const string Issuer = "http://127.0.0.1:5100/am/oauth2/realms/root/realms/alpha";

    private readonly string _directory = Directory.CreateTempSubdirectory("store-e2e-").FullName;
    private WebApplication? _server;
    private WebApplication? _store;
    private string _clientSecret = "";
    private string _signingJwk = "";
    private string _password = "";

    public string ClientId => DemoSeed.AgentClientId;

    public string EndUserSubject => DemoSeed.EndUserSubject;

    /// <summary>A client of the store API.</summary>
    public HttpClient Store { get; private set; } = null!;

    /// <summary>A client of the authorization server.</summary>
    public HttpClient Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var (seed, jwk, secret, password) = DemoSeed.Create();
        (_clientSecret, _signingJwk, _password) = (secret, jwk, password);
        var seedFile = Path.Combine(_directory, "seed.json");
        await File.WriteAllTextAsync(seedFile, JsonSerializer.Serialize(seed, SeedDocument.JsonOptions));

        var server = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        server.WebHost.UseTestServer();
        server.Logging.ClearProviders();
        server.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mandate:Issuer"] = Issuer,
            ["Mandate:DataDirectory"] = _directory,
            ["Mandate:SeedFile"] = seedFile,
            ["Mandate:CibaIntervalSeconds"] = "1",
        });
        MandateServerServices.AddMandateServer(server.Services);
        DemoServerServices.AddShoeStoreDemo(server.Services);
        _server = server.Build();
        await MandateServerHost.InitializeMandateServerAsync(_server);
        MandateServerBuilder.MapMandateServer(_server);
        await _server.StartAsync();
        Server = _server.GetTestServer().CreateClient();

        var store = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        store.WebHost.UseTestServer();
        store.Logging.ClearProviders();
        store.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ShoeStore:Authority"] = Issuer,
            ["ShoeStore:DataDirectory"] = Path.Combine(_directory, "store"),
        });
        store.Services.AddShoeStoreApi(store.Configuration);
        var serverHandler = _server.GetTestServer().CreateHandler();
        store.Services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt => jwt.BackchannelHttpHandler = serverHandler);
        _store = store.Build();
        _store.UseShoeStoreApi();
        await _store.StartAsync();
        Store = _store.GetTestServer().CreateClient();
    }

    /// <summary>The agent's own token (RFC 6749 §4.4), client_secret_basic.</summary>
    public async Task<string> ClientCredentialsTokenAsync(string scope)
    {
        using var response = await TokenRequestAsync(new() { ["grant_type"] = "client_credentials", ["scope"] = scope });
        return await AccessTokenAsync(response);
    }

    /// <summary>
    /// A token for <c>end.user</c> through CIBA: a signed backchannel request, the user's approval on the device JSON API,
    /// then one poll of the token endpoint.
    /// </summary>
    public async Task<string> CibaTokenAsync(string scope, string bindingMessage, IReadOnlyList<Dictionary<string, object>>? authorizationDetails = null)
    {
        var requestObject = SignedAuthenticationRequest.Create(_signingJwk, ClientId, Issuer, scope, "end.user", bindingMessage, authorizationDetails);
        using var backchannel = new HttpRequestMessage(HttpMethod.Post, Issuer + "/bc-authorize")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["request"] = requestObject }),
        };
        backchannel.Headers.Authorization = BasicAuthentication();
        using var accepted = await Server.SendAsync(backchannel);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var authReqId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("auth_req_id").GetString()!;

        await ApproveOnDeviceAsync();

        using var token = await TokenRequestAsync(new() { ["grant_type"] = "urn:openid:params:grant-type:ciba", ["auth_req_id"] = authReqId });
        return await AccessTokenAsync(token);
    }

    public async Task DisposeAsync()
    {
        Store?.Dispose();
        Server?.Dispose();
        foreach (var app in new[] { _store, _server })
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The user signs in on the device and approves the one pending request.</summary>
    private async Task ApproveOnDeviceAsync()
    {
        using var device = new HttpClient(new CookieContainerHandler { InnerHandler = _server!.GetTestServer().CreateHandler() }) { BaseAddress = Server.BaseAddress };
        using var session = await device.PostAsJsonAsync("/device/api/session", new { username = "end.user", password = _password });
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        var pending = await device.GetFromJsonAsync<JsonElement>("/device/api/requests");
        var id = Assert.Single(pending.EnumerateArray()).GetProperty("id").GetString();
        using var approved = await device.PostAsJsonAsync($"/device/api/requests/{id}/approve", new { });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
    }

    private async Task<HttpResponseMessage> TokenRequestAsync(Dictionary<string, string> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Issuer + "/access_token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = BasicAuthentication();
        using (request)
        {
            return await Server.SendAsync(request);
        }
    }

    private AuthenticationHeaderValue BasicAuthentication() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(ClientId)}:{Uri.EscapeDataString(_clientSecret)}")));

    private static async Task<string> AccessTokenAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }
}
