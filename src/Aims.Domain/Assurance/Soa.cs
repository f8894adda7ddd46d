namespace Aims.Domain.Assurance;

/// <summary>What the organization decided and recorded for one Annex A control; absent until someone edits the row.</summary>
public sealed record SoaDecision(
    ApplicabilityDecision Decision,
    IReadOnlyList<ApplicabilityDriver> Drivers,
    string Justification,
    ImplementationStatus Status,
    DateOnly? PlannedOn,
    string Procedure,
    string Evidence,
    string Responsible)
{
    public static SoaDecision None { get; } = new(ApplicabilityDecision.Derived, [], "", ImplementationStatus.NotStarted, null, "", "", "");
}

/// <summary>
/// A row of the Statement of Applicability (6.1.3). Applicability follows the risk treatment (the risks that chose the
/// control) and the other drivers unless the organization decided otherwise; readiness is computed, never typed.
/// </summary>
public sealed record SoaRow(
    string ControlId,
    string Title,
    string Area,
    bool Applicable,
    IReadOnlyList<string> Risks,
    SoaDecision Decision,
    IReadOnlyList<string> NotReadyBecause)
{
    public bool AuditReady => NotReadyBecause.Count == 0;

    /// <summary>Implemented, or planned with a responsible person and a date: what keeps a control gap from being a major.</summary>
    public bool ImplementedOrPlanned => Decision.Status == ImplementationStatus.Implemented
        || (Decision.Status is ImplementationStatus.Planned or ImplementationStatus.PartiallyImplemented && Decision.PlannedOn is not null && Decision.Responsible.Length > 0);

    /// <summary>The justification as an auditor reads it: the risks and drivers, then the organization's words.</summary>
    public string JustificationText
    {
        get
        {
            var parts = new List<string>();
            if (Applicable && Risks.Count > 0)
            {
                parts.Add("Risk treatment: " + string.Join(", ", Risks));
            }

            if (Applicable && Decision.Drivers.Count > 0)
            {
                parts.Add("Required by: " + string.Join(", ", Decision.Drivers.Select(d => d.ToString().ToLowerInvariant())));
            }

            if (Decision.Justification.Length > 0)
            {
                parts.Add(Decision.Justification);
            }

            return string.Join(". ", parts);
        }
    }

    /// <param name="vault">The evidence items of the vault linked to the control; evidence that has all expired is a reason of its own.</param>
    public static SoaRow Derive(string controlId, string title, string area, IReadOnlyList<string> risks, SoaDecision? decision, Evidence.EvidenceStanding? vault = null)
    {
        vault ??= Evidence.EvidenceStanding.None;
        var d = decision ?? SoaDecision.None;
        var applicable = d.Decision switch
        {
            ApplicabilityDecision.Applicable => true,
            ApplicabilityDecision.Excluded => false,
            _ => risks.Count > 0 || d.Drivers.Count > 0,
        };
        var reasons = new List<string>();
        if (!applicable)
        {
            if (d.Justification.Length == 0)
            {
                reasons.Add("excluded without a justification");
            }

            if (risks.Count > 0)
            {
                reasons.Add($"excluded although the treatment of {string.Join(", ", risks.Take(5))} chose it");
            }
        }
        else
        {
            if (risks.Count == 0 && d.Drivers.Count == 0 && d.Justification.Length == 0)
            {
                reasons.Add("no justification for inclusion (no risk chose it, no other driver)");
            }

            if (d.Procedure.Length == 0)
            {
                reasons.Add("no procedure");
            }

            if (vault.AllExpired)
            {
                reasons.Add("evidence expired");
            }
            else if (d.Evidence.Length == 0 && !vault.HasCurrent)
            {
                reasons.Add("no evidence");
            }

            if (d.Responsible.Length == 0)
            {
                reasons.Add("no responsible role or person");
            }

            if (d.Status == ImplementationStatus.NotStarted || (d.Status != ImplementationStatus.Implemented && d.PlannedOn is null))
            {
                reasons.Add("neither implemented nor planned with a date");
            }
        }

        return new SoaRow(controlId, title, area, applicable, risks, d, reasons);
    }
}
