using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
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
