using Mandate.Server.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Tests.Data;

/// <summary>SQLite runs in write-ahead-log mode with synchronous=NORMAL and a busy timeout, its writers queue at one
/// gate per database file, and DbContexts come from a pool.</summary>
public sealed class SqliteTuningTests
{
    [Fact]
    public async Task FreshSqliteDatabase_IsInWalModeStoredInTheFile()
    {
        await using var server = await MandateTestServer.StartAsync(new TestSeed());

        // A connection of its own, outside the server: the mode is read from the database file.
        var path = Path.Combine(server.DataDirectory, MandateDatabase.DefaultFileName);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", await command.ExecuteScalarAsync() as string);
    }

    [Fact]
    public async Task ServerConnections_UseSynchronousNormal_AndWaitForTheWriteLockInsideSqlite()
    {
        await using var server = await MandateTestServer.StartAsync(new TestSeed());
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MandateDbContext>();

        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA synchronous;";
            Assert.Equal((long)SqliteConnectionTuning.SynchronousNormal, await command.ExecuteScalarAsync());
            command.CommandText = "PRAGMA busy_timeout;";
            Assert.Equal(30_000L, await command.ExecuteScalarAsync());
            command.CommandText = "PRAGMA wal_autocheckpoint;";
            Assert.Equal((long)SqliteCheckpointer.AutoCheckpointPages, await command.ExecuteScalarAsync());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public async Task ScopesReuseAPooledContext_WithNothingTrackedFromItsLastUse()
    {
        await using var server = await MandateTestServer.StartAsync(new TestSeed());
        MandateDbContext first;
        using (var scope = server.Services.CreateScope())
        {
            first = scope.ServiceProvider.GetRequiredService<MandateDbContext>();
            first.AuditEntries.Add(new AuditEntry { Event = "test.pooled", Outcome = "staged", At = server.Time.GetUtcNow() });
        }

        // The pool hands out its contexts in turn (FIFO): the first one comes back within as many scopes as it holds.
        MandateDbContext? again = null;
        for (var i = 0; i < MandateDatabaseServices.PoolSize && again is null; i++)
        {
            using var scope = server.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MandateDbContext>();
            if (ReferenceEquals(db, first))
            {
                again = db;
                Assert.Empty(db.ChangeTracker.Entries());
            }
        }

        Assert.NotNull(again);
    }

    [Fact]
    public void WriteGate_IsOnePerDatabaseFile_HoweverTheConnectionStringNamesIt()
    {
        var directory = Path.Combine(Path.GetTempPath(), "mandate-gate-" + Guid.NewGuid().ToString("N"));
        var file = Path.Combine(directory, "a.db");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, file);

        Assert.Same(SqliteWriteGate.For("Data Source=" + file), SqliteWriteGate.For("Data Source=" + relative + ";Pooling=False"));
        Assert.NotSame(SqliteWriteGate.For("Data Source=" + file), SqliteWriteGate.For("Data Source=" + Path.Combine(directory, "b.db")));
    }

    [Fact]
    public async Task ConcurrentSaves_AllCommit_WithTheGateFreeAfterwards()
    {
        await using var server = await MandateTestServer.StartAsync(new TestSeed());
        var saves = Enumerable.Range(0, 16).Select(async i =>
        {
            using var scope = server.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MandateDbContext>();
            db.AuditEntries.Add(new AuditEntry { Event = "test.gate", ClientId = "c" + i, Outcome = "success", At = server.Time.GetUtcNow() });
            return await db.SaveChangesAsync();
        });

        Assert.All(await Task.WhenAll(saves), n => Assert.Equal(1, n));
        using var check = server.Services.CreateScope();
        var context = check.ServiceProvider.GetRequiredService<MandateDbContext>();
        Assert.Equal(16, await context.AuditEntries.CountAsync(a => a.Event == "test.gate"));
        Assert.Equal(1, SqliteWriteGate.For(context.Database.GetConnectionString()!).CurrentCount);
    }
}
