using BBScore.Metrics.Regression;
using BBScore.Numerics.Ridge;

namespace BBScore.Tests.Ridge;

/// <summary>The kernel form forms its leave-one-out residuals a block of rows at a time (so that no n × n factor or
/// n × targets residual buffer exists beside Q); the blocks must not change the fit: the alphas scikit-learn chooses,
/// and the LOO errors and predictions of the unblocked solver to rounding, in both precisions.</summary>
public class RidgeLooBlockTests
{
    [Theory]
    [InlineData(RidgePrecision.Mixed)]
    [InlineData(RidgePrecision.Double)]
    public void Blocks_of_a_few_rows_give_the_unblocked_fit(RidgePrecision precision)
    {
        var fixture = RidgeFixture.Load("wide"); // 60 training rows, more features than rows: the kernel form
        var whole = (RidgeLinearFit)new RidgeCvRegressor(fixture.Alphas, options: new RidgeSolverOptions(precision))
            .Fit(fixture.XTrain, fixture.YTrain);
        // 7 rows of a 59-column float64 factor per block: 9 blocks, the last one shorter.
        var blocked = (RidgeLinearFit)new RidgeCvRegressor(fixture.Alphas, options: new RidgeSolverOptions(precision, LooBlockBytes: 7 * 59 * 8))
            .Fit(fixture.XTrain, fixture.YTrain);

        Assert.Equal(fixture.Vector("ridgecv_alpha"), blocked.Alpha);
        Assert.Equal(whole.Alpha, blocked.Alpha);
        Assert.Equal(whole.Solution.RefinedTargets, blocked.Solution.RefinedTargets);
        RidgeAssert.ColumnsClose(whole.Predict(fixture.XTest), blocked.Predict(fixture.XTest), fixture.TargetScales(), 1e-6, "blocked prediction");
        var a = whole.Solution.LooMeanSquaredErrors!;
        var b = blocked.Solution.LooMeanSquaredErrors!;
        double tolerance = precision == RidgePrecision.Double ? 1e-12 : 1e-5;
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                Assert.True(Math.Abs(a[i, j] - b[i, j]) <= tolerance * a[i, j], $"LOO error [{i},{j}]: {a[i, j]} vs {b[i, j]}");
    }
}
