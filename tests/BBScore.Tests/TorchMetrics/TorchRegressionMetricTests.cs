using BBScore.Features;
using BBScore.Metrics;
using BBScore.Metrics.Regression;
using BBScore.Numerics.Ridge;

namespace BBScore.Tests.TorchMetrics;

/// <summary>The torch regressors run through the shared cross-validation / test-set runner.</summary>
public class TorchRegressionMetricTests
{
    public static TheoryData<string> Keys => new("torch_ridge", "torch_lasso", "torch_elastic");

    static IRegressor Regressor(string key, int seed) => key switch
    {
        "torch_ridge" => new TorchRidgeCvRegressor(RidgeAlphas.Default, seed),
        "torch_lasso" => new TorchElasticNetRegressor(RidgeAlphas.Default, 1.0, seed),
        _ => new TorchElasticNetRegressor(RidgeAlphas.Default, 0.5, seed),
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void CrossValidatedScoresAreFiniteAndHigh(string key)
    {
        var (x, y) = TorchMetricTestData.Linear(120, 16, 3, noise: 0.3, seed: 31);
        var inputs = new MetricInputs(new FeatureTensor(x.Data, [x.Rows, x.Cols]), y);

        var scores = new RegressionMetric(key, Regressor(key, inputs.Seed)).Score(inputs);

        Assert.Equal([10, 3], scores["raw_r2"].Shape);
        Assert.All(scores["raw_pearson"].Data, v => Assert.True(double.IsFinite(v)));
        Assert.InRange(scores["final_pearson"].Scalar, 0.8, 1.0);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void TestSetModeStoresTheSharedAlphaPerTarget(string key)
    {
        var (x, y) = TorchMetricTestData.Linear(140, 16, 3, noise: 0.3, seed: 32);
        var train = new FeatureTensor(x.Data[..(100 * 16)], [100, 16]);
        var test = new FeatureTensor(x.Data[(100 * 16)..], [40, 16]);
        var yTrain = new double[100, 3];
        var yTest = new double[40, 3];
        for (int r = 0; r < 140; r++)
            for (int t = 0; t < 3; t++)
                if (r < 100) yTrain[r, t] = y[r, t];
                else yTest[r - 100, t] = y[r, t];

        var scores = new RegressionMetric(key, Regressor(key, 42)).Score(new MetricInputs(train, yTrain, test, yTest));

        Assert.Equal([16, 3], scores["coef"].Shape);
        double[] alpha = scores["alpha"].Data;
        Assert.Equal(3, alpha.Length);
        Assert.All(alpha, a => Assert.Equal(alpha[0], a));
        Assert.Contains(alpha[0], RidgeAlphas.Default);
    }
}
