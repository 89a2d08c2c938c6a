using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Mandate.Client.Ciba;
using Microsoft.Extensions.DependencyInjection;
using ShoeStore.Demo.Tests.Infrastructure;

namespace ShoeStore.Demo.Tests.EndToEnd;

/// <summary>
/// RFC 8707 from the agent's library to the store's MCP server: Mandate.Client asks for a CIBA token with
/// <c>resource</c> = the store's MCP URL, the person approves, Mandate.Server issues it for that audience, and the
/// store's <c>/mcp</c> takes it while its REST API refuses it (docs/mcp.md, docs/client.md).
/// </summary>
public sealed class McpResourceTests
{
    [Fact]
    public async Task CibaTokenForTheMcpResource_IsTakenAtMcp_AndRefusedByTheRestApi()
    {
        await using var system = await DemoSystem.StartAsync();
        using var device = await system.SignInDeviceAsync();
        await using var agent = system.CreateAgent();
        using var limit = new CancellationTokenSource(TestDevice.TurnLimit);
        var ciba = agent.Services.GetRequiredService<ICibaClient>();

        var pending = ciba.AuthenticateAsync(
            new BackchannelAuthenticationRequest
            {
                LoginHint = system.Credentials.EndUser,
                Scopes = ["payment"],
                BindingMessage = "Show my orders through MCP",
                Resource = system.Endpoints.McpResource,
            },
            progress: null, limit.Token);
        await device.DecideWhileAsync(pending, _ => true);
        var token = (await pending).AccessToken;

        using var http = new HttpClient { BaseAddress = system.Endpoints.StoreUrl, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var call = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"getOrders","arguments":{}}}""", Encoding.UTF8, "application/json"),
        };
        call.Headers.Accept.ParseAdd("application/json");
        call.Headers.Accept.ParseAdd("text/event-stream");
        using var mcp = await http.SendAsync(call);
        var body = await mcp.Content.ReadAsStringAsync();

        Assert.True(mcp.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains("\"result\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"isError\":true", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/orders")).StatusCode);
    }

    [Fact]
    public async Task StoreOnAnotherPortAtALaterStart_TheSeedRegistersItsActualMcpUrl_AndTheMcpAgentWorks()
    {
        var directory = Directory.CreateTempSubdirectory("mandate-demo-").FullName;
        try
        {
            string firstResource;
            await using (var first = await DemoSystem.StartAsync(directory, deleteDirectory: false))
            {
                firstResource = first.Endpoints.McpResource;
            }

            // The first store's port stays taken, so the second start's store is surely elsewhere.
            var firstPort = new Uri(firstResource).Port;
            using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, firstPort);
            taken.Start();
            await using var second = await DemoSystem.StartAsync(directory, deleteDirectory: false);
            await using var agent = await second.CreateMcpAgentAsync();

            Assert.NotEqual(firstResource, second.Endpoints.McpResource);
            Assert.Equal(DemoEndpointsOrigin(second) + "/mcp", second.Endpoints.McpResource);
            Assert.StartsWith("I found ", await agent.SendAsync("find running shoes in size 10"), StringComparison.Ordinal);
            var token = Jwt.Payload(Assert.Single(agent.Secrets.AccessTokens));
            Assert.Equal(second.Endpoints.McpResource, token.GetProperty("aud").ToString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string DemoEndpointsOrigin(DemoSystem system) => system.Endpoints.StoreUrl.GetLeftPart(UriPartial.Authority);
}
