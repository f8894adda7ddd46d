using System.Text;
using Aims.Web.Infrastructure;

namespace Aims.Web.Features.Evidence;

/// <summary>
/// The demo lender's evidence vault: files and links for about a third of the Annex A controls, most current, some
/// expiring within the month and some expired (so the SoA shows "evidence expired"), and two open requests.
/// </summary>
public static class DemoEvidence
{
    private static readonly (string Title, string Owner, string Source, string[] Controls, int ValidDays, string FileName, string Content, string? Url)[] Items =
    [
        ("AI policy v1.2, signed by the board", "aims.lead@example.org", "Document management", ["A.2.2"], 300, "ai-policy-v1.2.pdf", Pdf("AI policy v1.2"), null),
        ("RACI of the AI roles", "aims.lead@example.org", "Document management", ["A.3.2"], 200, "raci.csv", "role,responsible,accountable\nmodel owner,ML lead,CRO\ndata steward,Data office,CDO\n", null),
        ("Inventory of compute and data resources", "ml.engineer@example.org", "CMDB", ["A.4.2", "A.4.4"], 12, "resources.csv", "resource,kind,owner\ngpu-pool-1,compute,platform\nfeature-store,data,data office\n", null),
        ("Impact assessment of the credit-scoring system", "aims.lead@example.org", "Aims", ["A.5.2", "A.5.4"], 150, "impact-assessment.pdf", Pdf("AI system impact assessment"), null),
        ("Model validation report, credit scoring 3.1", "ml.engineer@example.org", "MLflow", ["A.6.2.4"], 90, "validation-3.1.pdf", Pdf("Validation report"), null),
        ("Deployment runbook", "ml.engineer@example.org", "Wiki", ["A.6.2.5"], 20, "", "", "https://wiki.example.org/ml/deployment-runbook"),
        ("Event log retention settings", "control.owner@example.org", "Logging platform", ["A.6.2.8"], -10, "log-retention.json", "{\"retentionDays\": 180, \"immutable\": true}\n", null),
        ("Data quality dashboard export", "control.owner@example.org", "Data quality tool", ["A.7.4"], -40, "dq-export.csv", "dataset,completeness,accuracy\ncredit-applications,0.99,0.97\n", null),
        ("Data provenance register", "control.owner@example.org", "Data catalog", ["A.7.5"], 240, "", "", "https://catalog.example.org/provenance"),
        ("Customer information notice on automated decisions", "aims.lead@example.org", "Website", ["A.8.2", "A.8.3"], 25, "", "", "https://www.example.org/automated-decisions"),
        ("Human oversight procedure for declined applications", "control.owner@example.org", "Document management", ["A.9.2"], 180, "oversight.txt", "Every automated decline is reviewed by a credit officer within two working days.\n", null),
        ("Supplier assessment of the bureau-data provider", "aims.lead@example.org", "Procurement", ["A.10.2", "A.10.3"], -5, "supplier-assessment.pdf", Pdf("Supplier assessment"), null),
    ];

    private static string Pdf(string title) => $"%PDF-1.4\n% {title} (demo)\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var service = EvidenceService.From(services);
        var today = service.Today;
        foreach (var (title, owner, source, controls, validDays, fileName, content, url) in Items)
        {
            ReceivedFile? file = null;
            if (url is null)
            {
                using var bytes = new MemoryStream(Encoding.UTF8.GetBytes(content));
                (file, _, _) = await ReceivedFile.SpoolAsync(bytes, service.Store.StagingFolder, EvidenceUpload.DefaultMaxBytes, fileName, "", ct);
            }

            await using (file)
            {
                // Expired items were collected well before they ran out; current ones recently.
                var collected = validDays < 0 ? today.AddDays(validDays - 365) : today.AddDays(-20);
                Ok(await service.CreateAsync(new EvidenceInput
                {
                    Title = title, Owner = owner, SourceSystem = source, Controls = [.. controls], CollectedOn = collected, ValidUntil = today.AddDays(validDays), Url = url,
                }, file, ct));
            }
        }

        Ok(await service.RequestAsync(new EvidenceRequestInput
        {
            Title = "Event log extract of the scoring service, last 30 days", Owner = "control.owner@example.org", DueOn = today.AddDays(5), Requirement = "A.6.2.8",
            Description = "The retention settings on file have expired; show the logs are kept.",
        }, ct));
        Ok(await service.RequestAsync(new EvidenceRequestInput
        {
            Title = "Fairness evaluation of credit scoring 3.1", Owner = "ml.engineer@example.org", DueOn = today.AddDays(45), Requirement = "A.6.2.4",
        }, ct));
    }

    private static void Ok<T>(Outcome<T> outcome)
    {
        if (!outcome.IsOk)
        {
            throw new InvalidOperationException("Demo evidence: " + string.Join("; ", outcome.Messages));
        }
    }
}
