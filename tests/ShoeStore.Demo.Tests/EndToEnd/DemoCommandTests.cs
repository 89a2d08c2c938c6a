using System.Net;
using System.Net.Sockets;
using ShoeStore.Demo.Agent;
using ShoeStore.Demo.Tests.Infrastructure;

namespace ShoeStore.Demo.Tests.EndToEnd;

/// <summary>
/// The demo command itself, as a separate process: what a newcomer runs, and what a script does with it (pipe the
/// conversation in, approve on the device API, read the replies).
/// </summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mandate-demo-command-").FullName;

    [Fact]
    public async Task PipedConversation_ApprovedByAScript_PlacesTheOrder_AndStopsBothServersAtTheEndOfInput()
    {
        await using var demo = DemoProcess.Start(_directory, "--server-urls", "http://127.0.0.1:0", "--store-urls", "http://127.0.0.1:0",
            "--data-directory", ".mandate");
        var devicePage = (await demo.WaitForLineAsync("Device page")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];
        var credentials = DemoCredentials.Read(Path.Combine(_directory, ".mandate", "demo.env"), Path.Combine(_directory, ".mandate"));
        using var device = await TestDevice.SignInAsync(new Uri(devicePage), credentials.EndUser, credentials.EndUserPassword);

        await demo.Input.WriteAsync("find running shoes in size 10\nwhat would it cost to ship one to me?\nbuy it\n");
        demo.Input.Close();
        var exited = demo.WaitForExitAsync();
        var decisions = await device.DecideWhileAsync(exited, _ => true);

        Assert.Equal(0, await exited);
        var replies = demo.Output.Split('\n');
        Assert.StartsWith("I found ", replies[0], StringComparison.Ordinal);
        Assert.Contains(replies, line => line.StartsWith("Quote ", StringComparison.Ordinal));
        Assert.Contains(replies, line => line.StartsWith("Order ", StringComparison.Ordinal) && line.Contains(" placed: ", StringComparison.Ordinal));
        Assert.Equal(2, decisions.Count);
        Assert.EndsWith("Stopped.", demo.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(credentials.EndUserPassword, demo.Output + demo.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoAgent_RunsBothServersUntilSigterm_ThenStopsThemAndFreesThePorts()
    {
        await using var demo = DemoProcess.Start(_directory, "--no-agent", "--server-urls", "http://127.0.0.1:0", "--store-urls", "http://127.0.0.1:0");
        var server = new Uri((await demo.WaitForLineAsync("Authorization server")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]);
        var store = new Uri((await demo.WaitForLineAsync("Store API")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]);
        await demo.WaitForLineAsync("Ctrl+C stops them");
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(server, "/device"))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(store, "/products?query=trail"))).StatusCode);
        }

        await demo.TerminateAsync();

        Assert.Equal(0, await demo.WaitForExitAsync());
        Assert.EndsWith("Stopped.", demo.Error, StringComparison.Ordinal);
        foreach (var port in new[] { server.Port, store.Port })
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
    }

    [Fact]
    public async Task ShowPassword_PrintsTheDemoUsersPassword_FromDemoEnv()
    {
        await using var demo = DemoProcess.Start(_directory, "--no-agent", "--show-password", "--server-urls", "http://127.0.0.1:0", "--store-urls", "http://127.0.0.1:0");
        var line = await demo.WaitForLineAsync("Sign in as");
        var credentials = DemoCredentials.Read(Path.Combine(_directory, ".mandate", "demo.env"), Path.Combine(_directory, ".mandate"));

        Assert.EndsWith($"{credentials.EndUser}, password {credentials.EndUserPassword}", line, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
