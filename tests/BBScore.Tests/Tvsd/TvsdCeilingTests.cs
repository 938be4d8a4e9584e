using BBScore.Datasets.Tvsd;

namespace BBScore.Tests.Tvsd;

public sealed class TvsdCeilingTests
{
    [Fact]
    public void Seeded_permutations_are_reproducible_permutations()
    {
        var a = TvsdCeiling.Permutations(30, 50, seed: 42);
        var b = TvsdCeiling.Permutations(30, 50, seed: 42);
        var c = TvsdCeiling.Permutations(30, 50, seed: 43);
        Assert.Equal(50, a.Count);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.All(a, p => Assert.Equal(Enumerable.Range(0, 30), p.Order()));
        Assert.True(a.Distinct(new SequenceComparer()).Count() > 45); // shuffled, not one repeated order
    }

    [Fact]
    public void Split_half_matches_a_direct_computation()
    {
        const int reps = 5, conditions = 7, units = 3;
        var rng = new Random(3);
        var data = new double[reps * conditions * units];
        for (int i = 0; i < data.Length; i++) data[i] = rng.NextDouble() + (i / units % conditions) * 0.3;
        var perms = TvsdCeiling.Permutations(reps, 4, seed: 1);
        double[] fast = TvsdCeiling.SplitHalf(data, reps, conditions, units, perms);
        for (int u = 0; u < units; u++)
        {
            double sum = 0;
            foreach (var p in perms)
            {
                double[] a = HalfMean(data, p[..2], conditions, units, u), b = HalfMean(data, p[2..], conditions, units, u);
                double r = Pearson(a, b);
                sum += 2 * r / (1 + r);
            }
            Assert.Equal(sum / perms.Count, fast[u], 1e-12);
        }
        // float input: the same after conversion
        var floats = Array.ConvertAll(data, v => (float)v);
        var viaFloat = TvsdCeiling.SplitHalf(floats, reps, conditions, units, perms);
        var viaDouble = TvsdCeiling.SplitHalf(Array.ConvertAll(floats, v => (double)v), reps, conditions, units, perms);
        Assert.Equal(viaDouble, viaFloat);
    }

    [Fact]
    public void One_vs_all_matches_a_direct_computation_and_constant_units_give_zero()
    {
        const int reps = 4, conditions = 6, units = 2;
        var rng = new Random(5);
        var data = new double[reps * conditions * units];
        for (int i = 0; i < data.Length; i++) data[i] = i % units == 1 ? 2.5 : rng.NextDouble();
        double[] ova = TvsdCeiling.OneVsAll(data, reps, conditions, units);
        double sum = 0;
        for (int t = 0; t < reps; t++)
        {
            var x = new double[conditions];
            var rest = new double[conditions];
            for (int c = 0; c < conditions; c++)
            {
                x[c] = data[(t * conditions + c) * units];
                for (int o = 0; o < reps; o++) if (o != t) rest[c] += data[(o * conditions + c) * units] / (reps - 1);
            }
            double r = Pearson(x, rest);
            sum += 2 * r / (1 + r);
        }
        Assert.Equal(sum / reps, ova[0], 1e-12);
        Assert.Equal(0.0, ova[1]);
        Assert.Equal(0.0, TvsdCeiling.SplitHalf(data, reps, conditions, units, TvsdCeiling.Permutations(reps))[1]);
    }

    [Fact]
    public void Bad_inputs_are_refused()
    {
        var data = new double[3 * 2 * 1];
        Assert.Throws<ArgumentException>(() => TvsdCeiling.SplitHalf(data, 3, 2, 1, [[0, 1]]));
        Assert.Throws<ArgumentException>(() => TvsdCeiling.SplitHalf(data, 3, 2, 1, [[0, 1, 1]]));
        Assert.Throws<ArgumentException>(() => TvsdCeiling.SplitHalf(data, 3, 2, 1, []));
        Assert.Throws<ArgumentException>(() => TvsdCeiling.SplitHalf(data, 3, 3, 1, [[0, 1, 2]]));
        Assert.Throws<ArgumentOutOfRangeException>(() => TvsdCeiling.OneVsAll(new double[2], 1, 2, 1));
    }

    static double[] HalfMean(double[] data, int[] trials, int conditions, int units, int u)
    {
        var m = new double[conditions];
        foreach (int t in trials)
            for (int c = 0; c < conditions; c++) m[c] += data[(t * conditions + c) * units + u];
        for (int c = 0; c < conditions; c++) m[c] /= trials.Length;
        return m;
    }

    static double Pearson(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb); }
        double r = sab / Math.Sqrt(saa * sbb);
        return double.IsNaN(r) ? 0 : r;
    }

    sealed class SequenceComparer : IEqualityComparer<int[]>
    {
        public bool Equals(int[]? x, int[]? y) => x!.SequenceEqual(y!);
        public int GetHashCode(int[] obj) => obj.Aggregate(17, (h, v) => h * 31 + v);
    }
}
