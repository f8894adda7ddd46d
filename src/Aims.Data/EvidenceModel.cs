using Aims.Data.Entities;
using Microsoft.EntityFrameworkCore;
using static Aims.Data.RegisterModel;

namespace Aims.Data;

/// <summary>Mappings of the evidence vault: items, versions, links, requests and the content chunks.</summary>
internal static class EvidenceModel
{
    public static void Configure(ModelBuilder builder)
    {
        Register<EvidenceItem>(builder, e =>
        {
            e.HasAlternateKey(i => new { i.OrganizationId, i.Id });
            e.HasOne<Person>().WithMany().HasForeignKey(i => i.OwnerId).OnDelete(DeleteBehavior.Restrict);
            e.Property(i => i.Title).HasMaxLength(200);
            e.Property(i => i.SourceSystem).HasMaxLength(100);
            e.Property(i => i.Sha256).HasMaxLength(64);
            e.Property(i => i.ContentType).HasMaxLength(100);
            e.Property(i => i.FileName).HasMaxLength(200);
            e.Property(i => i.Url).HasMaxLength(2000);
            e.Property(i => i.Record).HasMaxLength(40);
            e.HasIndex(i => new { i.OrganizationId, i.DeletedAt, i.ValidUntil });
        });
        Register<EvidenceRequest>(builder, e =>
        {
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.OwnerId).OnDelete(DeleteBehavior.Restrict);
            Optional<EvidenceRequest, EvidenceItem>(e, nameof(EvidenceRequest.EvidenceId));
            e.Property(r => r.Title).HasMaxLength(200);
            e.Property(r => r.Requirement).HasMaxLength(90);
            e.HasIndex(r => new { r.OrganizationId, r.Status, r.DueOn });
        });

        builder.Entity<EvidenceVersion>(e =>
        {
            e.HasKey(v => v.Id);
            e.HasIndex(v => new { v.OrganizationId, v.EvidenceId, v.Number }).IsUnique();
            e.HasOne<EvidenceItem>().WithMany().HasForeignKey(v => new { v.OrganizationId, v.EvidenceId })
                .HasPrincipalKey(i => new { i.OrganizationId, i.Id }).OnDelete(DeleteBehavior.Restrict);
            e.Property(v => v.Sha256).HasMaxLength(64);
            e.Property(v => v.ContentType).HasMaxLength(100);
            e.Property(v => v.DeclaredType).HasMaxLength(100);
            e.Property(v => v.FileName).HasMaxLength(200);
            e.Property(v => v.Url).HasMaxLength(2000);
            e.Property(v => v.Record).HasMaxLength(40);
            e.Property(v => v.Note).HasMaxLength(500);
        });

        builder.Entity<EvidenceLink>(e =>
        {
            e.HasKey(l => l.Id);
            e.Property(l => l.TargetType).HasConversion<string>().HasMaxLength(40);
            e.Property(l => l.Target).HasMaxLength(90);
            e.HasIndex(l => new { l.OrganizationId, l.EvidenceId, l.TargetType, l.Target }).IsUnique();
            // The SoA and the control pages look evidence up by what it supports.
            e.HasIndex(l => new { l.OrganizationId, l.TargetType, l.Target, l.EvidenceId });
            e.HasOne<EvidenceItem>().WithMany().HasForeignKey(l => new { l.OrganizationId, l.EvidenceId })
                .HasPrincipalKey(i => new { i.OrganizationId, i.Id }).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<EvidenceBlobChunk>(e =>
        {
            e.HasKey(c => new { c.Sha256, c.Index });
            e.Property(c => c.Sha256).HasMaxLength(64);
        });
    }
}
