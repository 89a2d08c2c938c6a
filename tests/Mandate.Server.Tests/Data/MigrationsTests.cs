using Mandate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Tests.Data;

/// <summary>Each engine's migrations describe the current model (no database needed).</summary>
public sealed class MigrationsTests
{
    [Fact]
    public void SqliteMigrations_CoverTheModel()
    {
        using var db = new SqliteDesignTimeDbContextFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "run: dotnet ef migrations add <Name> --context SqliteMandateDbContext --output-dir Data/Migrations/Sqlite");
    }

    [Fact]
    public void PostgreSqlMigrations_CoverTheModel()
    {
        using var db = new PostgreSqlDesignTimeDbContextFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "run: dotnet ef migrations add <Name> --context PostgreSqlMandateDbContext --output-dir Data/Migrations/PostgreSql");
    }

    [Fact]
    public void SqliteMigrations_KeepTheFirstReleasesMigrationId()
    {
        // Databases made before PostgreSQL support recorded this id; renaming it would re-run the initial migration.
        using var db = new SqliteDesignTimeDbContextFactory().CreateDbContext([]);
        Assert.Equal("20261128133444_InitialCreate", db.Database.GetMigrations().First());
    }
}
