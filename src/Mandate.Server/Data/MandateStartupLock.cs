namespace Mandate.Server.Data;

/// <summary>
/// Serializes the start-up work of instances that share one PostgreSQL database (migrations, seed, server keys, the
/// first data-protection key) with a session-level advisory lock (<see cref="PostgreSqlAdvisoryLock"/>), so that two
/// instances starting at once on an empty database create each of them once. On SQLite (one instance) it holds nothing.
/// </summary>
internal sealed class MandateStartupLock(MandateDatabase database)
{
    /// <summary>The advisory lock's key: "Mandate" in ASCII.</summary>
    private const long LockKey = 0x4d616e64617465;

    /// <summary>Waits for the lock; dispose the result to release it.</summary>
    public Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken) =>
        database.Provider == MandateDatabaseProvider.PostgreSql
            ? PostgreSqlAdvisoryLock.AcquireAsync(database.ConnectionString, LockKey, cancellationToken)
            : Task.FromResult(PostgreSqlAdvisoryLock.None);
}
