using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Push;

/// <summary>
/// The hand-off from <c>/bc-authorize</c> to <see cref="PushDispatcher"/>: a bounded in-process queue. Enqueuing never
/// waits and never throws, so a push can neither delay nor fail the CIBA request; when the queue is full the notice is
/// dropped with a log line (the person still sees the request on the open device page).
/// </summary>
internal sealed class PushNoticeQueue(ILogger<PushNoticeQueue> logger)
{
    /// <summary>The most notices waiting at once.</summary>
    public const int Capacity = 1000;

    private readonly Channel<PushNotice> _channel = Channel.CreateBounded<PushNotice>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    /// <summary>Queues a notice; false (and a log line) when the queue is full.</summary>
    public bool Enqueue(PushNotice notice)
    {
        if (_channel.Writer.TryWrite(notice))
        {
            return true;
        }

        PushLog.QueueFull(logger, notice.RequestId);
        return false;
    }

    /// <summary>The reader side.</summary>
    public ChannelReader<PushNotice> Reader => _channel.Reader;
}
