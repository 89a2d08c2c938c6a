using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mandate.Server.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add X --context PostgreSqlMandateDbContext --output-dir Data/Migrations/PostgreSql</c>
/// build the model without starting the host or reaching a server.
/// </summary>
internal sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlMandateDbContext>
{
    public PostgreSqlMandateDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlMandateDbContext>().UseNpgsql("Host=localhost;Database=mandate_design_time").UseOpenIddict().Options);
}
