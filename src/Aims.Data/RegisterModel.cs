using Aims.Data.Entities;
using Aims.Domain.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aims.Data;

/// <summary>Mappings of the inventory and context registers.</summary>
internal static class RegisterModel
{
    public static void Configure(ModelBuilder builder)
    {
        Register<AiSystem>(builder, e =>
        {
            e.HasAlternateKey(s => new { s.OrganizationId, s.Id });
            e.HasOne<Person>().WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Restrict);
            EnumList(e.Property(s => s.OperatorRoles));
            EnumList(e.Property(s => s.AiRoles));
        });
        Register<UseCase>(builder, e =>
        {
            // Through (organization, system): a use case cannot point at another organization's system.
            e.HasOne<AiSystem>().WithMany().HasForeignKey(u => new { u.OrganizationId, u.AiSystemId })
                .HasPrincipalKey(s => new { s.OrganizationId, s.Id }).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(u => u.OverriddenById).OnDelete(DeleteBehavior.Restrict);
        });
        Register<Supplier>(builder, e => e.HasAlternateKey(s => new { s.OrganizationId, s.Id }));
        Register<AiModel>(builder, e =>
        {
            e.HasAlternateKey(m => new { m.OrganizationId, m.Id });
            Optional<AiModel, Supplier>(e, nameof(AiModel.SupplierId));
        });
        Register<Dataset>(builder, e =>
        {
            e.HasOne<Person>().WithMany().HasForeignKey(d => d.OwnerId).OnDelete(DeleteBehavior.Restrict);
            Optional<Dataset, Supplier>(e, nameof(Dataset.SupplierId));
            EnumList(e.Property(d => d.Purposes));
        });
        Register<DataFlow>(builder, e => Optional<DataFlow, AiSystem>(e, nameof(DataFlow.AiSystemId)));
        Register<AiResource>(builder, e => Optional<AiResource, AiSystem>(e, nameof(AiResource.AiSystemId)));
        Register<ContextIssue>(builder, _ => { });
        Register<InterestedParty>(builder, _ => { });
        Register<ScopeEntry>(builder, _ => { });
        Register<OrganizationAiRole>(builder, _ => { });

        Register<ModelVersion>(builder, e =>
        {
            e.HasIndex(v => new { v.OrganizationId, v.ModelId, v.Label }).IsUnique().HasFilter("deleted_at IS NULL");
            e.HasOne<AiModel>().WithMany().HasForeignKey(v => new { v.OrganizationId, v.ModelId })
                .HasPrincipalKey(m => new { m.OrganizationId, m.Id }).OnDelete(DeleteBehavior.Restrict);
        });

