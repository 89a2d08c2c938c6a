using Microsoft.EntityFrameworkCore;
using ShoeStore.Api.Storage.Seed;

namespace ShoeStore.Api.Storage;

/// <summary>Applies the migrations and, on an empty database, seeds the catalog, deals and demo customers.</summary>
internal sealed class StoreDatabaseInitializer(ShoeStoreDbContext db, TimeProvider time)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer commits.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (await db.Products.AnyAsync(cancellationToken))
        {
            return;
        }

        db.Products.AddRange(CatalogSeed.Products());
        db.Deals.AddRange(DealSeed.Deals(time.GetUtcNow()));
        db.Customers.AddRange(CustomerSeed.Customers());
        await db.SaveChangesAsync(cancellationToken);
    }
}
