using Aims.Data;
using Aims.Data.Ledger;

namespace Aims.Web.Features.Ledger.Checkpoints;

/// <summary>
/// Checkpoints in the demo organization: its chain is far shorter than the automatic interval, so the demo signs its
/// head on demand at the points an AIMS lead would (after the inventory baseline, before the Stage 1 audit).
/// </summary>
public static class DemoCheckpoints
{
    public static async Task SignAsync(AimsDbContext db, AimsSession session, string reason, CancellationToken ct)
    {
        session.Reason = reason;
        try
        {
            _ = await LedgerCheckpoints.CreateAsync(db, rotate: false, ct)
                ?? throw new InvalidOperationException("The demo chain has no event to sign.");
        }
        finally
        {
            session.Reason = null;
        }
    }
}
