using BBScore.Metrics.Regression;
using BBScore.Numerics.Pls;

namespace BBScore.Tests.Pls;

/// <summary>Parity with scikit-learn's PLSRegression on the committed fixtures.</summary>
public class PlsParityTests
{
    /// <summary>Bound relative to each quantity's scale for float64 results. The observed differences
    /// are ~1e-15 (float64 rounding: the x values are float32-exact on both sides and the power method
    /// takes the same number of steps), far inside the 1e-4 that parity needs.</summary>
    const double RelativeTolerance = 1e-8;

    /// <summary>ILinearFit.Coef is stored as float32 (~6e-8 relative rounding).</summary>
    const double Float32RelativeTolerance = 1e-6;

    public static TheoryData<string> Cases => new(PlsFixtureCase.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public void PredictionsMatchScikitLearn(string name)
    {
        var reference = PlsFixtureCase.Load(name);
        var fitted = new PlsRegressor(reference.Components).Fit(reference.XTrain, reference.YTrain);

        var predicted = fitted.Predict(reference.XTest);

        for (int t = 0; t < reference.YTrain.GetLength(1); t++)
        {
            double scale = ColumnStd(reference.YTrain, t);
            for (int r = 0; r < reference.XTest.Rows; r++)
                Assert.True(Math.Abs(predicted[r, t] - reference.YPredicted[r, t]) <= RelativeTolerance * scale,
                    $"{name}: row {r}, target {t}: {predicted[r, t]} vs scikit-learn {reference.YPredicted[r, t]}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CoefficientsAndInterceptMatchScikitLearn(string name)
    {
        var reference = PlsFixtureCase.Load(name);
        var fitted = (ILinearFit)new PlsRegressor(reference.Components).Fit(reference.XTrain, reference.YTrain);

        int features = reference.XTrain.Cols, targets = reference.YTrain.GetLength(1);
        Assert.Equal(features, fitted.Features);
        Assert.Equal(targets, fitted.Targets);
        Assert.Null(fitted.Alpha);
        double coefScale = reference.Coef.Cast<double>().Max(Math.Abs);
        for (int j = 0; j < features; j++)
            for (int t = 0; t < targets; t++)
                Assert.True(Math.Abs(fitted.Coef[j * targets + t] - reference.Coef[j, t]) <= Float32RelativeTolerance * coefScale,
                    $"{name}: coef[{j},{t}] = {fitted.Coef[j * targets + t]} vs scikit-learn {reference.Coef[j, t]}");
        for (int t = 0; t < targets; t++)
            Assert.True(Math.Abs(fitted.Intercept[t] - reference.InterceptLinear[t]) <= RelativeTolerance * ColumnStd(reference.YTrain, t),
                $"{name}: intercept[{t}] = {fitted.Intercept[t]} vs {reference.InterceptLinear[t]}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScoresSignsAndIterationsMatchScikitLearn(string name)
    {
        var reference = PlsFixtureCase.Load(name);

        var fit = PlsNipals.Fit(reference.XTrain, reference.YTrain, reference.Components);

        Assert.Equal(reference.Components, fit.Components);
        Assert.Equal(reference.Iterations, fit.Iterations);
        // scikit-learn's intercept_ is the target mean its predict adds back to centred x.
        for (int t = 0; t < fit.Targets; t++)
            Assert.Equal(reference.Intercept[t], fit.YScaling.Mean[t], 1e-12 * Math.Max(1, Math.Abs(reference.Intercept[t])));
        // Same sign convention (svd_flip on the x weights), so the scores match without flipping.
        for (int c = 0; c < fit.Components; c++)
        {
            double scale = Math.Sqrt(Enumerable.Range(0, fit.Rows).Average(r => reference.XScores[r, c] * reference.XScores[r, c]));
            for (int r = 0; r < fit.Rows; r++)
                Assert.True(Math.Abs(fit.XScores[r * fit.Components + c] - reference.XScores[r, c]) <= RelativeTolerance * scale,
                    $"{name}: x_scores[{r},{c}] = {fit.XScores[r * fit.Components + c]} vs scikit-learn {reference.XScores[r, c]}");
        }
    }

    static double ColumnStd(double[,] y, int column)
    {
        int rows = y.GetLength(0);
        double mean = Enumerable.Range(0, rows).Average(r => y[r, column]);
        return Math.Sqrt(Enumerable.Range(0, rows).Sum(r => (y[r, column] - mean) * (y[r, column] - mean)) / (rows - 1));
    }
}
