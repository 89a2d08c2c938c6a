using System.Security.Cryptography;
using Mandate.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Tests.Data;

/// <summary>
/// Upgrading a database made before key rotation (its one signing key in <c>ServerKeys</c>): the key moves to
/// <c>SigningKeys</c> as generation 1, active since it was created, and the upgraded server goes on signing with it.
/// </summary>
public abstract class SigningKeyMigrationTests
{
    private const string OldKeyId = "kid-before-rotation";

    public sealed class OnSqlite : SigningKeyMigrationTests
    {
        [Fact]
        public async Task DatabaseWithOneKeyPerUse_KeepsItsSigningKeyAfterTheUpgrade()
        {
            var directory = Directory.CreateTempSubdirectory("mandate-migration-").FullName;
            try
            {
                var options = new DbContextOptionsBuilder<SqliteMandateDbContext>()
                    .UseSqlite("Data Source=" + Path.Combine(directory, MandateDatabase.DefaultFileName)).UseOpenIddict().Options;
                var created = DateTimeOffset.UtcNow.AddDays(-3);
                await UpgradeAsync(() => new SqliteMandateDbContext(options), "20261128151523_DataProtectionKeys", created.UtcTicks, created);
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                await AssertServerSignsWithTheOldKeyAsync(directory, settings: null);
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [RequiresPostgreSql]
    public sealed class OnPostgreSql : SigningKeyMigrationTests
    {
        [DatabaseFact]
        public async Task DatabaseWithOneKeyPerUse_KeepsItsSigningKeyAfterTheUpgrade()
        {
            await using var database = await PostgreSqlTestDatabase.CreateAsync();
            var options = new DbContextOptionsBuilder<PostgreSqlMandateDbContext>().UseNpgsql(database.ConnectionString).UseOpenIddict().Options;
            var created = new DateTimeOffset(DateTime.UtcNow.AddDays(-3).Ticks / 10 * 10, TimeSpan.Zero);
            await UpgradeAsync(() => new PostgreSqlMandateDbContext(options), "20261128151540_InitialCreate", created, created);
            await AssertServerSignsWithTheOldKeyAsync(dataDirectory: null, database.Settings());
        }
    }

    private static async Task UpgradeAsync(Func<MandateDbContext> context, string lastMigrationBeforeRotation, object createdValue, DateTimeOffset created)
    {
        await using (var db = context())
        {
            await db.GetService<IMigrator>().MigrateAsync(lastMigrationBeforeRotation);
            await InsertOldKeysAsync(db, createdValue);
        }

        await using (var db = context())
        {
            await db.Database.MigrateAsync();
            var signing = Assert.Single(await db.SigningKeys.AsNoTracking().ToListAsync());
            Assert.Equal((OldKeyId, 1), (signing.KeyId, signing.Generation));
            Assert.Equal(created.UtcTicks, signing.ActivatesAt.UtcTicks);
            Assert.Equal("enc", Assert.Single(await db.ServerKeys.AsNoTracking().ToListAsync()).Use);
        }
    }

    private static async Task AssertServerSignsWithTheOldKeyAsync(string? dataDirectory, Dictionary<string, string?>? settings)
    {
        var seed = new TestSeed();
        await using var server = await MandateTestServer.StartAsync(seed, dataDirectory, settings: settings);
        Assert.Equal(OldKeyId, KeyCalls.Kid(await server.ClientCredentialsTokenAsync(seed)));
    }

    private static async Task InsertOldKeysAsync(DbContext db, object created)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = ecdsa.ExportParameters(includePrivateParameters: true);
        var signing = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["kty"] = "EC", ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(p.Q.X!), ["y"] = Base64UrlEncoder.Encode(p.Q.Y!), ["d"] = Base64UrlEncoder.Encode(p.D!),
        });
        var encryption = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "ServerKeys" ("Use", "KeyId", "Material", "CreatedAt") VALUES ('sig', {OldKeyId}, {signing}, {created})""");
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "ServerKeys" ("Use", "KeyId", "Material", "CreatedAt") VALUES ('enc', 'kid-enc', {encryption}, {created})""");
    }
}
