using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Tests.Fixtures;

/// <summary>
/// The store API on Kestrel at 127.0.0.1 on SQLite, with <c>ShoeStore:McpResource</c> set to its real /mcp URL, so
/// an MCP client in another process finds the metadata the 401 names (the port is picked before the server starts).
/// </summary>
public sealed class McpLoopbackStoreApiFactory : StoreApiFactory
{
    public McpLoopbackStoreApiFactory()
        : base(StoreDatabaseProvider.Sqlite)
    {
        Port = FreePort();
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port));
    }

    public int Port { get; }

    /// <summary>The MCP endpoint, which is also the resource identifier.</summary>
    public string McpUrl => $"http://127.0.0.1:{Port}/mcp";

    /// <summary>Starts the server (once).</summary>
    public void Start() => StartServer();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ShoeStore:McpResource", McpUrl);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
