using Aims.Data;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Inventory;

/// <summary>People the inventory names as owners who are not members of the organization (an import keeps them as references).</summary>
public static class PeopleToInvite
{
    public static async Task<List<string>> ListAsync(AimsDbContext db, CancellationToken ct)
    {
        var owners = db.AiSystems.Where(s => s.OwnerId != null).Select(s => s.OwnerId!.Value)
            .Union(db.Datasets.Where(d => d.OwnerId != null).Select(d => d.OwnerId!.Value));
        var members = db.Memberships.Select(m => m.PersonId);
        return await db.Users.Where(p => owners.Contains(p.Id) && !members.Contains(p.Id)).OrderBy(p => p.Email).Select(p => p.Email!).ToListAsync(ct);
    }
}
