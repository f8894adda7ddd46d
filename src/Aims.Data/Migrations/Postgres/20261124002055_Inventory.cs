using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aims.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Inventory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ai_systems",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    purpose = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    business_unit = table.Column<string>(type: "text", nullable: false),
                    stage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    sourcing = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    operator_roles = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ai_roles = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    autonomy = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    oversight = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    in_scope = table.Column<bool>(type: "boolean", nullable: false),
                    scope_justification = table.Column<string>(type: "text", nullable: false),
                    review_every_months = table.Column<int>(type: "integer", nullable: false),
                    last_reviewed_on = table.Column<DateOnly>(type: "date", nullable: true),
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
                    table.PrimaryKey("PK_ai_systems", x => x.id);
                    table.UniqueConstraint("AK_ai_systems_organization_id_id", x => new { x.organization_id, x.id });
                    table.ForeignKey(
                        name: "FK_ai_systems_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "context_issues",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    origin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    effect = table.Column<string>(type: "text", nullable: false),
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
                    table.PrimaryKey("PK_context_issues", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "interested_parties",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    origin = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    role = table.Column<string>(type: "text", nullable: false),
                    requirements = table.Column<string>(type: "text", nullable: false),
                    influence = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    interest = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    addressed = table.Column<string>(type: "text", nullable: false),
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
                    table.PrimaryKey("PK_interested_parties", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "organization_ai_roles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
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
                    table.PrimaryKey("PK_organization_ai_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "register_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    from_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_register_links", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scope_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    boundary = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    name = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    included = table.Column<bool>(type: "boolean", nullable: false),
                    justification = table.Column<string>(type: "text", nullable: false),
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
                    table.PrimaryKey("PK_scope_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scope_statements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    generated = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    approved_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scope_statements", x => x.id);
                    table.ForeignKey(
                        name: "FK_scope_statements_users_approved_by_id",
                        column: x => x.approved_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "suppliers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    supplies = table.Column<string>(type: "text", nullable: false),
                    contract_reference = table.Column<string>(type: "text", nullable: false),
                    responsibilities = table.Column<string>(type: "text", nullable: false),
                    last_reviewed_on = table.Column<DateOnly>(type: "date", nullable: true),
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
                    table.PrimaryKey("PK_suppliers", x => x.id);
                    table.UniqueConstraint("AK_suppliers_organization_id_id", x => new { x.organization_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "data_flows",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    ai_system_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source = table.Column<string>(type: "text", nullable: false),
                    destination = table.Column<string>(type: "text", nullable: false),
                    data = table.Column<string>(type: "text", nullable: false),
                    personal_data = table.Column<bool>(type: "boolean", nullable: false),
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
                    table.PrimaryKey("PK_data_flows", x => x.id);
                    table.ForeignKey(
                        name: "FK_data_flows_ai_systems_organization_id_ai_system_id",
                        columns: x => new { x.organization_id, x.ai_system_id },
                        principalTable: "ai_systems",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "resources",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    ai_system_id = table.Column<Guid>(type: "uuid", nullable: true),
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
                    table.PrimaryKey("PK_resources", x => x.id);
                    table.ForeignKey(
                        name: "FK_resources_ai_systems_organization_id_ai_system_id",
                        columns: x => new { x.organization_id, x.ai_system_id },
                        principalTable: "ai_systems",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "use_cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    ai_system_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    affected_persons = table.Column<string>(type: "text", nullable: false),
                    answers = table.Column<string>(type: "text", nullable: true),
                    computed_regimes = table.Column<string>(type: "text", nullable: false),
                    rules_version = table.Column<string>(type: "text", nullable: false),
                    override_regimes = table.Column<string>(type: "text", nullable: true),
                    override_justification = table.Column<string>(type: "text", nullable: false),
                    overridden_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    overridden_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    impact_assessment_due = table.Column<DateOnly>(type: "date", nullable: true),
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
                    table.PrimaryKey("PK_use_cases", x => x.id);
                    table.ForeignKey(
                        name: "FK_use_cases_ai_systems_organization_id_ai_system_id",
                        columns: x => new { x.organization_id, x.ai_system_id },
                        principalTable: "ai_systems",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_use_cases_users_overridden_by_id",
                        column: x => x.overridden_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "datasets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    purposes = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    supplier_id = table.Column<Guid>(type: "uuid", nullable: true),
                    personal_data = table.Column<bool>(type: "boolean", nullable: false),
                    special_category_data = table.Column<bool>(type: "boolean", nullable: false),
                    provenance = table.Column<string>(type: "text", nullable: false),
                    data_version = table.Column<string>(type: "text", nullable: false),
                    digest = table.Column<string>(type: "text", nullable: false),
                    quality_checks = table.Column<string>(type: "text", nullable: false),
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
                    table.PrimaryKey("PK_datasets", x => x.id);
                    table.ForeignKey(
                        name: "FK_datasets_suppliers_organization_id_supplier_id",
                        columns: x => new { x.organization_id, x.supplier_id },
                        principalTable: "suppliers",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_datasets_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "models",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    supplier_id = table.Column<Guid>(type: "uuid", nullable: true),
                    general_purpose = table.Column<bool>(type: "boolean", nullable: false),
                    systemic_risk = table.Column<bool>(type: "boolean", nullable: false),
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
                    table.PrimaryKey("PK_models", x => x.id);
                    table.UniqueConstraint("AK_models_organization_id_id", x => new { x.organization_id, x.id });
                    table.ForeignKey(
                        name: "FK_models_suppliers_organization_id_supplier_id",
                        columns: x => new { x.organization_id, x.supplier_id },
                        principalTable: "suppliers",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "model_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    model_id = table.Column<Guid>(type: "uuid", nullable: false),
                    label = table.Column<string>(type: "text", nullable: false),
                    framework = table.Column<string>(type: "text", nullable: false),
                    trained_on = table.Column<DateOnly>(type: "date", nullable: true),
                    metrics = table.Column<string>(type: "text", nullable: false),
                    artifact_uri = table.Column<string>(type: "text", nullable: false),
                    artifact_digest = table.Column<string>(type: "text", nullable: false),
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
                    table.PrimaryKey("PK_model_versions", x => x.id);
                    table.ForeignKey(
                        name: "FK_model_versions_models_organization_id_model_id",
                        columns: x => new { x.organization_id, x.model_id },
                        principalTable: "models",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ai_systems_organization_id_number",
                table: "ai_systems",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_ai_systems_organization_id_reference",
                table: "ai_systems",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ai_systems_owner_id",
                table: "ai_systems",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "IX_context_issues_organization_id_number",
                table: "context_issues",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_context_issues_organization_id_reference",
                table: "context_issues",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_data_flows_organization_id_ai_system_id",
                table: "data_flows",
                columns: new[] { "organization_id", "ai_system_id" });

            migrationBuilder.CreateIndex(
                name: "IX_data_flows_organization_id_number",
                table: "data_flows",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_data_flows_organization_id_reference",
                table: "data_flows",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_datasets_organization_id_number",
                table: "datasets",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_datasets_organization_id_reference",
                table: "datasets",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_datasets_organization_id_supplier_id",
                table: "datasets",
                columns: new[] { "organization_id", "supplier_id" });

            migrationBuilder.CreateIndex(
                name: "IX_datasets_owner_id",
                table: "datasets",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "IX_interested_parties_organization_id_number",
                table: "interested_parties",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_interested_parties_organization_id_reference",
                table: "interested_parties",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_model_versions_organization_id_model_id_label",
                table: "model_versions",
                columns: new[] { "organization_id", "model_id", "label" },
                unique: true,
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_model_versions_organization_id_number",
                table: "model_versions",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_model_versions_organization_id_reference",
                table: "model_versions",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_models_organization_id_number",
                table: "models",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_models_organization_id_reference",
                table: "models",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_models_organization_id_supplier_id",
                table: "models",
                columns: new[] { "organization_id", "supplier_id" });

            migrationBuilder.CreateIndex(
                name: "IX_organization_ai_roles_organization_id_number",
                table: "organization_ai_roles",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_organization_ai_roles_organization_id_reference",
                table: "organization_ai_roles",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_register_links_organization_id_kind_from_id_to_id",
                table: "register_links",
                columns: new[] { "organization_id", "kind", "from_id", "to_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_register_links_organization_id_kind_to_id",
                table: "register_links",
                columns: new[] { "organization_id", "kind", "to_id" });

            migrationBuilder.CreateIndex(
                name: "IX_resources_organization_id_ai_system_id",
                table: "resources",
                columns: new[] { "organization_id", "ai_system_id" });

            migrationBuilder.CreateIndex(
                name: "IX_resources_organization_id_number",
                table: "resources",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_resources_organization_id_reference",
                table: "resources",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_scope_entries_organization_id_number",
                table: "scope_entries",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_scope_entries_organization_id_reference",
                table: "scope_entries",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_scope_statements_approved_by_id",
                table: "scope_statements",
                column: "approved_by_id");

            migrationBuilder.CreateIndex(
                name: "IX_scope_statements_organization_id_number",
                table: "scope_statements",
                columns: new[] { "organization_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_suppliers_organization_id_number",
                table: "suppliers",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_suppliers_organization_id_reference",
                table: "suppliers",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_use_cases_organization_id_ai_system_id",
                table: "use_cases",
                columns: new[] { "organization_id", "ai_system_id" });

            migrationBuilder.CreateIndex(
                name: "IX_use_cases_organization_id_number",
                table: "use_cases",
                columns: new[] { "organization_id", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_use_cases_organization_id_reference",
                table: "use_cases",
                columns: new[] { "organization_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_use_cases_overridden_by_id",
                table: "use_cases",
                column: "overridden_by_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "context_issues");

            migrationBuilder.DropTable(
                name: "data_flows");

            migrationBuilder.DropTable(
                name: "datasets");

            migrationBuilder.DropTable(
                name: "interested_parties");

            migrationBuilder.DropTable(
                name: "model_versions");

            migrationBuilder.DropTable(
                name: "organization_ai_roles");

            migrationBuilder.DropTable(
                name: "register_links");

            migrationBuilder.DropTable(
                name: "resources");

            migrationBuilder.DropTable(
                name: "scope_entries");

            migrationBuilder.DropTable(
                name: "scope_statements");

            migrationBuilder.DropTable(
                name: "use_cases");

            migrationBuilder.DropTable(
                name: "models");

            migrationBuilder.DropTable(
                name: "ai_systems");

            migrationBuilder.DropTable(
                name: "suppliers");
        }
    }
}
