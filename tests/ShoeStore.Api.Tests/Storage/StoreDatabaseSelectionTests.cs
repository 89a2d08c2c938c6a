using Microsoft.Extensions.Configuration;
using Npgsql;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Tests.Storage;

/// <summary>How <c>ConnectionStrings:ShoeStore</c> and <c>ShoeStore:DatabaseProvider</c> pick the database.</summary>
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
    [InlineData("Data Source=/var/lib/shoestore/store.db", "Data Source=/var/lib/shoestore/store.db")]
    [InlineData("/var/lib/shoestore/store.db", "Data Source=/var/lib/shoestore/store.db")]
    [InlineData("Data Source=:memory:", "Data Source=:memory:")]
    public void SqliteConnectionStringOrPath_IsSqlite(string configured, string expected)
    {
        var database = Resolve(configured, null);

        Assert.Equal(StoreDatabaseProvider.Sqlite, database.Provider);
        Assert.Equal(expected, database.ConnectionString);
    }

    [Theory]
    [InlineData("Host=db.internal;Database=shoestore;Username=shoestore;Password=" + Password, null)]
    [InlineData("Server=db.internal;Port=5433;Database=shoestore", null)]
    [InlineData("host=db.internal;database=shoestore", "")]
    [InlineData("Host=db.internal;Database=shoestore", "postgresql")]
    public void ConnectionStringNamingAServer_IsPostgreSql(string configured, string? provider)
    {
        var database = Resolve(configured, provider);

        Assert.Equal(StoreDatabaseProvider.PostgreSql, database.Provider);
        Assert.Equal("db.internal", new NpgsqlConnectionStringBuilder(database.ConnectionString).Host);
        Assert.Null(database.SqliteDirectory());
    }

    [Theory]
    [InlineData(null, "Oracle", "ShoeStore__DatabaseProvider")]
    [InlineData(null, "PostgreSql", "ConnectionStrings__ShoeStore")]
    [InlineData("/var/lib/shoestore/store.db", "PostgreSql", "Host=")]
    [InlineData("Data Source=store.db", "PostgreSql", "Host=")]
    [InlineData("Host=db.internal;Database=shoestore;Password=" + Password, "Sqlite", "names a server")]
    [InlineData("Host=db.internal;Password=" + Password + ";Colour=blue", null, "not a valid Npgsql connection string")]
    [InlineData("Data Source=store.db;Password=" + Password + ";Colour=blue", null, "not a valid SQLite connection string")]
    [InlineData("Host='db.internal;Password=" + Password, null, "not a connection string")]
    public void Misconfiguration_SaysWhatToFix_WithoutRepeatingTheConnectionString(string? configured, string? provider, string advice)
    {
        var resolved = StoreDatabase.TryResolve(configured, provider, DataDirectory, PostgreSqlPoolSize.Default, out var database, out var error);

        Assert.False(resolved);
        Assert.Null(database);
        Assert.Contains(advice, error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSql_GetsTheConfiguredPoolSize_UnlessTheConnectionStringSetsOne()
    {
        Assert.True(StoreDatabase.TryResolve("Host=db.internal;Database=shoestore", null, DataDirectory, 7, out var configured, out _));
        Assert.True(StoreDatabase.TryResolve("Host=db.internal;Maximum Pool Size=40", null, DataDirectory, 7, out var own, out _));

        Assert.Equal(7, new NpgsqlConnectionStringBuilder(configured.ConnectionString).MaxPoolSize);
        Assert.Equal(40, new NpgsqlConnectionStringBuilder(own.ConnectionString).MaxPoolSize);
    }

    [Theory]
    [InlineData("Host=db.internal;Password=" + Password, 0, "ShoeStore:DatabaseMaxPoolSize (env ShoeStore__DatabaseMaxPoolSize) must be a positive number")]
    [InlineData("Host=db.internal;Password=" + Password + ";Minimum Pool Size=30", 20, "Minimum Pool Size")]
    public void PoolSizeThatCannotWork_SaysWhatToFix_WithoutRepeatingTheConnectionString(string configured, int maxPoolSize, string advice)
    {
        Assert.False(StoreDatabase.TryResolve(configured, null, DataDirectory, maxPoolSize, out _, out var error));
        Assert.Contains(advice, error, StringComparison.Ordinal);
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
