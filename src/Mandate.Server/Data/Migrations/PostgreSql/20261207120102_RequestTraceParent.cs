using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mandate.Server.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    internal partial class RequestTraceParent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "BackchannelRequests",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TraceParent",
                table: "BackchannelRequests");
        }
    }
}
