using BBScore.Metrics;
using BBScore.Metrics.Regression;

namespace BBScore.Tests.Pls;

public class PlsComponentGridTests
{
    [Theory]
    [InlineData(72, 30, 30)]   // bounded by features
    [InlineData(8, 100, 7)]    // bounded by rows − 1 (centred X has rank ≤ rows − 1)
    [InlineData(1, 10, 1)]     // never below 1
    public void MaxComponentsIsTheSmallerOfFeaturesAndRowsMinusOne(int rows, int features, int expected)
    {
        Assert.Equal(expected, PlsComponentGrid.MaxComponents(rows, features));
    }

    [Fact]
    public void ClipDropsCountsTheDataCannotSupport()
    {
        Assert.Equal([5, 10, 15, 20, 25, 30], PlsComponentGrid.Clip(PlsComponentGrid.DefaultOptions, trainRows: 72, features: 30));
        Assert.Equal([5, 10], PlsComponentGrid.Clip(PlsComponentGrid.DefaultOptions, trainRows: 12, features: 500));
        Assert.Equal(PlsComponentGrid.DefaultOptions, PlsComponentGrid.Clip(PlsComponentGrid.DefaultOptions, trainRows: 900, features: 1024));
    }

    [Fact]
    public void ClipFallsBackToTheLargestAllowedCountWhenNoOptionFits()
    {
        Assert.Equal([3], PlsComponentGrid.Clip(PlsComponentGrid.DefaultOptions, trainRows: 50, features: 3));
    }

    [Fact]
    public void ClipSortsAndRemovesRepeats()
    {
        Assert.Equal([2, 4], PlsComponentGrid.Clip([4, 2, 4, 0, 9], trainRows: 20, features: 6));
    }

    [Fact]
    public void SelectionIsDeterministicForASeedAndComesFromTheOptions()
    {
        var (x, y) = PlsTestData.Latent(rows: 90, features: 40, targets: 5, rank: 3, noise: 1.0, seed: 5);
        int[] options = [1, 2, 3, 6, 12, 20];

        int first = PlsComponentGrid.SelectComponents(x, y, options, seed: 42);
        int second = PlsComponentGrid.SelectComponents(x, y, options, seed: 42);

        Assert.Equal(first, second);
        Assert.Contains(first, options);
    }

    [Fact]
    public void SelectionPrefersTheLatentRankOverFewerComponents()
    {
        // Targets depend on 4 latent directions with little noise: 1 component cannot explain them.
        var (x, y) = PlsTestData.Latent(rows: 120, features: 25, targets: 6, rank: 4, noise: 0.05, seed: 9);

        int chosen = PlsComponentGrid.SelectComponents(x, y, [1, 4], seed: 42);

        Assert.Equal(4, chosen);
    }

    [Fact]
    public void SingleAllowedOptionIsReturnedWithoutFitting()
    {
        var (x, y) = PlsTestData.Latent(rows: 5, features: 3, targets: 2, rank: 1, noise: 0.1, seed: 1);

        Assert.Equal(3, PlsComponentGrid.SelectComponents(x, y, PlsComponentGrid.DefaultOptions, seed: 42));
    }

    [Fact]
    public void SpearmanBrownCompatScoresTheSamePredictionsHigherForPositiveR()
    {
        double[,] truth = { { 1 }, { 2 }, { 3 }, { 4 } };
        double[,] predicted = { { 1 }, { 3 }, { 2 }, { 4 } };   // r = 0.8

        double plain = PlsValidationScore.MeanCorrelation(truth, predicted, CompatMode.Fixed);
        double corrected = PlsValidationScore.MeanCorrelation(truth, predicted, CompatMode.BBScore);

        Assert.Equal(0.8, plain, 12);
        Assert.Equal(2 * 0.8 / 1.8, corrected, 12);
    }

    [Fact]
    public void TargetsWithUndefinedCorrelationAreLeftOutOfThePlainMean()
    {
        double[,] truth = { { 1, 5 }, { 2, 5 }, { 3, 5 }, { 4, 5 } };       // second target constant
        double[,] predicted = { { 1, 4 }, { 3, 6 }, { 2, 5 }, { 4, 5 } };

        Assert.Equal(0.8, PlsValidationScore.MeanCorrelation(truth, predicted, CompatMode.Fixed), 12);
    }
}
