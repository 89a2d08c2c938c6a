using System.Threading.Channels;

namespace Mandate.Server.Ping;

/// <summary>Queue of pings to send (decisions are not delayed by a slow client endpoint).</summary>
internal sealed class PingQueue
{
    private readonly Channel<PingJob> _channel = Channel.CreateBounded<PingJob>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });

    /// <summary>Queues a ping.</summary>
    public void Enqueue(PingJob job) => _channel.Writer.TryWrite(job);

    /// <summary>The reader side.</summary>
    public ChannelReader<PingJob> Reader => _channel.Reader;
}
