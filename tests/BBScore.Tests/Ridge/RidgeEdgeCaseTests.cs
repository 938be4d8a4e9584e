using BBScore.Metrics.Regression;
using BBScore.Numerics;
using BBScore.Numerics.Ridge;
using static TorchSharp.torch;

namespace BBScore.Tests.Ridge;

/// <summary>Degenerate inputs, input checks, and the blocked paths (features wider than one 8 MB block).</summary>
public class RidgeEdgeCaseTests
{
    static (FeatureMatrix X, double[,] Y) Random(int rows, int cols, int targets, int seed, float offset = 0)
    {
        var random = new Random(seed);
        var x = new float[rows * cols];
        for (int i = 0; i < x.Length; i++) x[i] = offset + (float)(random.NextDouble() * 2 - 1);
        var y = new double[rows, targets];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < targets; j++) y[i, j] = x[i * cols + j % cols] * (j + 1) + random.NextDouble();
        return (new FeatureMatrix(x, rows, cols), y);
    }

    [Theory]
    [InlineData(20, 50)]  // kernel form
    [InlineData(50, 20)]  // covariance form
    public void ConstantTargetPredictsItsValueWithTheFirstAlpha(int rows, int cols)
    {
        var (x, y) = Random(rows, cols, 3, 1);
        for (int i = 0; i < rows; i++) y[i, 1] = 3.5;
        var fit = (RidgeLinearFit)new RidgeCvRegressor(RidgeAlphas.Default).Fit(x, y);
        var predicted = fit.Predict(x);
        for (int i = 0; i < rows; i++) Assert.Equal(3.5, predicted[i, 1], 12);
        // Every alpha has LOO error 0: sklearn keeps the first alpha of the grid.
        Assert.Equal(1e-10, fit.Alpha![1]);
        Assert.All(predicted.Cast<double>(), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void DuplicatedTrainingRowsStayFinite()
    {
        var (x, y) = Random(10, 40, 4, 2);
        var rows = Enumerable.Range(0, 10).Concat(Enumerable.Range(0, 10)).ToArray();
        var doubled = x.SelectRows(rows);
        var yDoubled = new double[20, 4];
        for (int i = 0; i < 20; i++)
            for (int j = 0; j < 4; j++) yDoubled[i, j] = y[rows[i], j];
        var fit = (RidgeLinearFit)new RidgeCvRegressor(RidgeAlphas.Default).Fit(doubled, yDoubled);
        Assert.All(fit.Predict(x).Cast<double>(), v => Assert.True(double.IsFinite(v)));
        Assert.All(fit.Solution.LooMeanSquaredErrors!.Cast<double>(), v => Assert.True(double.IsFinite(v)));
    }

    [Theory]
    [InlineData(50, 20)]  // covariance form: the duplicated directions have eigenvalue 0 and are dropped
    [InlineData(15, 20)]  // kernel form
    public void DuplicatedFeaturesStayFiniteAndMatchADirectSolve(int rows, int cols)
    {
        var (x, y) = Random(rows, cols, 3, 5);
        for (int r = 0; r < rows; r++)
            for (int c = cols / 2; c < cols; c++) x.Data[r * cols + c] = x.Data[r * cols + c - cols / 2];
        var cv = (RidgeLinearFit)new RidgeCvRegressor(RidgeAlphas.Default).Fit(x, y);
        Assert.All(cv.Predict(x).Cast<double>(), v => Assert.True(double.IsFinite(v)));
        Assert.All(cv.Solution.LooMeanSquaredErrors!.Cast<double>(), v => Assert.True(double.IsFinite(v)));
        AssertMatchesDirectSolve(x, y, 0.5, (RidgeLinearFit)new RidgeRegressor(0.5).Fit(x, y));
    }

    [Fact]
    public void RejectsBadInputs()
    {
        var (x, y) = Random(10, 5, 2, 3);
        var regressor = new RidgeCvRegressor(RidgeAlphas.Default);
        var badY = (double[,])y.Clone();
        badY[3, 1] = double.NaN;
        Assert.Throws<ArgumentException>(() => regressor.Fit(x, badY));
        var badX = new FeatureMatrix((float[])x.Data.Clone(), x.Rows, x.Cols);
        badX.Data[7] = float.PositiveInfinity;
        Assert.Throws<ArgumentException>(() => regressor.Fit(badX, y));
        Assert.Throws<ArgumentException>(() => regressor.Fit(x, new double[9, 2]));
        Assert.Throws<ArgumentException>(() => new RidgeCvRegressor([1.0, -1.0]));
        Assert.Throws<ArgumentException>(() => new RidgeRegressor(0));
        Assert.Throws<ArgumentException>(() => regressor.Fit(x.SelectRows([0]), new double[1, 2]));
    }

    /// <summary>Features spanning several 8 MB blocks, with large offsets, against a direct float64 solve.</summary>
    [Theory]
    [InlineData(30, 70_000)]  // kernel form, column blocks
    [InlineData(2_600, 900)]  // covariance form, row blocks
    public void BlockedFitMatchesADirectSolve(int rows, int cols)
    {
        var (x, y) = Random(rows, cols, 3, 4, offset: 100);
        AssertMatchesDirectSolve(x, y, 10.0, (RidgeLinearFit)new RidgeRegressor(10.0).Fit(x, y));
    }

    /// <summary>Coefficients equal W = Xcᵀ(XcXcᵀ + αI)⁻¹yc (n ≤ p) or (XcᵀXc + αI)⁻¹Xcᵀyc (n &gt; p), solved in float64.</summary>
    static void AssertMatchesDirectSolve(FeatureMatrix x, double[,] y, double alpha, RidgeLinearFit fit)
    {
        int rows = x.Rows, cols = x.Cols;
        using var scope = NewDisposeScope();
        var xt = tensor(x.Data, [rows, cols]).to_type(ScalarType.Float64);
        var xc = xt.sub(xt.mean([0]));
        var yt = tensor(y);
        var yc = yt.sub(yt.mean([0]));
        var w = rows <= cols
            ? xc.t().mm(linalg.solve(xc.mm(xc.t()).add(eye(rows, dtype: ScalarType.Float64).mul(alpha)), yc))
            : linalg.solve(xc.t().mm(xc).add(eye(cols, dtype: ScalarType.Float64).mul(alpha)), xc.t().mm(yc));
        var expected = w.contiguous().data<double>().ToArray();
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(fit.Coef[i] - expected[i]) <= 1e-4 * scale, $"coef {i}: {fit.Coef[i]} vs {expected[i]}");
    }
}
