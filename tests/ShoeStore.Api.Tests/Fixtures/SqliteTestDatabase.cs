using System.Text;
using Microsoft.Data.Sqlite;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Tests.Fixtures;

/// <summary>A SQLite file in its own temporary folder.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "shoestore-tests-" + Guid.NewGuid().ToString("N"));

    private SqliteTestDatabase()
    {
        Directory.CreateDirectory(_directory);
    }

    public override string ConnectionString => $"Data Source={Path.Combine(_directory, "store.db")}";

    internal override StoreDatabaseProvider Provider => StoreDatabaseProvider.Sqlite;

    internal static SqliteTestDatabase Create() => new();

    /// <summary>The raw bytes of the database and its WAL files, read as Latin-1.</summary>
    public override Task<string> ReadStoredTextAsync()
    {
        SqliteConnection.ClearAllPools();
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(_directory))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            text.Append(reader.ReadToEnd());
        }

        return Task.FromResult(text.ToString());
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown; the OS temp cleaner takes it.
        }

        return ValueTask.CompletedTask;
    }
}
