using BBScore.Features;
using BBScore.Metrics;

namespace BBScore.Tests.Rsa;

public class VersaMetricTests
{
    /// <summary>Targets = features · W (+ noise); <paramref name="noise"/> 0 gives a perfectly linear mapping.</summary>
    static (FeatureTensor Features, double[,] Targets) Linear(int stimuli, int features, int targets, double noise, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var x = new float[stimuli * features];
        for (int i = 0; i < x.Length; i++) x[i] = (float)Normal();
        var w = new double[features, targets];
        for (int f = 0; f < features; f++)
            for (int t = 0; t < targets; t++) w[f, t] = Normal();
        var y = new double[stimuli, targets];
        for (int i = 0; i < stimuli; i++)
            for (int t = 0; t < targets; t++)
            {
                double sum = 0;
                for (int f = 0; f < features; f++) sum += x[i * features + f] * w[f, t];
                y[i, t] = sum + noise * Normal();
            }
        return (new FeatureTensor(x, [stimuli, features]), y);
    }

    [Fact]
    public void PerfectlyLinearFeaturesScoreAboutOneOnEveryFold()
    {
        var (features, targets) = Linear(80, 8, 12, noise: 0, seed: 1);
        var scores = MetricCatalog.Create("versa").Score(new MetricInputs(features, targets));
        Assert.Equal([10], scores["raw_pearson"].Shape);
        Assert.Equal([10], scores["ceiled_pearson"].Shape);
        Assert.All(scores["raw_pearson"].Data, r => Assert.True(r > 0.999, $"fold r = {r}"));
        Assert.Equal("final_pearson", scores.HeadlineKey);
        Assert.True(scores.Headline > 0.999);
        Assert.All(scores["alpha"].Data, a => Assert.Equal(0.1, a)); // no noise: the least shrinkage predicts best
    }

    [Fact]
    public void UnrelatedFeaturesScoreFarBelowRelatedOnes()
    {
        var (features, targets) = Linear(80, 8, 12, noise: 1.0, seed: 2);
        var (unrelated, _) = Linear(80, 8, 12, noise: 1.0, seed: 3);
        var metric = MetricCatalog.Create("versa");
        double related = metric.Score(new MetricInputs(features, targets)).Headline;
        double random = metric.Score(new MetricInputs(unrelated, targets)).Headline;
        Assert.True(related > 0.5, $"related {related}");
        Assert.True(random < 0.3, $"unrelated {random}");
    }

    [Fact]
    public void TestSetGivesOneScoreAndTheStandardKeys()
    {
        var (features, targets) = Linear(60, 6, 10, noise: 0.5, seed: 4);
        var (testFeatures, testTargets) = Linear(20, 6, 10, noise: 0.5, seed: 4); // same weights: same seed
        var scores = MetricCatalog.Create("versa").Score(new MetricInputs(features, targets, testFeatures, testTargets));
        Assert.Equal(["raw_pearson", "ceiled_pearson", "median_unceiled_pearson", "median_ceiled_pearson", "final_pearson", "final_unceiled_pearson", "alpha"], scores.Keys.Take(7));
        Assert.All(scores.Keys.Skip(7), key => Assert.Contains("bootstrap", key + (key.EndsWith("_se") || key.EndsWith("_ci95") ? "bootstrap" : "")));
        Assert.Equal([1], scores["raw_pearson"].Shape);
        Assert.Equal(scores["raw_pearson"].Data[0], scores["final_unceiled_pearson"].Scalar);
    }

    [Fact]
    public void APerTargetCeilingIsReducedToItsMedian()
    {
        var (features, targets) = Linear(60, 6, 5, noise: 0.5, seed: 5);
        double[] ceiling = [0.4, 0.5, 0.6, 0.9, double.NaN];
        var scores = MetricCatalog.Create("versa").Score(new MetricInputs(features, targets, Ceiling: ceiling));
        double median = (0.5 + 0.6) / 2;
        var raw = scores["raw_pearson"].Data;
        var ceiled = scores["ceiled_pearson"].Data;
        for (int f = 0; f < raw.Length; f++) Assert.Equal(raw[f] / median, ceiled[f], 12);
        Assert.Equal(scores["final_unceiled_pearson"].Scalar / median, scores["final_pearson"].Scalar, 12);
    }

    [Fact]
    public void TooFewStimuliPerHeldOutFoldIsAClearError()
    {
        var (features, targets) = Linear(25, 4, 5, noise: 0.5, seed: 6);
        var e = Assert.Throws<ArgumentException>(() => MetricCatalog.Create("versa").Score(new MetricInputs(features, targets)));
        Assert.Contains("at least 3", e.Message);
    }
}
