using BBScore.Metrics.Regression;
using BBScore.Numerics;
using BBScore.Numerics.CrossValidation;
using BBScore.Numerics.Ridge;
using BBScore.Numerics.TorchRidge;

namespace BBScore.Tests.TorchMetrics;

public class TorchRidgeCvTests
{
    /// <summary>float32 solve of a well-conditioned system (the fixtures' condition numbers are ~1e2–1e3).</summary>
    const double RefitTolerance = 1e-4;

    static readonly double[] Grid = [1e-2, 1e-1, 1, 10, 100, 1e3, 1e4];

    [Theory]
    [InlineData("ridge_wide", true)]
    [InlineData("ridge_tall", false)]
    public void RefitWithAGivenAlphaMatchesScikitLearnRidge(string name, bool dual)
    {
        var reference = TorchMetricFixture.Load(name);
        Assert.Equal(dual, TorchRidgeCv.UsesDualSolver(reference.X.Rows, reference.Features));

        for (int a = 0; a < reference.Alphas.Length; a++)
        {
            var weights = TorchRidgeCv.FitWithAlpha(reference.X, reference.Y, reference.Alphas[a]);

            double scale = TorchMetricTestData.MaxAbs(reference.Coef[a]);
            double coefError = TorchMetricTestData.MaxAbsDifference(weights, reference.Coef[a]);
            Assert.True(coefError <= RefitTolerance * scale, $"{name}, alpha {reference.Alphas[a]}: max |coef error| {coefError:E2} vs scale {scale:E2}");
            double interceptScale = reference.Intercept[a].Max(Math.Abs);
            for (int t = 0; t < reference.Targets; t++)
                Assert.True(Math.Abs(weights.Intercept[t] - reference.Intercept[a][t]) <= RefitTolerance * interceptScale,
                    $"{name}, alpha {reference.Alphas[a]}: intercept[{t}] {weights.Intercept[t]} vs {reference.Intercept[a][t]}");
        }
    }

    [Theory]
    [InlineData(60, 20, 11)] // primal: more rows than features
    [InlineData(40, 100, 12)] // dual: more features than rows
    public void TheSharedAlphaIsTheBestOnTheSeededValidationSplit(int rows, int features, long seed)
    {
        var (x, y) = TorchMetricTestData.Linear(rows, features, targets: 4, noise: 1.0, seed);
        var fit = new TorchRidgeCv(Grid, seed: 42).Fit(x, y);

        var split = ValidationSplit.Draw(rows, 0.1, new SeededRandom(42));
        var expected = DenseRidgeReference.ValidationScores(
            TorchMetricTestData.CentredFeatures(x), TorchMetricTestData.CentredTargets(y), split, Grid);
        for (int i = 0; i < Grid.Length; i++)
            Assert.True(Math.Abs(fit.ValidationScores[i] - expected[i]) <= 1e-4,
                $"alpha {Grid[i]}: validation score {fit.ValidationScores[i]} vs float64 {expected[i]}");
        int best = Array.IndexOf(expected, expected.Max());
        var ranked = expected.OrderDescending().ToArray();
        Assert.True(ranked[0] - ranked[1] > 1e-3, "The test data must separate the best alpha from the runner-up.");
        Assert.Equal(Grid[best], fit.Alpha);
        Assert.InRange(best, 1, Grid.Length - 2); // an interior choice, so the test is not about the grid's edges
    }

    [Fact]
    public void TiesKeepTheFirstAlphaAndTheLastAlphaIsTheFallback()
    {
        // Zero targets: every alpha predicts 0 and scores exactly 1, so the first alpha must win.
        var (x, _) = TorchMetricTestData.Linear(50, 10, 2, 1.0, seed: 3);
        var fit = new TorchRidgeCv(Grid, seed: 1).Fit(x, new double[50, 2]);
        Assert.All(fit.ValidationScores, s => Assert.Equal(1.0, s));
        Assert.Equal(Grid[0], fit.Alpha);
    }

    [Fact]
    public void TheSameSeedGivesTheSameFit()
    {
        var (x, y) = TorchMetricTestData.Linear(40, 60, 3, 1.0, seed: 5);
        var first = new TorchRidgeCvRegressor(RidgeAlphas.Default, seed: 7).Fit(x, y);
        var second = new TorchRidgeCvRegressor(RidgeAlphas.Default, seed: 7).Fit(x, y);

        var a = Assert.IsType<TorchRidgeFamilyFit>(first);
        var b = Assert.IsType<TorchRidgeFamilyFit>(second);
        Assert.Equal(a.Coef, b.Coef);
        Assert.Equal(a.Intercept, b.Intercept);
        Assert.Equal(a.ValidationScores, b.ValidationScores);
        Assert.Equal(Enumerable.Repeat(a.SharedAlpha, 3), a.Alpha!);
    }

    [Fact]
    public void PredictionsAreTheAffineMapOfTheWeights()
    {
        var (x, y) = TorchMetricTestData.Linear(30, 8, 2, 0.5, seed: 9);
        var fit = (ILinearFit)new TorchRidgeCvRegressor(Grid, seed: 1).Fit(x, y);

        var predicted = fit.Predict(x);
        for (int r = 0; r < x.Rows; r++)
            for (int t = 0; t < fit.Targets; t++)
            {
                double expected = fit.Intercept[t];
                for (int j = 0; j < fit.Features; j++) expected += x.Data[r * x.Cols + j] * (double)fit.Coef[j * fit.Targets + t];
                Assert.Equal(expected, predicted[r, t], 1e-4);
            }
    }

    [Theory]
    [InlineData(50, 10)]
    [InlineData(20, 40)]
    public void ZeroAndConstantTargetsAndConstantFeaturesGiveFiniteFits(int rows, int features)
    {
        var (x, y) = TorchMetricTestData.Linear(rows, features, 3, 1.0, seed: 4);
        for (int r = 0; r < rows; r++)
        {
            y[r, 0] = 0;
            y[r, 1] = 2.5;
            x.Data[r * features] = 7f; // a constant feature column
        }

        var fit = (ILinearFit)new TorchRidgeCvRegressor(RidgeAlphas.Default, seed: 2).Fit(x, y);

        Assert.All(fit.Coef, c => Assert.True(float.IsFinite(c)));
        Assert.All(fit.Intercept, i => Assert.True(double.IsFinite(i)));
        for (int j = 0; j < features; j++)
        {
            Assert.Equal(0f, fit.Coef[j * 3]);
            Assert.Equal(0f, fit.Coef[j * 3 + 1]);
        }
        Assert.Equal(0.0, fit.Intercept[0], 1e-6);
        Assert.Equal(2.5, fit.Intercept[1], 1e-6);
        Assert.All(fit.Predict(x).Cast<double>(), p => Assert.True(double.IsFinite(p)));
    }

    [Fact]
    public void TooFewRowsForAValidationSplitIsReported()
    {
        var (x, y) = TorchMetricTestData.Linear(9, 3, 1, 1.0, seed: 1);
        var error = Assert.Throws<ArgumentException>(() => new TorchRidgeCv(Grid, seed: 1).Fit(x, y));
        Assert.Contains("at least 10 training rows", error.Message);
    }
}
