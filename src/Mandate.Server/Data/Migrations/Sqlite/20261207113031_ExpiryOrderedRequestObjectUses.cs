using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mandate.Server.Data.Migrations.Sqlite
{
    /// <summary>
    /// Request-object uses are now keyed by their expiry first (<c>JwtUse.Key</c>: 11 digits of Unix seconds, then the
    /// hash). Every use recorded before gets a copy under that key, so a request object used before the upgrade is
    /// still refused after it. Copies of other purposes' rows (client assertions, revoked tokens) are never looked up
    /// and go at their expiry like every row.
    /// </summary>
    internal partial class ExpiryOrderedRequestObjectUses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                INSERT OR IGNORE INTO "UsedJwtIds" ("Id", "ExpiresAt")
                SELECT printf('%011d', ("ExpiresAt" - 621355968000000000) / 10000000) || "Id", "ExpiresAt"
                FROM "UsedJwtIds" WHERE length("Id") = 44;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DELETE FROM "UsedJwtIds" WHERE length("Id") = 55;""");
        }
    }
}
