using BBScore.Features;
using BBScore.Numerics.Rdm;

namespace BBScore.Tests.Rsa;

public class RdmTests
{
    static readonly RsaFixture Patterns = new("patterns");

    [Theory]
    [InlineData(RdmDistance.Correlation, "pdist_correlation")]
    [InlineData(RdmDistance.Euclidean, "pdist_euclidean")]
    [InlineData(RdmDistance.Cosine, "pdist_cosine")]
    public void FloatFeaturesMatchScipyPdistIncludingNaNForConstantPatterns(RdmDistance distance, string reference)
    {
        var rdm = DissimilarityMatrix.Condensed(Patterns.Features("x"), distance);
        RsaAssert.Close(Patterns.Vector(reference), rdm, 1e-12);
    }

    [Fact]
    public void ConstantPatternHasNaNCorrelationDistanceToEveryOtherStimulus()
    {
        var square = CondensedRdm.ToSquare(DissimilarityMatrix.Condensed(Patterns.Features("x")));
        for (int j = 0; j < 12; j++)
        {
            if (j == 4) continue;
            Assert.True(double.IsNaN(square[4, j]));
        }
        Assert.Equal(0.0, square[4, 4]);
        Assert.Equal(0.0, square[1, 9], 1e-12); // identical patterns
    }

    [Fact]
    public void DoubleMatrixInputGivesTheSameRdm()
    {
        var features = Patterns.Features("x");
        var matrix = new double[12, 9];
        for (int i = 0; i < 12; i++)
            for (int j = 0; j < 9; j++) matrix[i, j] = features.Data[i * 9 + j];
        RsaAssert.Close(DissimilarityMatrix.Condensed(features), DissimilarityMatrix.Condensed(matrix), 1e-12);
    }

    [Fact]
    public void HigherRankFeaturesAreFlattenedPerStimulus()
    {
        var flat = Patterns.Features("x");
        var shaped = new FeatureTensor(flat.Data, [12, 3, 3]);
        RsaAssert.Close(DissimilarityMatrix.Condensed(flat), DissimilarityMatrix.Condensed(shaped), 0);
    }

    [Fact]
    public void FewerThanThreeStimuliIsAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => DissimilarityMatrix.Condensed(new double[,] { { 1, 2, 3 }, { 3, 1, 2 } }));
        Assert.Contains("at least 3 stimuli", e.Message);
        Assert.Throws<ArgumentException>(() => CondensedRdm.ToSquare([0.5]));
    }

    [Fact]
    public void SquareAndCondensedRoundTripInPdistOrder()
    {
        double[] condensed = [1, 2, 3, 4, 5, 6]; // (0,1) (0,2) (0,3) (1,2) (1,3) (2,3)
        var square = CondensedRdm.ToSquare(condensed);
        Assert.Equal(4, square.GetLength(0));
        Assert.Equal(4.0, square[2, 1]);
        Assert.Equal(6.0, square[3, 2]);
        Assert.Equal(condensed, CondensedRdm.FromSquare(square));
        Assert.Equal(4, CondensedRdm.StimulusCount(6));
    }

    [Fact]
    public void InvalidSquareRdmsAreRejectedWithTheOffendingEntry()
    {
        var asymmetric = CondensedRdm.ToSquare([1, 2, 3]);
        asymmetric[2, 0] = 2.5;
        Assert.Contains("symmetric", Assert.Throws<ArgumentException>(() => CondensedRdm.FromSquare(asymmetric)).Message);

        var diagonal = CondensedRdm.ToSquare([1, 2, 3]);
        diagonal[1, 1] = 0.1;
        Assert.Contains("zero diagonal", Assert.Throws<ArgumentException>(() => CondensedRdm.FromSquare(diagonal)).Message);

        Assert.Contains("square", Assert.Throws<ArgumentException>(() => CondensedRdm.FromSquare(new double[3, 4])).Message);
        Assert.Contains("not such a number", Assert.Throws<ArgumentException>(() => CondensedRdm.StimulusCount(5)).Message);

        var withinTolerance = CondensedRdm.ToSquare([1, 2, 3]);
        withinTolerance[2, 0] += 1e-12;
        Assert.Equal([1.0, 2.0, 3.0], CondensedRdm.FromSquare(withinTolerance));
    }
}
