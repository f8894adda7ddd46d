using Aims.Data.Entities;
using Aims.Domain.Assurance;
using Aims.Web.Infrastructure.Registers;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Assurance;

/// <summary>The 10.2 rules: a nonconformity closes only with closure evidence and an effective review; gaps before operation are not nonconformities.</summary>
public static class NonconformityRules
{
    public static IEnumerable<(string Field, string Rule)> Rules(RegisterRecord record)
    {
        var nc = (Nonconformity)record;
        if (nc.Status == NonconformityStatus.Closed)
        {
            if (string.IsNullOrWhiteSpace(nc.ClosureEvidence))
            {
                yield return ("closureEvidence", "is required to close a nonconformity");
            }

            if (nc.ReviewedOn is null || nc.ReviewerId is null || nc.Effectiveness is null)
            {
                yield return ("effectiveness", "an effectiveness review (date, reviewer, verdict) is required to close a nonconformity");
            }
            else if (nc.Effectiveness == Effectiveness.NotEffective)
            {
                yield return ("effectiveness", "a corrective action judged not effective keeps the nonconformity open: take further action and review again");
            }

            if (string.IsNullOrWhiteSpace(nc.RootCause) || string.IsNullOrWhiteSpace(nc.CorrectiveActionTaken))
            {
                yield return ("rootCause", "the root cause and the corrective action are recorded before a nonconformity closes");
            }
        }

        if (nc.ReviewedOn > AssuranceSettings.Today)
        {
            yield return ("reviewedOn", "must not be in the future: record the review once it has taken place");
        }

        if (nc.Effectiveness is not null && (nc.ReviewedOn is null || nc.ReviewerId is null))
        {
            yield return ("reviewedOn", "a verdict on effectiveness needs the review date and the reviewer");
        }
    }

    public static async Task<IEnumerable<(string Field, string Rule)>> CheckAsync(RegisterService service, RegisterRecord record, CancellationToken ct)
    {
        var nc = (Nonconformity)record;
        var creating = service.Db.Entry(nc).State is EntityState.Detached or EntityState.Added;
        if (creating && nc.Source == NonconformitySource.GapAssessment)
        {
            var plan = (await AssuranceSettings.PlanAsync(service.Db, ct)).Value;
            if (!plan.Operates(AssuranceSettings.Today))
            {
                return [("source", "gaps found before the AIMS operates are gaps, not nonconformities: record the date the AIMS started operating in the certification plan first")];
            }
        }

        return [];
    }
}
