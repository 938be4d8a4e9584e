using BBScore.Formats;
using BBScore.Metrics;
using BBScore.Tests.Support;

namespace BBScore.Tests.Formats;

public class TargetRdmFileTests
{
    /// <summary>A 4×4 RDM with distinct off-diagonal entries d(i, j) = 10 i + j (i &lt; j).</summary>
    static double[] Square(int n = 4, double shift = 0)
    {
        var square = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                square[i * n + j] = square[j * n + i] = 10 * i + j + shift;
        return square;
    }

    static readonly double[] Condensed4 = [1, 2, 3, 12, 13, 23]; // scipy squareform order of Square(4)

    static double[][] Convert(double[] data, int[] shape, int stimuli = 4) => TargetRdmFile.ToCondensed(data, shape, stimuli, "--target-rdm rdm.npy", "--features X.npy");

    [Fact]
    public void SquareIsReadAsTheUpperTriangleRowByRow()
    {
        var rdms = Convert(Square(), [4, 4]);
        Assert.Single(rdms);
        Assert.Equal(Condensed4, rdms[0]);
    }

    [Fact]
    public void CondensedIsTakenAsIs()
    {
        var rdms = Convert(Condensed4, [6]);
        Assert.Equal(Condensed4, Assert.Single(rdms));
    }

    [Fact]
    public void StackedSquareAndStackedCondensedGiveOneVectorPerSubject()
    {
        double[] stackedSquare = [.. Square(), .. Square(shift: 100), .. Square(shift: 200)];
        var fromSquare = Convert(stackedSquare, [3, 4, 4]);
        Assert.Equal(3, fromSquare.Length);
        Assert.Equal(Condensed4.Select(v => v + 100), fromSquare[1]);

        double[] stackedCondensed = [.. Condensed4, .. Condensed4.Select(v => v + 100), .. Condensed4.Select(v => v + 200)];
        var fromCondensed = Convert(stackedCondensed, [3, 6]);
        Assert.Equal(fromSquare, fromCondensed);
    }

    [Fact]
    public void NaNMarksMissingPairsAndANaNDiagonalCountsAsZero()
    {
        var square = Square();
        square[0 * 4 + 2] = square[2 * 4 + 0] = double.NaN;
        square[3 * 4 + 3] = double.NaN;
        var rdm = Assert.Single(Convert(square, [4, 4]));
        Assert.True(double.IsNaN(rdm[1]));
        Assert.Equal(23, rdm[5]);
    }

    [Fact]
    public void Float32RoundingPassesTheSymmetryCheck()
    {
        var square = Square();
        square[1 * 4 + 0] *= 1 + 1e-7;
        Assert.Equal(Condensed4, Assert.Single(Convert(square, [4, 4])));
    }

    [Fact]
    public void AsymmetricSquareIsRefusedWithTheEntriesAndTheFix()
    {
        var square = Square();
        square[3 * 4 + 1] = 5;
        var e = Assert.Throws<ArgumentException>(() => Convert(square, [4, 4]));
        Assert.Contains("--target-rdm rdm.npy", e.Message);
        Assert.Contains("symmetric", e.Message);
        Assert.Contains("(1, 3)", e.Message);
        Assert.Contains("condensed upper triangle", e.Message);
    }

    [Fact]
    public void SimilarityMatrixIsRefusedSuggestingOneMinusR()
    {
        var similarity = new double[16];
        for (int i = 0; i < 4; i++) similarity[i * 4 + i] = 1;
        var e = Assert.Throws<ArgumentException>(() => Convert(similarity, [4, 4]));
        Assert.Contains("diagonal", e.Message);
        Assert.Contains("1 − r", e.Message);
    }

    [Fact]
    public void NonTriangularCondensedLengthIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Convert(new double[7], [7]));
        Assert.Contains("N(N−1)/2", e.Message);
        Assert.Contains("4 stimuli need 6", e.Message);
    }

    [Theory]
    [InlineData(new[] { 5, 5 }, 5)]
    [InlineData(new[] { 10 }, 5)]
    [InlineData(new[] { 2, 10 }, 5)]
    [InlineData(new[] { 2, 5, 5 }, 5)]
    public void StimulusCountMismatchNamesBothCounts(int[] shape, int rdmStimuli)
    {
        var data = new double[shape.Aggregate(1, (a, b) => a * b)];
        var e = Assert.Throws<ArgumentException>(() => Convert(data, shape));
        Assert.Contains($"RDM over {rdmStimuli} stimuli", e.Message);
        Assert.Contains("--features X.npy has 4", e.Message);
    }

    [Fact]
    public void InfinityAndOtherShapesAreRefused()
    {
        var condensed = Condensed4.ToArray();
        condensed[2] = double.PositiveInfinity;
        Assert.Contains("NaN for a missing pair", Assert.Throws<ArgumentException>(() => Convert(condensed, [6])).Message);
        Assert.Contains("must be (4, 4) square", Assert.Throws<ArgumentException>(() => Convert(new double[16], [2, 2, 2, 2])).Message);
        Assert.Contains("(subjects, N, N)", Assert.Throws<ArgumentException>(() => Convert(new double[24], [2, 4, 3])).Message);
    }

    [Fact]
    public void ReadsFloat32NpyFilesAndNamesAMissingFile()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "rdm.npy");
        NpyFile.WriteFloat32(path, Square().Select(v => (float)v).ToArray(), [4, 4]);
        Assert.Equal(Condensed4, Assert.Single(TargetRdmFile.Read(path, 4, "--stimuli imgs")));

        string missing = Path.Combine(dir.Path, "nope.npy");
        var e = Assert.Throws<ArgumentException>(() => TargetRdmFile.Read(missing, 4, "--stimuli imgs"));
        Assert.Contains("--target-rdm", e.Message);
        Assert.Contains(missing, e.Message);
    }

    [Fact]
    public void OnlyRsaAcceptsATargetRdm()
    {
        TargetRdmFile.CheckMetric("rsa");
        var e = Assert.Throws<ArgumentException>(() => TargetRdmFile.CheckMetric("ridge"));
        Assert.Contains("only by the rsa metric", e.Message);
        Assert.Contains("--targets", e.Message);
    }
}
