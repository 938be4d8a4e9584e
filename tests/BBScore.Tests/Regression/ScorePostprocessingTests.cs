using BBScore.Metrics;
using BBScore.Metrics.Regression;

namespace BBScore.Tests.Regression;

public class ScorePostprocessingTests
{
    static readonly double[,] Raw = { { 0.1, 0.5, 0.9 }, { 0.4, 0.2, 0.0 } };

    [Fact]
    public void CeilingDividesEachTargetBeforeTheMedian()
    {
        // Ceiled rows: [0.1, 2.0, 1.8] → median 1.8, and [0.4, 0.8, 0.0] → 0.4. Dividing the fold
        // median by the median ceiling instead would give 0.5 / 0.5 = 1.0 for the first fold.
        var scores = ScorePostprocessing.Summarize([("pearson", Raw)], [1.0, 0.25, 0.5]);
        Assert.Equal(new[] { 0.1, 2.0, 1.8, 0.4, 0.8, 0.0 }, scores["ceiled_pearson"].Data, new DoubleTolerance(1e-12));
        Assert.Equal(new[] { 1.8, 0.4 }, scores["median_ceiled_pearson"].Data, new DoubleTolerance(1e-12));
        Assert.Equal(new[] { 0.5, 0.2 }, scores["median_unceiled_pearson"].Data, new DoubleTolerance(1e-12));
        Assert.Equal(1.1, scores["final_pearson"].Scalar, 12);
        Assert.Equal(0.35, scores["final_unceiled_pearson"].Scalar, 12);
        Assert.Equal(1.1, scores.Headline, 12);
    }

    [Fact]
    public void KeysAndShapesFollowTheOriginal()
    {
        var scores = ScorePostprocessing.Summarize([("pearson", Raw), ("r2", Raw)], null);
        Assert.Equal(
            ["raw_pearson", "ceiled_pearson", "median_unceiled_pearson", "median_ceiled_pearson", "final_pearson", "final_unceiled_pearson",
             "raw_r2", "ceiled_r2", "median_unceiled_r2", "median_ceiled_r2", "final_r2", "final_unceiled_r2"],
            scores.Keys);
        Assert.Equal("final_pearson", scores.HeadlineKey);
        Assert.Equal([2, 3], scores["raw_pearson"].Shape);
        Assert.Equal([2, 3], scores["ceiled_r2"].Shape);
        Assert.Equal([2], scores["median_ceiled_pearson"].Shape);
        Assert.True(scores["final_r2"].IsScalar);
        // No ceiling: ceiled equals unceiled.
        Assert.Equal(scores["raw_pearson"].Data, scores["ceiled_pearson"].Data);
        Assert.Equal(scores["final_unceiled_pearson"].Scalar, scores["final_pearson"].Scalar);
    }

    [Fact]
    public void TinyCeilingsAreFlooredAndASingleCeilingAppliesToAllTargets()
    {
        Assert.Equal([1e-6, 1e-6, 0.5], ScorePostprocessing.FloorCeiling([0, -3, 0.5], 3));
        Assert.Equal([0.5, 0.5, 0.5], ScorePostprocessing.FloorCeiling([0.5], 3));
        var scores = ScorePostprocessing.Summarize([("pearson", Raw)], [0.0, 1.0, 1.0]);
        Assert.Equal(0.1 / 1e-6, scores["ceiled_pearson"].Data[0], 6);
        var e = Assert.Throws<ArgumentException>(() => ScorePostprocessing.Summarize([("pearson", Raw)], [1.0, 1.0]));
        Assert.Contains("2 values but there are 3 targets", e.Message);
    }

    [Fact]
    public void NanTargetsAreSkippedAndCounted()
    {
        double[,] raw = { { 0.2, double.NaN, 0.4, 0.6 }, { 0.1, 0.3, double.NaN, 0.5 } };
        var scores = ScorePostprocessing.Summarize([("pearson", raw)], null);
        Assert.Equal(new[] { 0.4, 0.3 }, scores["median_unceiled_pearson"].Data, new DoubleTolerance(1e-12));
        Assert.Equal(0.35, scores["final_pearson"].Scalar, 12);
        Assert.Equal(2, scores["n_nan_targets"].Scalar);
        Assert.False(ScorePostprocessing.Summarize([("pearson", Raw)], null).TryGet("n_nan_targets", out _));
    }

    [Fact]
    public void LinearFitWeightsPassThroughUnlessTooLarge()
    {
        var scores = new ScoreSet("final_pearson");
        ScorePostprocessing.AddLinearFit(scores, new FixedLinearFit(new float[] { 1, 2, 3, 4, 5, 6 }, 3, 2, [0.5, -0.5], [10, 100]));
        Assert.Equal([3, 2], scores["coef"].Shape);
        Assert.Equal([1.0, 2, 3, 4, 5, 6], scores["coef"].Data);
        Assert.Equal([0.5, -0.5], scores["intercept"].Data);
        Assert.Equal([10.0, 100], scores["alpha"].Data);

        var large = new ScoreSet("final_pearson");
        int features = 1001, targets = 2000; // 2,002,000 values > 2,000,000
        ScorePostprocessing.AddLinearFit(large, new FixedLinearFit(new float[features * targets], features, targets, new double[targets], null));
        Assert.False(large.TryGet("coef", out _));
        Assert.Equal([1001.0, 2000], large["coef_shape"].Data);
        Assert.False(large.TryGet("alpha", out _));
    }
}
