using BBScore.Metrics;

namespace BBScore.Tests.RegressionMetrics;

public class TemporalAndInverseMetricTests
{
    [Fact]
    public void TemporalRidgeSummarisesPerTimeBin()
    {
        // 3 units x 4 bins, flattened row-major (unit, bin): bins 0 and 2 carry signal, 1 and 3 are noise.
        double[] signal = [4, 0, 4, 0, 4, 0, 4, 0, 4, 0, 4, 0];
        var (x, y) = SyntheticRegressionData.Make(150, 10, signal, seed: 5);
        var scores = MetricCatalog.Create("temporal_ridge").Score(new MetricInputs(x, y, Ceiling: [0.5, 0.5, 0.5], TargetUnitShape: [3, 4]));
        Assert.Equal([10, 3, 4], scores["raw_pearson"].Shape);
        Assert.Equal([10, 4], scores["median_ceiled_pearson"].Shape);
        var final = scores["final_unceiled_pearson"].Data;
        Assert.Equal(4, final.Length);
        Assert.True(final[0] > 0.8 && final[2] > 0.8, $"signal bins: {final[0]}, {final[2]}");
        Assert.True(Math.Abs(final[1]) < 0.3 && Math.Abs(final[3]) < 0.3, $"noise bins: {final[1]}, {final[3]}");
        Assert.Equal(2 * final[0], scores["final_pearson"].Data[0], 9); // per-unit ceiling applies to all bins
        Assert.Equal("mean_final_pearson", scores.HeadlineKey);
        Assert.Equal(scores["final_pearson"].Data.Average(), scores.Headline, 12);
    }

    [Fact]
    public void TemporalRidgeWithoutATimeAxisSaysWhatItNeeds()
    {
        var (x, y) = SyntheticRegressionData.Make(40, 5, [1, 1], seed: 6);
        var e = Assert.Throws<ArgumentException>(() => MetricCatalog.Create("temporal_ridge").Score(new MetricInputs(x, y)));
        Assert.Contains("(stimuli, units, time bins)", e.Message);
    }

    [Fact]
    public void InverseRidgePredictsFeaturesFromTargets()
    {
        var (x, y) = SyntheticRegressionData.Make(100, 6, [3, 3, 3, 3, 3, 3, 3, 3], seed: 7);
        var scores = MetricCatalog.Create("inverse_ridge").Score(new MetricInputs(x, y, Ceiling: Enumerable.Repeat(0.1, 8).ToArray()));
        Assert.Equal([10, 6], scores["raw_pearson"].Shape); // one score per feature dimension
        Assert.Equal([10], scores["median_pearson"].Shape);
        Assert.False(scores.TryGet("ceiled_pearson", out _)); // no ceiling on the model side
        Assert.InRange(scores.Headline, 0.3, 1.0);
    }

    [Fact]
    public void BidirectionalScoresBothDirectionsOnTheSameFolds()
    {
        var (x, y) = SyntheticRegressionData.Make(100, 6, [3, 3, 3, 3, 3], seed: 8);
        var scores = MetricCatalog.Create("bidirectional").Score(new MetricInputs(x, y));
        Assert.Equal([10, 2], scores["raw_pearson"].Shape);
        double forward = scores["final_forward_pearson"].Scalar, backward = scores["final_backward_pearson"].Scalar;
        Assert.InRange(forward, 0.5, 1.0);
        Assert.InRange(backward, 0.2, 1.0);
        Assert.Equal((forward + backward) / 2, scores.Headline, 9);

        var (xt, yt) = SyntheticRegressionData.Make(30, 6, [3, 3, 3, 3, 3], seed: 8);
        Assert.Equal([1, 2], MetricCatalog.Create("bidirectional").Score(new MetricInputs(x, y, xt, yt))["raw_pearson"].Shape);
    }
}
