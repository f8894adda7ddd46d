using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aims.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Assurance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "gap_assessments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", nullable: false),
                    framework = table.Column<string>(type: "TEXT", nullable: false),
                    assessors = table.Column<string>(type: "TEXT", nullable: false),
                    assessed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    notes = table.Column<string>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    number = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    deleted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gap_assessments", x => x.id);
                    table.UniqueConstraint("AK_gap_assessments_organization_id_id", x => new { x.organization_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "readiness_snapshots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    score = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_readiness_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "soa_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    control_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    decision = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    drivers = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    justification = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    planned_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    procedure = table.Column<string>(type: "TEXT", nullable: false),
                    evidence = table.Column<string>(type: "TEXT", nullable: false),
                    responsible_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_soa_entries", x => x.id);
                    table.ForeignKey(
                        name: "FK_soa_entries_users_responsible_id",
                        column: x => x.responsible_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "assessment_results",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    requirement_id = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    in_place = table.Column<bool>(type: "INTEGER", nullable: true),
                    working = table.Column<bool>(type: "INTEGER", nullable: true),
                    documented = table.Column<bool>(type: "INTEGER", nullable: true),
                    notes = table.Column<string>(type: "TEXT", nullable: false),
                    procedures = table.Column<string>(type: "TEXT", nullable: false),
                    evidence = table.Column<string>(type: "TEXT", nullable: false),
                    assessor_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    assessed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    carried_over_from = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_results", x => x.id);
                    table.ForeignKey(
                        name: "FK_assessment_results_gap_assessments_organization_id_assessment_id",
                        columns: x => new { x.organization_id, x.assessment_id },
                        principalTable: "gap_assessments",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_assessment_results_users_assessor_id",
                        column: x => x.assessor_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "gaps",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    requirement = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    title = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    compliance = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    severe = table.Column<bool>(type: "INTEGER", nullable: false),
                    inherent_risk = table.Column<int>(type: "INTEGER", nullable: false),
                    regulatory_exposure = table.Column<int>(type: "INTEGER", nullable: false),
                    customer_trust = table.Column<int>(type: "INTEGER", nullable: false),
                    complexity = table.Column<int>(type: "INTEGER", nullable: false),
                    required_for_certification = table.Column<bool>(type: "INTEGER", nullable: false),
                    predicted_class = table.Column<string>(type: "TEXT", nullable: false),
                    class_rule = table.Column<string>(type: "TEXT", nullable: false),
                    certification_impact = table.Column<string>(type: "TEXT", nullable: false),
                    remediation = table.Column<string>(type: "TEXT", nullable: false),
                    priority = table.Column<int>(type: "INTEGER", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    number = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    deleted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gaps", x => x.id);
                    table.UniqueConstraint("AK_gaps_organization_id_id", x => new { x.organization_id, x.id });
                    table.ForeignKey(
                        name: "FK_gaps_gap_assessments_organization_id_assessment_id",
                        columns: x => new { x.organization_id, x.assessment_id },
                        principalTable: "gap_assessments",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "nonconformities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    @class = table.Column<string>(name: "class", type: "TEXT", maxLength: 40, nullable: false),
                    requirement = table.Column<string>(type: "TEXT", nullable: false),
                    gap_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    what_happened = table.Column<string>(type: "TEXT", nullable: false),
                    correction = table.Column<string>(type: "TEXT", nullable: false),
                    consequences = table.Column<string>(type: "TEXT", nullable: false),
                    root_cause = table.Column<string>(type: "TEXT", nullable: false),
                    similar_elsewhere = table.Column<string>(type: "TEXT", nullable: false),
                    corrective_action_taken = table.Column<string>(type: "TEXT", nullable: false),
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    reviewed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    reviewer_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    effectiveness = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    aims_change = table.Column<string>(type: "TEXT", nullable: false),
                    closure_evidence = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    number = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    deleted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nonconformities", x => x.id);
                    table.UniqueConstraint("AK_nonconformities_organization_id_id", x => new { x.organization_id, x.id });
                    table.ForeignKey(
                        name: "FK_nonconformities_gaps_organization_id_gap_id",
                        columns: x => new { x.organization_id, x.gap_id },
                        principalTable: "gaps",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_nonconformities_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_nonconformities_users_reviewer_id",
                        column: x => x.reviewer_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "corrective_actions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", nullable: false),
                    gap_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    nonconformity_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    phase = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    definition_of_done = table.Column<string>(type: "TEXT", nullable: false),
                    closure_evidence = table.Column<string>(type: "TEXT", nullable: false),
                    completed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    number = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    deleted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_corrective_actions", x => x.id);
                    table.ForeignKey(
                        name: "FK_corrective_actions_gaps_organization_id_gap_id",
                        columns: x => new { x.organization_id, x.gap_id },
                        principalTable: "gaps",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_corrective_actions_nonconformities_organization_id_nonconformity_id",
                        columns: x => new { x.organization_id, x.nonconformity_id },
                        principalTable: "nonconformities",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_corrective_actions_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_assessment_results_assessor_id",
                table: "assessment_results",
                column: "assessor_id");

            migrationBuilder.CreateIndex(
                name: "IX_assessment_results_organization_id_assessment_id_requirement_id",
                table: "assessment_results",
                columns: new[] { "organization_id", "assessment_id", "requirement_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_corrective_actions_organization_id_deleted_at_number",
                table: "corrective_actions",
                columns: new[] { "organization_id", "deleted_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_corrective_actions_organization_id_deleted_at_status_due_on",
                table: "corrective_actions",
                columns: new[] { "organization_id", "deleted_at", "status", "due_on" });

            migrationBuilder.CreateIndex(
                name: "IX_corrective_actions_organization_id_gap_id",
                table: "corrective_actions",
                columns: new[] { "organization_id", "gap_id" });

            migrationBuilder.CreateIndex(
                name: "IX_corrective_actions_organization_id_nonconformity_id",
                table: "corrective_actions",
                columns: new[] { "organization_id", "nonconformity_id" });

            migrationBuilder.CreateIndex(
                name: "IX_corrective_actions_organization_id_reference",
                table: "corrective_actions",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_corrective_actions_owner_id",
                table: "corrective_actions",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "IX_gap_assessments_organization_id_deleted_at_number",
                table: "gap_assessments",
                columns: new[] { "organization_id", "deleted_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_gap_assessments_organization_id_reference",
                table: "gap_assessments",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_gaps_organization_id_assessment_id_requirement",
                table: "gaps",
                columns: new[] { "organization_id", "assessment_id", "requirement" });

            migrationBuilder.CreateIndex(
                name: "IX_gaps_organization_id_deleted_at_number",
                table: "gaps",
                columns: new[] { "organization_id", "deleted_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_gaps_organization_id_deleted_at_status_predicted_class",
                table: "gaps",
                columns: new[] { "organization_id", "deleted_at", "status", "predicted_class" });

            migrationBuilder.CreateIndex(
                name: "IX_gaps_organization_id_reference",
                table: "gaps",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_nonconformities_organization_id_deleted_at_number",
                table: "nonconformities",
                columns: new[] { "organization_id", "deleted_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_nonconformities_organization_id_deleted_at_status_class",
                table: "nonconformities",
                columns: new[] { "organization_id", "deleted_at", "status", "class" });

            migrationBuilder.CreateIndex(
                name: "IX_nonconformities_organization_id_gap_id",
                table: "nonconformities",
                columns: new[] { "organization_id", "gap_id" });

            migrationBuilder.CreateIndex(
                name: "IX_nonconformities_organization_id_reference",
                table: "nonconformities",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_nonconformities_owner_id",
                table: "nonconformities",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "IX_nonconformities_reviewer_id",
                table: "nonconformities",
                column: "reviewer_id");

            migrationBuilder.CreateIndex(
                name: "IX_readiness_snapshots_organization_id_day",
                table: "readiness_snapshots",
                columns: new[] { "organization_id", "day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_soa_entries_organization_id_control_id",
                table: "soa_entries",
                columns: new[] { "organization_id", "control_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_soa_entries_responsible_id",
                table: "soa_entries",
                column: "responsible_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assessment_results");

            migrationBuilder.DropTable(
                name: "corrective_actions");

            migrationBuilder.DropTable(
                name: "readiness_snapshots");

            migrationBuilder.DropTable(
                name: "soa_entries");

            migrationBuilder.DropTable(
                name: "nonconformities");

            migrationBuilder.DropTable(
                name: "gaps");

            migrationBuilder.DropTable(
                name: "gap_assessments");
        }
    }
}
