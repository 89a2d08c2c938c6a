using System.Threading.Channels;

namespace Mandate.Server.Device;

/// <summary>An open subscription to a user's device events; dispose to unsubscribe.</summary>
internal sealed class DeviceEventSubscription(ChannelReader<DeviceEvent> reader, Action unsubscribe) : IDisposable
{
    /// <summary>The events.</summary>
    public ChannelReader<DeviceEvent> Reader { get; } = reader;

    /// <inheritdoc />
    public void Dispose() => unsubscribe();
}
