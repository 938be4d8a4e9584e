using BBScore.Metrics.Regression;
using BBScore.Numerics.Pls;

namespace BBScore.Tests.Pls;

public class PlsRegressorTests
{
    [Fact]
    public void MoreComponentsThanFeaturesIsRejectedAsInScikitLearn()
    {
        var (x, y) = PlsTestData.Latent(rows: 30, features: 4, targets: 2, rank: 2, noise: 0.1, seed: 3);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PlsRegressor(5).Fit(x, y));
        Assert.Contains("1 to 4 components", error.Message);
    }

    [Fact]
    public void CoefficientsAndInterceptReproduceThePredictions()
    {
        var (x, y) = PlsTestData.Latent(rows: 40, features: 12, targets: 3, rank: 2, noise: 0.2, seed: 4);
        var fitted = (ILinearFit)new PlsRegressor(3).Fit(x, y);

        var predicted = fitted.Predict(x);

        for (int r = 0; r < x.Rows; r++)
            for (int t = 0; t < fitted.Targets; t++)
            {
                double linear = fitted.Intercept[t];
                for (int j = 0; j < fitted.Features; j++) linear += x.Data[r * x.Cols + j] * (double)fitted.Coef[j * fitted.Targets + t];
                Assert.Equal(predicted[r, t], linear, 1e-4);
            }
    }

    [Fact]
    public void FirstComponentsOfALargerFitEqualASmallerFit()
    {
        var (x, y) = PlsTestData.Latent(rows: 50, features: 20, targets: 4, rank: 3, noise: 0.5, seed: 6);

        var small = PlsLinearMap.From(PlsNipals.Fit(x, y, 3)).Predict(x);
        var truncated = PlsLinearMap.From(PlsNipals.Fit(x, y, 8).Truncate(3)).Predict(x);

        Assert.Equal(small.Cast<double>(), truncated.Cast<double>());
    }

    [Fact]
    public void ConstantTargetsLeaveNoComponentAndPredictTheMean()
    {
        var (x, _) = PlsTestData.Latent(rows: 20, features: 6, targets: 1, rank: 2, noise: 0.1, seed: 7);
        var y = new double[20, 2];
        for (int r = 0; r < 20; r++) (y[r, 0], y[r, 1]) = (2.5, -1.0);

        var fit = PlsNipals.Fit(x, y, 3);
        var predicted = PlsLinearMap.From(fit).Predict(x);

        Assert.Equal(0, fit.Components);
        for (int r = 0; r < 20; r++) Assert.Equal((2.5, -1.0), (predicted[r, 0], predicted[r, 1]));
    }
}
