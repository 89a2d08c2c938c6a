using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mandate.Client.Authentication;
using Mandate.Client.Ciba.Ping;
using Mandate.Client.Configuration;
using Mandate.Client.Tests.TestSupport;
using Mandate.TestSupport.Http;
using Mandate.TestSupport.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mandate.Client.Tests.Interop;

/// <summary>
/// Starts the npm oidc-provider fixture (<c>tests/interop/op.mjs</c>, see its README) on a free loopback port with
/// clients for every path under test, and a Kestrel notification endpoint on 127.0.0.1:0 for the ping client.
/// Secrets and keys are generated here at run time and passed in the <c>OP_CONFIG</c> environment variable.
/// </summary>
public sealed class OidcProviderFixture : IAsyncLifetime
{
    public const string UserSub = "7c1e9a52-3f4b-4d8e-9a61-2b5c8d0e4f17";
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _stderr = new();
    private Process? _node;
    private WebApplication? _notifications;

    public string Secret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    public TestKeys Keys { get; } = TestKeys.EcP256(kid: "agent-1");

    /// <summary>Shared by the ping client and the notification endpoint.</summary>
    public CibaNotificationReceiver Receiver { get; } = new();

    public string Issuer { get; private set; } = "";

    public string TokenEndpoint { get; private set; } = "";

    public string BackchannelEndpoint { get; private set; } = "";

    public HttpClient TestRoutes { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var root = FindRepositoryRoot();
        var interop = Path.Combine(root, "tests", "interop");
        if (!Directory.Exists(Path.Combine(interop, "node_modules", "oidc-provider")))
        {
            await RunToEndAsync("npm", ["ci", "--prefix", interop, "--no-audit", "--no-fund", "--loglevel=error"], root);
        }

        var notifyUrl = await StartNotificationEndpointAsync();
        var publicJwk = JsonNode.Parse(JwkSigningKey.Parse(Keys.PrivateJwk).PublicJwk)!;
        JsonObject Client(string id, object extra)
        {
            var client = new JsonObject
            {
                ["client_id"] = id,
                ["client_secret"] = Secret,
                ["jwks"] = new JsonObject { ["keys"] = new JsonArray(publicJwk.DeepClone()) },
                // oidc-provider 9.13 refuses every RFC 9396 type a client has not registered (the README's "omit to allow all" is not so).
                ["authorization_details_types"] = new JsonArray("shoe_purchase"),
            };
            foreach (var (name, value) in JsonSerializer.SerializeToNode(extra)!.AsObject())
            {
                client[name] = value?.DeepClone();
            }

            return client;
        }

        var config = new JsonObject
        {
            ["port"] = 0,
            ["clients"] = new JsonArray(
                Client("ai-agent", new { token_endpoint_auth_method = "client_secret_basic" }),
                Client("ai-agent-post", new { token_endpoint_auth_method = "client_secret_post" }),
                Client("ai-agent-jwt", new { token_endpoint_auth_method = "private_key_jwt" }),
                Client("ai-agent-ping", new { backchannel_token_delivery_mode = "ping", backchannel_client_notification_endpoint = notifyUrl })),
            ["users"] = new JsonArray(new JsonObject
            {
                ["username"] = "end.user",
                ["sub"] = UserSub,
                ["claims"] = new JsonObject { ["name"] = "End User", ["address"] = new JsonObject { ["country"] = "US" } },
            }),
            ["ciba"] = new JsonObject { ["interval"] = 1, ["expiresIn"] = 600 },
            ["acrValues"] = new JsonArray("push"),
        };

        var start = new ProcessStartInfo("node", [Path.Combine(interop, "op.mjs")])
        {
            WorkingDirectory = root,
            RedirectStandardInput = true, // the fixture exits when this pipe closes: no orphan if the test run dies
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["OP_CONFIG"] = config.ToJsonString();
        _node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        _node.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _node.BeginErrorReadLine();

        var ready = await _node.StandardOutput.ReadLineAsync().WaitAsync(StartLimit)
            ?? throw new InvalidOperationException($"op.mjs exited before it was ready:\n{Stderr}");
        using var line = JsonDocument.Parse(ready);
        Issuer = line.RootElement.GetProperty("issuer").GetString()!;
        TokenEndpoint = line.RootElement.GetProperty("token_endpoint").GetString()!;
        BackchannelEndpoint = line.RootElement.GetProperty("backchannel_authentication_endpoint").GetString()!;
        TestRoutes = new HttpClient { BaseAddress = new Uri(Issuer + "/"), Timeout = TimeSpan.FromSeconds(40) };
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>A Mandate.Client for one of the fixture's clients, wired through <c>AddMandateClient</c> with real HTTP.</summary>
    public ServiceProvider CreateClient(string clientId, Action<MandateClientOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(Receiver);
        services.AddMandateClient(o =>
        {
            o.ClientId = clientId;
            o.ClientSecret = Secret;
            o.SigningJwk = Keys.PrivateJwk;
            o.Issuer = Issuer; // discovery of everything else
            o.HttpTimeout = TimeSpan.FromSeconds(30);
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// The fixture's record of the request whose binding message is <paramref name="bindingMessage"/>, once it exists;
    /// fails at once with the flow's own error when <paramref name="flow"/> ends first.
    /// </summary>
    public async Task<JsonElement> WaitForRequestAsync(string bindingMessage, Task? flow = null)
    {
        var listing = TestRoutes.GetFromJsonAsync<JsonElement>(
            $"test/ciba/requests?binding_message={Uri.EscapeDataString(bindingMessage)}&wait=20");
        if (flow is not null && await Task.WhenAny(listing, flow) == flow && !listing.IsCompleted)
        {
            await flow; // throws the client's error
        }

        var records = await listing;
        Assert.Equal(1, records.GetArrayLength());
        return records[0];
    }

    public async Task<JsonElement> GetRequestAsync(string authReqId) =>
        await TestRoutes.GetFromJsonAsync<JsonElement>($"test/ciba/requests/{Uri.EscapeDataString(authReqId)}");

    public async Task DecideAsync(string authReqId, string decision, object? body = null)
    {
        using var response = await TestRoutes.PostAsJsonAsync($"test/ciba/requests/{Uri.EscapeDataString(authReqId)}/{decision}", body ?? new { });
        response.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        TestRoutes?.Dispose();
        if (_node is not null)
        {
            await StdinStoppedProcess.StopAsync(_node);
        }

        if (_notifications is not null)
        {
            await _notifications.DisposeAsync();
        }
    }

    private async Task<string> StartNotificationEndpointAsync()
    {
        var builder = LoopbackHost.CreateBuilder();
        builder.Services.AddSingleton(Receiver);
        _notifications = builder.Build();
        _notifications.MapCibaNotifications("/ciba/notify");
        return await LoopbackHost.StartAsync(_notifications) + "/ciba/notify";
    }

    /// <summary>The repository root: the folder holding <c>Mandate.slnx</c> (or, before it exists, <c>tests/interop/op.mjs</c>).</summary>
    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mandate.slnx")) || File.Exists(Path.Combine(dir.FullName, "tests", "interop", "op.mjs")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Mandate.slnx not found above the test assembly.");
    }

    private static async Task RunToEndAsync(string file, string[] arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = workingDirectory, UseShellExecute = false, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(limit.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {await errors}");
        }
    }
}
