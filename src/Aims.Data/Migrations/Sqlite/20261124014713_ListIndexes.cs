using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aims.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_use_cases_organization_id_number",
                table: "use_cases");

            migrationBuilder.DropIndex(
                name: "IX_suppliers_organization_id_number",
                table: "suppliers");

            migrationBuilder.DropIndex(
                name: "IX_scope_entries_organization_id_number",
                table: "scope_entries");

            migrationBuilder.DropIndex(
                name: "IX_risks_organization_id_number",
                table: "risks");

            migrationBuilder.DropIndex(
                name: "IX_resources_organization_id_number",
                table: "resources");

            migrationBuilder.DropIndex(
                name: "IX_own_controls_organization_id_number",
                table: "own_controls");

            migrationBuilder.DropIndex(
                name: "IX_organization_ai_roles_organization_id_number",
                table: "organization_ai_roles");

            migrationBuilder.DropIndex(
                name: "IX_models_organization_id_number",
                table: "models");

            migrationBuilder.DropIndex(
                name: "IX_model_versions_organization_id_number",
                table: "model_versions");

            migrationBuilder.DropIndex(
                name: "IX_interested_parties_organization_id_number",
                table: "interested_parties");

            migrationBuilder.DropIndex(
                name: "IX_impact_harms_organization_id_number",
                table: "impact_harms");

            migrationBuilder.DropIndex(
                name: "IX_impact_assessments_organization_id_number",
                table: "impact_assessments");

            migrationBuilder.DropIndex(
                name: "IX_datasets_organization_id_number",
                table: "datasets");

            migrationBuilder.DropIndex(
                name: "IX_data_flows_organization_id_number",
                table: "data_flows");

            migrationBuilder.DropIndex(
                name: "IX_context_issues_organization_id_number",
                table: "context_issues");

            migrationBuilder.DropIndex(
                name: "IX_ai_systems_organization_id_number",
                table: "ai_systems");

            migrationBuilder.CreateIndex(
                name: "IX_use_cases_organization_id_deleted_at_number",
                table: "use_cases",
                columns: new[] { "organization_id", "deleted_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_suppliers_organization_id_deleted_at_number",
                table: "suppliers",
                columns: new[] { "organization_id", "deleted_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_scope_entries_organization_id_deleted_at_number",
                table: "scope_entries",
                columns: new[] { "organization_id", "deleted_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_risks_organization_id_deleted_at_inherent_likelihood_inherent_impact",
                table: "risks",
                columns: new[] { "organization_id", "deleted_at", "inherent_likelihood", "inherent_impact" });

            migrationBuilder.CreateIndex(
                name: "IX_risks_organization_id_deleted_at_number",
                table: "risks",
                columns: new[] { "organization_id", "deleted_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_risks_organization_id_deleted_at_residual_likelihood_residual_impact",
                table: "risks",
                columns: new[] { "organization_id", "deleted_at", "residual_likelihood", "residual_impact" });

            migrationBuilder.CreateIndex(
                name: "ix_risks_both_cells",
                table: "risks",
                columns: new[] { "organization_id", "deleted_at", "inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact" });

            migrationBuilder.CreateIndex(
                name: "IX_resources_organization_id_deleted_at_number",
                table: "resources",
                columns: new[] { "organization_id", "deleted_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_own_controls_organization_id_deleted_at_number",
                table: "own_controls",
                columns: new[] { "organization_id", "deleted_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_organization_ai_roles_organization_id_deleted_at_number",
                table: "organization_ai_roles",
                columns: new[] { "organization_id", "deleted_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_models_organization_id_deleted_at_number",
                table: "models",
                columns: new[] { "organization_id", "deleted_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_model_versions_organization_id_deleted_at_number",
                table: "model_versions",
                columns: new[] { "organization_id", "deleted_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_interested_parties_organization_id_deleted_at_number",
                table: "interested_parties",
                columns: new[] { "organization_id", "deleted_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_impact_harms_organization_id_deleted_at_number",
                table: "impact_harms",
                columns: new[] { "organization_id", "deleted_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_impact_assessments_organization_id_deleted_at_number",
                table: "impact_assessments",
                columns: new[] { "organization_id", "deleted_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_datasets_organization_id_deleted_at_number",
                table: "datasets",
                columns: new[] { "organization_id", "deleted_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_data_flows_organization_id_deleted_at_number",
                table: "data_flows",
                columns: new[] { "organization_id", "deleted_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_context_issues_organization_id_deleted_at_number",
                table: "context_issues",
                columns: new[] { "organization_id", "deleted_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_ai_systems_organization_id_deleted_at_number",
                table: "ai_systems",
                columns: new[] { "organization_id", "deleted_at", "number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_use_cases_organization_id_deleted_at_number",
                table: "use_cases");

            migrationBuilder.DropIndex(
                name: "IX_suppliers_organization_id_deleted_at_number",
                table: "suppliers");

            migrationBuilder.DropIndex(
                name: "IX_scope_entries_organization_id_deleted_at_number",
                table: "scope_entries");

            migrationBuilder.DropIndex(
                name: "IX_risks_organization_id_deleted_at_inherent_likelihood_inherent_impact",
                table: "risks");

            migrationBuilder.DropIndex(
                name: "IX_risks_organization_id_deleted_at_number",
                table: "risks");

            migrationBuilder.DropIndex(
                name: "IX_risks_organization_id_deleted_at_residual_likelihood_residual_impact",
                table: "risks");

            migrationBuilder.DropIndex(
                name: "ix_risks_both_cells",
                table: "risks");

            migrationBuilder.DropIndex(
                name: "IX_resources_organization_id_deleted_at_number",
                table: "resources");

            migrationBuilder.DropIndex(
                name: "IX_own_controls_organization_id_deleted_at_number",
                table: "own_controls");

            migrationBuilder.DropIndex(
                name: "IX_organization_ai_roles_organization_id_deleted_at_number",
                table: "organization_ai_roles");

            migrationBuilder.DropIndex(
                name: "IX_models_organization_id_deleted_at_number",
                table: "models");

            migrationBuilder.DropIndex(
                name: "IX_model_versions_organization_id_deleted_at_number",
                table: "model_versions");

            migrationBuilder.DropIndex(
                name: "IX_interested_parties_organization_id_deleted_at_number",
                table: "interested_parties");

            migrationBuilder.DropIndex(
                name: "IX_impact_harms_organization_id_deleted_at_number",
                table: "impact_harms");

            migrationBuilder.DropIndex(
                name: "IX_impact_assessments_organization_id_deleted_at_number",
                table: "impact_assessments");

            migrationBuilder.DropIndex(
                name: "IX_datasets_organization_id_deleted_at_number",
                table: "datasets");

            migrationBuilder.DropIndex(
                name: "IX_data_flows_organization_id_deleted_at_number",
                table: "data_flows");

            migrationBuilder.DropIndex(
                name: "IX_context_issues_organization_id_deleted_at_number",
                table: "context_issues");

            migrationBuilder.DropIndex(
                name: "IX_ai_systems_organization_id_deleted_at_number",
                table: "ai_systems");

            migrationBuilder.CreateIndex(
                name: "IX_use_cases_organization_id_number",
                table: "use_cases",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_suppliers_organization_id_number",
                table: "suppliers",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_scope_entries_organization_id_number",
                table: "scope_entries",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_risks_organization_id_number",
                table: "risks",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_resources_organization_id_number",
                table: "resources",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_own_controls_organization_id_number",
                table: "own_controls",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_organization_ai_roles_organization_id_number",
                table: "organization_ai_roles",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_models_organization_id_number",
                table: "models",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_model_versions_organization_id_number",
                table: "model_versions",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_interested_parties_organization_id_number",
                table: "interested_parties",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_impact_harms_organization_id_number",
                table: "impact_harms",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_impact_assessments_organization_id_number",
                table: "impact_assessments",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_datasets_organization_id_number",
                table: "datasets",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_data_flows_organization_id_number",
                table: "data_flows",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_context_issues_organization_id_number",
                table: "context_issues",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_ai_systems_organization_id_number",
                table: "ai_systems",
                columns: new[] { "organization_id", "number" });
        }
    }
}
