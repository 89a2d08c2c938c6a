using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ShoeStore.Api.Storage;
using ShoeStore.Api.Storage.Seed;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Storage;

/// <summary>The migrations, the constraints and the seeded data, on each provider.</summary>
public abstract class StoreDatabaseTests(StoreApiFactory api)
{
    public sealed class OnSqlite(SqliteStoreApiFactory api) : StoreDatabaseTests(api), IClassFixture<SqliteStoreApiFactory>;

    [RequiresPostgreSql]
    public sealed class OnPostgreSql(PostgreSqlStoreApiFactory api) : StoreDatabaseTests(api), IClassFixture<PostgreSqlStoreApiFactory>;

    [DatabaseFact]
    public async Task Api_RunsOnTheProviderItsConnectionStringNames()
    {
        await api.GetAsync("/products");

        var providerName = await api.WithDbAsync(db => Task.FromResult(db.Database.ProviderName));

        Assert.Equal(api.Provider == StoreDatabaseProvider.PostgreSql ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", providerName);
    }

    [DatabaseFact]
    public async Task Migrations_CoverTheModel()
    {
        await api.GetAsync("/products");

        Assert.False(await api.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())));
        Assert.NotEmpty(await api.WithDbAsync(db => db.Database.GetAppliedMigrationsAsync()));
        Assert.Empty(await api.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));
    }

    [DatabaseFact]
    public async Task Stock_CannotBeSetBelowZero()
    {
        await api.GetAsync("/products");

        var error = await Assert.ThrowsAnyAsync<DbException>(() =>
            api.WithDbAsync(db => db.ProductSizes.Where(s => s.ProductId == "nike-pegasus-41").ExecuteUpdateAsync(u => u.SetProperty(s => s.Stock, -1))));

        // The CHECK constraint refused it: SQLITE_CONSTRAINT_CHECK (275), or SQLSTATE 23514 check_violation.
        Assert.True(error switch
        {
            SqliteException sqlite => sqlite.SqliteExtendedErrorCode == 275,
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.CheckViolation,
            _ => false,
        });
    }

    [DatabaseFact]
    public async Task Instants_RoundTripExactlyInUtc()
    {
        await api.GetAsync("/products");
        var createdAt = api.Time.GetUtcNow().AddMilliseconds(123);
        var id = StoreIds.New("q");
        await api.WithDbAsync(db =>
        {
            db.Quotes.Add(new Quote
            {
                Id = id, Subject = CustomerSeed.EndUserSubject, ProductId = "nike-pegasus-41", Size = 10.5m, Quantity = 1, Currency = "USD",
                CreatedAt = createdAt, ExpiresAt = createdAt.AddMinutes(15),
            });
            return db.SaveChangesAsync();
        });

        var stored = await api.WithDbAsync(db => db.Quotes.AsNoTracking().SingleAsync(q => q.Id == id && q.CreatedAt == createdAt));

        Assert.Equal(createdAt, stored.CreatedAt);
        Assert.Equal(TimeSpan.Zero, stored.ExpiresAt.Offset);
        Assert.Equal(createdAt.AddMinutes(15), stored.ExpiresAt);
    }

    [DatabaseFact]
    public async Task EndUser_HasAnAddressAndOnlyAMaskedCard()
    {
        await api.GetAsync("/products");

        var customer = await api.WithDbAsync(db => db.Customers.SingleAsync(c => c.Subject == CustomerSeed.EndUserSubject));

        Assert.Equal("Visa •••• 4242", customer.Card.Masked);
        Assert.Equal("OR", customer.ShippingAddress.Region);
        Assert.Equal(4, customer.Card.Last4.Length);
    }
}
