using Mandate.Server.Data;
using Npgsql;

namespace Mandate.Server.Tests.Data;

/// <summary>How <c>ConnectionStrings:Mandate</c> and <c>Mandate:DatabaseProvider</c> pick the database.</summary>
public sealed class MandateDatabaseSelectionTests
{
    private const string Password = "not-a-real-password-7f3a";

    [Fact]
    public void NoConnectionString_IsSqliteFileInTheDataDirectory()
    {
        Assert.True(MandateDatabase.TryResolve(null, null, "/var/lib/mandate", PostgreSqlPoolSize.Default, out var database, out _));
        Assert.Equal(MandateDatabaseProvider.Sqlite, database.Provider);
        Assert.Equal("Data Source=/var/lib/mandate/mandate.db", database.ConnectionString);
    }

    [Theory]
    [InlineData("Host=db.internal;Database=mandate;Username=mandate")]
    [InlineData("Server=db.internal;Database=mandate")]
    public void ConnectionStringNamingAServer_IsPostgreSql(string connectionString)
    {
        Assert.True(MandateDatabase.TryResolve(connectionString, null, ".mandate", PostgreSqlPoolSize.Default, out var database, out _));
        Assert.Equal(MandateDatabaseProvider.PostgreSql, database.Provider);
        Assert.Equal("db.internal", new NpgsqlConnectionStringBuilder(database.ConnectionString).Host);
    }

    [Theory]
    [InlineData("Data Source=/srv/mandate.db", "Data Source=/srv/mandate.db")]
    [InlineData("/srv/mandate.db", "Data Source=/srv/mandate.db")]
    public void SqliteConnectionStringOrBarePath_IsSqlite(string value, string expected)
    {
        Assert.True(MandateDatabase.TryResolve(value, null, ".mandate", PostgreSqlPoolSize.Default, out var database, out _));
        Assert.Equal(MandateDatabaseProvider.Sqlite, database.Provider);
        Assert.Equal(expected, database.ConnectionString);
    }

    [Theory]
    [InlineData("postgresql", nameof(MandateDatabaseProvider.PostgreSql))]
    [InlineData("PostgreSql", nameof(MandateDatabaseProvider.PostgreSql))]
    [InlineData("SQLITE", nameof(MandateDatabaseProvider.Sqlite))]
    public void ExplicitProvider_IsReadWithoutRegardToCase(string provider, string expectedProvider)
    {
        // The provider by name: MandateDatabaseProvider is internal, and a public test method cannot take it.
        var expected = Enum.Parse<MandateDatabaseProvider>(expectedProvider);
        var connectionString = expected == MandateDatabaseProvider.PostgreSql ? "Host=db;Database=mandate" : "Data Source=x.db";
        Assert.True(MandateDatabase.TryResolve(connectionString, provider, ".mandate", PostgreSqlPoolSize.Default, out var database, out _));
        Assert.Equal(expected, database.Provider);
    }

    [Theory]
    [InlineData(null, "Oracle", "Mandate:DatabaseProvider")]
    [InlineData(null, "PostgreSql", "ConnectionStrings:Mandate")]
    [InlineData("/srv/mandate.db", "PostgreSql", "file path")]
    [InlineData("Data Source=x.db", "PostgreSql", "Host=")]
    [InlineData("Host=db;Database=mandate", "Sqlite", "names a server")]
    [InlineData("Host=db;Port=not-a-port", null, "not a valid Npgsql connection string")]
    [InlineData("Data Source=x.db;Mode=Sideways", null, "not a valid SQLite connection string")]
    [InlineData("=;;=", null, "not a connection string")]
    public void SettingsThatCannotWork_AreRefusedWithWhatToFix(string? connectionString, string? provider, string hint)
    {
        Assert.False(MandateDatabase.TryResolve(connectionString, provider, ".mandate", PostgreSqlPoolSize.Default, out _, out var error));
        Assert.Contains(hint, error, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSql_GetsTheConfiguredPoolSize()
    {
        Assert.True(MandateDatabase.TryResolve("Host=db;Database=mandate", null, ".mandate", 7, out var database, out _));
        Assert.Equal(7, new NpgsqlConnectionStringBuilder(database.ConnectionString).MaxPoolSize);
    }

    [Fact]
    public void Sqlite_IgnoresThePoolSize()
    {
        Assert.True(MandateDatabase.TryResolve("Data Source=/srv/mandate.db", null, ".mandate", 7, out var database, out _));
        Assert.Equal("Data Source=/srv/mandate.db", database.ConnectionString);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void PostgreSqlWithPoolSizeNotPositive_IsRefusedWithTheSettingsName(int maxPoolSize)
    {
        Assert.False(MandateDatabase.TryResolve("Host=db;Database=mandate", null, ".mandate", maxPoolSize, out _, out var error));
        Assert.Contains("Mandate:DatabaseMaxPoolSize", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MinimumPoolSizeAboveTheMaximum_IsRefusedWithoutRepeatingTheConnectionString()
    {
        Assert.False(MandateDatabase.TryResolve($"Host=db;Password={Password};Minimum Pool Size=30", null, ".mandate", 20, out _, out var error));
        Assert.Contains("Minimum Pool Size", error, StringComparison.Ordinal);
        Assert.Contains("Mandate:DatabaseMaxPoolSize", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusedConnectionString_IsNeverRepeatedInTheError()
    {
        Assert.False(MandateDatabase.TryResolve($"Host=db;Password={Password};Port=x", null, ".mandate", PostgreSqlPoolSize.Default, out _, out var error));
        Assert.DoesNotContain(Password, error, StringComparison.Ordinal);
    }
}
