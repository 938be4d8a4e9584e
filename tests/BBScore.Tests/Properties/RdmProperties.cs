using BBScore.Numerics.Correlation;
using BBScore.Numerics.Rdm;
using CsCheck;
using static BBScore.Tests.Properties.PropertyCheck;
using static TorchSharp.torch;

namespace BBScore.Tests.Properties;

/// <summary>RDMs (DissimilarityMatrix, CondensedRdm): square forms have a zero diagonal and are symmetric to
/// rounding (not bit for bit: the GEMM, and the Euclidean ‖a‖² − 2a·b + ‖b‖² sum, round (i, j) and (j, i)
/// differently; only the upper triangle is ever used, by Condensed);
/// condensed forms list the upper triangle in pdist order; correlation distances lie in [0, 2] (NaN exactly for
/// constant patterns) and match 1 − Pearson; Euclidean and cosine match their definitions; reordering the
/// stimuli reorders the RDM.</summary>
public class RdmProperties
{
    /// <summary>3–9 stimuli × 1–6 values; sometimes a constant pattern or a duplicated one.</summary>
    static readonly Gen<double[,]> Patterns =
        from n in Gen.Int[3, 9]
        from d in Gen.Int[1, 6]
        from values in Gen.Double[-2, 2].Array2D[n, d]
        from constantRow in Gen.Int[-3, n - 1]
        from duplicateRow in Gen.Int[-3, n - 1]
        select Edit(values, constantRow, duplicateRow);

    static double[,] Edit(double[,] values, int constantRow, int duplicateRow)
    {
        var x = (double[,])values.Clone();
        int d = x.GetLength(1);
        if (duplicateRow > 0) for (int j = 0; j < d; j++) x[duplicateRow, j] = x[0, j];
        if (constantRow >= 0) for (int j = 0; j < d; j++) x[constantRow, j] = 0.75;
        return x;
    }

    static readonly Gen<RdmDistance> Distance = Gen.OneOf(RdmDistance.Correlation, RdmDistance.Euclidean, RdmDistance.Cosine);

    static double[] Row(double[,] x, int i) => Enumerable.Range(0, x.GetLength(1)).Select(j => x[i, j]).ToArray();

    static double Naive(double[] a, double[] b, RdmDistance distance) => distance switch
    {
        RdmDistance.Correlation => 1 - VectorPearson.Compute(a, b),
        RdmDistance.Euclidean => Math.Sqrt(a.Zip(b).Sum(p => (p.First - p.Second) * (p.First - p.Second))),
        _ => 1 - CosineSimilarity.Compute(a, b),
    };

    [Fact]
    public void Square_RDMs_are_symmetric_with_a_zero_diagonal_and_condense_to_their_upper_triangle()
    {
        Run(Gen.Select(Patterns, Distance), c =>
        {
            var (x, distance) = c;
            int n = x.GetLength(0);
            double[,] square;
            using (NewDisposeScope())
                square = PearsonMatrixAccess.ToArray(DissimilarityMatrix.Square(from_array(x), distance));
            var condensed = DissimilarityMatrix.Condensed(x, distance);
            True(condensed.Length == CondensedRdm.Length(n), "condensed length is not n(n-1)/2");
            for (int i = 0; i < n; i++)
            {
                True(square[i, i] == 0, $"diagonal [{i},{i}] = {square[i, i]}");
                for (int j = 0; j < n; j++)
                    // Counterexamples to exact symmetry: seeds bGb7-CfREUO3 (Euclidean, 3 × 1) and 3efdSYDANRQ1
                    // (correlation, 4 × 5) differ in the last bit.
                    Close(square[i, j], square[j, i], 1e-15, 2, $"[{j},{i}] mirroring [{i},{j}]");
            }
            var back = CondensedRdm.ToSquare(condensed);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    double upper = square[Math.Min(i, j), Math.Max(i, j)];
                    True(BitConverter.DoubleToInt64Bits(back[i, j]) == BitConverter.DoubleToInt64Bits(upper) || (double.IsNaN(back[i, j]) && double.IsNaN(upper)),
                        $"condensed entry for [{i},{j}] differs from the square form's upper triangle");
                }
            if (condensed.All(double.IsFinite))
                True(CondensedRdm.FromSquare(back).SequenceEqual(condensed), "FromSquare(ToSquare(c)) != c");
        }, iterations: 200, seed: 61);
    }

    [Fact]
    public void Distances_are_non_negative_and_match_their_definitions()
    {
        Run(Gen.Select(Patterns, Distance), c =>
        {
            var (x, distance) = c;
            int n = x.GetLength(0);
            var condensed = DissimilarityMatrix.Condensed(x, distance);
            double largestNorm = Enumerable.Range(0, n).Max(i => Math.Sqrt(Row(x, i).Sum(v => v * v)));
            int k = 0;
            for (int i = 0; i < n; i++)
                for (int j = i + 1; j < n; j++, k++)
                {
                    double value = condensed[k], expected = Naive(Row(x, i), Row(x, j), distance);
                    True(double.IsNaN(value) == double.IsNaN(expected), $"d({i},{j}) = {value}, expected {expected}");
                    if (double.IsNaN(value)) continue;
                    True(value >= 0, $"d({i},{j}) = {value} < 0");
                    if (distance != RdmDistance.Euclidean) True(value <= 2, $"d({i},{j}) = {value} > 2");
                    // Euclidean goes through ‖a‖² + ‖b‖² − 2a·b: for near-equal rows that cancels, leaving an error of
                    // about √ε × the norms (the distance of a duplicate can be ~1e-8 instead of 0).
                    if (distance == RdmDistance.Euclidean) Close(expected, value, 1e-7, largestNorm, $"euclidean d({i},{j})");
                    else Close(expected, value, 1e-12, 1, $"{distance} d({i},{j})");
                }
        }, iterations: 200, seed: 62);
    }

    [Fact]
    public void Reordering_the_stimuli_reorders_the_RDM()
    {
        var gen = Gen.Select(Patterns, Distance).SelectMany(c => Gen.Int.Array[c.Item1.GetLength(0)].Select(keys => (c.Item1, c.Item2, keys)));
        Run(gen, c =>
        {
            var (x, distance, keys) = c;
            int n = x.GetLength(0), d = x.GetLength(1);
            int[] order = Enumerable.Range(0, n).OrderBy(i => keys[i]).ToArray();
            var permuted = new double[n, d];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < d; j++) permuted[i, j] = x[order[i], j];
            var original = CondensedRdm.ToSquare(DissimilarityMatrix.Condensed(x, distance));
            var reordered = CondensedRdm.ToSquare(DissimilarityMatrix.Condensed(permuted, distance));
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    Close(original[order[i], order[j]], reordered[i, j], 1e-7, 1, $"[{i},{j}]");
        }, iterations: 100, seed: 63);
    }
}

/// <summary>Reads a 2-D float64 tensor into an array (the product's helper is internal).</summary>
internal static class PearsonMatrixAccess
{
    public static double[,] ToArray(TorchSharp.torch.Tensor matrix)
    {
        using var d = matrix.to_type(ScalarType.Float64).contiguous();
        var flat = d.data<double>().ToArray();
        var result = new double[d.shape[0], d.shape[1]];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(double));
        return result;
    }
}
