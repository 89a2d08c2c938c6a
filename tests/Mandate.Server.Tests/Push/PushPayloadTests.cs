using Mandate.Server.Push;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Tests.Push;

/// <summary>What a push says (<see cref="PushPayload"/>) and the queue that hands it over (<see cref="PushNoticeQueue"/>).</summary>
public sealed class PushPayloadTests
{
    [Fact]
    public void Payload_HasExactlyTheFourFields()
    {
        var expires = new DateTimeOffset(2026, 12, 7, 9, 5, 0, TimeSpan.Zero);
        using var json = JsonDocument.Parse(PushPayload.Create(new PushNotice("req-1", "sub-1", "Shoe Store Assistant", "Buy Nike Pegasus 41 for $140", expires)));

        Assert.Equal(["id", "client_name", "binding_message", "expires_at"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("req-1", json.RootElement.GetProperty("id").GetString());
        Assert.Equal("Shoe Store Assistant", json.RootElement.GetProperty("client_name").GetString());
        Assert.Equal("Buy Nike Pegasus 41 for $140", json.RootElement.GetProperty("binding_message").GetString());
        Assert.Equal(expires, json.RootElement.GetProperty("expires_at").GetDateTimeOffset());
    }

    [Fact]
    public void Payload_WithoutBindingMessage_SaysNull()
    {
        using var json = JsonDocument.Parse(PushPayload.Create(new PushNotice("req-1", "sub-1", "Agent", null, DateTimeOffset.UnixEpoch)));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("binding_message").ValueKind);
    }

    [Fact]
    public void FullQueue_DropsTheNotice_WithALogLine_AndNeverThrows()
    {
        var logs = new TestLogSink();
        var queue = new PushNoticeQueue(new Logger<PushNoticeQueue>(LoggerFactory.Create(b => b.AddProvider(logs))));
        for (var i = 0; i < PushNoticeQueue.Capacity; i++)
        {
            Assert.True(queue.Enqueue(new PushNotice("req-" + i, "sub", "Agent", null, DateTimeOffset.UnixEpoch)));
        }

        Assert.False(queue.Enqueue(new PushNotice("req-dropped", "sub", "Agent", null, DateTimeOffset.UnixEpoch)));
        Assert.Contains(logs.Messages, m => m.Contains("Push queue full", StringComparison.Ordinal) && m.Contains("req-dropped", StringComparison.Ordinal));
    }
}
