using Aims.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Aims.Data;

/// <summary>Mappings of the lifecycle event logs (docs/decisions/0015-lifecycle-event-logs.md).</summary>
internal static class LifecycleModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<LifecycleStreamHead>(e =>
        {
            e.HasKey(h => h.SystemId);
            e.HasIndex(h => h.OrganizationId);
            e.Property(h => h.Hash).HasMaxLength(64);
            e.HasOne<AiSystem>().WithMany().HasForeignKey(h => new { h.OrganizationId, h.SystemId })
                .HasPrincipalKey(s => new { s.OrganizationId, s.Id }).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<LifecycleEvent>(e =>
        {
            e.HasKey(l => new { l.SystemId, l.Sequence });
            e.Ignore(l => l.Utf8);
            e.Property(l => l.Json).HasField("_json");
            e.HasIndex(l => new { l.SystemId, l.EventId }).IsUnique();
            e.HasIndex(l => new { l.OrganizationId, l.At });
            e.HasIndex(l => new { l.SystemId, l.Stage, l.At });
            e.HasIndex(l => new { l.OrganizationId, l.DecisionId });
            e.Property(l => l.Hash).HasMaxLength(64);
            e.Property(l => l.PreviousHash).HasMaxLength(64);
            e.Property(l => l.EventId).HasMaxLength(100);
            e.Property(l => l.Kind).HasMaxLength(20);
            e.Property(l => l.Stage).HasMaxLength(40);
            e.Property(l => l.EventType).HasMaxLength(60);
            e.Property(l => l.ModelVersion).HasMaxLength(100);
            e.Property(l => l.DecisionId).HasMaxLength(100);
            e.Property(l => l.ContentDigest).HasMaxLength(64);
            e.HasOne<LifecycleStreamHead>().WithMany().HasForeignKey(l => l.SystemId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<LifecycleBatch>(e =>
        {
            e.HasKey(b => b.Id);
            e.HasIndex(b => new { b.OrganizationId, b.SystemId, b.LastSequence });
            e.Property(b => b.System).HasMaxLength(40);
            e.Property(b => b.Stream).HasMaxLength(60);
            e.Property(b => b.HeadHash).HasMaxLength(64);
        });

        builder.Entity<LifecyclePrune>(e =>
        {
            e.HasKey(p => p.Id);
            e.HasIndex(p => new { p.OrganizationId, p.SystemId });
            e.Property(p => p.System).HasMaxLength(40);
            e.Property(p => p.Stream).HasMaxLength(60);
            e.Property(p => p.AnchorHash).HasMaxLength(64);
        });

        builder.Entity<LifecyclePhaseConfig>(e =>
        {
            e.HasKey(c => c.Id);
            e.HasIndex(c => new { c.OrganizationId, c.SystemId }).IsUnique();
            e.Property(c => c.Phases).HasMaxLength(400);
            e.HasOne<AiSystem>().WithMany().HasForeignKey(c => new { c.OrganizationId, c.SystemId })
                .HasPrincipalKey(s => new { s.OrganizationId, s.Id }).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<LifecycleSettings>(e =>
        {
            e.HasKey(s => s.Id);
            e.HasIndex(s => s.OrganizationId).IsUnique();
        });
    }
}
