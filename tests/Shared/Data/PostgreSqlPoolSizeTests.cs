using Mandate.Data;
using Npgsql;

namespace Mandate.Shared.Tests.Data;

/// <summary>Which <c>Maximum Pool Size</c> a PostgreSQL connection string ends up with (<see cref="PostgreSqlPoolSize"/>).</summary>
public sealed class PostgreSqlPoolSizeTests
{
    [Fact]
    public void ConnectionStringWithoutMaximum_GetsTheConfiguredOne()
    {
        var applied = PostgreSqlPoolSize.Apply("Host=db;Database=mandate;Username=mandate", 12);

        Assert.Equal(12, new NpgsqlConnectionStringBuilder(applied).MaxPoolSize);
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=40")]
    [InlineData("Host=db;MaxPoolSize=40")]
    [InlineData("Host=db;maximum pool size=40")]
    public void ConnectionStringWithItsOwnMaximum_KeepsIt(string connectionString)
    {
        var applied = PostgreSqlPoolSize.Apply(connectionString, 12);

        Assert.Equal(40, new NpgsqlConnectionStringBuilder(applied).MaxPoolSize);
    }

    [Fact]
    public void ConnectionStringWithNpgsqlsDefaultWrittenOut_KeepsIt()
    {
        // 100 is Npgsql's default; written out, it is still the operator's choice.
        var applied = PostgreSqlPoolSize.Apply("Host=db;Maximum Pool Size=100", 12);

        Assert.Equal(100, new NpgsqlConnectionStringBuilder(applied).MaxPoolSize);
    }

    [Fact]
    public void OtherKeywords_AreKept()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgreSqlPoolSize.Apply("Host=db;Port=6432;Database=mandate;Timeout=30;Application Name=a", 12));

        Assert.Equal(("db", 6432, "mandate", 30, "a"), (applied.Host, applied.Port, applied.Database, applied.Timeout, applied.ApplicationName));
    }

    [Fact]
    public void DefaultPoolSize_IsTwenty()
    {
        Assert.Equal(20, PostgreSqlPoolSize.Default);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void PoolSizeNotPositive_IsAProgrammingError(int maxPoolSize)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PostgreSqlPoolSize.Apply("Host=db", maxPoolSize));
    }

    [Theory]
    [InlineData("Host=db;Minimum Pool Size=5;Maximum Pool Size=5")]
    [InlineData("Host=db;Minimum Pool Size=0;Maximum Pool Size=1")]
    public void MinimumUpToTheMaximum_Passes(string connectionString)
    {
        Assert.Null(PostgreSqlPoolSize.Check(connectionString, 20, "ConnectionStrings:Mandate", "Mandate:DatabaseMaxPoolSize"));
    }

    [Fact]
    public void MinimumUpToTheConnectionStringsOwnMaximum_PassesWhateverTheSetting()
    {
        Assert.Null(PostgreSqlPoolSize.Check("Host=db;Minimum Pool Size=30;Maximum Pool Size=40", 20, "ConnectionStrings:Mandate", "Mandate:DatabaseMaxPoolSize"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void PoolSizeNotPositive_IsRefusedWithTheSettingsName(int maxPoolSize)
    {
        var error = PostgreSqlPoolSize.Check("Host=db", maxPoolSize, "ConnectionStrings:Mandate", "Mandate:DatabaseMaxPoolSize");

        Assert.Contains("Mandate:DatabaseMaxPoolSize must be a positive number", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MinimumAboveAMaximumFromTheSetting_NamesTheSetting()
    {
        var error = PostgreSqlPoolSize.Check("Host=db;Minimum Pool Size=30", 20, "ConnectionStrings:Mandate", "Mandate:DatabaseMaxPoolSize");

        Assert.Contains("Mandate:DatabaseMaxPoolSize", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MinimumAboveTheConnectionStringsOwnMaximum_NamesTheConnectionString()
    {
        var error = PostgreSqlPoolSize.Check("Host=db;Minimum Pool Size=30;Maximum Pool Size=10", 40, "ConnectionStrings:Mandate", "Mandate:DatabaseMaxPoolSize");

        Assert.Contains("its own Maximum Pool Size", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Mandate:DatabaseMaxPoolSize", error, StringComparison.Ordinal);
    }
}
