using BBScore.Metrics.Regression;
using BBScore.Numerics.Ridge;

namespace BBScore.Tests.Ridge;

/// <summary>RidgeCV against scikit-learn 1.2's outputs on the two fixture shapes (n ≤ p: eigen form; n &gt; p: SVD form),
/// in both precisions.</summary>
public class RidgeCvParityTests
{
    public static TheoryData<string, RidgePrecision> Cases => new()
    {
        { "wide", RidgePrecision.Mixed },
        { "wide", RidgePrecision.Double },
        { "tall", RidgePrecision.Mixed },
        { "tall", RidgePrecision.Double },
        { ImplicitLeftVectors, RidgePrecision.Mixed },
        { ImplicitLeftVectors, RidgePrecision.Double },
    };

    /// <summary>The tall fixture with a zero budget for U, so that products with U go through X (the path large
    /// n &gt; p problems take).</summary>
    const string ImplicitLeftVectors = "tall, U not stored";

    /// <summary>The fixture and solver options of a case name.</summary>
    internal static (RidgeFixture Fixture, RidgeSolverOptions Options) Case(string name, RidgePrecision precision)
    {
        bool implicitU = name == ImplicitLeftVectors;
        var options = new RidgeSolverOptions(precision, LeftVectorsBudgetBytes: implicitU ? 0 : RidgeSolverOptions.Default.LeftVectorsBudgetBytes);
        return (RidgeFixture.Load(implicitU ? "tall" : name), options);
    }

    static (RidgeFixture Fixture, RidgeLinearFit Fit) FitPerTarget(string name, RidgePrecision precision)
    {
        var (fixture, options) = Case(name, precision);
        var regressor = new RidgeCvRegressor(fixture.Alphas, options: options);
        return (fixture, (RidgeLinearFit)regressor.Fit(fixture.XTrain, fixture.YTrain));
    }

    /// <summary>Weights are stored in float32 (the ILinearFit contract), so even float64 solves agree only to
    /// ~1e-6 in weights and predictions (measured: ≤ 8e-7 double, ≤ 2e-6 mixed).</summary>
    internal static double Tolerance(RidgePrecision precision) => precision == RidgePrecision.Double ? 1e-5 : 1e-4;

    /// <summary>LOO errors (measured: ≤ 2e-14 double, ≤ 2.2e-6 mixed).</summary>
    static double LooTolerance(RidgePrecision precision) => precision == RidgePrecision.Double ? 1e-11 : 2e-5;

    [Fact]
    public void DefaultGridIsTheOriginals()
    {
        Assert.Equal(21, RidgeAlphas.Default.Count);
        Assert.Equal(RidgeFixture.Load("wide").Alphas, RidgeAlphas.Default);
    }

    [Theory, MemberData(nameof(Cases))]
    public void PerTargetAlphasEqualSklearns(string name, RidgePrecision precision)
    {
        var (fixture, fit) = FitPerTarget(name, precision);
        Assert.Equal(fixture.Vector("ridgecv_alpha"), fit.Alpha);
    }

    [Theory, MemberData(nameof(Cases))]
    public void LeaveOneOutErrorsMatch(string name, RidgePrecision precision)
    {
        var (fixture, fit) = FitPerTarget(name, precision);
        var expected = fixture.Matrix("ridgecv_loo_mse");
        var actual = fit.Solution.LooMeanSquaredErrors!;
        int alphas = expected.GetLength(0);
        for (int a = 0; a < alphas; a++)
        for (int j = 0; j < fixture.Targets; j++)
        {
            double relative = Math.Abs(actual[a, j] - expected[a, j]) / expected[a, j];
            Assert.True(relative < LooTolerance(precision), $"alpha {fixture.Alphas[a]:g}, target {j}: {actual[a, j]} vs {expected[a, j]}");
        }
    }

