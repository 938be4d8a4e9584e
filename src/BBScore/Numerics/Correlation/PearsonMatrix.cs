using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace BBScore.Numerics.Correlation;

/// <summary>Pearson correlations between every column of one matrix and every column of another (same rows),
/// as one GEMM of the centred, unit-norm columns in float64. This serves both correlation RDMs (columns =
/// stimuli, after transposing stimuli × features) and unit-to-unit matching (columns = units).
/// A column with zero variance has no defined correlation: its row/column of the result is NaN.</summary>
public static class PearsonMatrix
{
    /// <summary>r[i, j] = Pearson(a[:, i], b[:, j]) for a (n × p) and b (n × q); returns p × q.</summary>
    public static double[,] BetweenColumns(double[,] a, double[,] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.GetLength(0) != b.GetLength(0))
            throw new ArgumentException($"Both matrices need the same number of rows (got {a.GetLength(0)} and {b.GetLength(0)}).");
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var r = BetweenColumns(from_array(a), from_array(b));
        return ToArray(r);
    }

    /// <summary>Same, between the columns of two float64 or float32 tensors (n × p and n × q); returns a float64
    /// p × q tensor in the caller's dispose scope. Inputs are not modified.</summary>
    public static Tensor BetweenColumns(Tensor a, Tensor b)
    {
        if (a.dim() != 2 || b.dim() != 2 || a.shape[0] != b.shape[0])
            throw new ArgumentException($"Expected two matrices with the same number of rows, got shapes ({string.Join(", ", a.shape)}) and ({string.Join(", ", b.shape)}).");
        if (a.shape[0] < 2) throw new ArgumentException("Pearson correlation needs at least 2 observations (rows).");
        using var ua = UnitColumns(a);
        using var ub = ReferenceEquals(a, b) ? ua.alias() : UnitColumns(b);
        return Blas.MatrixProduct.Of(ua.t(), ub).clamp_(-1.0, 1.0);
    }

    /// <summary>Columns centred and scaled to unit Euclidean norm (float64); zero-variance columns become NaN,
    /// so every correlation involving them is NaN rather than a division artefact.</summary>
    internal static Tensor UnitColumns(Tensor x)
    {
        using var scope = NewDisposeScope();
        var centred = x.to_type(ScalarType.Float64, copy: true);
        centred.sub_(centred.mean([0], keepdim: true));
        var norms = linalg.vector_norm(centred, 2, [0], keepdim: true);
        // A column whose norm is at rounding level of its values (or exactly 0) is constant.
        // Largest |value| per column from two reductions of the input (no full-size copy): max(|max|, |min|).
        var largest = x.amax([0], keepdim: true).to_type(ScalarType.Float64).abs_()
            .maximum(x.amin([0], keepdim: true).to_type(ScalarType.Float64).abs_());
        var scale = largest.mul_(1e-12 * Math.Sqrt(x.shape[0]));
        norms.masked_fill_(norms.le(scale), double.NaN);
        return centred.div_(norms).MoveToOuterDisposeScope();
    }

    internal static double[,] ToArray(Tensor matrix)
    {
        using var d = matrix.to_type(ScalarType.Float64).contiguous();
        var result = new double[d.shape[0], d.shape[1]];
        if (result.Length == 0) return result;
        MemoryMarshal.Cast<byte, double>(d.bytes).CopyTo(MemoryMarshal.CreateSpan(ref result[0, 0], result.Length));
        return result;
    }
}
