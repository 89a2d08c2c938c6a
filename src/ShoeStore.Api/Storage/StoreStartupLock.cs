namespace ShoeStore.Api.Storage;

/// <summary>
/// Serializes the start-up of store instances that share one PostgreSQL database (migrations, then the seed) with a
/// session-level advisory lock (<see cref="PostgreSqlAdvisoryLock"/>): EF Core's own migration lock does not keep two
/// instances from applying the same later migration at once ("column … already exists"), which
/// <c>ConcurrentStartTests</c> shows. On SQLite (one instance) it holds nothing.
/// </summary>
internal static class StoreStartupLock
{
    /// <summary>The advisory lock's key: "ShoeStor" in ASCII.</summary>
    private const long LockKey = 0x53686f6553746f72;

    /// <summary>Waits for the lock; dispose the result to release it.</summary>
    public static Task<IAsyncDisposable> AcquireAsync(StoreDatabase database, CancellationToken cancellationToken) =>
        database.Provider == StoreDatabaseProvider.PostgreSql
            ? PostgreSqlAdvisoryLock.AcquireAsync(database.ConnectionString, LockKey, cancellationToken)
            : Task.FromResult(PostgreSqlAdvisoryLock.None);
}
