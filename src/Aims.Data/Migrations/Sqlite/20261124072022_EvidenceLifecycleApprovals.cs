using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aims.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EvidenceLifecycleApprovals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ingest_system_id",
                table: "access_tokens",
                type: "TEXT",
                nullable: true);

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
                name: "evidence_blob_chunks",
                columns: table => new
                {
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    index = table.Column<int>(type: "INTEGER", nullable: false),
                    data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evidence_blob_chunks", x => new { x.sha256, x.index });
                });

            migrationBuilder.CreateTable(
                name: "evidence_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    source_system = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    collected_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    valid_until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    current_version = table.Column<int>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    record = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
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
                name: "lifecycle_batches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    system_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    system = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    stream = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    first_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    last_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    head_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    token_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lifecycle_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lifecycle_phase_configs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    system_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    phases = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    configured_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lifecycle_phase_configs", x => x.id);
                    table.ForeignKey(
                        name: "FK_lifecycle_phase_configs_ai_systems_organization_id_system_id",
                        columns: x => new { x.organization_id, x.system_id },
                        principalTable: "ai_systems",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "lifecycle_prunes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    system_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    system = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    stream = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    anchor_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    anchor_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    removed = table.Column<long>(type: "INTEGER", nullable: false),
                    cutoff = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lifecycle_prunes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lifecycle_settings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    retention_months = table.Column<int>(type: "INTEGER", nullable: false),
                    checkpoint_every = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lifecycle_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lifecycle_streams",
                columns: table => new
                {
                    system_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    first_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    checkpoint_sequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lifecycle_streams", x => x.system_id);
                    table.ForeignKey(
                        name: "FK_lifecycle_streams_ai_systems_organization_id_system_id",
                        columns: x => new { x.organization_id, x.system_id },
                        principalTable: "ai_systems",
                        principalColumns: new[] { "organization_id", "id" },
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

            migrationBuilder.CreateTable(
                name: "evidence_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    evidence_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    target_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    target = table.Column<string>(type: "TEXT", maxLength: 90, nullable: false)
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: false),
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    requirement = table.Column<string>(type: "TEXT", maxLength: 90, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    evidence_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true),
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    evidence_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    declared_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    record = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "lifecycle_events",
                columns: table => new
                {
                    system_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    organization_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    previous_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    json = table.Column<string>(type: "TEXT", nullable: false),
                    event_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: true),
                    stage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    model_version = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    decision_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    human_intervention = table.Column<bool>(type: "INTEGER", nullable: false),
                    content_digest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    batch_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lifecycle_events", x => new { x.system_id, x.sequence });
                    table.ForeignKey(
                        name: "FK_lifecycle_events_lifecycle_streams_system_id",
                        column: x => x.system_id,
                        principalTable: "lifecycle_streams",
                        principalColumn: "system_id",
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
                name: "IX_evidence_links_organization_id_evidence_id_target_type_target",
                table: "evidence_links",
                columns: new[] { "organization_id", "evidence_id", "target_type", "target" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_evidence_links_organization_id_target_type_target_evidence_id",
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

            migrationBuilder.CreateIndex(
                name: "IX_lifecycle_batches_organization_id_system_id_last_sequence",
                table: "lifecycle_batches",
                columns: new[] { "organization_id", "system_id", "last_sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_lifecycle_events_organization_id_at",
                table: "lifecycle_events",
                columns: new[] { "organization_id", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_lifecycle_events_organization_id_decision_id",
                table: "lifecycle_events",
                columns: new[] { "organization_id", "decision_id" });

            migrationBuilder.CreateIndex(
                name: "IX_lifecycle_events_system_id_event_id",
                table: "lifecycle_events",
                columns: new[] { "system_id", "event_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lifecycle_events_system_id_stage_at",
                table: "lifecycle_events",
                columns: new[] { "system_id", "stage", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_lifecycle_phase_configs_organization_id_system_id",
                table: "lifecycle_phase_configs",
                columns: new[] { "organization_id", "system_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lifecycle_prunes_organization_id_system_id",
                table: "lifecycle_prunes",
                columns: new[] { "organization_id", "system_id" });

            migrationBuilder.CreateIndex(
                name: "IX_lifecycle_settings_organization_id",
                table: "lifecycle_settings",
                column: "organization_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lifecycle_streams_organization_id",
                table: "lifecycle_streams",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "IX_lifecycle_streams_organization_id_system_id",
                table: "lifecycle_streams",
                columns: new[] { "organization_id", "system_id" });

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
            Aims.Data.Lifecycle.LifecycleSql.Up(migrationBuilder, isPostgres: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Aims.Data.Lifecycle.LifecycleSql.Down(migrationBuilder, isPostgres: false);
            migrationBuilder.DropTable(
                name: "approval_decisions");

            migrationBuilder.DropTable(
                name: "approval_escalations");

            migrationBuilder.DropTable(
                name: "evidence_blob_chunks");

            migrationBuilder.DropTable(
                name: "evidence_links");

            migrationBuilder.DropTable(
                name: "evidence_requests");

            migrationBuilder.DropTable(
                name: "evidence_versions");

            migrationBuilder.DropTable(
                name: "lifecycle_batches");

            migrationBuilder.DropTable(
                name: "lifecycle_events");

            migrationBuilder.DropTable(
                name: "lifecycle_phase_configs");

            migrationBuilder.DropTable(
                name: "lifecycle_prunes");

            migrationBuilder.DropTable(
                name: "lifecycle_settings");

            migrationBuilder.DropTable(
                name: "model_promotions");

            migrationBuilder.DropTable(
                name: "approval_requests");

            migrationBuilder.DropTable(
                name: "evidence_items");

            migrationBuilder.DropTable(
                name: "lifecycle_streams");

            migrationBuilder.DropColumn(
                name: "ingest_system_id",
                table: "access_tokens");
        }
    }
}
