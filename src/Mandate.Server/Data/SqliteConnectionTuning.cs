using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mandate.Server.Data;

/// <summary>
/// SQLite settings for many short transactions from concurrent requests. The database file is switched to
/// write-ahead logging once at start-up (<see cref="EnableWriteAheadLogAsync"/>; the mode is stored in the file, so it
/// holds for every later connection): readers no longer wait for the writer, and a commit appends to the log instead
/// of rewriting the journal. Each native connection is then set to <c>synchronous=NORMAL</c> and a <c>busy_timeout</c>
/// equal to the connection's default command timeout when it is first opened (both belong to the connection, and
/// Microsoft.Data.Sqlite reuses native connections from its pool, so they are applied once per native connection, not
/// once per use), and the log's automatic checkpoint is moved to <see cref="SqliteCheckpointer.AutoCheckpointPages"/>
/// pages, a backstop behind <see cref="SqliteCheckpointer"/>, which checkpoints off the commit path. With the timeout a second writer waits inside SQLite, backing off from 1 ms, instead of failing with
/// SQLITE_BUSY, which Microsoft.Data.Sqlite retries every 150 ms (that was bc-authorize's p99 of 0.6–1 s). In WAL mode
/// NORMAL keeps the database consistent after a crash; only a power loss (not a process crash) may undo the last
/// commits before the next checkpoint: a just-created CIBA request the client must repeat, or a used request-object
/// <c>jti</c> forgotten while that object is still unexpired. PostgreSQL is not affected.
/// </summary>
internal sealed class SqliteConnectionTuning : DbConnectionInterceptor
{
    /// <summary>The <c>PRAGMA synchronous</c> value applied per connection (1 = NORMAL).</summary>
    public const int SynchronousNormal = 1;

    private static readonly object Tuned = new();

    // Native connections (SQLitePCL's sqlite3 handle) already set; the entry goes when the pool closes the handle.
    private readonly ConditionalWeakTable<object, object> _tuned = new();

    /// <summary>Switches the database file to write-ahead logging (persistent). Returns the journal mode now in force
    /// (an in-memory database stays in <c>memory</c> mode).</summary>
    public static async Task<string?> EnableWriteAheadLogAsync(DbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            return await command.ExecuteScalarAsync(cancellationToken) as string;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Tune(connection);

    /// <inheritdoc />
    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Tune(connection);
        return Task.CompletedTask;
    }

    private void Tune(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || _tuned.TryGetValue(handle, out _))
        {
            return;
        }

        using (var command = sqlite.CreateCommand())
        {
            command.CommandText = string.Create(CultureInfo.InvariantCulture,
                $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={Math.Max(1, sqlite.DefaultTimeout) * 1000}; PRAGMA wal_autocheckpoint={SqliteCheckpointer.AutoCheckpointPages};");
            command.ExecuteNonQuery();
        }

        _tuned.AddOrUpdate(handle, Tuned);
    }
}
