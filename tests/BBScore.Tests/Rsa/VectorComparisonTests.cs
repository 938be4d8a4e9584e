using BBScore.Numerics.Correlation;

namespace BBScore.Tests.Rsa;

public class VectorComparisonTests
{
    [Fact]
    public void AllMethodsMatchScipyOnTiedVectorsWithNaNPairsDropped()
    {
        var fixture = new RsaFixture("compare");
        double[] a = fixture.Vector("a"), b = fixture.Vector("b");
        var actual = VectorComparison.All.Select(m => VectorComparison.Compare(m, a, b)).ToArray();
        RsaAssert.Close(fixture.Vector("scores"), actual, 1e-12);
    }

    [Fact]
    public void KendallTauBAndTauAMatchOnHeavilyTiedLongVectors()
    {
        var fixture = new RsaFixture("kendall_large");
        double[] a = fixture.Vector("a"), b = fixture.Vector("b");
        RsaAssert.Close(fixture.Vector("tau_b")[0], KendallTau.TauB(a, b), 1e-12);
        RsaAssert.Close(fixture.Vector("tau_a")[0], KendallTau.TauA(a, b), 1e-12);
    }

    [Fact]
    public void KendallCountsMatchABruteForceCount()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = random.Next(2, 60);
            var x = Enumerable.Range(0, n).Select(_ => (double)random.Next(0, 6)).ToArray();
            var y = Enumerable.Range(0, n).Select(_ => (double)random.Next(0, 6)).ToArray();
            long concordant = 0, discordant = 0, tiedX = 0, tiedY = 0, tiedBoth = 0;
            for (int i = 0; i < n; i++)
                for (int j = i + 1; j < n; j++)
                {
                    double s = Math.Sign(x[i] - x[j]) * Math.Sign(y[i] - y[j]);
                    if (s > 0) concordant++;
                    if (s < 0) discordant++;
                    if (x[i] == x[j]) tiedX++;
                    if (y[i] == y[j]) tiedY++;
                    if (x[i] == x[j] && y[i] == y[j]) tiedBoth++;
                }
            var counts = KendallPairCounts.Count(x, y);
            Assert.Equal((discordant, tiedX, tiedY, tiedBoth), (counts.Discordant, counts.TiedX, counts.TiedY, counts.TiedBoth));
            Assert.Equal(concordant - discordant, counts.ConcordantMinusDiscordant);
        }
    }

    [Fact]
    public void TiesShareAverageRanksAndTauAScoresTiesAsNeither()
    {
        Assert.Equal([2.5, 1.0, 2.5, 4.0], AverageRanks.Of([5, 1, 5, 9]));
        // Pairs: (0,1) concordant, (0,2) tied in x, (1,2) concordant → tau-a = 2/3, tau-b = 2/√(2·3).
        double[] x = [1, 2, 1], y = [1, 3, 2];
        Assert.Equal(2.0 / 3, KendallTau.TauA(x, y), 12);
        Assert.Equal(2 / Math.Sqrt(2 * 3), KendallTau.TauB(x, y), 12);
        Assert.Equal(0.0, KendallTau.TauA([1, 1, 1], [1, 2, 3]));
    }

    [Fact]
    public void ConstantOrTooShortVectorsGiveNaN()
    {
        double[] constant = [2, 2, 2, 2], varied = [1, 2, 3, 5];
        foreach (var method in new[] { VectorComparisonMethod.Spearman, VectorComparisonMethod.Corr, VectorComparisonMethod.Kendall })
            Assert.True(double.IsNaN(VectorComparison.Compare(method, constant, varied)), method.ToString());
        Assert.True(double.IsNaN(VectorComparison.Compare(VectorComparisonMethod.Cosine, [0, 0, 0], varied[..3])));
        // Only one pair is finite in both.
        Assert.True(double.IsNaN(VectorComparison.Compare(VectorComparisonMethod.Spearman, [1, double.NaN, 3], [2, 5, double.NaN])));
        Assert.Throws<ArgumentException>(() => VectorComparison.Compare(VectorComparisonMethod.Corr, [1, 2, 3], [1, 2]));
    }

    [Fact]
    public void KendallOnHalfAMillionPairsAgreesBetweenTauAAndTauB()
    {
        var random = new Random(3);
        const int n = 500_000;
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = random.NextDouble();
            y[i] = x[i] + random.NextDouble();
        }
        // An O(n²) count would take hours here; the timing itself is measured in bench/ (workload rsa), not asserted.
        double tauB = KendallTau.TauB(x, y);
        double tauA = KendallTau.TauA(x, y);
        Assert.InRange(tauB, 0.3, 0.9);
        Assert.Equal(tauB, tauA, 6); // almost no ties (seeded Random has 2^31 levels): tau-a ≈ tau-b
    }
}
