using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Tests.Fixtures;

/// <summary>An empty store database for one test class, deleted when disposed.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    /// <summary>The value for <c>ConnectionStrings:ShoeStore</c>.</summary>
    public abstract string ConnectionString { get; }

    internal abstract StoreDatabaseProvider Provider { get; }

    /// <summary>Creates an empty database on <paramref name="provider"/>.</summary>
    internal static async Task<TestDatabase> CreateAsync(StoreDatabaseProvider provider) => provider switch
    {
        StoreDatabaseProvider.PostgreSql => await PostgreSqlStoreTestDatabase.CreateAsync(),
        _ => SqliteTestDatabase.Create(),
    };

    /// <summary>Everything the database holds, as text: to prove that something was never stored.</summary>
    public abstract Task<string> ReadStoredTextAsync();

    public abstract ValueTask DisposeAsync();
}
