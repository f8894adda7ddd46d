using Aims.Data.Entities;
using Aims.Domain.Evidence;
using Microsoft.EntityFrameworkCore;

namespace Aims.Bench;

/// <summary>
/// Evidence items (links, so no file store is needed), five Annex A controls each, a tenth expired and a tenth expiring:
/// `--evidence-links 50000` gives the SoA and readiness 50,000 links to count. Written through the data layer, ledgered.
/// </summary>
public sealed class EvidenceStep : IOrgStep
{
    private const int LinksPerItem = 5;

    public string Name => "evidence";

    public string? CountOption => "evidence-links";

    public long DefaultCount => 0;

    public async Task<long> RunAsync(OrgContext context, CancellationToken ct)
    {
        var links = context.Count("evidence-links");
        if (links == 0)
        {
            return 0;
        }

        List<string> controls;
        await using (var db = context.OpenContext(out _))
        {
            controls = await db.CatalogRequirements.AsNoTracking().Where(r => r.FrameworkId == "iso42001" && r.Kind == "control").Select(r => r.Id).ToListAsync(ct);
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var owner = context.Members.Count > 0 ? context.Members[0].PersonId : (Guid?)null;
        var items = (links + LinksPerItem - 1) / LinksPerItem;
        await context.InBatchesAsync(items, (db, _, i) =>
        {
            var validUntil = (i % 10) switch { 0 => today.AddDays(-30), 1 => today.AddDays(10), _ => today.AddDays(365) };
            var item = new EvidenceItem
            {
                OrganizationId = context.OrganizationId, Title = $"Evidence {i + 1}", Kind = EvidenceKind.Link, OwnerId = owner, CollectedOn = today.AddDays(-400),
                ValidUntil = validUntil, CurrentVersion = 1, Url = $"https://evidence.example/{i + 1}",
            };
            db.EvidenceItems.Add(item);
            db.EvidenceVersions.Add(new EvidenceVersion { OrganizationId = context.OrganizationId, EvidenceId = item.Id, Number = 1, Url = item.Url });
            var first = context.Random.Next(controls.Count);
            for (var k = 0; k < LinksPerItem && (i * LinksPerItem) + k < links; k++)
            {
                db.EvidenceLinks.Add(new EvidenceLink
                {
                    OrganizationId = context.OrganizationId, EvidenceId = item.Id, TargetType = EvidenceTarget.Requirement, Target = "iso42001:" + controls[(first + k) % controls.Count],
                });
            }
        }, ct);
        return links;
    }
}
