using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ShoeStore.Demo.Tests.Infrastructure;

/// <summary>
/// Adds test-only products to the running demo store. ShoeStore.Api has no API for the catalog and keeps its data layer
/// internal, so the rows go into its SQLite database (<c>store/shoestore.db</c> in the demo's data directory) with the
/// columns of its <c>InitialCatalog</c> migration: <c>Products</c>, and <c>ProductSizes</c> with sizes in tenths. The
/// store reads the catalog from the database on every request, so the product is found at once.
/// </summary>
internal static class StoreCatalog
{
    private const int PairsPerSize = 10;

    public static async Task AddAsync(DemoSystem system, TestProduct product)
    {
        var file = Path.Combine(system.Servers.DataDirectory, "store", "shoestore.db");
        Assert.True(File.Exists(file), $"the demo store's database is not at {file}");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """
                INSERT INTO "Products" ("Id", "Brand", "Model", "Category", "Description", "Price", "Currency")
                VALUES ($id, $brand, $model, $category, $description, $price, 'USD')
                """;
            insert.Parameters.AddWithValue("$id", product.Id);
            insert.Parameters.AddWithValue("$brand", product.Brand);
            insert.Parameters.AddWithValue("$model", product.Model);
            insert.Parameters.AddWithValue("$category", product.Category);
            insert.Parameters.AddWithValue("$description", product.Description);
            insert.Parameters.AddWithValue("$price", product.Price.ToString("0.00", CultureInfo.InvariantCulture));
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }

        foreach (var size in product.Sizes)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = """INSERT INTO "ProductSizes" ("ProductId", "Size", "Stock") VALUES ($id, $tenths, $stock)""";
            insert.Parameters.AddWithValue("$id", product.Id);
            insert.Parameters.AddWithValue("$tenths", (long)(size * 10m));
            insert.Parameters.AddWithValue("$stock", PairsPerSize);
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }

        await transaction.CommitAsync();
    }
}
