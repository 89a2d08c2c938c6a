using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using ShoeStore.Demo.Configuration;
using ShoeStore.Demo.Hosting;
using ShoeStore.Demo.Tests.Infrastructure;

namespace ShoeStore.Demo.Tests.Hosting;

public sealed class DemoServersTests
{
    [Fact]
    public async Task SecondStart_ReusesTheIdentitiesAndSecretsOfTheFirst()
    {
        var directory = Directory.CreateTempSubdirectory("mandate-demo-restart-").FullName;
        try
        {
            string firstEnv;
            await using (var first = await DemoSystem.StartAsync(directory, deleteDirectory: false))
            {
                Assert.True(first.Servers.FirstStart);
                firstEnv = await File.ReadAllTextAsync(first.Servers.DemoEnvPath);
            }

            await using var second = await DemoSystem.StartAsync(directory, deleteDirectory: false);

            Assert.False(second.Servers.FirstStart);
            Assert.Equal(firstEnv, await File.ReadAllTextAsync(second.Servers.DemoEnvPath));
            using var http = new HttpClient();
            using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, second.Endpoints.TokenEndpoint)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "prices" }),
            };
            tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{second.Credentials.ClientId}:{second.Credentials.ClientSecret}")));
            using var token = await http.SendAsync(tokenRequest);
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);
            using var device = await second.SignInDeviceAsync();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task BusyServerPort_FailsWithTheAddressAndTheOptionToChangeIt()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var directory = Directory.CreateTempSubdirectory("mandate-demo-busy-").FullName;
        try
        {
            var exception = await Assert.ThrowsAsync<DemoStartException>(() => DemoSystem.StartAsync(directory,
                new Dictionary<string, string?> { [DemoSettings.ServerUrlsKey] = $"http://127.0.0.1:{port}" }, deleteDirectory: false));

            Assert.Contains($"http://127.0.0.1:{port} is already in use", exception.Message, StringComparison.Ordinal);
            Assert.Contains("--server-urls", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task AnyPortTakenBetweenItsChoiceAndItsBind_IsChosenAgain_AndTheStartSucceedsAsAFirstStart()
    {
        // The store's first port is taken after it was chosen, as another process on the machine can do.
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var takenPort = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var choices = 0;
        Uri Choose(Uri url) => ++choices == 2 ? new UriBuilder(url) { Port = takenPort }.Uri : FreePort.For(url);
        var directory = Directory.CreateTempSubdirectory("mandate-demo-retry-").FullName;
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [DemoSettings.ServerUrlsKey] = "http://127.0.0.1:0",
                [DemoSettings.StoreUrlsKey] = "http://127.0.0.1:0",
                [DemoSettings.DataDirectoryKey] = directory,
                ["Logging:LogLevel:Default"] = "Warning",
            }).Build();

            await using var servers = await DemoServers.StartAsync(DemoSettings.Read(configuration, directory), configuration, Choose, CancellationToken.None);

            Assert.Equal(4, choices);
            Assert.NotEqual(takenPort, servers.Endpoints.StoreUrl.Port);
            Assert.True(servers.FirstStart);
            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(servers.Endpoints.StoreUrl, "/products?query=running"))).StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task BusyStorePort_FailsNamingTheStoreOption_AndReleasesTheServersPort()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var storePort = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var serverUrl = FreePort.For(new Uri("http://127.0.0.1:0"));
        var directory = Directory.CreateTempSubdirectory("mandate-demo-busy-").FullName;
        try
        {
            var exception = await Assert.ThrowsAsync<DemoStartException>(() => DemoSystem.StartAsync(directory,
                new Dictionary<string, string?>
                {
                    [DemoSettings.ServerUrlsKey] = serverUrl.ToString(),
                    [DemoSettings.StoreUrlsKey] = $"http://127.0.0.1:{storePort}",
                }, deleteDirectory: false));

            Assert.Contains("--store-urls", exception.Message, StringComparison.Ordinal);
            using var serverPortAgain = new TcpListener(IPAddress.Loopback, serverUrl.Port);
            serverPortAgain.Start();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
