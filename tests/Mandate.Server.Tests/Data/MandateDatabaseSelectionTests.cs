using Mandate.Data;
using Mandate.Server.Data;
using Npgsql;

namespace Mandate.Server.Tests.Data;

/// <summary>
/// How <c>ConnectionStrings:Mandate</c> and <c>Mandate:DatabaseProvider</c> pick the server's database: the server's
/// file and setting names over the rules the store shares (tests/Shared/Data/DatabaseLocationTests.cs).
/// </summary>
public sealed class MandateDatabaseSelectionTests
{
    [Fact]
    public void NoConnectionString_IsMandateDbInTheDataDirectory()
    {
        Assert.True(MandateDatabase.TryResolve(null, null, "/var/lib/mandate", PostgreSqlPoolSize.Default, out var database, out _));
        Assert.Equal(MandateDatabaseProvider.Sqlite, database.Provider);
        Assert.Equal("Data Source=/var/lib/mandate/mandate.db", database.ConnectionString);
    }

    [Fact]
    public void ConnectionStringNamingAServer_IsPostgreSqlWithTheConfiguredPoolSize()
    {
        Assert.True(MandateDatabase.TryResolve("Host=db.internal;Database=mandate", null, ".mandate", 7, out var database, out _));
        Assert.Equal(MandateDatabaseProvider.PostgreSql, database.Provider);
        Assert.Equal(7, new NpgsqlConnectionStringBuilder(database.ConnectionString).MaxPoolSize);
    }

    [Theory]
    [InlineData(null, "Oracle", PostgreSqlPoolSize.Default, "Mandate:DatabaseProvider (env Mandate__DatabaseProvider)")]
    [InlineData(null, "PostgreSql", PostgreSqlPoolSize.Default, "ConnectionStrings:Mandate (env ConnectionStrings__Mandate)")]
    [InlineData("Host=db;Database=mandate", null, 0, "Mandate:DatabaseMaxPoolSize (env Mandate__DatabaseMaxPoolSize)")]
    public void SettingsThatCannotWork_NameTheServersSettings(string? connectionString, string? provider, int maxPoolSize, string setting)
    {
        Assert.False(MandateDatabase.TryResolve(connectionString, provider, ".mandate", maxPoolSize, out var database, out var error));
        Assert.Null(database);
        Assert.Contains(setting, error, StringComparison.Ordinal);
    }
}
