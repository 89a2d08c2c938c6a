using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Mandate.Server.Data;

/// <summary>
/// Lets one <c>SaveChanges</c> at a time write to a SQLite database file within this process. SQLite has a single
/// writer; without the gate, concurrent writers collide on its lock and wait in its busy handler, which sleeps in
/// growing steps (1, 2, 5, 10 … 100 ms) and blocks a thread-pool thread meanwhile, so under load the lock is often free
/// while every waiter sleeps. Here they queue on an asynchronous semaphore and are handed the lock in turn, without
/// blocking threads. The busy timeout stays as the fallback for writes outside the gate (single-statement updates,
/// another process). One gate per database file, shared by every context of the process.
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>The gate of the database a connection string names.</summary>
    public static SemaphoreSlim For(string connectionString) =>
        Gates.GetOrAdd(Key(connectionString), static _ => new SemaphoreSlim(1, 1));

    private static string Key(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return source.Length == 0 || source.Equals(":memory:", StringComparison.Ordinal) || source.StartsWith("file:", StringComparison.Ordinal)
            ? connectionString
            : Path.GetFullPath(source);
    }
}
