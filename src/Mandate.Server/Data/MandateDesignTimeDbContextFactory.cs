using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mandate.Server.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the host.</summary>
public sealed class MandateDesignTimeDbContextFactory : IDesignTimeDbContextFactory<MandateDbContext>
{
    /// <inheritdoc />
    public MandateDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MandateDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
