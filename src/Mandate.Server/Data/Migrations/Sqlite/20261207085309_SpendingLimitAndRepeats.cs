using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mandate.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class SpendingLimitAndRepeats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "SpendingLimitCents",
                table: "Users",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Repeats",
                table: "BackchannelRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SpendingLimitCents",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "Repeats",
                table: "BackchannelRequests");
        }
    }
}
