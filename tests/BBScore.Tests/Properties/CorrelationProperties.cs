using BBScore.Numerics.Correlation;
using CsCheck;
using static BBScore.Tests.Properties.PropertyCheck;

namespace BBScore.Tests.Properties;

/// <summary>Pearson, Spearman and Kendall on paired vectors, and the Pearson matrix, against their definitions.</summary>
public class CorrelationProperties
{
    /// <summary>Paired vectors of 2–30 values; continuous or with many ties.</summary>
    static readonly Gen<(double[] A, double[] B)> Pairs = Gen.Int[2, 30].SelectMany(n =>
        Gen.Frequency(
            (2, Gen.Select(Gen.Double[-1, 1].Array[n], Gen.Double[-1, 1].Array[n])),
            (1, Gen.Select(Gen.Int[-3, 3].Select(v => (double)v).Array[n], Gen.Int[-3, 3].Select(v => (double)v).Array[n]))));

    /// <summary>Values for rank statistics: ties, ±0, ±∞ and huge magnitudes (no NaN: it has no order).</summary>
    static readonly Gen<double> Ranked = Gen.Frequency((3, Gen.Int[-3, 3].Select(v => (double)v)), (2, Gen.Double[-1e300, 1e300]),
        (1, Gen.OneOf(-0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue)));

    static readonly Gen<(double[] X, double[] Y)> RankedPairs = Gen.Int[0, 25].SelectMany(n => Gen.Select(Ranked.Array[n], Ranked.Array[n]));

    static double Spread(double[] v) => v.Max() - v.Min();

