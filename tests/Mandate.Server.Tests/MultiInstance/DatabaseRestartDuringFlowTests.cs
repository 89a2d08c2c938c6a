using System.Net.Http.Json;
using System.Threading.Channels;
using Mandate.Server.Device;
using Microsoft.Extensions.Hosting;

namespace Mandate.Server.Tests.MultiInstance;

/// <summary>
/// PostgreSQL dropping every connection (what a restart does to the clients) in the middle of a CIBA flow served by
/// two instances: the flow completes after it, nothing is lost or doubled, and the cross-instance event relay comes
/// back by itself (issue 8). Each test has its own database, so dropping its connections touches no other test;
/// <see cref="PostgreSqlRestartTests"/> stops and starts a whole cluster.
/// </summary>
[RequiresPostgreSql]
public sealed class DatabaseRestartDuringFlowTests
{
    private const int EventAttempts = 20;

    [DatabaseFact]
    public async Task RequestPendingWhenConnectionsDrop_IsApprovedOnBAndRedeemedOnceOnA_WithOneRowAndOneAuditEntryPerStep()
    {
        var seed = new TestSeed();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var instances = await InstancesOnOneDatabase.StartAsync(2, seed, time);
        var (database, a, b) = (instances.Database, instances.Servers[0], instances.Servers[1]);
        var authReqId = await a.StartCibaAsync(seed.Agent);
        using var device = await b.SignInAsync("end.user", seed.EndUserPassword);

        Assert.NotEqual(0, await database.TerminateOtherSessionsAsync());

        var poll = await Outage.RetryWhileUnavailableAsync(() => a.PollAsync(seed.Agent, authReqId));
        Assert.Equal(HttpStatusCode.BadRequest, poll.StatusCode);
        Assert.Contains(await poll.ErrorAsync(), new[] { "authorization_pending", "slow_down" });

        await FlowAfterOutage.CompletesOnceAsync(a, b, device, seed, authReqId, database);
    }

    [DatabaseFact]
    public async Task EventStreamOnA_AfterConnectionsDrop_AgainReceivesRequestsMadeOnB()
    {
        var seed = new TestSeed();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var instances = await InstancesOnOneDatabase.StartAsync(2, seed, time);
        var (database, a, b) = (instances.Database, instances.Servers[0], instances.Servers[1]);
        await Relay(a).Listening.WaitAsync(TimeSpan.FromSeconds(20));
        using var deviceA = await a.SignInAsync("end.user", seed.EndUserPassword);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var stream = await deviceA.GetAsync("/device/api/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        var lines = Channel.CreateUnbounded<string>();
        var pump = PumpAsync(stream, lines.Writer, cancel.Token);

        // A made no request: every "created" event on its stream comes from B through PostgreSQL.
        Assert.NotEqual(0, await database.TerminateOtherSessionsAsync());

        // Events sent while the relay reconnects are not replayed, so B makes requests until one arrives (bounded).
        var received = false;
        for (var attempt = 0; attempt < EventAttempts && !received; attempt++)
        {
            var response = await b.SignedBcAuthorizeAsync(seed.Agent, OAuthCalls.RequestObjectClaims(seed.Agent, time.GetUtcNow()));
            Assert.Contains(response.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable });
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);
            wait.CancelAfter(TimeSpan.FromSeconds(2));
            received = await CreatedEventAsync(lines.Reader, wait.Token);
        }

        await cancel.CancelAsync();
        await pump;
        Assert.True(received, "no request made on B after the drop reached the event stream open on A");
    }

    private static async Task<bool> CreatedEventAsync(ChannelReader<string> lines, CancellationToken cancellationToken)
    {
        try
        {
            while (await lines.WaitToReadAsync(cancellationToken))
            {
                while (lines.TryRead(out var line))
                {
                    if (line.StartsWith("data:", StringComparison.Ordinal) && line.Contains("\"kind\":\"created\"", StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // this attempt's wait is over
        }

        return false;
    }

    private static async Task PumpAsync(HttpResponseMessage stream, ChannelWriter<string> lines, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(cancellationToken));
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                lines.TryWrite(line);
            }
        }
        catch (OperationCanceledException)
        {
            // the test is over
        }
        catch (IOException)
        {
            // the stream was closed under the reader when the test ended
        }
        finally
        {
            lines.TryComplete();
        }
    }

    private static PostgreSqlDeviceEventRelay Relay(MandateTestServer server) =>
        server.Services.GetServices<IHostedService>().OfType<PostgreSqlDeviceEventRelay>().Single();
}
