using System.Net;
using Npgsql;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Storage;

/// <summary>
/// PostgreSQL closing the API's connections (as a restart does): requests get a retryable 503 at worst, never a
/// 500, and the API recovers by itself.
/// </summary>
[RequiresPostgreSql]
public sealed class ConnectionLossTests(PostgreSqlStoreApiFactory api) : IClassFixture<PostgreSqlStoreApiFactory>
{
    [DatabaseFact]
    public async Task ServerClosingTheApisConnections_Gives503WithRetryAfterAtWorst_ThenTheApiRecovers()
    {
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/products")).StatusCode);
        Assert.NotEqual(0, await TerminateApiConnectionsAsync());

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 10 && (statuses.Count == 0 || statuses[^1] != HttpStatusCode.OK); attempt++)
        {
            var response = await api.GetAsync("/products");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                var problem = await Expect.ProblemAsync(response, 503);
                Assert.Equal("https://shoestore.example/problems/database-unavailable", problem.GetProperty("type").GetString());
                Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
            }
        }

        // The pooled connection the server closed fails once (503, checked above); a fresh one then serves.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, statuses[0]);
        Assert.All(statuses, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.Equal(HttpStatusCode.OK, statuses[^1]);
    }

    private async Task<int> TerminateApiConnectionsAsync()
    {
        // A role may end its own sessions; this one ends every session on the test database but its own.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(api.Database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
            connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
