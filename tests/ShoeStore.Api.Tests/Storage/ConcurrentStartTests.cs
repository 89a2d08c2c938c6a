using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShoeStore.Api.Storage;
using ShoeStore.Api.Storage.Seed;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Storage;

/// <summary>Several instances starting at once on one empty database: migrated once, seeded once, all up.</summary>
public abstract class ConcurrentStartTests
{
    private const int Instances = 4;
    private readonly StoreDatabaseProvider _provider;

    private protected ConcurrentStartTests(StoreDatabaseProvider provider)
    {
        _provider = provider;
    }

    public sealed class OnSqlite() : ConcurrentStartTests(StoreDatabaseProvider.Sqlite);

    [RequiresPostgreSql]
    public sealed class OnPostgreSql() : ConcurrentStartTests(StoreDatabaseProvider.PostgreSql);

    [DatabaseFact]
    public async Task FourInstancesStartingAtOnce_OnOneEmptyDatabase_AllStart_AndSeedTheCatalogOnce()
    {
        await using var database = await TestDatabase.CreateAsync(_provider);
        var instances = Enumerable.Range(0, Instances).Select(_ => Instance(database.ConnectionString)).ToList();
        try
        {
            await Task.WhenAll(instances.Select(instance => Task.Run(async () =>
            {
                await using var scope = instance.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<StoreDatabaseInitializer>().InitializeAsync();
            })));

            await using var check = instances[0].CreateAsyncScope();
            var db = check.ServiceProvider.GetRequiredService<ShoeStoreDbContext>();
            Assert.Equal(CatalogSeed.Products().Count, await db.Products.CountAsync());
            Assert.Equal(DealSeed.Deals(DateTimeOffset.UtcNow).Count, await db.Deals.CountAsync());
            Assert.Equal(CustomerSeed.Customers().Count, await db.Customers.CountAsync());
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    private static ServiceProvider Instance(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ShoeStore"] = connectionString,
            ["ShoeStore:Authority"] = TestAuthority.Issuer,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddShoeStoreApi(configuration);
        return services.BuildServiceProvider();
    }
}
