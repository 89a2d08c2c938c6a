using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mandate.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class SigningKeyRotation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SigningKeys",
                columns: table => new
                {
                    Generation = table.Column<int>(type: "INTEGER", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Material = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ActivatesAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SigningKeys", x => x.Generation);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SigningKeys_KeyId",
                table: "SigningKeys",
                column: "KeyId",
                unique: true);

            // A database made before rotation kept its one signing key in ServerKeys: it becomes generation 1, active
            // since it was created, and goes on signing.
            migrationBuilder.Sql("""
                INSERT INTO "SigningKeys" ("Generation", "KeyId", "Material", "CreatedAt", "ActivatesAt")
                SELECT 1, "KeyId", "Material", "CreatedAt", "CreatedAt" FROM "ServerKeys" WHERE "Use" = 'sig'
                """);
            migrationBuilder.Sql("""DELETE FROM "ServerKeys" WHERE "Use" = 'sig'""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to one signing key: the newest generation.
            migrationBuilder.Sql("""
                INSERT INTO "ServerKeys" ("Use", "KeyId", "Material", "CreatedAt")
                SELECT 'sig', "KeyId", "Material", "CreatedAt" FROM "SigningKeys" ORDER BY "Generation" DESC LIMIT 1
                """);

            migrationBuilder.DropTable(
                name: "SigningKeys");
        }
    }
}
