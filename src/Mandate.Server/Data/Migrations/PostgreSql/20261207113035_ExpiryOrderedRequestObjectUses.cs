using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mandate.Server.Data.Migrations.PostgreSql
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
                INSERT INTO "UsedJwtIds" ("Id", "ExpiresAt")
                SELECT lpad(floor(extract(epoch FROM "ExpiresAt"))::bigint::text, 11, '0') || "Id", "ExpiresAt"
                FROM "UsedJwtIds" WHERE length("Id") = 44
                ON CONFLICT DO NOTHING;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DELETE FROM "UsedJwtIds" WHERE length("Id") = 55;""");
        }
    }
}
