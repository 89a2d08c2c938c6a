using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ShoeStore.Api.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ShoeStoreDbContext>
{
    public ShoeStoreDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ShoeStoreDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
