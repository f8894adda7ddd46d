using Aims.Data.Entities;
using Aims.Domain.Ledger;
using Aims.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Aims.Data;

/// <summary>Mappings of approvals: requests, decisions, escalations, and model promotions applied by approvals.</summary>
internal static class ApprovalsModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<ApprovalRequest>(e =>
        {
            e.HasKey(r => r.Id);
            e.HasAlternateKey(r => new { r.OrganizationId, r.Id });
            e.HasIndex(r => new { r.OrganizationId, r.Reference }).IsUnique();
            e.HasIndex(r => new { r.OrganizationId, r.State, r.RequestedAt });
            e.HasIndex(r => new { r.OrganizationId, r.RequestedById });
            e.Property(r => r.Reference).HasMaxLength(20);
            e.Property(r => r.Action).HasConversion<string>().HasMaxLength(40);
            e.Property(r => r.Mode).HasConversion<string>().HasMaxLength(40);
            e.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.RequestedVia).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.SubjectType).HasMaxLength(40);
            e.Property(r => r.SubjectReference).HasMaxLength(60);
            e.Property(r => r.SubjectVersion).HasMaxLength(80);
            e.Property(r => r.Title).HasMaxLength(300);
            e.Property(r => r.Reason).HasMaxLength(2000);
            e.Property(r => r.Outcome).HasMaxLength(300);
            e.Property(r => r.RequestedBy).HasMaxLength(100);
            OrderedRoles(e.Property(r => r.Approvers));
            OrderedRoles(e.Property(r => r.EscalationPath));
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.RequestedById).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ApprovalDecision>(e =>
        {
            e.HasKey(d => d.Id);
            // One decision per person and request, whichever node writes it: the database is the backstop.
            e.HasIndex(d => new { d.OrganizationId, d.RequestId, d.DeciderId }).IsUnique();
            e.HasOne<ApprovalRequest>().WithMany().HasForeignKey(d => new { d.OrganizationId, d.RequestId })
                .HasPrincipalKey(r => new { r.OrganizationId, r.Id }).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(d => d.DeciderId).OnDelete(DeleteBehavior.Restrict);
            e.Property(d => d.DeciderRole).HasConversion<string>().HasMaxLength(40);
            e.Property(d => d.Verdict).HasConversion<string>().HasMaxLength(20);
            e.Property(d => d.Via).HasConversion<string>().HasMaxLength(20);
            e.Property(d => d.Rationale).HasMaxLength(2000);
        });

        builder.Entity<ApprovalEscalation>(e =>
        {
            e.HasKey(x => x.Id);
            // Each escalation step is written once, even when several nodes notice it at the same moment.
            e.HasIndex(x => new { x.OrganizationId, x.RequestId, x.Level }).IsUnique();
            e.HasOne<ApprovalRequest>().WithMany().HasForeignKey(x => new { x.OrganizationId, x.RequestId })
                .HasPrincipalKey(r => new { r.OrganizationId, r.Id }).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.ToRole).HasConversion<string>().HasMaxLength(40);
        });

        builder.Entity<ModelPromotion>(e =>
        {
            e.HasKey(p => p.Id);
            e.HasIndex(p => new { p.OrganizationId, p.ModelId, p.PromotedAt });
            e.HasIndex(p => new { p.OrganizationId, p.ApprovalRequestId }).IsUnique();
            e.HasOne<ModelVersion>().WithMany().HasForeignKey(p => p.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    /// <summary>Roles in the order given (an escalation path is ordered), kebab-case, comma-separated.</summary>
    private static void OrderedRoles(Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<IReadOnlyList<Role>> property) =>
        property.HasConversion(
            new ValueConverter<IReadOnlyList<Role>, string>(v => string.Join(",", v.Select(r => KebabCase.Of(r.ToString()))), s => ParseRoles(s)),
            new ValueComparer<IReadOnlyList<Role>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)), v => v.ToList()))
            .HasMaxLength(200);

    private static IReadOnlyList<Role> ParseRoles(string text) =>
        string.IsNullOrEmpty(text) ? [] : [.. text.Split(',').Select(s => Enum.Parse<Role>(s.Replace("-", "", StringComparison.Ordinal), ignoreCase: true))];
}
