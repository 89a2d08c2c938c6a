using System.Text.Json;
using System.Threading.Channels;
using Mandate.Server.Ciba;
using Mandate.Server.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mandate.Server.Device;

/// <summary>
/// Carries device events between instances that share one PostgreSQL database: each event published on this instance
/// is sent with <c>NOTIFY mandate_device_events</c>, and each event another instance sent arrives through
/// <c>LISTEN</c> and goes to this instance's streams, so an approval on instance B wakes the device page open on A.
/// The payload is the event only (instance, subject, kind, request id): no secret, no token.
/// When the listening connection drops, the relay reconnects with a growing pause (up to 10 s); events sent while
/// it was away are not replayed (the page re-reads the list). A relayed decision also makes this instance's
/// <see cref="PollTracker"/> forget the request, and while the relay is not listening the tracker answers no poll from
/// memory (docs/server.md, "Polling"). Does nothing on SQLite.
/// </summary>
internal sealed partial class PostgreSqlDeviceEventRelay : BackgroundService
{
    /// <summary>The PostgreSQL notification channel.</summary>
    public const string ChannelName = "mandate_device_events";

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(10);

    private readonly MandateDatabase _database;
    private readonly DeviceEventHub _hub;
    private readonly PollTracker _polls;
    private readonly ILogger<PostgreSqlDeviceEventRelay> _logger;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<RelayedEvent> _outgoing = Channel.CreateBounded<RelayedEvent>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public PostgreSqlDeviceEventRelay(MandateDatabase database, DeviceEventHub hub, PollTracker polls, ILogger<PostgreSqlDeviceEventRelay> logger)
    {
        _database = database;
        _hub = hub;
        _polls = polls;
        _logger = logger;
        if (database.Provider == MandateDatabaseProvider.PostgreSql)
        {
            // Until this instance listens, another instance's decision could go unseen: polls read the database.
            polls.Suspend();
            hub.Relay = (subject, e) => _outgoing.Writer.TryWrite(new RelayedEvent(_instance, subject, e.Kind, e.RequestId));
        }
    }

    /// <summary>Completes once this instance listens for the other instances' events (the first time).</summary>
    internal Task Listening => _listening.Task;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _database.Provider == MandateDatabaseProvider.PostgreSql
            ? Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken))
            : Task.CompletedTask;

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        // Its own connection, outside the pool, with keep-alives so that a silently broken link is noticed.
        var connectionString = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Pooling = false, KeepAlive = 15 }.ConnectionString;
        var pause = FirstPause;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, n) => Receive(n.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand("LISTEN " + ChannelName, connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                _polls.Resume();
                RelayListening(_logger);
                _listening.TrySetResult();
                pause = FirstPause;
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                _polls.Suspend();
                RelayDisconnected(_logger, e.GetType().Name, pause.TotalMilliseconds);
            }

            try
            {
                // Wall-clock pause: reconnecting is about the network, not protocol time.
                await Task.Delay(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    private async Task SendAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(stoppingToken))
            {
                try
                {
                    await using var connection = new NpgsqlConnection(_database.ConnectionString);
                    await connection.OpenAsync(stoppingToken);
                    while (_outgoing.Reader.TryRead(out var e))
                    {
                        await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                        notify.Parameters.AddWithValue("channel", ChannelName);
                        notify.Parameters.AddWithValue("payload", JsonSerializer.Serialize(e, RelayedEvent.Json));
                        await notify.ExecuteNonQueryAsync(stoppingToken);
                    }
                }
                catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
                {
                    // An event is a hint to re-read; losing one while the database is away leaves no wrong state.
                    RelayNotSent(_logger, e.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private void Receive(string payload)
    {
        RelayedEvent? e;
        try
        {
            e = JsonSerializer.Deserialize<RelayedEvent>(payload, RelayedEvent.Json);
        }
        catch (JsonException)
        {
            return;
        }

        if (e is { Instance: not null, Subject: not null, Kind: not null, RequestId: not null } && e.Instance != _instance)
        {
            if (e.Kind != "created")
            {
                // Another instance decided the request: this instance's polls read it from now on.
                _polls.Forget(e.RequestId);
            }

            _hub.Deliver(e.Subject, new DeviceEvent(e.Kind, e.RequestId));
        }
    }

    [LoggerMessage(40, LogLevel.Information, "Listening for other instances' device events.")]
    private static partial void RelayListening(ILogger logger);

    [LoggerMessage(41, LogLevel.Warning, "Lost the connection that listens for other instances' device events ({Reason}); reconnecting in {PauseMs} ms.")]
    private static partial void RelayDisconnected(ILogger logger, string reason, double pauseMs);

    [LoggerMessage(42, LogLevel.Warning, "Could not send a device event to the other instances ({Reason}).")]
    private static partial void RelayNotSent(ILogger logger, string reason);

    private sealed record RelayedEvent(string? Instance, string? Subject, string? Kind, string? RequestId)
    {
        public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    }
}
