using Microsoft.EntityFrameworkCore;
using ShoeStore.Api.Storage.Seed;

namespace ShoeStore.Api.Storage;

/// <summary>
/// Applies the migrations and, on an empty database, seeds the catalog, deals and demo customers. Safe when several
/// instances start at once on one PostgreSQL database: they take turns (<see cref="StoreStartupLock"/>), and the seed
/// is one transaction whose primary keys let only one instance's rows in.
/// </summary>
internal sealed class StoreDatabaseInitializer(ShoeStoreDbContext db, StoreDatabase database, TimeProvider time, ILogger<StoreDatabaseInitializer> logger)
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

        await using (await StoreStartupLock.AcquireAsync(database, cancellationToken))
        {
            await db.Database.MigrateAsync(cancellationToken);
            if (!await db.Products.AnyAsync(cancellationToken))
            {
                await SeedAsync(cancellationToken);
            }
        }

        StorageLog.Ready(logger, database.Provider);
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        var products = CatalogSeed.Products();
        var deals = DealSeed.Deals(time.GetUtcNow());
        var customers = CustomerSeed.Customers();
        db.Products.AddRange(products);
        db.Deals.AddRange(deals);
        db.Customers.AddRange(customers);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            StorageLog.Seeded(logger, products.Count, deals.Count, customers.Count);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            db.ChangeTracker.Clear();
            StorageLog.SeededElsewhere(logger);
        }
    }
}
