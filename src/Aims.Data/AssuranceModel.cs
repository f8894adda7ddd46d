using Aims.Data.Entities;
using Microsoft.EntityFrameworkCore;
using static Aims.Data.RegisterModel;

namespace Aims.Data;

/// <summary>Mappings of the assurance area: gap assessments, gaps, actions, nonconformities, the SoA and readiness.</summary>
internal static class AssuranceModel
{
    public static void Configure(ModelBuilder builder)
    {
        Register<GapAssessment>(builder, e => e.HasAlternateKey(a => new { a.OrganizationId, a.Id }));
        Register<Gap>(builder, e =>
        {
            e.HasAlternateKey(g => new { g.OrganizationId, g.Id });
            e.HasOne<GapAssessment>().WithMany().HasForeignKey(g => new { g.OrganizationId, g.AssessmentId })
                .HasPrincipalKey(a => new { a.OrganizationId, a.Id }).OnDelete(DeleteBehavior.Restrict);
            e.Property(g => g.Requirement).HasMaxLength(80);
            e.HasIndex(g => new { g.OrganizationId, g.AssessmentId, g.Requirement });
            e.HasIndex(g => new { g.OrganizationId, g.DeletedAt, g.Status, g.PredictedClass });
        });
        Register<Nonconformity>(builder, e =>
        {
            e.HasAlternateKey(n => new { n.OrganizationId, n.Id });
            Optional<Nonconformity, Gap>(e, nameof(Nonconformity.GapId));
            e.HasOne<Person>().WithMany().HasForeignKey(n => n.OwnerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(n => n.ReviewerId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(n => new { n.OrganizationId, n.DeletedAt, n.Status, n.Class });
        });
        Register<CorrectiveAction>(builder, e =>
        {
            Optional<CorrectiveAction, Gap>(e, nameof(CorrectiveAction.GapId));
            Optional<CorrectiveAction, Nonconformity>(e, nameof(CorrectiveAction.NonconformityId));
            e.HasOne<Person>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(a => new { a.OrganizationId, a.DeletedAt, a.Status, a.DueOn });
        });

        builder.Entity<AssessmentResult>(e =>
        {
            e.HasKey(r => r.Id);
            e.Property(r => r.RequirementId).HasMaxLength(60);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(40);
            e.HasIndex(r => new { r.OrganizationId, r.AssessmentId, r.RequirementId }).IsUnique();
            e.HasOne<GapAssessment>().WithMany().HasForeignKey(r => new { r.OrganizationId, r.AssessmentId })
                .HasPrincipalKey(a => new { a.OrganizationId, a.Id }).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.AssessorId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<SoaEntry>(e =>
        {
            e.HasKey(s => s.Id);
            e.Property(s => s.ControlId).HasMaxLength(40);
            e.Property(s => s.Decision).HasConversion<string>().HasMaxLength(40);
            e.Property(s => s.Status).HasConversion<string>().HasMaxLength(40);
            EnumList(e.Property(s => s.Drivers));
            e.HasIndex(s => new { s.OrganizationId, s.ControlId }).IsUnique();
            e.HasOne<Person>().WithMany().HasForeignKey(s => s.ResponsibleId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ReadinessSnapshot>(e =>
        {
            e.HasKey(s => s.Id);
            e.HasIndex(s => new { s.OrganizationId, s.Day }).IsUnique();
        });
    }
}
