using Aims.Domain.Assurance;

namespace Aims.Domain.Tests.Assurance;

public sealed class GapPriorityTests
{
    private static readonly PriorityWeights W = PriorityWeights.Default;

    [Fact]
    public void The_lowest_factors_score_0_and_the_highest_score_100()
    {
        Assert.Equal(0, GapPriority.Score(new PriorityFactors(1, 1, 1, 1), W));
        Assert.Equal(100, GapPriority.Score(new PriorityFactors(5, 5, 5, 5), W));
        Assert.Equal(100, GapPriority.Score(new PriorityFactors(5, 5, 5, 5), new PriorityWeights(0, 0, 0, 100)));
    }

    [Fact]
    public void Middle_factors_score_the_middle()
    {
        Assert.Equal(50, GapPriority.Score(new PriorityFactors(3, 3, 3, 3), W));
        Assert.Equal("P2", GapPriority.Band(GapPriority.Score(new PriorityFactors(3, 3, 3, 3), W)));
    }

    [Fact]
    public void Each_factor_counts_by_its_weight()
    {
        Assert.Equal(35, GapPriority.Score(new PriorityFactors(5, 1, 1, 1), W));
        Assert.Equal(30, GapPriority.Score(new PriorityFactors(1, 5, 1, 1), W));
        Assert.Equal(20, GapPriority.Score(new PriorityFactors(1, 1, 5, 1), W));
        Assert.Equal(15, GapPriority.Score(new PriorityFactors(1, 1, 1, 5), W));
    }

    [Fact]
    public void Complexity_raises_priority_rather_than_lowering_it() =>
        Assert.True(GapPriority.Score(new PriorityFactors(3, 3, 3, 5), W) > GapPriority.Score(new PriorityFactors(3, 3, 3, 1), W));

    [Fact]
    public void Changing_the_weights_changes_which_of_two_gaps_comes_first()
    {
        var riskyPolicy = new PriorityFactors(5, 2, 2, 1);
        var complexProcess = new PriorityFactors(1, 2, 2, 5);
        Assert.True(GapPriority.Score(riskyPolicy, W) > GapPriority.Score(complexProcess, W));
        var leadTimeFirst = new PriorityWeights(10, 30, 20, 40);
        Assert.True(GapPriority.Score(complexProcess, leadTimeFirst) > GapPriority.Score(riskyPolicy, leadTimeFirst));
    }

    [Theory]
    [InlineData(100, "P1")]
    [InlineData(75, "P1")]
    [InlineData(74, "P2")]
    [InlineData(50, "P2")]
    [InlineData(49, "P3")]
    [InlineData(25, "P3")]
    [InlineData(24, "P4")]
    [InlineData(0, "P4")]
    public void Bands_split_the_score_at_75_50_and_25(int score, string band) => Assert.Equal(band, GapPriority.Band(score));

    [Fact]
    public void Gaps_required_for_certification_rank_before_all_others_whatever_their_score()
    {
        var gaps = new[] { (Name: "high-optional", Required: false, Score: 100), (Name: "low-required", Required: true, Score: 0), (Name: "mid-required", Required: true, Score: 40), (Name: "mid-optional", Required: false, Score: 60) };
        var order = gaps.OrderByDescending(g => GapPriority.Rank(g.Required, g.Score)).Select(g => g.Name).ToList();
        Assert.Equal(["mid-required", "low-required", "high-optional", "mid-optional"], order);
    }

    [Fact]
    public void Factors_outside_1_to_5_are_not_valid()
    {
        Assert.True(new PriorityFactors(1, 5, 3, 2).Valid);
        Assert.False(new PriorityFactors(0, 3, 3, 3).Valid);
        Assert.False(new PriorityFactors(3, 3, 3, 6).Valid);
    }
}
