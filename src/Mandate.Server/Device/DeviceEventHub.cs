using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Mandate.Server.Device;

/// <summary>
/// In-process fan-out of "a request of this user changed" events to the user's open Server-Sent Events streams.
/// Events carry only the request id and the kind of change; the stream re-reads state through the API. On PostgreSQL,
/// <see cref="PostgreSqlDeviceEventRelay"/> also carries each event to the other instances (LISTEN/NOTIFY).
/// </summary>
internal sealed class DeviceEventHub
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Channel<DeviceEvent>>> _subscribers = new();

    /// <summary>Subscribes to a user's events; dispose the result to unsubscribe.</summary>
    public DeviceEventSubscription Subscribe(string subject)
    {
        var channel = Channel.CreateBounded<DeviceEvent>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
        var id = Guid.NewGuid();
        _subscribers.GetOrAdd(subject, _ => new())[id] = channel;
        return new DeviceEventSubscription(channel.Reader, () =>
        {
            if (_subscribers.TryGetValue(subject, out var set))
            {
                set.TryRemove(id, out _);
            }
        });
    }

    /// <summary>Forwards every event published here to the other instances; set by the relay when there is one.</summary>
    internal Action<string, DeviceEvent>? Relay { get; set; }

    /// <summary>Publishes an event to a user's streams, on this instance and (through <see cref="Relay"/>) the others.</summary>
    public void Publish(string subject, DeviceEvent deviceEvent)
    {
        Deliver(subject, deviceEvent);
        Relay?.Invoke(subject, deviceEvent);
    }

    /// <summary>Delivers an event to the user's streams on this instance only.</summary>
    internal void Deliver(string subject, DeviceEvent deviceEvent)
    {
        if (_subscribers.TryGetValue(subject, out var set))
        {
            foreach (var channel in set.Values)
            {
                channel.Writer.TryWrite(deviceEvent);
            }
        }
    }
}
