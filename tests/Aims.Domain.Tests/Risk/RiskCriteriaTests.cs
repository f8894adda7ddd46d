using Aims.Domain.People;
using Aims.Domain.Risk;

namespace Aims.Domain.Tests.Risk;

public sealed class RiskCriteriaTests
{
    private static readonly RiskCriteria D = RiskCriteria.Default;

    [Theory]
    [InlineData(1, 1, "low")]
    [InlineData(3, 3, "medium")]
    [InlineData(4, 3, "high")]
    [InlineData(5, 5, "very-high")]
    [InlineData(2, 5, "high")]
    public void A_cell_gets_the_level_the_matrix_gives_it(int likelihood, int impact, string level) =>
        Assert.Equal(level, D.LevelOf(likelihood, impact).Id);

    [Fact]
    public void The_defaults_are_valid_five_by_five_with_four_levels() =>
        Assert.Empty(D.Validate());

    [Theory]
    [InlineData("low", Role.ControlOwner, true)]
    [InlineData("medium", Role.ControlOwner, false)]
    [InlineData("medium", Role.AimsLead, true)]
    [InlineData("high", Role.AimsLead, false)]
    [InlineData("high", Role.Administrator, true)]
    [InlineData("very-high", Role.Administrator, false)]
    [InlineData("no-such-level", Role.Administrator, false)]
    public void The_appetite_says_who_may_accept_each_level(string level, Role role, bool may) =>
        Assert.Equal(may, D.MayAccept(level, role));

    [Fact]
    public void Scales_must_have_three_to_five_steps_numbered_in_order()
    {
        var two = D with { Likelihood = D.Likelihood.Take(2).ToList(), Matrix = D.Matrix.Take(2).ToList() };
        Assert.Contains("likelihood", two.Validate().Keys);
        var misnumbered = D with { Impact = D.Impact.Select((l, i) => l with { Value = i == 2 ? 7 : l.Value }).ToList() };
        Assert.Contains("impact", misnumbered.Validate().Keys);
    }

    [Fact]
    public void The_matrix_must_fit_the_scales_and_use_known_levels()
    {
        var wrongShape = D with { Matrix = D.Matrix.Take(4).ToList() };
        Assert.Contains("matrix", wrongShape.Validate().Keys);
        var unknown = D with { Matrix = D.Matrix.Select((row, i) => i == 0 ? (IReadOnlyList<string>)["tiny", .. row.Skip(1)] : row).ToList() };
        Assert.Contains("tiny", unknown.Validate()["matrix"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void More_likelihood_or_impact_never_gives_a_lower_level()
    {
        var inverted = D with { Matrix = D.Matrix.Select((row, i) => i == 4 ? (IReadOnlyList<string>)["low", .. row.Skip(1)] : row).ToList() };
        Assert.Contains("matrix", inverted.Validate().Keys);
    }

    [Fact]
    public void Levels_need_unique_ids_and_at_least_one_impact_area()
    {
        var duplicate = D with { Levels = [.. D.Levels.Take(3), D.Levels[0]] };
        Assert.Contains("levels", duplicate.Validate().Keys);
        Assert.Contains("impactAreas", (D with { ImpactAreas = [] }).Validate().Keys);
    }
}
