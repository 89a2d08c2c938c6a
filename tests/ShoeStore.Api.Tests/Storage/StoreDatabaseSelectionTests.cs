using Microsoft.Extensions.Configuration;
using Mandate.Data;
using Npgsql;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Tests.Storage;

/// <summary>
/// How <c>ConnectionStrings:ShoeStore</c> and <c>ShoeStore:DatabaseProvider</c> pick the store's database: the store's
/// file, folder and setting names over the rules the server shares (tests/Shared/Data/DatabaseLocationTests.cs).
/// </summary>
public sealed class StoreDatabaseSelectionTests
{
    private const string Password = "pw-4f1c9a77e2";
    private static readonly string DataDirectory = Path.Combine(Path.GetTempPath(), "shoestore-data");

    [Fact]
    public void NoConnectionString_IsTheSqliteFileInTheDataDirectory()
    {
        var database = Resolve(null, null);

        Assert.Equal(StoreDatabaseProvider.Sqlite, database.Provider);
        Assert.Equal($"Data Source={Path.Combine(DataDirectory, StoreDatabase.DefaultFileName)}", database.ConnectionString);
        Assert.Equal(DataDirectory, database.SqliteDirectory());
    }

    [Theory]
    [InlineData("Host=db.internal;Database=shoestore;Username=shoestore;Password=" + Password, null)]
    [InlineData("Host=db.internal;Database=shoestore", "postgresql")]
    public void ConnectionStringNamingAServer_IsPostgreSql_WithNoFolderToCreate(string configured, string? provider)
    {
        var database = Resolve(configured, provider);

        Assert.Equal(StoreDatabaseProvider.PostgreSql, database.Provider);
        Assert.Equal("db.internal", new NpgsqlConnectionStringBuilder(database.ConnectionString).Host);
        Assert.Null(database.SqliteDirectory());
    }

    [Fact]
    public void InMemorySqlite_HasNoFolderToCreate()
    {
        var database = Resolve("Data Source=:memory:", null);

        Assert.Equal(StoreDatabaseProvider.Sqlite, database.Provider);
        Assert.Null(database.SqliteDirectory());
    }

    [Theory]
    [InlineData(null, "Oracle", PostgreSqlPoolSize.Default, "ShoeStore:DatabaseProvider (env ShoeStore__DatabaseProvider)")]
    [InlineData(null, "PostgreSql", PostgreSqlPoolSize.Default, "ConnectionStrings:ShoeStore (env ConnectionStrings__ShoeStore)")]
    [InlineData("Host=db.internal;Password=" + Password, null, 0, "ShoeStore:DatabaseMaxPoolSize (env ShoeStore__DatabaseMaxPoolSize)")]
    public void SettingsThatCannotWork_NameTheStoresSettings(string? configured, string? provider, int maxPoolSize, string setting)
    {
        Assert.False(StoreDatabase.TryResolve(configured, provider, DataDirectory, maxPoolSize, out var database, out var error));
        Assert.Null(database);
        Assert.Contains(setting, error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_FailsStartUpOnAnUnusableConnectionString_AndAcceptsAGoodOne()
    {
        var bad = new StoreDatabaseValidator(Configuration("Host=db.internal;Password=" + Password + ";Colour=blue"))
            .Validate(null, new ShoeStoreOptions { DataDirectory = DataDirectory });
        var good = new StoreDatabaseValidator(Configuration("Host=db.internal;Database=shoestore;Password=" + Password))
            .Validate(null, new ShoeStoreOptions { DataDirectory = DataDirectory });

        Assert.True(bad.Failed);
        Assert.Contains("ConnectionStrings__ShoeStore", bad.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, bad.FailureMessage, StringComparison.Ordinal);
        Assert.True(good.Succeeded);
    }

    private static StoreDatabase Resolve(string? connectionString, string? provider)
    {
        Assert.True(StoreDatabase.TryResolve(connectionString, provider, DataDirectory, PostgreSqlPoolSize.Default, out var database, out var error), error);
        return database;
    }

    private static IConfiguration Configuration(string connectionString) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:ShoeStore"] = connectionString }).Build();
}
