using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Tests.Fixtures;

/// <summary>A fresh store database on the <see cref="PostgreSqlTestServer"/> (a <see cref="PostgreSqlTestDatabase"/>), dropped when disposed.</summary>
public sealed class PostgreSqlStoreTestDatabase : TestDatabase
{
    private readonly PostgreSqlTestDatabase _database;

    private PostgreSqlStoreTestDatabase(PostgreSqlTestDatabase database)
    {
        _database = database;
    }

    public override string ConnectionString => _database.ConnectionString;

    internal override StoreDatabaseProvider Provider => StoreDatabaseProvider.PostgreSql;

    internal static async Task<PostgreSqlStoreTestDatabase> CreateAsync() =>
        new(await PostgreSqlTestDatabase.CreateAsync(maxPoolSize: 30, namePrefix: "shoestore_t_"));

    /// <summary>Every row of every table of the database, as PostgreSQL's text form of the row.</summary>
    public override Task<string> ReadStoredTextAsync() => _database.ReadAllRowsAsTextAsync();

    public override ValueTask DisposeAsync() => _database.DisposeAsync();
}
