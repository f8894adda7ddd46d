using Aims.Domain.People;

namespace Aims.Domain.Risk;

/// <summary>One step of a likelihood or impact scale, with what it means and examples (documented criteria, 6.1.2).</summary>
public sealed record ScaleLevel(int Value, string Name, string Description, string Examples);

/// <summary>A level of the risk matrix and who may accept a residual risk at that level; none means it must be treated.</summary>
public sealed record RiskLevel(string Id, string Name, IReadOnlyList<Role> AcceptedBy);

/// <summary>
/// The organization's AI risk criteria: likelihood and impact scales (3 to 5 steps), the impact areas considered,
/// the matrix that gives a level to each likelihood × impact cell, and the appetite (who may accept which level).
/// </summary>
public sealed record RiskCriteria(
    IReadOnlyList<ScaleLevel> Likelihood,
    IReadOnlyList<ScaleLevel> Impact,
    IReadOnlyList<ImpactArea> ImpactAreas,
    IReadOnlyList<RiskLevel> Levels,
    IReadOnlyList<IReadOnlyList<string>> Matrix)
{
    /// <summary>The level of a cell; likelihood and impact count from 1.</summary>
    public RiskLevel LevelOf(int likelihood, int impact) => Levels.First(l => l.Id == Matrix[likelihood - 1][impact - 1]);

    public bool InLikelihood(int value) => value >= 1 && value <= Likelihood.Count;

    public bool InImpact(int value) => value >= 1 && value <= Impact.Count;

    /// <summary>Whether a person with this role may accept a residual risk of the level.</summary>
    public bool MayAccept(string levelId, Role role) => Levels.FirstOrDefault(l => l.Id == levelId)?.AcceptedBy.Contains(role) == true;

    /// <summary>What is wrong with the criteria (field -> rules); they are usable only without problems.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        Scale(errors, "likelihood", Likelihood);
        Scale(errors, "impact", Impact);
        if (ImpactAreas.Count == 0)
        {
            errors["impactAreas"] = ["name at least one impact area"];
        }

        if (Levels.Count is < 2 or > 6)
        {
            errors["levels"] = ["must have 2 to 6 levels, lowest first"];
        }
        else if (Levels.Select(l => l.Id).Distinct().Count() != Levels.Count || Levels.Any(l => !IsId(l.Id) || string.IsNullOrWhiteSpace(l.Name) || l.Name.Length > 60))
        {
            errors["levels"] = ["each level needs a unique id (lower-case letters, digits and dashes) and a name of at most 60 characters"];
        }

        if (!errors.ContainsKey("likelihood") && !errors.ContainsKey("impact") && !errors.ContainsKey("levels"))
        {
            var ids = Levels.Select(l => l.Id).ToHashSet();
            if (Matrix.Count != Likelihood.Count || Matrix.Any(row => row.Count != Impact.Count))
            {
                errors["matrix"] = [$"must have {Likelihood.Count} rows (likelihood) of {Impact.Count} cells (impact)"];
            }
            else if (Matrix.SelectMany(r => r).FirstOrDefault(c => !ids.Contains(c)) is { } unknown)
            {
                errors["matrix"] = [$"'{unknown}' is not one of the levels {string.Join(", ", ids)}"];
            }
            else if (!Monotonic())
            {
                errors["matrix"] = ["a cell must not be lower than the cell of less likelihood or less impact beside it"];
            }
        }

        return errors;
    }

    private static bool IsId(string id) => id.Length is > 0 and <= 30 && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static void Scale(Dictionary<string, string[]> errors, string name, IReadOnlyList<ScaleLevel> scale)
    {
        if (scale.Count is < 3 or > 5)
        {
            errors[name] = ["must have 3 to 5 levels"];
        }
        else if (scale.Select((l, i) => l.Value == i + 1).Any(ok => !ok))
        {
            errors[name] = ["levels must be numbered 1, 2, 3 … in order"];
        }
        else if (scale.Any(l => string.IsNullOrWhiteSpace(l.Name) || string.IsNullOrWhiteSpace(l.Description) || l.Name.Length > 60 || l.Description.Length > 500 || l.Examples.Length > 500))
        {
            errors[name] = ["each level needs a name (≤ 60 characters) and a description (≤ 500); examples ≤ 500"];
        }
    }

    private bool Monotonic()
    {
        var rank = Levels.Select((l, i) => (l.Id, i)).ToDictionary(x => x.Id, x => x.i);
        for (var l = 0; l < Matrix.Count; l++)
        {
            for (var i = 0; i < Matrix[l].Count; i++)
            {
                if ((l > 0 && rank[Matrix[l][i]] < rank[Matrix[l - 1][i]]) || (i > 0 && rank[Matrix[l][i]] < rank[Matrix[l][i - 1]]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Defaults a new organization can adopt and edit: 5 × 5, four levels, high accepted only by administrators (top management).</summary>
    public static RiskCriteria Default { get; } = new(
        [
            new(1, "Rare", "Not expected in the system's life time.", "Less than once in 10 years"),
            new(2, "Unlikely", "Could happen, but not expected.", "Once in 3–10 years"),
            new(3, "Possible", "Might happen in the coming years.", "Once in 1–3 years"),
            new(4, "Likely", "Expected to happen this year.", "Several times a year"),
            new(5, "Almost certain", "Happens regularly.", "Monthly or more often"),
        ],
        [
            new(1, "Negligible", "No noticeable effect on people, the organization or society.", "A formatting error in an internal report"),
            new(2, "Minor", "Limited, easily reversed effect on few people.", "A wrong product suggestion"),
            new(3, "Moderate", "Noticeable harm to some people or a regulatory remark.", "A delayed loan decision for a group"),
            new(4, "Major", "Serious harm to individuals' rights or opportunities, or a fine.", "Unfair refusals for a protected group"),
            new(5, "Severe", "Irreversible harm, to health or fundamental rights, or to many people.", "Systematic discrimination; a safety incident"),
        ],
        Enum.GetValues<ImpactArea>(),
        [
            new("low", "Low", [Role.ControlOwner, Role.AimsLead, Role.Administrator]),
            new("medium", "Medium", [Role.AimsLead, Role.Administrator]),
            new("high", "High", [Role.Administrator]),
            new("very-high", "Very high", []),
        ],
        [
            ["low", "low", "low", "medium", "medium"],
            ["low", "low", "medium", "medium", "high"],
            ["low", "medium", "medium", "high", "high"],
            ["medium", "medium", "high", "high", "very-high"],
            ["medium", "high", "high", "very-high", "very-high"],
        ]);
}
