using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ShoeStore.Api.Storage;

/// <summary>
/// Lets <c>dotnet ef migrations add X --context SqliteShoeStoreDbContext --output-dir Storage/Migrations/Sqlite</c>
/// build the model without starting the web host.
/// </summary>
internal sealed class SqliteDesignTimeDbContextFactory : IDesignTimeDbContextFactory<SqliteShoeStoreDbContext>
{
    public SqliteShoeStoreDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteShoeStoreDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
