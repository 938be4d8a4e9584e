using BBScore.Metrics;

namespace BBScore.Tests.RegressionMetrics;

/// <summary>Every offline regression key of the original runs through the catalog with the
/// standard key set and shapes (CV: (10, targets); test set: (1, targets)).</summary>
public class RegressionMetricCatalogTests
{
    [Theory]
    [InlineData("ridge")]
    [InlineData("torch_ridge")]
    [InlineData("torch_lasso")]
    [InlineData("torch_elastic")]
    [InlineData("pls")]
    public void CrossValidatedKeysAndShapesFollowTheSpec(string key)
    {
        var (x, y) = SyntheticRegressionData.Make(120, 15, [3, 3, 0.5, 2], seed: 1);
        var scores = MetricCatalog.Create(key).Score(new MetricInputs(x, y, Ceiling: [0.5, 0.5, 0.5, 0.5]));
        foreach (string k in new[] { "pearson", "r2" })
        {
            Assert.Equal([10, 4], scores["raw_" + k].Shape);
            Assert.Equal([10, 4], scores["ceiled_" + k].Shape);
            Assert.Equal([10], scores["median_unceiled_" + k].Shape);
            Assert.Equal([10], scores["median_ceiled_" + k].Shape);
            Assert.True(scores["final_" + k].IsScalar);
            Assert.Equal(2 * scores["final_unceiled_" + k].Scalar, scores["final_" + k].Scalar, 9); // ceiling 0.5 doubles every score
        }
        Assert.Equal("final_pearson", scores.HeadlineKey);
        Assert.InRange(scores.Headline, 1.2, 2.0); // strong signal: unceiled r well above 0.6
    }

    [Theory]
    [InlineData("ridge", true)]
    [InlineData("torch_ridge", true)]
    [InlineData("pls", false)]
    public void TestSetModeScoresOnceAndKeepsTheFit(string key, bool hasAlpha)
    {
        var (x, y) = SyntheticRegressionData.Make(150, 12, [3, 1, 2], seed: 2);
        var (xt, yt) = SyntheticRegressionData.Make(40, 12, [3, 1, 2], seed: 3); // a fresh draw: only shapes and keys are checked
        var scores = MetricCatalog.Create(key).Score(new MetricInputs(x, y, xt, yt));
        Assert.Equal([1, 3], scores["raw_pearson"].Shape);
        Assert.Equal([12, 3], scores["coef"].Shape);
        Assert.Equal([3], scores["intercept"].Shape);
        Assert.Equal(hasAlpha, scores.TryGet("alpha", out _));
    }

    [Fact]
    public void SameInputsAndSeedGiveIdenticalScores()
    {
        var (x, y) = SyntheticRegressionData.Make(80, 30, [2, 1], seed: 4);
        foreach (string key in new[] { "ridge", "torch_ridge", "torch_lasso", "pls" })
        {
            var a = MetricCatalog.Create(key).Score(new MetricInputs(x, y, Seed: 9));
            var b = MetricCatalog.Create(key).Score(new MetricInputs(x, y, Seed: 9));
            Assert.Equal(a["raw_pearson"].Data, b["raw_pearson"].Data);
        }
    }
}
