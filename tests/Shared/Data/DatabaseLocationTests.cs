using Mandate.Data;
using Npgsql;

namespace Mandate.Shared.Tests.Data;

/// <summary>
/// How an application's connection string and provider setting pick its database (<see cref="DatabaseLocation"/>), under
/// an example section <c>Shop</c>; the server (<c>Mandate</c>) and the store (<c>ShoeStore</c>) test their own names.
/// </summary>
public sealed class DatabaseLocationTests
{
    private const string Section = "Shop";
    private const string DefaultFile = "shop.db";
    private const string Password = "not-a-real-password-7f3a";

    [Fact]
    public void NoConnectionString_IsTheDefaultSqliteFileInTheDataDirectory()
    {
        var database = Resolve(null, null, "/var/lib/shop");

        Assert.Equal(DatabaseEngine.Sqlite, database.Engine);
        Assert.Equal("Data Source=/var/lib/shop/shop.db", database.ConnectionString);
    }

    [Theory]
    [InlineData("Host=db.internal;Database=shop;Username=shop", null)]
    [InlineData("Server=db.internal;Port=5433;Database=shop", null)]
    [InlineData("host=db.internal;database=shop", "")]
    [InlineData("Host=db.internal;Database=shop", "postgresql")]
    public void ConnectionStringNamingAServer_IsPostgreSql(string connectionString, string? provider)
    {
        var database = Resolve(connectionString, provider);

        Assert.Equal(DatabaseEngine.PostgreSql, database.Engine);
        Assert.Equal("db.internal", new NpgsqlConnectionStringBuilder(database.ConnectionString).Host);
    }

    [Theory]
    [InlineData("Data Source=/srv/shop.db", "Data Source=/srv/shop.db")]
    [InlineData("/srv/shop.db", "Data Source=/srv/shop.db")]
    [InlineData("Data Source=:memory:", "Data Source=:memory:")]
    public void SqliteConnectionStringOrBarePath_IsSqlite(string connectionString, string expected)
    {
        var database = Resolve(connectionString, null);

        Assert.Equal(DatabaseEngine.Sqlite, database.Engine);
        Assert.Equal(expected, database.ConnectionString);
    }

    [Theory]
    [InlineData("postgresql", "Host=db;Database=shop", true)]
    [InlineData("PostgreSql", "Host=db;Database=shop", true)]
    [InlineData("SQLITE", "Data Source=x.db", false)]
    public void ExplicitProvider_IsReadWithoutRegardToCase(string provider, string connectionString, bool postgreSql)
    {
        Assert.Equal(postgreSql ? DatabaseEngine.PostgreSql : DatabaseEngine.Sqlite, Resolve(connectionString, provider).Engine);
    }

    [Theory]
    [InlineData(null, "Oracle", "Shop:DatabaseProvider (env Shop__DatabaseProvider)")]
    [InlineData(null, "PostgreSql", "ConnectionStrings:Shop (env ConnectionStrings__Shop)")]
    [InlineData("/srv/shop.db", "PostgreSql", "file path")]
    [InlineData("Data Source=x.db", "PostgreSql", "Host=")]
    [InlineData("Host=db;Database=shop;Password=" + Password, "Sqlite", "names a server")]
    [InlineData("Host=db;Password=" + Password + ";Port=not-a-port", null, "not a valid Npgsql connection string")]
    [InlineData("Data Source=x.db;Password=" + Password + ";Mode=Sideways", null, "not a valid SQLite connection string")]
    [InlineData("Host='db;Password=" + Password, null, "not a connection string")]
    public void SettingsThatCannotWork_SayWhatToFix_WithoutRepeatingTheConnectionString(string? connectionString, string? provider, string hint)
    {
        Assert.False(DatabaseLocation.TryResolve(Section, DefaultFile, connectionString, provider, ".shop", PostgreSqlPoolSize.Default, out var database, out var error));
        Assert.Null(database);
        Assert.Contains(hint, error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSql_GetsTheConfiguredPoolSize_UnlessTheConnectionStringSetsOne()
    {
        Assert.Equal(7, new NpgsqlConnectionStringBuilder(Resolve("Host=db;Database=shop", null, maxPoolSize: 7).ConnectionString).MaxPoolSize);
        Assert.Equal(40, new NpgsqlConnectionStringBuilder(Resolve("Host=db;Maximum Pool Size=40", null, maxPoolSize: 7).ConnectionString).MaxPoolSize);
    }

    [Fact]
    public void Sqlite_IgnoresThePoolSize()
    {
        Assert.Equal("Data Source=/srv/shop.db", Resolve("Data Source=/srv/shop.db", null, maxPoolSize: 7).ConnectionString);
    }

    [Theory]
    [InlineData("Host=db;Password=" + Password, 0, "Shop:DatabaseMaxPoolSize (env Shop__DatabaseMaxPoolSize) must be a positive number")]
    [InlineData("Host=db;Password=" + Password + ";Minimum Pool Size=30", 20, "Minimum Pool Size")]
    public void PoolSizeThatCannotWork_SaysWhatToFix_WithoutRepeatingTheConnectionString(string connectionString, int maxPoolSize, string hint)
    {
        Assert.False(DatabaseLocation.TryResolve(Section, DefaultFile, connectionString, null, ".shop", maxPoolSize, out _, out var error));
        Assert.Contains(hint, error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error, StringComparison.Ordinal);
    }

    private static DatabaseLocation Resolve(string? connectionString, string? provider, string dataDirectory = ".shop", int maxPoolSize = PostgreSqlPoolSize.Default)
    {
        Assert.True(DatabaseLocation.TryResolve(Section, DefaultFile, connectionString, provider, dataDirectory, maxPoolSize, out var database, out var error), error);
        return database;
    }
}
