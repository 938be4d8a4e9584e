using BBScore.Metrics;
using BBScore.Metrics.Similarity.Matching;
using BBScore.Numerics.Correlation;

namespace BBScore.Tests.Matching;

public class MatchingMetricTests
{
    static readonly string[] StandardKeys =
        ["raw_pearson", "ceiled_pearson", "median_unceiled_pearson", "median_ceiled_pearson", "final_pearson", "final_unceiled_pearson"];

    [Theory]
    [InlineData("one_to_one")]
    [InlineData("semi_matching")]
    public void Per_fold_metrics_give_standard_keys_with_folds_shape(string key)
    {
        var (x, y) = MatchingData.Random(60, 8, 5, seed: 1);
        var scores = MetricCatalog.Create(key).Score(new MetricInputs(x, y));
        foreach (var k in StandardKeys) Assert.True(scores.TryGet(k, out _), k);
        Assert.Equal([10], scores["raw_pearson"].Shape);
        Assert.True(double.IsFinite(scores.Headline));

        var (xTest, yTest) = MatchingData.Random(20, 8, 5, seed: 2);
        var test = MetricCatalog.Create(key).Score(new MetricInputs(x, y, xTest, yTest));
        Assert.Equal([1], test["raw_pearson"].Shape);
    }

    [Theory]
    [InlineData("d8_t5")]
    [InlineData("d4_t9")]
    public void Scores_match_python_on_the_same_correlations(string name)
    {
        var fixture = new MatchingFixture("one_to_one", name);
        var r = PearsonMatrix.BetweenColumns(fixture.Matrix("x"), fixture.Matrix("y"));
        Assert.Equal(fixture.Scalar("truncated"), OneToOneMatching.Truncated(r, null).Raw, 12);
        Assert.Equal(fixture.Scalar("full"), OneToOneMatching.Full(r, null).Raw, 12);
        Assert.Equal(fixture.Scalar("semi"), SemiMatching.Score(r, null).Raw, 12);
    }

    /// <summary>Targets copy the LAST source units, which the original's truncation never looks at.</summary>
    [Fact]
    public void Full_matching_finds_units_that_truncation_ignores()
    {
        var (x, y) = MatchingData.Copies(200, 12, [11, 10, 9], noise: 0.3, seed: 3);
        var fixedScore = new OneToOneMetric().Score(new MetricInputs(x, y)).Headline;
        var compatScore = new OneToOneMetric().Score(new MetricInputs(x, y, Compat: CompatMode.BBScore)).Headline;
        Assert.True(fixedScore > 0.9, $"full matching {fixedScore}");
        Assert.True(Math.Abs(compatScore) < 0.3, $"truncated {compatScore}");
    }

    [Theory]
    [InlineData(300, 4)]  // D ≫ T
    [InlineData(3, 200)]  // T ≫ D
    public void Very_unequal_unit_counts_work(int sources, int targets)
    {
        var copies = Enumerable.Range(0, targets).Select(j => j % sources).ToArray();
        var (x, y) = MatchingData.Copies(80, sources, copies, noise: 0.2, seed: 4);
        var inputs = new MetricInputs(x, y);
        var oneToOne = new OneToOneMetric().Score(inputs);
        var semi = new SemiMatchingMetric().Score(inputs);
        Assert.True(oneToOne.Headline > 0.8, $"one_to_one {oneToOne.Headline}");
        // Semi matching also averages the best r of every unit on the larger side, most of them noise when D ≫ T.
        Assert.True(semi.Headline > 0.5, $"semi {semi.Headline}");
    }

