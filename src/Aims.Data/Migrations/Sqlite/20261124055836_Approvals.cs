using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aims.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Approvals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "approval_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    subject_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    subject_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    subject_reference = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    subject_version = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    context = table.Column<string>(type: "TEXT", nullable: false),
                    requested_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    requested_via = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    requested_at = table.Column<long>(type: "INTEGER", nullable: false),
                    mode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    approvers = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    quorum = table.Column<int>(type: "INTEGER", nullable: false),
                    requester_may_approve = table.Column<bool>(type: "INTEGER", nullable: false),
                    response_hours = table.Column<int>(type: "INTEGER", nullable: false),
                    escalation_path = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    escalation_level = table.Column<int>(type: "INTEGER", nullable: false),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approval_requests", x => x.id);
                    table.UniqueConstraint("AK_approval_requests_organization_id_id", x => new { x.organization_id, x.id });
                    table.ForeignKey(
                        name: "FK_approval_requests_users_requested_by_id",
                        column: x => x.requested_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "model_promotions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    model_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    model_version_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    approval_request_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    promoted_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_model_promotions", x => x.id);
                    table.ForeignKey(
                        name: "FK_model_promotions_model_versions_model_version_id",
                        column: x => x.model_version_id,
                        principalTable: "model_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "approval_decisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    request_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    decider_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    decider_role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    verdict = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    rationale = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    via = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approval_decisions", x => x.id);
                    table.ForeignKey(
                        name: "FK_approval_decisions_approval_requests_organization_id_request_id",
                        columns: x => new { x.organization_id, x.request_id },
                        principalTable: "approval_requests",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_approval_decisions_users_decider_id",
                        column: x => x.decider_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "approval_escalations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    request_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    to_role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approval_escalations", x => x.id);
                    table.ForeignKey(
                        name: "FK_approval_escalations_approval_requests_organization_id_request_id",
                        columns: x => new { x.organization_id, x.request_id },
                        principalTable: "approval_requests",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_approval_decisions_decider_id",
                table: "approval_decisions",
                column: "decider_id");

            migrationBuilder.CreateIndex(
                name: "IX_approval_decisions_organization_id_request_id_decider_id",
                table: "approval_decisions",
                columns: new[] { "organization_id", "request_id", "decider_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_approval_escalations_organization_id_request_id_level",
                table: "approval_escalations",
                columns: new[] { "organization_id", "request_id", "level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_approval_requests_organization_id_reference",
                table: "approval_requests",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_approval_requests_organization_id_requested_by_id",
                table: "approval_requests",
                columns: new[] { "organization_id", "requested_by_id" });

            migrationBuilder.CreateIndex(
                name: "IX_approval_requests_organization_id_state_requested_at",
                table: "approval_requests",
                columns: new[] { "organization_id", "state", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "IX_approval_requests_requested_by_id",
                table: "approval_requests",
                column: "requested_by_id");

            migrationBuilder.CreateIndex(
                name: "IX_model_promotions_model_version_id",
                table: "model_promotions",
                column: "model_version_id");

            migrationBuilder.CreateIndex(
                name: "IX_model_promotions_organization_id_approval_request_id",
                table: "model_promotions",
                columns: new[] { "organization_id", "approval_request_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_model_promotions_organization_id_model_id_promoted_at",
                table: "model_promotions",
                columns: new[] { "organization_id", "model_id", "promoted_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "approval_decisions");

            migrationBuilder.DropTable(
                name: "approval_escalations");

            migrationBuilder.DropTable(
                name: "model_promotions");

            migrationBuilder.DropTable(
                name: "approval_requests");
        }
    }
}
