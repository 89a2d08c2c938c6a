using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Data;

/// <summary>The server's data in SQLite (the embedded default); migrations in <c>Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteMandateDbContext(DbContextOptions<SqliteMandateDbContext> options) : MandateDbContext(options)
{
    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants as UTC ticks: SQLite has no date type, and can compare and order integers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}
