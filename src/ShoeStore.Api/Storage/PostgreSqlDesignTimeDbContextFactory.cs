using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ShoeStore.Api.Storage;

/// <summary>
/// Lets <c>dotnet ef migrations add X --context PostgreSqlShoeStoreDbContext --output-dir Storage/Migrations/PostgreSql</c>
/// build the model without starting the web host or reaching a server.
/// </summary>
internal sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlShoeStoreDbContext>
{
    public PostgreSqlShoeStoreDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlShoeStoreDbContext>().UseNpgsql("Host=localhost;Database=shoestore_design_time").Options);
}
