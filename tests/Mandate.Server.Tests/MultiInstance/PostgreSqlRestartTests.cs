namespace Mandate.Server.Tests.MultiInstance;

/// <summary>
/// A real PostgreSQL restart (the cluster stopped, then started) in the middle of a CIBA flow served by two instances:
/// while it is down every call gets a retryable 503, never a 500; after it the flow completes on the same instances,
/// without a restart of theirs, and nothing is lost or doubled (issue 8). It runs on its own cluster
/// (<see cref="RestartablePostgreSql"/>).
/// </summary>
public sealed class PostgreSqlRestartTests
{
    [RestartablePostgreSqlFact]
    public async Task FlowAcrossAClusterRestart_CompletesOnce_AndTheOutageAnswers503()
    {
        var seed = new TestSeed();
        await using var instances = await InstancesOnOneDatabase.StartAsync(
            2, seed, new FakeTimeProvider(DateTimeOffset.UtcNow), server: RestartablePostgreSql.ConnectionString!);
        var (database, a, b) = (instances.Database, instances.Servers[0], instances.Servers[1]);
        var authReqId = await a.StartCibaAsync(seed.Agent);
        using var device = await b.SignInAsync("end.user", seed.EndUserPassword);

        await RestartablePostgreSql.StopAsync();
        try
        {
            var poll = await a.PollAsync(seed.Agent, authReqId);
            await poll.AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "temporarily_unavailable");
            Assert.Equal("1", poll.Headers.GetValues("Retry-After").Single());

            var list = await device.GetAsync("/device/api/requests");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, list.StatusCode);
            Assert.Equal("application/problem+json", list.Content.Headers.ContentType?.MediaType);
            Assert.Equal("1", list.Headers.GetValues("Retry-After").Single());
        }
        finally
        {
            await RestartablePostgreSql.StartAsync();
        }

        await FlowAfterOutage.CompletesOnceAsync(a, b, device, seed, authReqId, database);
    }
}
