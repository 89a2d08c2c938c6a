using Microsoft.EntityFrameworkCore;

namespace ShoeStore.Api.Storage;

/// <summary>
/// The store's data in PostgreSQL, shared by several instances; migrations in <c>Storage/Migrations/PostgreSql</c>.
/// Instants are <c>timestamp with time zone</c> (always written in UTC, to the microsecond).
/// </summary>
internal sealed class PostgreSqlShoeStoreDbContext(DbContextOptions<PostgreSqlShoeStoreDbContext> options) : ShoeStoreDbContext(options);
