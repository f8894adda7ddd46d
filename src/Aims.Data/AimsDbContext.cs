using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Aims.Data.Entities;
using Aims.Data.Ledger;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Aims.Data;

/// <summary>
/// The one DbContext of Aims. It filters every organization-owned query by the session's organization and, on
/// every save, appends the ledger events for what changed in the same transaction (see <see cref="LedgerWriter"/>).
/// Each database provider has its own subclass only so that each keeps its own migrations.
/// </summary>
public abstract class AimsDbContext(DbContextOptions options, AimsSession session)
    : IdentityUserContext<Person, Guid>(options), IDataProtectionKeyContext
{
    public const string TenantFilter = "tenant";
    public const string SoftDeleteFilter = "soft-delete";

    public AimsSession Session { get; } = session;

    /// <summary>Signs the organizations' chains (checkpoints every N events); null leaves checkpoints out.</summary>
    public LedgerSigning? Signing { get; set; }

    /// <summary>Read by the query filters; <see cref="Guid.Empty"/> matches no organization's records.</summary>
    public Guid CurrentOrganizationId => Session.OrganizationId ?? Guid.Empty;

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();

    public DbSet<LedgerEvent> LedgerEvents => Set<LedgerEvent>();

    public DbSet<ChainHead> ChainHeads => Set<ChainHead>();

    public DbSet<Counter> Counters => Set<Counter>();

    public DbSet<CatalogFramework> CatalogFrameworks => Set<CatalogFramework>();

    public DbSet<CatalogRequirement> CatalogRequirements => Set<CatalogRequirement>();

    public DbSet<CatalogCrosswalk> CatalogCrosswalks => Set<CatalogCrosswalk>();

    public DbSet<CatalogRelease> CatalogReleases => Set<CatalogRelease>();

    public DbSet<AiSystem> AiSystems => Set<AiSystem>();

    public DbSet<UseCase> UseCases => Set<UseCase>();

    public DbSet<AiModel> Models => Set<AiModel>();

    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();

    public DbSet<Dataset> Datasets => Set<Dataset>();

    public DbSet<Supplier> Suppliers => Set<Supplier>();

    public DbSet<DataFlow> DataFlows => Set<DataFlow>();

    public DbSet<AiResource> Resources => Set<AiResource>();

    public DbSet<RegisterLink> RegisterLinks => Set<RegisterLink>();

    public DbSet<ContextIssue> ContextIssues => Set<ContextIssue>();

    public DbSet<InterestedParty> InterestedParties => Set<InterestedParty>();

    public DbSet<ScopeEntry> ScopeEntries => Set<ScopeEntry>();

    public DbSet<OrganizationAiRole> OrganizationAiRoles => Set<OrganizationAiRole>();

    public DbSet<ScopeStatement> ScopeStatements => Set<ScopeStatement>();

    public DbSet<SettingsVersion> SettingsVersions => Set<SettingsVersion>();

    public DbSet<OwnControl> OwnControls => Set<OwnControl>();

    public DbSet<Risk> Risks => Set<Risk>();

    public DbSet<RiskReview> RiskReviews => Set<RiskReview>();

    public DbSet<ImpactAssessment> ImpactAssessments => Set<ImpactAssessment>();

    public DbSet<ImpactHarm> ImpactHarms => Set<ImpactHarm>();

    public DbSet<GapAssessment> GapAssessments => Set<GapAssessment>();

    public DbSet<AssessmentResult> AssessmentResults => Set<AssessmentResult>();

    public DbSet<Gap> Gaps => Set<Gap>();

    public DbSet<CorrectiveAction> CorrectiveActions => Set<CorrectiveAction>();

    public DbSet<Nonconformity> Nonconformities => Set<Nonconformity>();

    public DbSet<SoaEntry> SoaEntries => Set<SoaEntry>();

    public DbSet<ReadinessSnapshot> ReadinessSnapshots => Set<ReadinessSnapshot>();

    public DbSet<LifecycleStreamHead> LifecycleStreams => Set<LifecycleStreamHead>();

    public DbSet<LifecycleEvent> LifecycleEvents => Set<LifecycleEvent>();

    public DbSet<LifecycleBatch> LifecycleBatches => Set<LifecycleBatch>();

    public DbSet<LifecyclePrune> LifecyclePrunes => Set<LifecyclePrune>();

    public DbSet<LifecyclePhaseConfig> LifecyclePhaseConfigs => Set<LifecyclePhaseConfig>();

    public DbSet<LifecycleSettings> LifecycleSettings => Set<LifecycleSettings>();
    public DbSet<ApprovalRequest> ApprovalRequests => Set<ApprovalRequest>();

    public DbSet<ApprovalDecision> ApprovalDecisions => Set<ApprovalDecision>();

    public DbSet<ApprovalEscalation> ApprovalEscalations => Set<ApprovalEscalation>();

    public DbSet<ModelPromotion> ModelPromotions => Set<ModelPromotion>();
    public DbSet<EvidenceItem> EvidenceItems => Set<EvidenceItem>();

    public DbSet<EvidenceVersion> EvidenceVersions => Set<EvidenceVersion>();

    public DbSet<EvidenceLink> EvidenceLinks => Set<EvidenceLink>();

    public DbSet<EvidenceRequest> EvidenceRequests => Set<EvidenceRequest>();

    /// <summary>File contents of PostgreSQL deployments, by hash; not ledgered (the versions naming them are).</summary>
    public DbSet<EvidenceBlobChunk> EvidenceBlobChunks => Set<EvidenceBlobChunk>();

    /// <summary>The cookie-protection key ring, shared by every web node of one database; not ledgered (infrastructure).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public abstract bool IsPostgres { get; }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        new LedgerWriter(this).SaveAsync(acceptAllChangesOnSuccess, cancellationToken);

    /// <summary>
    /// Starts a transaction in which no other writer can change the session's organization until it ends; for rules
    /// that read before they write. Inside a transaction already open it only takes the lock and returns null (the
    /// outer owner commits). Commit the returned transaction after the save.
    /// </summary>
    public async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> BeginOrganizationWriteAsync(CancellationToken ct = default)
    {
        var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        await LedgerWriter.LockChainAsync(this, CurrentOrganizationId, ct);
        return transaction;
    }

    /// <summary>The plain save, for <see cref="LedgerWriter"/> once it has added the events.</summary>
    internal Task<int> SaveWithoutLedgerAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken) =>
        base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Person>(e =>
        {
            e.Property(p => p.DisplayName).HasMaxLength(200);
        });

        builder.Entity<Organization>(e =>
        {
            e.HasKey(o => o.Id);
            e.HasIndex(o => o.Slug).IsUnique();
            e.Property(o => o.Slug).HasMaxLength(40);
            e.Property(o => o.Name).HasMaxLength(200);
        });

        builder.Entity<Membership>(e =>
        {
            e.HasKey(m => m.Id);
            e.HasAlternateKey(m => new { m.OrganizationId, m.PersonId });
            e.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(m => m.Person).WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.Property(m => m.Role).HasConversion<string>().HasMaxLength(40);
        });

        builder.Entity<AccessToken>(e =>
        {
            e.HasKey(t => t.Id);
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasIndex(t => new { t.OrganizationId, t.Reference }).IsUnique();
            // The token points at the membership through (organization, person): it cannot name a person of another organization.
            e.HasOne<Membership>().WithMany()
                .HasForeignKey(t => new { t.OrganizationId, t.PersonId })
                .HasPrincipalKey(m => new { m.OrganizationId, m.PersonId })
                .OnDelete(DeleteBehavior.Restrict);
            e.Property(t => t.Scope).HasConversion<string>().HasMaxLength(10);
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Prefix).HasMaxLength(16);
            e.Property(t => t.TokenHash).HasMaxLength(64);
            e.Property(t => t.Reference).HasMaxLength(20);
        });

        builder.Entity<LedgerEvent>(e =>
        {
            e.HasKey(l => new { l.OrganizationId, l.Sequence });
            e.HasIndex(l => new { l.OrganizationId, l.EntityType, l.EntityId });
            e.Property(l => l.Hash).HasMaxLength(64);
            e.Property(l => l.PreviousHash).HasMaxLength(64);
            e.Property(l => l.EntityType).HasMaxLength(60);
            e.Property(l => l.EntityId).HasMaxLength(100);
            e.Property(l => l.Action).HasMaxLength(20);
            e.Property(l => l.Actor).HasMaxLength(100);
            e.Property(l => l.Reference).HasMaxLength(40);
        });

        builder.Entity<ChainHead>(e =>
        {
            e.HasKey(h => h.OrganizationId);
            e.Property(h => h.Hash).HasMaxLength(64);
        });

        builder.Entity<Counter>(e =>
        {
            e.HasKey(c => new { c.OrganizationId, c.Name });
            e.Property(c => c.Name).HasMaxLength(20);
        });

        builder.Entity<CatalogFramework>(e =>
        {
            e.HasKey(f => f.Id);
            e.Property(f => f.Id).HasMaxLength(40);
        });

        builder.Entity<CatalogRequirement>(e =>
        {
            e.HasKey(r => new { r.FrameworkId, r.Id });
            e.HasIndex(r => new { r.FrameworkId, r.Position });
            e.Property(r => r.FrameworkId).HasMaxLength(40);
            e.Property(r => r.Id).HasMaxLength(40);
            e.Property(r => r.ParentId).HasMaxLength(40);
            e.Property(r => r.Kind).HasMaxLength(40);
        });

        builder.Entity<CatalogCrosswalk>(e =>
        {
            e.HasKey(c => new { c.CrosswalkId, c.FromRef, c.ToRef });
            e.HasIndex(c => c.FromRef);
            e.HasIndex(c => c.ToRef);
            e.Property(c => c.CrosswalkId).HasMaxLength(80);
            e.Property(c => c.FromRef).HasMaxLength(90);
            e.Property(c => c.ToRef).HasMaxLength(90);
            e.Property(c => c.Relationship).HasMaxLength(20);
            e.Property(c => c.Confidence).HasMaxLength(10);
        });

        builder.Entity<CatalogRelease>(e =>
        {
            e.HasKey(r => r.Id);
            e.Property(r => r.Version).HasMaxLength(40);
            e.Property(r => r.Digest).HasMaxLength(64);
        });

        RegisterModel.Configure(builder);
        AssuranceModel.Configure(builder);
        LifecycleModel.Configure(builder);
        ApprovalsModel.Configure(builder);
        EvidenceModel.Configure(builder);

        foreach (var type in builder.Model.GetEntityTypes())
        {
            ApplyConventions(builder, type);
        }

        ApplySnakeCaseNames(builder);
    }

    private void ApplyConventions(ModelBuilder builder, IMutableEntityType type)
    {
        var clr = type.ClrType;
        if (typeof(IVersioned).IsAssignableFrom(clr))
        {
            builder.Entity(clr).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        }

        if (typeof(IOrganizationOwned).IsAssignableFrom(clr))
        {
            var filter = (LambdaExpression)typeof(AimsDbContext)
                .GetMethod(nameof(TenantFilterFor), BindingFlags.NonPublic | BindingFlags.Instance)!
                .MakeGenericMethod(clr).Invoke(this, null)!;
            builder.Entity(clr).HasQueryFilter(TenantFilter, filter);
        }

        if (typeof(ISoftDeletable).IsAssignableFrom(clr))
        {
            var filter = (LambdaExpression)typeof(AimsDbContext)
                .GetMethod(nameof(SoftDeleteFilterFor), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(clr).Invoke(null, null)!;
            builder.Entity(clr).HasQueryFilter(SoftDeleteFilter, filter);
        }
    }

    private Expression<Func<T, bool>> TenantFilterFor<T>() where T : IOrganizationOwned =>
        e => e.OrganizationId == CurrentOrganizationId;

    private static Expression<Func<T, bool>> SoftDeleteFilterFor<T>() where T : ISoftDeletable =>
        e => e.DeletedAt == null;

    /// <summary>snake_case tables and columns: raw SQL reads the same on SQLite and PostgreSQL.</summary>
    private static void ApplySnakeCaseNames(ModelBuilder builder)
    {
        foreach (var type in builder.Model.GetEntityTypes())
        {
            var table = type.GetTableName();
            if (table is not null)
            {
                type.SetTableName(SnakeCase(table.StartsWith("AspNet", StringComparison.Ordinal) ? table[6..] : table));
            }

            foreach (var property in type.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
