using Mandate.Server.Ciba;
using Mandate.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mandate.Server.Tests.Data;

/// <summary>
/// Upgrading a database whose request-object uses were keyed by their hash alone: after the upgrade a use recorded
/// before it is found under the expiry-first key (<see cref="JwtUse.Key"/>), so that request object is still refused.
/// </summary>
public abstract class RequestObjectUseMigrationTests
{
    private static readonly JwtUse Use = new(RequestObjectValidator.JtiPurpose, "ai-agent", "jti-before-upgrade",
        new DateTimeOffset(2026, 12, 7, 12, 0, 30, TimeSpan.Zero));

    public sealed class OnSqlite : RequestObjectUseMigrationTests
    {
        [Fact]
        public async Task UseRecordedBeforeTheUpgrade_IsFoundUnderTheExpiryOrderedKey()
        {
            var directory = Directory.CreateTempSubdirectory("mandate-migration-").FullName;
            try
            {
                var options = new DbContextOptionsBuilder<SqliteMandateDbContext>()
                    .UseSqlite("Data Source=" + Path.Combine(directory, MandateDatabase.DefaultFileName)).UseOpenIddict().Options;
                await UpgradeAsync(() => new SqliteMandateDbContext(options), "20261207094429_RequestResource", Use.ExpiresAt.UtcTicks);
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [RequiresPostgreSql]
    public sealed class OnPostgreSql : RequestObjectUseMigrationTests
    {
        [DatabaseFact]
        public async Task UseRecordedBeforeTheUpgrade_IsFoundUnderTheExpiryOrderedKey()
        {
            await using var database = await PostgreSqlTestDatabase.CreateAsync();
            var options = new DbContextOptionsBuilder<PostgreSqlMandateDbContext>().UseNpgsql(database.ConnectionString).UseOpenIddict().Options;
            await UpgradeAsync(() => new PostgreSqlMandateDbContext(options), "20261207094436_RequestResource", Use.ExpiresAt);
        }
    }

    private static async Task UpgradeAsync(Func<MandateDbContext> context, string lastMigrationBefore, object expiresAt)
    {
        var oldKey = DatabaseJwtReplayCache.Key(Use.Purpose, Use.ClientId, Use.JwtId);
        await using (var db = context())
        {
            await db.GetService<IMigrator>().MigrateAsync(lastMigrationBefore);
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "UsedJwtIds" ("Id", "ExpiresAt") VALUES ({oldKey}, {expiresAt})""");
        }

        await using (var db = context())
        {
            await db.Database.MigrateAsync();
            var copy = await db.UsedJwtIds.AsNoTracking().SingleAsync(j => j.Id == Use.Key);
            Assert.Equal(Use.ExpiresAt, copy.ExpiresAt);
            Assert.True(await db.UsedJwtIds.AnyAsync(j => j.Id == oldKey), "the row under the old key stays for the other purposes' lookups");
        }
    }
}