    [Fact]
    public void Constant_units_count_as_zero_correlation_not_nan()
    {
        var (x, y) = MatchingData.Copies(100, 4, [0, 1, 2], noise: 0.1, seed: 5);
        for (int r = 0; r < 100; r++)
        {
            x.Data[r * 4 + 3] = 1.5f; // constant source unit
            y[r, 2] = 7.0;            // constant target unit
        }
        var r2 = PearsonMatrix.BetweenColumns(ToDouble(x), y);
        var full = OneToOneMatching.Full(r2, null);
        // Two real pairs near 1, the constant target matched with r := 0.
        Assert.InRange(full.Raw, 0.6, 0.67);
        var semi = SemiMatching.Score(r2, null);
        Assert.True(double.IsFinite(semi.Raw));

        var scores = new OneToOneMetric().Score(new MetricInputs(x, y));
        Assert.True(double.IsFinite(scores.Headline));
        Assert.True(double.IsFinite(new SemiMatchingMetric().Score(new MetricInputs(x, y)).Headline));
    }

    [Fact]
    public void Ceiling_divides_each_matched_target()
    {
        var r = new double[,] { { 0.8, 0.1 }, { 0.2, 0.4 } };
        var score = OneToOneMatching.Full(r, [0.5, 1.0]);
        Assert.Equal(0.6, score.Raw, 12);
        Assert.Equal((0.8 / 0.5 + 0.4) / 2, score.Ceiled, 12);
        var semi = SemiMatching.Score(r, [0.5, 1.0]);
        Assert.Equal(0.5 * (0.6 + 0.6), semi.Raw, 12);
        Assert.Equal(0.5 * ((1.6 + 0.4) / 2 + (1.6 + 0.4) / 2), semi.Ceiled, 12);
    }

    [Fact]
    public void Stratified_folds_are_used_when_labels_are_given()
    {
        var (x, y) = MatchingData.Random(60, 6, 4, seed: 6);
        var labels = Enumerable.Range(0, 60).Select(i => i % 3).ToArray();
        var scores = new OneToOneMetric().Score(new MetricInputs(x, y, StratifyLabels: labels));
        Assert.Equal([10], scores["raw_pearson"].Shape);
    }

    [Fact]
    public void Soft_matching_gives_per_target_scores_and_the_chosen_reg()
    {
        var (x, y) = MatchingData.Copies(60, 6, [0, 1, 2, 3], noise: 0.5, seed: 7);
        var scores = MetricCatalog.Create("soft_matching").Score(new MetricInputs(x, y));
        foreach (var k in StandardKeys.Concat(StandardKeys.Select(s => s.Replace("pearson", "r2")))) Assert.True(scores.TryGet(k, out _), k);
        Assert.Equal([10, 4], scores["raw_pearson"].Shape);
        Assert.Contains(scores["reg"].Scalar, SoftMatchingMetric.RegGrid);
        Assert.True(scores.Headline > 0.5, $"soft matching {scores.Headline}");

        var (xTest, yTest) = MatchingData.Copies(20, 6, [0, 1, 2, 3], noise: 0.5, seed: 8);
        var test = new SoftMatchingMetric().Score(new MetricInputs(x, y, xTest, yTest, Ceiling: [0.9]));
        Assert.Equal([1, 4], test["raw_pearson"].Shape);
        Assert.Equal([1, 4], test["raw_r2"].Shape);
    }

    [Fact]
    public void Soft_matching_compat_mode_scores_with_spearman_brown()
    {
        var (x, y) = MatchingData.Copies(60, 5, [0, 1, 2], noise: 0.7, seed: 9);
        var plain = new SoftMatchingMetric().Score(new MetricInputs(x, y));
        var compat = new SoftMatchingMetric().Score(new MetricInputs(x, y, Compat: CompatMode.BBScore));
        // 2r/(1+r) > r for 0 < r < 1: the original's transform inflates positive correlations.
        Assert.InRange(plain.Headline, 0.1, 0.99);
        Assert.True(compat.Headline > plain.Headline, $"compat {compat.Headline} vs plain {plain.Headline}");
    }

    static double[,] ToDouble(BBScore.Features.FeatureTensor x)
    {
        var result = new double[x.Rows, x.RowLength];
        for (int r = 0; r < x.Rows; r++)
            for (int c = 0; c < x.RowLength; c++) result[r, c] = x.Data[r * x.RowLength + c];
        return result;
    }
}
