using BBScore.Metrics.Regression;
using BBScore.Numerics.Ridge;

namespace BBScore.Tests.Ridge;

/// <summary>Shared-alpha RidgeCV (alpha_per_target=False) and fixed Ridge(alpha=1) against scikit-learn.</summary>
public class RidgeSharedAndFixedParityTests
{
    public static TheoryData<string, RidgePrecision> Cases => RidgeCvParityTests.Cases;

    [Theory, MemberData(nameof(Cases))]
    public void SharedAlphaAndPredictionsMatch(string name, RidgePrecision precision)
    {
        var (fixture, options) = RidgeCvParityTests.Case(name, precision);
        var fit = (RidgeLinearFit)new RidgeCvRegressor(fixture.Alphas, alphaPerTarget: false, options: options)
            .Fit(fixture.XTrain, fixture.YTrain);
        double expected = fixture.Vector("shared_alpha")[0];
        Assert.All(fit.Alpha!, a => Assert.Equal(expected, a));
        RidgeAssert.ColumnsClose(fixture.Matrix("shared_pred"), fit.Predict(fixture.XTest), fixture.TargetScales(),
            RidgeCvParityTests.Tolerance(precision), "shared prediction");
    }

    [Theory, MemberData(nameof(Cases))]
    public void FixedRidgeMatches(string name, RidgePrecision precision)
    {
        var (fixture, options) = RidgeCvParityTests.Case(name, precision);
        var fit = (RidgeLinearFit)new RidgeRegressor(1.0, options).Fit(fixture.XTrain, fixture.YTrain);
        double tolerance = RidgeCvParityTests.Tolerance(precision);
        var coef = fixture.Matrix("ridge1_coef");
        RidgeAssert.ColumnsClose(coef, RidgeAssert.ToMatrix(fit.Coef, fit.Features, fit.Targets), RidgeAssert.ColumnMaxima(coef), tolerance, "ridge coef");
        RidgeAssert.ColumnsClose(fixture.Matrix("ridge1_pred"), fit.Predict(fixture.XTest), fixture.TargetScales(), tolerance, "ridge prediction");
        var intercept = fixture.Vector("ridge1_intercept");
        for (int j = 0; j < fit.Targets; j++)
            Assert.True(Math.Abs(fit.Intercept[j] - intercept[j]) <= tolerance * (Math.Abs(intercept[j]) + fixture.TargetScales()[j]),
                $"intercept {j}: {fit.Intercept[j]} vs {intercept[j]}");
        Assert.All(fit.Alpha!, a => Assert.Equal(1.0, a));
        Assert.Null(fit.Edges);
        Assert.Null(fit.Solution.LooMeanSquaredErrors);
    }
}
