namespace Mandate.Server.Tests.Infrastructure;

/// <summary>
/// Several server instances (separate in-memory hosts, each with its own services, caches and data directory) started
/// at the same moment on one fresh PostgreSQL database, with one seed and one clock; disposing them stops every instance
/// that started, then drops the database (docs/deploy.md, "N instances behind a reverse proxy").
/// </summary>
public sealed class InstancesOnOneDatabase : IAsyncDisposable
{
    private readonly List<MandateTestServer> _servers = [];

    private InstancesOnOneDatabase(PostgreSqlTestDatabase database) => Database = database;

    public PostgreSqlTestDatabase Database { get; }

    /// <summary>The instances, in the order of their index.</summary>
    public IReadOnlyList<MandateTestServer> Servers => _servers;

    /// <summary>
    /// Creates the database (on <paramref name="server"/>, a connection string for a role that may create databases; by
    /// default the <see cref="PostgreSqlTestServer"/>), lets <paramref name="prepare"/> set it up (a connection limit, say), then starts
    /// <paramref name="count"/> instances at once, instance <c>i</c> with <paramref name="settings"/>(database, i) (by
    /// default <see cref="PostgreSqlTestDatabaseSettings.Settings"/>). When one fails to start, the others and the
    /// database are disposed and the failure is thrown.
    /// </summary>
    public static async Task<InstancesOnOneDatabase> StartAsync(
        int count, TestSeed seed, FakeTimeProvider time,
        Func<PostgreSqlTestDatabase, int, Dictionary<string, string?>>? settings = null,
        Func<PostgreSqlTestDatabase, Task>? prepare = null, string? server = null)
    {
        var instances = new InstancesOnOneDatabase(await PostgreSqlTestDatabase.CreateAsync(server));
        try
        {
            if (prepare is not null)
            {
                await prepare(instances.Database);
            }

            var starts = Enumerable.Range(0, count)
                .Select(i => MandateTestServer.StartAsync(seed, time: time, settings: settings?.Invoke(instances.Database, i) ?? instances.Database.Settings()))
                .ToList();
            try
            {
                await Task.WhenAll(starts);
            }
            finally
            {
                instances._servers.AddRange(starts.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result));
            }

            return instances;
        }
        catch
        {
            await instances.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
