using Microsoft.EntityFrameworkCore.Migrations;

namespace Aims.Data.Lifecycle;

/// <summary>
/// Custom SQL of the lifecycle migration: stream events are never changed in place (only retention removes whole
/// segments), so the database refuses UPDATE on them whoever asks. Called with one line from each provider's migration.
/// </summary>
public static class LifecycleSql
{
    public static void Up(MigrationBuilder migrationBuilder, bool isPostgres)
    {
        if (isPostgres)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION lifecycle_events_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'lifecycle events are append-only';
                END;
                $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER lifecycle_events_no_update BEFORE UPDATE ON lifecycle_events FOR EACH ROW EXECUTE FUNCTION lifecycle_events_refuse_update();");
        }
        else
        {
            migrationBuilder.Sql("CREATE TRIGGER lifecycle_events_no_update BEFORE UPDATE ON lifecycle_events BEGIN SELECT RAISE(ABORT, 'lifecycle events are append-only'); END;");
        }
    }

    public static void Down(MigrationBuilder migrationBuilder, bool isPostgres)
    {
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS lifecycle_events_no_update" + (isPostgres ? " ON lifecycle_events;" : ";"));
        if (isPostgres)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS lifecycle_events_refuse_update();");
        }
    }
}
