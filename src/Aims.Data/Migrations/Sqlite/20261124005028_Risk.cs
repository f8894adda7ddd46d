using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aims.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Risk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddUniqueConstraint(
                name: "AK_use_cases_organization_id_id",
                table: "use_cases",
                columns: new[] { "organization_id", "id" });

            migrationBuilder.CreateTable(
                name: "impact_assessments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ai_system_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    use_case_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    trigger = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    intended_purpose = table.Column<string>(type: "TEXT", nullable: false),
                    foreseeable_misuse = table.Column<string>(type: "TEXT", nullable: false),
                    affected_individuals = table.Column<string>(type: "TEXT", nullable: false),
                    affected_groups = table.Column<string>(type: "TEXT", nullable: false),
                    affected_society = table.Column<string>(type: "TEXT", nullable: false),
                    mitigations = table.Column<string>(type: "TEXT", nullable: false),
                    residual_impact = table.Column<string>(type: "TEXT", nullable: false),
                    dpia_reference = table.Column<string>(type: "TEXT", nullable: false),
                    decision = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    decided_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    decision_rationale = table.Column<string>(type: "TEXT", nullable: false),
                    escalated_to = table.Column<string>(type: "TEXT", nullable: false),
                    escalated_at = table.Column<long>(type: "INTEGER", nullable: true),
                    completed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    next_review_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    fria_processes = table.Column<string>(type: "TEXT", nullable: false),
                    fria_period = table.Column<string>(type: "TEXT", nullable: false),
                    fria_affected = table.Column<string>(type: "TEXT", nullable: false),
                    fria_risks = table.Column<string>(type: "TEXT", nullable: false),
                    fria_oversight = table.Column<string>(type: "TEXT", nullable: false),
                    fria_measures = table.Column<string>(type: "TEXT", nullable: false),
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
                    table.PrimaryKey("PK_impact_assessments", x => x.id);
                    table.UniqueConstraint("AK_impact_assessments_organization_id_id", x => new { x.organization_id, x.id });
                    table.ForeignKey(
                        name: "FK_impact_assessments_ai_systems_organization_id_ai_system_id",
                        columns: x => new { x.organization_id, x.ai_system_id },
                        principalTable: "ai_systems",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_impact_assessments_use_cases_organization_id_use_case_id",
                        columns: x => new { x.organization_id, x.use_case_id },
                        principalTable: "use_cases",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_impact_assessments_users_decided_by_id",
                        column: x => x.decided_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_impact_assessments_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "own_controls",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: false),
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    mapping = table.Column<string>(type: "TEXT", nullable: false),
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
                    table.PrimaryKey("PK_own_controls", x => x.id);
                    table.ForeignKey(
                        name: "FK_own_controls_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "risks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: false),
                    dimension = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    risk_source = table.Column<string>(type: "TEXT", nullable: false),
                    objectives = table.Column<string>(type: "TEXT", nullable: false),
                    threat = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    inherent_likelihood = table.Column<int>(type: "INTEGER", nullable: false),
                    inherent_impact = table.Column<int>(type: "INTEGER", nullable: false),
                    inherent_level = table.Column<string>(type: "TEXT", nullable: false),
                    treatment = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    treatment_plan = table.Column<string>(type: "TEXT", nullable: false),
                    annex_a_controls = table.Column<string>(type: "TEXT", nullable: false),
                    residual_likelihood = table.Column<int>(type: "INTEGER", nullable: true),
                    residual_impact = table.Column<int>(type: "INTEGER", nullable: true),
                    residual_level = table.Column<string>(type: "TEXT", nullable: false),
                    criteria_version = table.Column<int>(type: "INTEGER", nullable: false),
                    next_review_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    last_reviewed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    reassessment_reason = table.Column<string>(type: "TEXT", nullable: false),
                    accepted_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    accepted_role = table.Column<string>(type: "TEXT", nullable: false),
                    accepted_level = table.Column<string>(type: "TEXT", nullable: false),
                    accepted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    acceptance_rationale = table.Column<string>(type: "TEXT", nullable: false),
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
                    table.PrimaryKey("PK_risks", x => x.id);
                    table.UniqueConstraint("AK_risks_organization_id_id", x => new { x.organization_id, x.id });
                    table.ForeignKey(
                        name: "FK_risks_users_accepted_by_id",
                        column: x => x.accepted_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_risks_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "settings_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    json = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_settings_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "impact_harms",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    impact_assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    area = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: false),
                    severity = table.Column<int>(type: "INTEGER", nullable: false),
                    likelihood = table.Column<int>(type: "INTEGER", nullable: false),
                    reversibility = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    scale = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    mitigation = table.Column<string>(type: "TEXT", nullable: false),
                    risk_id = table.Column<Guid>(type: "TEXT", nullable: true),
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
                    table.PrimaryKey("PK_impact_harms", x => x.id);
                    table.ForeignKey(
                        name: "FK_impact_harms_impact_assessments_organization_id_impact_assessment_id",
                        columns: x => new { x.organization_id, x.impact_assessment_id },
                        principalTable: "impact_assessments",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_impact_harms_risks_organization_id_risk_id",
                        columns: x => new { x.organization_id, x.risk_id },
                        principalTable: "risks",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "risk_reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    risk_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reviewed_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    reviewed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    notes = table.Column<string>(type: "TEXT", nullable: false),
                    changes = table.Column<string>(type: "TEXT", nullable: false),
                    next_review_on = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_risk_reviews", x => x.id);
                    table.ForeignKey(
                        name: "FK_risk_reviews_risks_organization_id_risk_id",
                        columns: x => new { x.organization_id, x.risk_id },
                        principalTable: "risks",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_risk_reviews_users_reviewed_by_id",
                        column: x => x.reviewed_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_impact_assessments_decided_by_id",
                table: "impact_assessments",
                column: "decided_by_id");

            migrationBuilder.CreateIndex(
                name: "IX_impact_assessments_organization_id_ai_system_id",
                table: "impact_assessments",
                columns: new[] { "organization_id", "ai_system_id" });

            migrationBuilder.CreateIndex(
                name: "IX_impact_assessments_organization_id_number",
                table: "impact_assessments",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_impact_assessments_organization_id_reference",
                table: "impact_assessments",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_impact_assessments_organization_id_use_case_id",
                table: "impact_assessments",
                columns: new[] { "organization_id", "use_case_id" });

            migrationBuilder.CreateIndex(
                name: "IX_impact_assessments_owner_id",
                table: "impact_assessments",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "IX_impact_harms_organization_id_impact_assessment_id",
                table: "impact_harms",
                columns: new[] { "organization_id", "impact_assessment_id" });

            migrationBuilder.CreateIndex(
                name: "IX_impact_harms_organization_id_number",
                table: "impact_harms",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_impact_harms_organization_id_reference",
                table: "impact_harms",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_impact_harms_organization_id_risk_id",
                table: "impact_harms",
                columns: new[] { "organization_id", "risk_id" });

            migrationBuilder.CreateIndex(
                name: "IX_own_controls_organization_id_number",
                table: "own_controls",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_own_controls_organization_id_reference",
                table: "own_controls",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_own_controls_owner_id",
                table: "own_controls",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "IX_risk_reviews_organization_id_risk_id",
                table: "risk_reviews",
                columns: new[] { "organization_id", "risk_id" });

            migrationBuilder.CreateIndex(
                name: "IX_risk_reviews_reviewed_by_id",
                table: "risk_reviews",
                column: "reviewed_by_id");

            migrationBuilder.CreateIndex(
                name: "IX_risks_accepted_by_id",
                table: "risks",
                column: "accepted_by_id");

            migrationBuilder.CreateIndex(
                name: "IX_risks_organization_id_inherent_level",
                table: "risks",
                columns: new[] { "organization_id", "inherent_level" });

            migrationBuilder.CreateIndex(
                name: "IX_risks_organization_id_next_review_on",
                table: "risks",
                columns: new[] { "organization_id", "next_review_on" });

            migrationBuilder.CreateIndex(
                name: "IX_risks_organization_id_number",
                table: "risks",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_risks_organization_id_reference",
                table: "risks",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_risks_organization_id_residual_level",
                table: "risks",
                columns: new[] { "organization_id", "residual_level" });

            migrationBuilder.CreateIndex(
                name: "IX_risks_owner_id",
                table: "risks",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "IX_settings_versions_organization_id_kind_number",
                table: "settings_versions",
                columns: new[] { "organization_id", "kind", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "impact_harms");

            migrationBuilder.DropTable(
                name: "own_controls");

            migrationBuilder.DropTable(
                name: "risk_reviews");

            migrationBuilder.DropTable(
                name: "settings_versions");

            migrationBuilder.DropTable(
                name: "impact_assessments");

            migrationBuilder.DropTable(
                name: "risks");

            migrationBuilder.DropUniqueConstraint(
                name: "AK_use_cases_organization_id_id",
                table: "use_cases");
        }
    }
}
