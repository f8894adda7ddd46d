using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aims.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EvidenceVault : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "evidence_blob_chunks",
                columns: table => new
                {
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    index = table.Column<int>(type: "integer", nullable: false),
                    data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evidence_blob_chunks", x => new { x.sha256, x.index });
                });

            migrationBuilder.CreateTable(
                name: "evidence_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source_system = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    collected_on = table.Column<DateOnly>(type: "date", nullable: true),
                    valid_until = table.Column<DateOnly>(type: "date", nullable: true),
                    current_version = table.Column<int>(type: "integer", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    record = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evidence_items", x => x.id);
                    table.UniqueConstraint("AK_evidence_items_organization_id_id", x => new { x.organization_id, x.id });
                    table.ForeignKey(
                        name: "FK_evidence_items_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "evidence_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    evidence_id = table.Column<Guid>(type: "uuid", nullable: false),
                    target_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    target = table.Column<string>(type: "character varying(90)", maxLength: 90, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evidence_links", x => x.id);
                    table.ForeignKey(
                        name: "FK_evidence_links_evidence_items_organization_id_evidence_id",
                        columns: x => new { x.organization_id, x.evidence_id },
                        principalTable: "evidence_items",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "evidence_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    requirement = table.Column<string>(type: "character varying(90)", maxLength: 90, nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    evidence_id = table.Column<Guid>(type: "uuid", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evidence_requests", x => x.id);
                    table.ForeignKey(
                        name: "FK_evidence_requests_evidence_items_organization_id_evidence_id",
                        columns: x => new { x.organization_id, x.evidence_id },
                        principalTable: "evidence_items",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_evidence_requests_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "evidence_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    evidence_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    declared_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    record = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evidence_versions", x => x.id);
                    table.ForeignKey(
                        name: "FK_evidence_versions_evidence_items_organization_id_evidence_id",
                        columns: x => new { x.organization_id, x.evidence_id },
                        principalTable: "evidence_items",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_evidence_items_organization_id_deleted_at_number",
                table: "evidence_items",
                columns: new[] { "organization_id", "deleted_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_evidence_items_organization_id_deleted_at_valid_until",
                table: "evidence_items",
                columns: new[] { "organization_id", "deleted_at", "valid_until" });

            migrationBuilder.CreateIndex(
                name: "IX_evidence_items_organization_id_reference",
                table: "evidence_items",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_evidence_items_owner_id",
                table: "evidence_items",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "IX_evidence_links_organization_id_evidence_id_target_type_targ~",
                table: "evidence_links",
                columns: new[] { "organization_id", "evidence_id", "target_type", "target" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_evidence_links_organization_id_target_type_target_evidence_~",
                table: "evidence_links",
                columns: new[] { "organization_id", "target_type", "target", "evidence_id" });

            migrationBuilder.CreateIndex(
                name: "IX_evidence_requests_organization_id_deleted_at_number",
                table: "evidence_requests",
                columns: new[] { "organization_id", "deleted_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_evidence_requests_organization_id_evidence_id",
                table: "evidence_requests",
                columns: new[] { "organization_id", "evidence_id" });

            migrationBuilder.CreateIndex(
                name: "IX_evidence_requests_organization_id_reference",
                table: "evidence_requests",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_evidence_requests_organization_id_status_due_on",
                table: "evidence_requests",
                columns: new[] { "organization_id", "status", "due_on" });

            migrationBuilder.CreateIndex(
                name: "IX_evidence_requests_owner_id",
                table: "evidence_requests",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "IX_evidence_versions_organization_id_evidence_id_number",
                table: "evidence_versions",
                columns: new[] { "organization_id", "evidence_id", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evidence_blob_chunks");

            migrationBuilder.DropTable(
                name: "evidence_links");

            migrationBuilder.DropTable(
                name: "evidence_requests");

            migrationBuilder.DropTable(
                name: "evidence_versions");

            migrationBuilder.DropTable(
                name: "evidence_items");
        }
    }
}
