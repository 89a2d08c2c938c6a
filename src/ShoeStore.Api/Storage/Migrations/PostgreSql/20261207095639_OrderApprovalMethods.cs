using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShoeStore.Api.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class OrderApprovalMethods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ApprovalMethods",
                table: "Orders",
                type: "character varying(400)",
                maxLength: 400,
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
