using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aims.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LifecycleEventLogs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ingest_system_id",
                table: "access_tokens",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "lifecycle_batches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    system_id = table.Column<Guid>(type: "uuid", nullable: false),
                    system = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    stream = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    first_sequence = table.Column<long>(type: "bigint", nullable: false),
                    last_sequence = table.Column<long>(type: "bigint", nullable: false),
                    head_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    token_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lifecycle_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lifecycle_phase_configs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    system_id = table.Column<Guid>(type: "uuid", nullable: false),
                    phases = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    configured_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    system_id = table.Column<Guid>(type: "uuid", nullable: false),
                    system = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    stream = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    anchor_sequence = table.Column<long>(type: "bigint", nullable: false),
                    anchor_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    removed = table.Column<long>(type: "bigint", nullable: false),
                    cutoff = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lifecycle_prunes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lifecycle_settings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    retention_months = table.Column<int>(type: "integer", nullable: false),
                    checkpoint_every = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lifecycle_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lifecycle_streams",
                columns: table => new
                {
                    system_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    first_sequence = table.Column<long>(type: "bigint", nullable: false),
                    checkpoint_sequence = table.Column<long>(type: "bigint", nullable: false)
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
                name: "lifecycle_events",
                columns: table => new
                {
                    system_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    previous_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    json = table.Column<string>(type: "text", nullable: false),
                    event_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    stage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    event_type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    model_version = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    decision_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    human_intervention = table.Column<bool>(type: "boolean", nullable: false),
                    content_digest = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: true)
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
            Aims.Data.Lifecycle.LifecycleSql.Up(migrationBuilder, isPostgres: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Aims.Data.Lifecycle.LifecycleSql.Down(migrationBuilder, isPostgres: true);
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
                name: "lifecycle_streams");

            migrationBuilder.DropColumn(
                name: "ingest_system_id",
                table: "access_tokens");
        }
    }
}
