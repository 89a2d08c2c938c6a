using Mandate.Server.Data;
using Microsoft.Data.Sqlite;

namespace Mandate.Server.Tests.Data;

/// <summary>The server copies SQLite's log into the database file off the commit path, and the log then starts over.</summary>
public sealed class SqliteCheckpointerTests
{
    [Fact]
    public async Task Checkpoint_LeavesNoCommittedPageOutsideTheFile_AndTheNextCommitStartsTheLogOver()
    {
        await using var db = await LogDatabase.CreateAsync();
        for (var i = 0; i < 200; i++)
        {
            await ExecuteAsync(db.Writer, $"INSERT INTO t VALUES ('{Guid.NewGuid()}', randomblob(300));");
        }

        var pagesBefore = LogPages(db.Path);
        Assert.True(pagesBefore > 10, $"the log holds the inserts' pages ({pagesBefore})");

        SqliteCheckpointer.Checkpoint(db.Checkpointer, new SemaphoreSlim(1, 1), restartPages: 1, CancellationToken.None);

        Assert.Equal(200, await CountAsync(ImmutableFile(db.Path), "t"));
        await ExecuteAsync(db.Writer, "INSERT INTO t VALUES ('one-more', randomblob(300));");
        var (log, _) = await PassiveAsync(db.Checkpointer);
        Assert.True(log < 10, $"the next commit started the log over ({log} pages in it, {pagesBefore} before)");
    }

    [Fact]
    public async Task Checkpoint_WaitsForTheWriteGate_BeforeItsSecondPass()
    {
        await using var db = await LogDatabase.CreateAsync();

        // A reader keeps a snapshot from before the last commit, so the first pass cannot copy every page.
        await ExecuteAsync(db.Writer, "INSERT INTO t VALUES ('a', NULL);");
        await using var reader = await db.OpenAsync();
        await using var snapshot = reader.BeginTransaction(deferred: true);
        await CountAsync(reader, "t");
        await ExecuteAsync(db.Writer, "INSERT INTO t VALUES ('b', NULL);");
        var gate = new SemaphoreSlim(0, 1);

        var checkpoint = Task.Run(() => SqliteCheckpointer.Checkpoint(db.Checkpointer, gate, restartPages: 1, CancellationToken.None));

        await Task.Delay(200);
        Assert.False(checkpoint.IsCompleted, "the second pass waits while a writer holds the gate");
        gate.Release();
        await checkpoint.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Checkpoint_OfALogShorterThanTheRestartSize_NeverWaitsForTheWriteGate()
    {
        await using var db = await LogDatabase.CreateAsync();
        await ExecuteAsync(db.Writer, "INSERT INTO t VALUES ('a', NULL);");

        await Task.Run(() => SqliteCheckpointer.Checkpoint(db.Checkpointer, new SemaphoreSlim(0, 1), restartPages: 1_000, CancellationToken.None))
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, await CountAsync(ImmutableFile(db.Path), "t"));
    }

    [Fact]
    public async Task Server_CheckpointsItsDatabaseFile_ByItself()
    {
        await using var server = await MandateTestServer.StartAsync(new TestSeed());

        // Read through the log (what the server sees) and from the database file alone (immutable: the log ignored).
        var path = Path.Combine(server.DataDirectory, MandateDatabase.DefaultFileName);
        var written = await CountAsync(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString(), "Users");
        Assert.True(written >= 1, $"the seed's users are written ({written})");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var inFile = await CountInFileAsync(path);
        while (inFile < written && DateTime.UtcNow < deadline)
        {
            await Task.Delay(SqliteCheckpointer.IdleInterval);
            inFile = await CountInFileAsync(path);
        }

        Assert.Equal(written, inFile);
    }