    static double NaivePearson(double[] a, double[] b)
    {
        double meanA = a.Average(), meanB = b.Average(), cross = 0, sa = 0, sb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            cross += (a[i] - meanA) * (b[i] - meanB);
            sa += (a[i] - meanA) * (a[i] - meanA);
            sb += (b[i] - meanB) * (b[i] - meanB);
        }
        return cross / Math.Sqrt(sa * sb);
    }

    /// <summary>1 + number smaller + (number equal − 1) / 2: the mean of the ranks a tie spans.</summary>
    static double[] NaiveRanks(double[] v) =>
        v.Select(x => 1 + v.Count(y => y < x) + (v.Count(y => y == x) - 1) / 2.0).ToArray();

    [Fact]
    public void Pearson_is_in_minus_one_one_symmetric_and_matches_the_two_pass_definition()
    {
        Run(Pairs, c =>
        {
            double r = VectorPearson.Compute(c.A, c.B);
            bool constant = c.A.All(v => v == c.A[0]) || c.B.All(v => v == c.B[0]);
            True(constant == double.IsNaN(r), $"r = {r} but constant input is {constant}");
            if (constant) return;
            True(r >= -1 && r <= 1, $"r = {r} outside [-1, 1]");
            True(BitConverter.DoubleToInt64Bits(r) == BitConverter.DoubleToInt64Bits(VectorPearson.Compute(c.B, c.A)), "Pearson is not symmetric");
            Close(NaivePearson(c.A, c.B), r, 1e-12, 1, "r");
            True(VectorPearson.Compute(c.A, c.A) is var self && Math.Abs(self - 1) <= 1e-14, $"Pearson(a, a) = {VectorPearson.Compute(c.A, c.A)}");
        }, iterations: 400, seed: 51);
    }

    [Fact]
    public void Pearson_is_invariant_to_positive_affine_maps_and_flips_sign_under_negative_ones()
    {
        var gen = Gen.Select(Pairs, Gen.Double[0.1, 10], Gen.Double[-10, 10], Gen.Double[0.1, 10], Gen.Double[-10, 10], Gen.Bool);
        Run(gen, c =>
        {
            var ((a, b), scaleA, shiftA, scaleB, shiftB, negate) = c;
            // Near-constant vectors make r ill-conditioned: any rounding of the map changes it arbitrarily.
            if (Spread(a) < 1e-3 || Spread(b) < 1e-3) return;
            double r = VectorPearson.Compute(a, b);
            double sign = negate ? -1 : 1;
            double mapped = VectorPearson.Compute(a.Select(v => sign * scaleA * v + shiftA).ToArray(), b.Select(v => scaleB * v + shiftB).ToArray());
            // Each mapped value carries a rounding error of about 1e-16 × (|shift| + |scale|), i.e. relative to the
            // spread of the data up to ~1e-16 × 10 / (0.1 × 1e-3) = 1e-11.
            Close(sign * r, mapped, 1e-9, 1, "r after the affine map");
        }, iterations: 400, seed: 52);
    }

    [Fact]
    public void Spearman_equals_Pearson_of_naive_average_ranks_and_ignores_monotone_maps()
    {
        var gen = Pairs.Select(p => (A: p.A.Select(v => Math.Round(v * 4) / 4).ToArray(), p.B));
        Run(gen, c =>
        {
            double rho = SpearmanCorrelation.Compute(c.A, c.B);
            double[] ra = NaiveRanks(c.A), rb = NaiveRanks(c.B);
            bool constant = ra.All(v => v == ra[0]) || rb.All(v => v == rb[0]);
            True(constant == double.IsNaN(rho), $"rho = {rho} but constant input is {constant}");
            if (constant) return;
            Close(NaivePearson(ra, rb), rho, 1e-12, 1, "rho");
            True(rho >= -1 && rho <= 1, $"rho = {rho} outside [-1, 1]");
            // Strictly increasing in floating point too: exp on multiples of 1/4, and scaling by 8 (exact), so the
            // ranks, and rho, are unchanged bit for bit.
            double mapped = SpearmanCorrelation.Compute(c.A.Select(Math.Exp).ToArray(), c.B.Select(v => 8 * v).ToArray());
            True(BitConverter.DoubleToInt64Bits(rho) == BitConverter.DoubleToInt64Bits(mapped), $"rho {rho} became {mapped} under a monotone map");
        }, iterations: 400, seed: 53);
    }

    /// <summary>The O(n²) definition: every pair classified by the signs of its x and y differences.</summary>
    static (long Pairs, long TiedX, long TiedY, long TiedBoth, long Concordant, long Discordant) NaiveCounts(double[] x, double[] y)
    {
        long pairs = 0, tx = 0, ty = 0, both = 0, concordant = 0, discordant = 0;
        for (int i = 0; i < x.Length; i++)
            for (int j = i + 1; j < x.Length; j++)
            {
                pairs++;
                bool ex = x[i] == x[j], ey = y[i] == y[j];
                if (ex) tx++;
                if (ey) ty++;
                if (ex && ey) both++;
                if (ex || ey) continue;
                if ((x[i] < x[j]) == (y[i] < y[j])) concordant++;
                else discordant++;
            }
        return (pairs, tx, ty, both, concordant, discordant);
    }

    [Fact]
    public void Kendall_pair_counts_and_tau_equal_the_naive_quadratic_count()
    {
        Run(RankedPairs, c =>
        {
            var fast = KendallPairCounts.Count(c.X, c.Y);
            var naive = NaiveCounts(c.X, c.Y);
            True(fast.Pairs == naive.Pairs && fast.TiedX == naive.TiedX && fast.TiedY == naive.TiedY && fast.TiedBoth == naive.TiedBoth
                 && fast.Discordant == naive.Discordant && fast.ConcordantMinusDiscordant == naive.Concordant - naive.Discordant,
                $"counts {fast} but naive {naive}");

            double tauB = KendallTau.TauB(c.X, c.Y);
            bool undefined = naive.Pairs == 0 || naive.TiedX == naive.Pairs || naive.TiedY == naive.Pairs;
            True(undefined == double.IsNaN(tauB), $"tau-b = {tauB}, undefined = {undefined}");
            if (!undefined)
            {
                double expected = (naive.Concordant - naive.Discordant) / Math.Sqrt((double)(naive.Pairs - naive.TiedX) * (naive.Pairs - naive.TiedY));
                Close(expected, tauB, 1e-14, 1, "tau-b");
                True(tauB >= -1 && tauB <= 1, $"tau-b = {tauB}");
                Close(tauB, KendallTau.TauB(c.Y, c.X), 1e-15, 1, "tau-b(y, x)");
            }
            double tauA = KendallTau.TauA(c.X, c.Y);
            if (naive.Pairs == 0) True(double.IsNaN(tauA), "tau-a of fewer than 2 values");
            else Close((double)(naive.Concordant - naive.Discordant) / naive.Pairs, tauA, 1e-15, 1, "tau-a");
        }, iterations: 500, seed: 54);
    }

    [Fact]
    public void Pearson_matrix_equals_the_naive_loop_over_column_pairs()
    {
        var gen =
            from n in Gen.Int[2, 12]
            from p in Gen.Int[1, 5]
            from q in Gen.Int[1, 5]
            from a in Gen.Double[-1, 1].Array2D[n, p]
            from b in Gen.Double[-1, 1].Array2D[n, q]
            from constantColumn in Gen.Int[-1, p - 1]
            from offset in Gen.Double[-100, 100]
            select (a, b, constantColumn, offset);
        Run(gen, c =>
        {
            int n = c.a.GetLength(0), p = c.a.GetLength(1), q = c.b.GetLength(1);
            var a = (double[,])c.a.Clone();
            var b = (double[,])c.b.Clone();
            for (int i = 0; i < n; i++)
            {
                if (c.constantColumn >= 0) a[i, c.constantColumn] = c.offset;
                for (int j = 0; j < q; j++) b[i, j] += c.offset; // an offset must not matter
            }
            var r = PearsonMatrix.BetweenColumns(a, b);
            True(r.GetLength(0) == p && r.GetLength(1) == q, "shape");
            for (int i = 0; i < p; i++)
                for (int j = 0; j < q; j++)
                {
                    double[] x = Enumerable.Range(0, n).Select(k => a[k, i]).ToArray(), y = Enumerable.Range(0, n).Select(k => b[k, j]).ToArray();
                    double expected = VectorPearson.Compute(x, y);
                    // |offset| ≤ 100 on values of spread ~1 costs about 100 ulp in the centred values.
                    Close(expected, r[i, j], 1e-12, 1, $"r[{i},{j}] (n = {n})");
                }
        }, iterations: 200, seed: 55);
    }
}