        Register<OwnControl>(builder, e => e.HasOne<Person>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict));
        Register<Risk>(builder, e =>
        {
            e.HasAlternateKey(r => new { r.OrganizationId, r.Id });
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.OwnerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.AcceptedById).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(r => new { r.OrganizationId, r.InherentLevel });
            e.HasIndex(r => new { r.OrganizationId, r.ResidualLevel });
            e.HasIndex(r => new { r.OrganizationId, r.NextReviewOn });
            // The heat maps group the live risks by their cells: covering indexes make that an index-only scan.
            e.HasIndex(r => new { r.OrganizationId, r.DeletedAt, r.InherentLikelihood, r.InherentImpact });
            e.HasIndex(r => new { r.OrganizationId, r.DeletedAt, r.ResidualLikelihood, r.ResidualImpact });
            e.HasIndex(r => new { r.OrganizationId, r.DeletedAt, r.InherentLikelihood, r.InherentImpact, r.ResidualLikelihood, r.ResidualImpact })
                .HasDatabaseName("ix_risks_both_cells");
        });
        Register<ImpactAssessment>(builder, e =>
        {
            e.HasAlternateKey(a => new { a.OrganizationId, a.Id });
            e.HasOne<AiSystem>().WithMany().HasForeignKey(a => new { a.OrganizationId, a.AiSystemId })
                .HasPrincipalKey(s => new { s.OrganizationId, s.Id }).OnDelete(DeleteBehavior.Restrict);
            Optional<ImpactAssessment, UseCase>(e, nameof(ImpactAssessment.UseCaseId));
            e.HasOne<Person>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(a => a.DecidedById).OnDelete(DeleteBehavior.Restrict);
        });
        Register<ImpactHarm>(builder, e =>
        {
            e.HasOne<ImpactAssessment>().WithMany().HasForeignKey(h => new { h.OrganizationId, h.ImpactAssessmentId })
                .HasPrincipalKey(a => new { a.OrganizationId, a.Id }).OnDelete(DeleteBehavior.Restrict);
            Optional<ImpactHarm, Risk>(e, nameof(ImpactHarm.RiskId));
        });

        builder.Entity<SettingsVersion>(e =>
        {
            e.HasKey(s => s.Id);
            e.Property(s => s.Kind).HasMaxLength(40);
            e.HasIndex(s => new { s.OrganizationId, s.Kind, s.Number }).IsUnique();
        });

        builder.Entity<RiskReview>(e =>
        {
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.OrganizationId, r.RiskId });
            e.HasOne<Risk>().WithMany().HasForeignKey(r => new { r.OrganizationId, r.RiskId })
                .HasPrincipalKey(r => new { r.OrganizationId, r.Id }).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.ReviewedById).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<RegisterLink>(e =>
        {
            e.HasKey(l => l.Id);
            e.Property(l => l.Kind).HasMaxLength(40);
            e.HasIndex(l => new { l.OrganizationId, l.Kind, l.FromId, l.ToId }).IsUnique();
            e.HasIndex(l => new { l.OrganizationId, l.Kind, l.ToId });
        });

        builder.Entity<ScopeStatement>(e =>
        {
            e.HasKey(s => s.Id);
            e.HasIndex(s => new { s.OrganizationId, s.Number }).IsUnique();
            e.HasOne<Person>().WithMany().HasForeignKey(s => s.ApprovedById).OnDelete(DeleteBehavior.Restrict);
        });
    }

    internal static void Register<T>(ModelBuilder builder, Action<EntityTypeBuilder<T>> configure) where T : RegisterRecord
    {
        builder.Entity<T>(e =>
        {
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.OrganizationId, r.Reference }).IsUnique();
            // Lists count and page the live records of an organization in reference order: with deleted_at in the
            // index both are index-only (no table rows read), which keeps a list flat as the register grows.
            e.HasIndex(r => new { r.OrganizationId, r.DeletedAt, r.Number });
            e.Property(r => r.Reference).HasMaxLength(20);
            foreach (var property in typeof(T).GetProperties().Where(p => p.CanWrite && IsEnum(p.PropertyType)))
            {
                e.Property(property.Name).HasConversion<string>().HasMaxLength(40);
            }

            configure(e);
        });
    }

    private static bool IsEnum(Type type) => (Nullable.GetUnderlyingType(type) ?? type).IsEnum;

    internal static void EnumList<T>(PropertyBuilder<IReadOnlyList<T>> property) where T : struct, Enum =>
        property.HasConversion(EnumListConversion.Converter<T>(), EnumListConversion.Comparer<T>()).HasMaxLength(200);

    /// <summary>An optional reference through (organization, id): it can only name a record of the same organization.</summary>
    internal static void Optional<T, TPrincipal>(EntityTypeBuilder<T> e, string key) where T : RegisterRecord where TPrincipal : RegisterRecord =>
        e.HasOne<TPrincipal>().WithMany().HasForeignKey(nameof(RegisterRecord.OrganizationId), key)
            .HasPrincipalKey(nameof(RegisterRecord.OrganizationId), nameof(RegisterRecord.Id)).IsRequired(false).OnDelete(DeleteBehavior.Restrict);
}