    [Fact]
    public async Task Checkpoint_ReportsTheLogAsItLeftIt_UntilTheNextCommit_SoTheCheckpointerSlowsDownWhenIdle()
    {
        await using var db = await LogDatabase.CreateAsync();
        await ExecuteAsync(db.Writer, "INSERT INTO t VALUES ('a', randomblob(300));");
        var gate = new SemaphoreSlim(1, 1);

        var first = SqliteCheckpointer.Checkpoint(db.Checkpointer, gate, restartPages: 1_000, CancellationToken.None);
        var idle = SqliteCheckpointer.Checkpoint(db.Checkpointer, gate, restartPages: 1_000, CancellationToken.None);
        await ExecuteAsync(db.Writer, "INSERT INTO t VALUES ('b', randomblob(300));");
        var busy = SqliteCheckpointer.Checkpoint(db.Checkpointer, gate, restartPages: 1_000, CancellationToken.None);

        Assert.True(first.Log > 0 && first.Checkpointed == first.Log, $"the first pass copied the whole log ({first})");
        Assert.Equal(SqliteCheckpointer.IdleInterval, SqliteCheckpointer.NextInterval(first, idle));
        Assert.Equal(SqliteCheckpointer.BusyInterval, SqliteCheckpointer.NextInterval(idle, busy));
        Assert.True(SqliteCheckpointer.BusyInterval < SqliteCheckpointer.IdleInterval);
    }

    [Theory]
    [InlineData("Data Source=/var/lib/mandate/mandate.db", true)]
    [InlineData("Data Source=mandate.db", true)]
    [InlineData("Data Source=:memory:", false)]
    [InlineData("Data Source=shared;Mode=Memory;Cache=Shared", false)]
    [InlineData("Data Source=file:shared?mode=memory&cache=shared", false)]
    public void IsFile_IsFalseForInMemoryDatabases(string connectionString, bool expected) =>
        Assert.Equal(expected, SqliteCheckpointer.IsFile(connectionString));

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(long Log, long Checkpointed)> PassiveAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>Pages in the log file, from its size (a 32-byte header, then frames of a 24-byte header and a page).</summary>
    private static long LogPages(string databasePath) => (new FileInfo(databasePath + "-wal").Length - 32) / (4096 + 24);

    /// <summary>The database file read alone, without its log.</summary>
    private static string ImmutableFile(string databasePath) =>
        new SqliteConnectionStringBuilder { DataSource = $"file:{databasePath}?immutable=1", Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();

    /// <summary>The seed's users in the database file alone; 0 while the file does not have their table yet.</summary>
    private static async Task<long> CountInFileAsync(string databasePath)
    {
        try
        {
            return await CountAsync(ImmutableFile(databasePath), "Users");
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1)
        {
            return 0;
        }
    }

    private static async Task<long> CountAsync(string connectionString, string table)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return await CountAsync(connection, table);
    }

    private static async Task<long> CountAsync(SqliteConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM \"{table}\";";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A database file in write-ahead-log mode with automatic checkpoints off and a table <c>t</c>, a writer's
    /// connection and a checkpointer's; deleted when disposed.</summary>
    private sealed class LogDatabase : IAsyncDisposable
    {
        private readonly string _directory;
        private readonly string _connectionString;

        private LogDatabase(string directory)
        {
            _directory = directory;
            Path = System.IO.Path.Combine(directory, "test.db");
            _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString();
        }

        public string Path { get; }

        public SqliteConnection Writer { get; private set; } = null!;

        public SqliteConnection Checkpointer { get; private set; } = null!;

        public static async Task<LogDatabase> CreateAsync()
        {
            var db = new LogDatabase(Directory.CreateTempSubdirectory("mandate-checkpoint-").FullName);
            db.Writer = await db.OpenAsync();
            await ExecuteAsync(db.Writer, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; CREATE TABLE t (k TEXT PRIMARY KEY, v BLOB);");
            db.Checkpointer = await db.OpenAsync();
            return db;
        }

        public async Task<SqliteConnection> OpenAsync()
        {
            var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync();
            return connection;
        }

        public async ValueTask DisposeAsync()
        {
            await Checkpointer.DisposeAsync();
            await Writer.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
