using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShoeStore.Api.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    internal partial class OrderApprovalMethods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ApprovalMethods",
                table: "Orders",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ApprovalMethods",
                table: "Orders");
        }
    }
}
