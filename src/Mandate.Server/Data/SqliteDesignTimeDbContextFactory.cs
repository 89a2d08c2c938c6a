using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mandate.Server.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add X --context SqliteMandateDbContext --output-dir Data/Migrations/Sqlite</c>
/// build the model without starting the host.
/// </summary>
internal sealed class SqliteDesignTimeDbContextFactory : IDesignTimeDbContextFactory<SqliteMandateDbContext>
{
    public SqliteMandateDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMandateDbContext>().UseSqlite("Data Source=design-time.db").UseOpenIddict().Options);
}
