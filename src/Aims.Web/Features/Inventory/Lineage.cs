using Aims.Data;
using Aims.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Inventory;

public sealed record LineageNode(string Reference, string Title, string Path, string? Note, IReadOnlyList<LineageNode> Children);

/// <summary>
/// What an AI system is made of, as a tree: its use cases, the models they use (with versions), the datasets those
/// learn from and the datasets these were derived from, and the suppliers along the way.
/// </summary>
public static class Lineage
{
    public static async Task<IReadOnlyList<LineageNode>> OfSystemAsync(AimsDbContext db, AiSystem system, CancellationToken ct)
    {
        var useCases = await db.UseCases.AsNoTracking().Where(u => u.AiSystemId == system.Id).OrderBy(u => u.Number).ToListAsync(ct);
        var useCaseIds = useCases.Select(u => u.Id).ToList();
        var links = await db.RegisterLinks.AsNoTracking().ToListAsync(ct);
        var byKind = links.ToLookup(l => (l.Kind, l.FromId), l => l.ToId);
        var models = await db.Models.AsNoTracking().ToDictionaryAsync(m => m.Id, ct);
        var versions = (await db.ModelVersions.AsNoTracking().OrderBy(v => v.Number).ToListAsync(ct)).ToLookup(v => v.ModelId);
        var datasets = await db.Datasets.AsNoTracking().ToDictionaryAsync(d => d.Id, ct);
        var suppliers = await db.Suppliers.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);

        LineageNode? Supplier(Guid? id) => id is { } s && suppliers.TryGetValue(s, out var x) ? new(x.Reference, x.Name, "/inventory/suppliers/" + x.Reference, "supplier", []) : null;

        LineageNode Dataset(Dataset d, HashSet<Guid> seen)
        {
            var children = new List<LineageNode>();
            if (seen.Add(d.Id))
            {
                children.AddRange(byKind[(InventoryRegisters.DatasetParents, d.Id)].Where(datasets.ContainsKey).Select(p => Dataset(datasets[p], seen)));
            }

            if (Supplier(d.SupplierId) is { } s)
            {
                children.Add(s);
            }

            var note = string.Join(", ", d.Purposes.Select(p => p.ToString().ToLowerInvariant()).Append(d.PersonalData ? "personal data" : null).OfType<string>());
            return new(d.Reference, d.Name, "/inventory/datasets/" + d.Reference, note.Length > 0 ? note : null, children);
        }

        LineageNode Model(AiModel m)
        {
            var children = versions[m.Id].Select(v => new LineageNode(v.Reference, v.Label, "/inventory/model-versions/" + v.Reference, v.Framework.Length > 0 ? v.Framework : null, [])).ToList();
            children.AddRange(byKind[(InventoryRegisters.ModelDatasets, m.Id)].Where(datasets.ContainsKey).Select(d => Dataset(datasets[d], [])));
            if (Supplier(m.SupplierId) is { } s)
            {
                children.Add(s);
            }

            return new(m.Reference, m.Name, "/inventory/models/" + m.Reference, m.GeneralPurpose ? "general-purpose AI model" : null, children);
        }

        var nodes = useCases.Select(u => new LineageNode(u.Reference, u.Name, "/inventory/use-cases/" + u.Reference,
            u.Answers is null ? "not classified" : string.Join(", ", Classification.UseCaseClassification.Effective(u).Select(r => Infrastructure.EnumText.Of(r))),
            byKind[(InventoryRegisters.UseCaseModels, u.Id)].Where(models.ContainsKey).Select(m => Model(models[m])).ToList())).ToList();
        nodes.AddRange(byKind[(InventoryRegisters.SystemSuppliers, system.Id)].Select(s => Supplier(s)).OfType<LineageNode>());
        return nodes;
    }
}
