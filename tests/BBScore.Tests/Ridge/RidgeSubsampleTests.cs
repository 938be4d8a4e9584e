using BBScore.Metrics.Regression;
using BBScore.Numerics.Ridge;

namespace BBScore.Tests.Ridge;

/// <summary>subsample_features_for_alpha: one alpha from shared-alpha LOO on a seeded column subset, then Ridge(alpha).</summary>
public class RidgeSubsampleTests
{
    [Fact]
    public void SameSeedGivesTheSameSubsetAndAlpha()
    {
        var fixture = RidgeFixture.Load("wide");
        var first = (RidgeLinearFit)new RidgeCvRegressor(fixture.Alphas, subsampleFeaturesForAlpha: 50, seed: 7).Fit(fixture.XTrain, fixture.YTrain);
        var second = (RidgeLinearFit)new RidgeCvRegressor(fixture.Alphas, subsampleFeaturesForAlpha: 50, seed: 7).Fit(fixture.XTrain, fixture.YTrain);
        Assert.Equal(first.Alpha, second.Alpha);
        Assert.Single(first.Alpha!.Distinct());

        // The alpha is shared-alpha LOO on exactly the seeded columns; the weights are Ridge(alpha) on all features.
        var columns = FeatureSubset.Choose(fixture.XTrain.Cols, 50, 7);
        double alpha = RidgeSolver.ChooseSharedAlpha(FeatureSubset.Select(fixture.XTrain, columns), fixture.YTrain, fixture.Alphas);
        Assert.Equal(alpha, first.Alpha![0]);
        var fixedFit = new RidgeRegressor(alpha).Fit(fixture.XTrain, fixture.YTrain);
        RidgeAssert.ColumnsClose(fixedFit.Predict(fixture.XTest), first.Predict(fixture.XTest), fixture.TargetScales(), 1e-9, "subsampled fit");
        Assert.Equal(fixture.XTrain.Cols, first.Features);
        Assert.NotNull(first.Edges);
    }

    [Fact]
    public void SubsetIsSeededSortedAndDistinct()
    {
        var a = FeatureSubset.Choose(200, 50, 1);
        Assert.Equal(a, FeatureSubset.Choose(200, 50, 1));
        Assert.NotEqual(a, FeatureSubset.Choose(200, 50, 2));
        Assert.Equal(50, a.Distinct().Count());
        Assert.Equal(a.Order(), a);
        Assert.All(a, c => Assert.InRange(c, 0, 199));
        Assert.Equal(Enumerable.Range(0, 10), FeatureSubset.Choose(10, 10, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureSubset.Choose(10, 11, 3));
    }

    [Fact]
    public void SelectCopiesTheChosenColumns()
    {
        var x = new BBScore.Numerics.FeatureMatrix([1, 2, 3, 4, 5, 6], 2, 3);
        var picked = FeatureSubset.Select(x, [0, 2]);
        Assert.Equal([1f, 3, 4, 6], picked.Data);
        Assert.Equal(2, picked.Cols);
    }

    [Fact]
    public void FallsBackToThePlainFitWhenThereAreNotMoreFeaturesThanTheSubsample()
    {
        var fixture = RidgeFixture.Load("tall"); // 40 features
        var fit = new RidgeCvRegressor(fixture.Alphas, subsampleFeaturesForAlpha: 40).Fit(fixture.XTrain, fixture.YTrain);
        Assert.Equal(fixture.Vector("ridgecv_alpha"), ((ILinearFit)fit).Alpha);
    }
}