    [Theory, MemberData(nameof(Cases))]
    public void PredictionsMatch(string name, RidgePrecision precision)
    {
        var (fixture, fit) = FitPerTarget(name, precision);
        RidgeAssert.ColumnsClose(fixture.Matrix("ridgecv_pred"), fit.Predict(fixture.XTest), fixture.TargetScales(), Tolerance(precision), "prediction");
    }

    [Theory, MemberData(nameof(Cases))]
    public void CoefficientsAndInterceptsMatch(string name, RidgePrecision precision)
    {
        var (fixture, fit) = FitPerTarget(name, precision);
        var expected = fixture.Matrix("ridgecv_coef");
        Assert.Equal(fixture.XTrain.Cols, fit.Features);
        Assert.Equal(fixture.Targets, fit.Targets);
        RidgeAssert.ColumnsClose(expected, RidgeAssert.ToMatrix(fit.Coef, fit.Features, fit.Targets), RidgeAssert.ColumnMaxima(expected), Tolerance(precision), "coef");
        // The intercept ȳ − x̄·w inherits the error of x̄·w, so it is judged on the target's scale plus |x̄|·|w|.
        var scale = fixture.TargetScales();
        var means = fit.Solution.FeatureMeans;
        for (int j = 0; j < fit.Targets; j++)
            for (int k = 0; k < fit.Features; k++) scale[j] += Math.Abs(means[k] * expected[k, j]);
        RidgeAssert.ColumnsClose(RidgeAssert.Column(fixture.Vector("ridgecv_intercept")), RidgeAssert.Column(fit.Intercept), scale, Tolerance(precision), "intercept");
    }

    [Theory, MemberData(nameof(Cases))]
    public void TestScoresMatchScipyAndSklearn(string name, RidgePrecision precision)
    {
        var (fixture, fit) = FitPerTarget(name, precision);
        var predicted = fit.Predict(fixture.XTest);
        var pearson = fixture.Vector("ridgecv_pearson");
        var r2 = fixture.Vector("ridgecv_r2");
        for (int j = 0; j < fixture.Targets; j++)
        {
            var (r, determination) = Scores(fixture.YTest, predicted, j);
            Assert.True(Math.Abs(r - pearson[j]) < 1e-4, $"target {j}: pearson {r} vs {pearson[j]}");
            Assert.True(Math.Abs(determination - r2[j]) < 1e-4 * Math.Max(1, Math.Abs(r2[j])), $"target {j}: r2 {determination} vs {r2[j]}");
        }
    }

    [Fact]
    public void ReportsTargetsAtTheGridEdges()
    {
        var (fixture, fit) = FitPerTarget("wide", RidgePrecision.Mixed);
        var sklearn = fixture.Vector("ridgecv_alpha");
        Assert.NotNull(fit.Edges);
        Assert.Equal(sklearn.Count(a => a == 1e-10), fit.Edges!.AtSmallest);
        Assert.Equal(sklearn.Count(a => a == 1e10), fit.Edges.AtLargest);
        Assert.True(fit.Edges.AtSmallest > 0 && fit.Edges.AtLargest > 0);
    }

    /// <summary>Pearson r and R² (1 − SS_res/SS_tot) of one column.</summary>
    static (double Pearson, double R2) Scores(double[,] truth, double[,] predicted, int column)
    {
        int n = truth.GetLength(0);
        double mt = 0, mp = 0;
        for (int i = 0; i < n; i++)
        {
            mt += truth[i, column];
            mp += predicted[i, column];
        }
        mt /= n;
        mp /= n;
        double stp = 0, stt = 0, spp = 0, residual = 0;
        for (int i = 0; i < n; i++)
        {
            double dt = truth[i, column] - mt, dp = predicted[i, column] - mp;
            stp += dt * dp;
            stt += dt * dt;
            spp += dp * dp;
            residual += (truth[i, column] - predicted[i, column]) * (truth[i, column] - predicted[i, column]);
        }
        return (stp / Math.Sqrt(stt * spp), 1 - residual / stt);
    }
}
