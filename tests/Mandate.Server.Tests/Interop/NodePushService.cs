using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Mandate.TestSupport.Processes;

namespace Mandate.Server.Tests.Interop;

/// <summary>
/// Runs <c>node tests/interop/push-service.mjs</c>: npm <c>web-push-testing</c>, a Web Push service nobody here wrote,
/// on 127.0.0.1 at a free port (tests/interop/README.md). It subscribes like a browser's push service, verifies the
/// VAPID token and decrypts what it receives; the fixture also records each push request's headers.
/// </summary>
public sealed class NodePushService : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private readonly Process _node;
    private readonly StringBuilder _stderr;

    private NodePushService(Process node, StringBuilder stderr, string url)
    {
        _node = node;
        _stderr = stderr;
        Url = url;
        Http = new HttpClient { BaseAddress = new Uri(url + "/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Where it listens, <c>http://127.0.0.1:PORT</c>.</summary>
    public string Url { get; }

    public HttpClient Http { get; }

    public static async Task<NodePushService> StartAsync()
    {
        var script = FindScript();
        var start = new ProcessStartInfo("node", [script])
        {
            RedirectStandardInput = true, // the fixture exits when this pipe closes: no orphan if the test run dies
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stderr = new StringBuilder();
        node.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        node.BeginErrorReadLine();
        string? ready;
        try
        {
            ready = await node.StandardOutput.ReadLineAsync().WaitAsync(StartLimit);
        }
        catch (TimeoutException)
        {
            node.Kill(entireProcessTree: true);
            throw;
        }

        if (ready is null)
        {
            lock (stderr)
            {
                throw new InvalidOperationException("push-service.mjs exited before it was ready:\n" + stderr);
            }
        }

        using var line = JsonDocument.Parse(ready);
        return new NodePushService(node, stderr, line.RootElement.GetProperty("url").GetString()!);
    }

    /// <summary>Subscribes like a browser would (<c>PushManager.subscribe</c>); the peer's answer:
    /// <c>endpoint</c>, <c>keys</c> and its <c>clientHash</c>.</summary>
    public async Task<JsonElement> SubscribeAsync(string applicationServerKey)
    {
        using var response = await Http.PostAsJsonAsync("subscribe", new { userVisibleOnly = "true", applicationServerKey });
        var body = await response.ReadJsonAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("data");
    }

    /// <summary>Makes the peer answer <c>410 Gone</c> to every push for this subscription.</summary>
    public async Task ExpireAsync(string clientHash)
    {
        using var response = await Http.PostAsync("expire-subscription/" + clientHash, null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The messages the peer received and decrypted for a subscription, as text.</summary>
    public async Task<List<string>> MessagesAsync(string clientHash)
    {
        using var response = await Http.PostAsJsonAsync("get-notifications", new { clientHash });
        var body = await response.ReadJsonAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("data").GetProperty("messages").EnumerateArray().Select(m => m.GetString()!).ToList();
    }

    /// <summary>The fixture's record of each push request for a subscription: its headers and the peer's status.</summary>
    public async Task<List<JsonElement>> ReceivedAsync(string clientHash) =>
        (await Http.GetFromJsonAsync<JsonElement>("test/received?client_hash=" + Uri.EscapeDataString(clientHash))).EnumerateArray().ToList();

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

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StdinStoppedProcess.StopAsync(_node);
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "interop", "push-service.mjs");
            if (File.Exists(candidate))
            {
                Assert.True(Directory.Exists(Path.Combine(dir.FullName, "tests", "interop", "node_modules", "web-push-testing")),
                    "run: npm ci --prefix tests/interop (scripts/test.sh does)");
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/interop/push-service.mjs not found above " + AppContext.BaseDirectory);
    }
}
