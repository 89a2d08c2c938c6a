using Microsoft.EntityFrameworkCore;

namespace ShoeStore.Api.Storage;

/// <summary>The store's data in SQLite (the embedded default); migrations in <c>Storage/Migrations/Sqlite</c>.</summary>
internal sealed class SqliteShoeStoreDbContext(DbContextOptions<SqliteShoeStoreDbContext> options) : ShoeStoreDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants as Unix milliseconds: SQLite has no date type, and can compare and sort integers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
    }
}
