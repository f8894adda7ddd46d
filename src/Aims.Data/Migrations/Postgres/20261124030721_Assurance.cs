using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aims.Data.Migrations.Postgres
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    framework = table.Column<string>(type: "text", nullable: false),
                    assessors = table.Column<string>(type: "text", nullable: false),
                    assessed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    notes = table.Column<string>(type: "text", nullable: false),
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
                    table.PrimaryKey("PK_gap_assessments", x => x.id);
                    table.UniqueConstraint("AK_gap_assessments_organization_id_id", x => new { x.organization_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "readiness_snapshots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_readiness_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "soa_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    control_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    decision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    drivers = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    justification = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    planned_on = table.Column<DateOnly>(type: "date", nullable: true),
                    procedure = table.Column<string>(type: "text", nullable: false),
                    evidence = table.Column<string>(type: "text", nullable: false),
                    responsible_id = table.Column<Guid>(type: "uuid", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    requirement_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    in_place = table.Column<bool>(type: "boolean", nullable: true),
                    working = table.Column<bool>(type: "boolean", nullable: true),
                    documented = table.Column<bool>(type: "boolean", nullable: true),
                    notes = table.Column<string>(type: "text", nullable: false),
                    procedures = table.Column<string>(type: "text", nullable: false),
                    evidence = table.Column<string>(type: "text", nullable: false),
                    assessor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    assessed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    carried_over_from = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_results", x => x.id);
                    table.ForeignKey(
                        name: "FK_assessment_results_gap_assessments_organization_id_assessme~",
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    requirement = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    compliance = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    severe = table.Column<bool>(type: "boolean", nullable: false),
                    inherent_risk = table.Column<int>(type: "integer", nullable: false),
                    regulatory_exposure = table.Column<int>(type: "integer", nullable: false),
                    customer_trust = table.Column<int>(type: "integer", nullable: false),
                    complexity = table.Column<int>(type: "integer", nullable: false),
                    required_for_certification = table.Column<bool>(type: "boolean", nullable: false),
                    predicted_class = table.Column<string>(type: "text", nullable: false),
                    class_rule = table.Column<string>(type: "text", nullable: false),
                    certification_impact = table.Column<string>(type: "text", nullable: false),
                    remediation = table.Column<string>(type: "text", nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    @class = table.Column<string>(name: "class", type: "character varying(40)", maxLength: 40, nullable: false),
                    requirement = table.Column<string>(type: "text", nullable: false),
                    gap_id = table.Column<Guid>(type: "uuid", nullable: true),
                    what_happened = table.Column<string>(type: "text", nullable: false),
                    correction = table.Column<string>(type: "text", nullable: false),
                    consequences = table.Column<string>(type: "text", nullable: false),
                    root_cause = table.Column<string>(type: "text", nullable: false),
                    similar_elsewhere = table.Column<string>(type: "text", nullable: false),
                    corrective_action_taken = table.Column<string>(type: "text", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    reviewed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    reviewer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    effectiveness = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    aims_change = table.Column<string>(type: "text", nullable: false),
                    closure_evidence = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    gap_id = table.Column<Guid>(type: "uuid", nullable: true),
                    nonconformity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    phase = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    definition_of_done = table.Column<string>(type: "text", nullable: false),
                    closure_evidence = table.Column<string>(type: "text", nullable: false),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: true),
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
                    table.PrimaryKey("PK_corrective_actions", x => x.id);
                    table.ForeignKey(
                        name: "FK_corrective_actions_gaps_organization_id_gap_id",
                        columns: x => new { x.organization_id, x.gap_id },
                        principalTable: "gaps",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_corrective_actions_nonconformities_organization_id_nonconfo~",
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
                name: "IX_assessment_results_organization_id_assessment_id_requiremen~",
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
