using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Tests.Fixtures;

/// <summary>The store API on Kestrel at 127.0.0.1 (a free port) on SQLite, for requests a TestServer would not carry
/// as a network client sends them (broken framing, early answers).</summary>
public sealed class LoopbackStoreApiFactory : StoreApiFactory
{
    private Uri? _address;

    public LoopbackStoreApiFactory()
        : base(StoreDatabaseProvider.Sqlite)
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Starts the server (once) and returns where it listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address()
    {
        if (_address is null)
        {
            StartServer();
            _address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }

        return _address;
    }
}
