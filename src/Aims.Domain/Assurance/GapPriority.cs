namespace Aims.Domain.Assurance;

/// <summary>A gap's priority factors, each 1 (low) to 5 (high).</summary>
public sealed record PriorityFactors(int InherentRisk, int RegulatoryExposure, int CustomerTrust, int Complexity)
{
    public bool Valid => new[] { InherentRisk, RegulatoryExposure, CustomerTrust, Complexity }.All(f => f is >= 1 and <= 5);
}

/// <summary>
/// Priority 0–100 from the weighted factors. Complexity raises priority: complex work has the longest lead time and
/// must start first. Gaps required for certification come before all others whatever their score.
/// </summary>
public static class GapPriority
{
    public static int Score(PriorityFactors factors, PriorityWeights weights)
    {
        var sum = (weights.InherentRisk * (factors.InherentRisk - 1))
            + (weights.RegulatoryExposure * (factors.RegulatoryExposure - 1))
            + (weights.CustomerTrust * (factors.CustomerTrust - 1))
            + (weights.Complexity * (factors.Complexity - 1));
        return (int)Math.Round(sum / 4.0, MidpointRounding.AwayFromZero);
    }

    /// <summary>P1 (score 75 or more) to P4 (below 25).</summary>
    public static string Band(int score) => score switch
    {
        >= 75 => "P1",
        >= 50 => "P2",
        >= 25 => "P3",
        _ => "P4",
    };

    /// <summary>Sort key, highest priority first: required for certification, then score.</summary>
    public static int Rank(bool requiredForCertification, int score) => (requiredForCertification ? 1000 : 0) + score;
}
