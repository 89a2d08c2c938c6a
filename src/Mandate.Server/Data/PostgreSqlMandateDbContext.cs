using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Data;

/// <summary>
/// The server's data in PostgreSQL, shared by several instances; migrations in <c>Data/Migrations/PostgreSql</c>.
/// Instants are <c>timestamp with time zone</c> (always written in UTC, to the microsecond).
/// </summary>
internal sealed class PostgreSqlMandateDbContext(DbContextOptions<PostgreSqlMandateDbContext> options) : MandateDbContext(options);
