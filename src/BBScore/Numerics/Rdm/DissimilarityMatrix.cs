using System.Runtime.InteropServices;
using BBScore.Features;
using BBScore.Numerics.Correlation;
using static TorchSharp.torch;

namespace BBScore.Numerics.Rdm;

/// <summary>
/// Representational dissimilarity matrices of stimulus patterns (rows of an N × D matrix), computed as one GEMM
/// of the N patterns against themselves in float64 and returned condensed (<see cref="CondensedRdm"/>, scipy
/// <c>pdist</c> order). Correlation distance goes through the shared <see cref="PearsonMatrix"/>.
/// </summary>
/// <remarks>
/// Why float64: it matches SciPy's <c>pdist</c> to ~1e-15, so equal distances (duplicate stimuli) stay equal and
/// rank-based comparisons do not depend on rounding. A float32 GEMM of unit-norm rows would be about twice as fast;
/// on bench workload D (1000 × 25088) it was off by at most 7e-8 and moved Spearman's rho by 2e-8 (the
/// <c>rsa</c> bench workload prints both), an acceptable error, but the model RDM is computed once per run and the
/// float64 GEMM takes seconds, so exactness wins.
/// </remarks>
public static class DissimilarityMatrix
{
    /// <summary>Condensed RDM of a feature tensor's stimuli (first axis), each flattened to one pattern.
    /// The float32 storage is wrapped, not copied.</summary>
    public static double[] Condensed(FeatureTensor features, RdmDistance distance = RdmDistance.Correlation)
    {
        ArgumentNullException.ThrowIfNull(features);
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var patterns = from_array(features.Data).reshape(features.Rows, features.RowLength);
        return Condensed(patterns, distance);
    }

    /// <summary>Condensed RDM of the rows of a stimuli × values matrix.</summary>
    public static double[] Condensed(double[,] patterns, RdmDistance distance = RdmDistance.Correlation)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        return Condensed(from_array(patterns), distance);
    }

    /// <summary>Condensed RDM of the rows of a 2-D float32 or float64 tensor (not modified).</summary>
    public static double[] Condensed(Tensor patterns, RdmDistance distance = RdmDistance.Correlation)
    {
        using var scope = NewDisposeScope();
        return UpperTriangle(Square(patterns, distance));
    }

    /// <summary>The full N × N float64 RDM tensor (zero diagonal), in the caller's dispose scope.</summary>
    public static Tensor Square(Tensor patterns, RdmDistance distance = RdmDistance.Correlation)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        if (patterns.dim() != 2)
            throw new ArgumentException($"Stimulus patterns must be a matrix (stimuli × values); got shape ({string.Join(", ", patterns.shape)}).");
        CondensedRdm.RequireStimuli((int)patterns.shape[0]);
        using var scope = NewDisposeScope();
        var square = distance switch
        {
            RdmDistance.Correlation => CorrelationDistance(patterns),
            RdmDistance.Euclidean => EuclideanDistance(patterns),
            RdmDistance.Cosine => CosineDistance(patterns),
            _ => throw new ArgumentOutOfRangeException(nameof(distance), distance, null),
        };
        // A pattern's distance to itself is 0 by definition (squareform's diagonal), even where undefined off it.
        square.diagonal().fill_(0.0);
        return square.MoveToOuterDisposeScope();
    }

    static Tensor CorrelationDistance(Tensor patterns)
    {
        long stimuli = patterns.shape[0];
        // One value per pattern: every pattern is constant, no correlation is defined.
        if (patterns.shape[1] < 2) return full(stimuli, stimuli, double.NaN, ScalarType.Float64);
        // Pearson between stimuli = between the columns of the transposed (values × stimuli) matrix.
        var columns = patterns.t();
        return PearsonMatrix.BetweenColumns(columns, columns).neg_().add_(1.0);
    }

    static Tensor EuclideanDistance(Tensor patterns)
    {
        // Distances do not change when every pattern is shifted by the same vector; removing the mean pattern
        // keeps the norms small, which limits cancellation in ‖a‖² + ‖b‖² − 2a·b.
        var x = patterns.to_type(ScalarType.Float64, copy: true);
        x.sub_(x.mean([0], keepdim: true));
        var squares = x.mul(x).sum([1]);
        var distances = x.mm(x.t()).mul_(-2.0).add_(squares.unsqueeze(1)).add_(squares.unsqueeze(0));
        return distances.clamp_min_(0.0).sqrt_();
    }

    static Tensor CosineDistance(Tensor patterns)
    {
        var x = patterns.to_type(ScalarType.Float64, copy: true);
        var norms = linalg.vector_norm(x, 2, [1], keepdim: true);
        norms.masked_fill_(norms.eq(0.0), double.NaN);
        x.div_(norms);
        return x.mm(x.t()).clamp_(-1.0, 1.0).neg_().add_(1.0);
    }

    static double[] UpperTriangle(Tensor square)
    {
        int n = (int)square.shape[0];
        using var contiguous = square.to_type(ScalarType.Float64).contiguous();
        var values = MemoryMarshal.Cast<byte, double>(contiguous.bytes);
        var condensed = new double[CondensedRdm.Length(n)];
        long k = 0;
        for (int i = 0; i < n; i++)
        {
            var row = values.Slice(i * n + i + 1, n - i - 1);
            row.CopyTo(condensed.AsSpan((int)k, row.Length));
            k += row.Length;
        }
        return condensed;
    }
}
