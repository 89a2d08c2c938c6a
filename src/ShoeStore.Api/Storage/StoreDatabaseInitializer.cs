using Microsoft.EntityFrameworkCore;
using ShoeStore.Api.Storage.Seed;

namespace ShoeStore.Api.Storage;

/// <summary>
/// Applies the migrations and, on an empty database, seeds the catalog, deals and demo customers. Safe when several
/// instances start at once on one PostgreSQL database: they take turns under a session-level advisory lock (EF Core's
/// own migration lock on PostgreSQL ends with the first migration's transaction, so with two migrations to apply a
/// second instance could run the second one again), and the seed is one transaction whose primary keys let only one
/// instance's rows in.
/// </summary>
internal sealed class StoreDatabaseInitializer(ShoeStoreDbContext db, StoreDatabase database, TimeProvider time, ILogger<StoreDatabaseInitializer> logger)
{
    /// <summary>The advisory lock's key: "ShoeStor" in ASCII.</summary>
    private const long StartupLockKey = 0x53686f6553746f72;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (!db.Database.IsNpgsql())
        {
            await MigrateAndSeedAsync(cancellationToken);
            return;
        }

        // One session for the lock and the work: closing it releases the lock even if the unlock cannot run.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock({0})", [StartupLockKey], cancellationToken);
            await MigrateAndSeedAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock({0})", [StartupLockKey], CancellationToken.None);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task MigrateAndSeedAsync(CancellationToken cancellationToken)
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
        if (!await db.Products.AnyAsync(cancellationToken))
        {
            await SeedAsync(cancellationToken);
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
