using BBScore.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Features;

public enum ProjectionKind { Dense, Sparse }

/// <summary>Seeded random projection of the last feature axis to <c>targetDim</c> (spec §1.3):
/// dense = N(0,1)/√k entries; sparse (Achlioptas/Li) = ±√s with probability 1/s, s = 1/density,
/// density = clip(1/√D, 0.001, 1), else 0 — without the 1/√k factor, as in the original, so scores
/// (correlations) are unaffected while magnitudes match the original's features.</summary>
public static class RandomProjection
{
    public const int DefaultTargetDim = 1024;

    public static ProjectionKind Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "dense" => ProjectionKind.Dense,
        "sparse" => ProjectionKind.Sparse,
        _ => throw new ArgumentException($"Unknown random projection '{text}'. Use 'dense' or 'sparse'."),
    };

    /// <summary>The D×k projection matrix, row-major; identical for the same (kind, D, k, seed).</summary>
    public static float[] Matrix(ProjectionKind kind, int inputDim, int targetDim, int seed)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var matrix = MatrixTensor(kind, inputDim, targetDim, seed);
        return matrix.data<float>().ToArray();
    }

    /// <summary>Rows projected per product (about this many bytes of input): the input is read in place, so projecting
    /// a 22,248 × 25,088 layer needs the output and one block's product, not a second copy of the features.</summary>
    public const long DefaultBlockBytes = 64L << 20;

    /// <summary>Projects the last axis of <paramref name="features"/> (rows × ... × D), a block of rows (about
    /// <paramref name="blockBytes"/> of input) at a time.</summary>
    public static FeatureTensor Project(FeatureTensor features, ProjectionKind kind, int targetDim, int seed, long blockBytes = DefaultBlockBytes)
    {
        TorchRuntime.EnsureLoaded();
        int inputDim = features.Shape[^1];
        long rows = features.Data.Length / inputDim;
        using var scope = NewDisposeScope();
        var matrix = MatrixTensor(kind, inputDim, targetDim, seed);
        var output = new float[rows * targetDim];
        var x = from_array(features.Data).reshape(rows, inputDim); // a view of the caller's array, no copy
        long blockRows = Math.Max(1, blockBytes / ((long)inputDim * sizeof(float)));
        for (long start = 0; start < rows; start += blockRows)
        {
            using var blockScope = NewDisposeScope();
            long count = Math.Min(blockRows, rows - start);
            var projected = x.narrow(0, start, count).matmul(matrix);
            projected.data<float>().CopyTo(output.AsSpan((int)(start * targetDim), (int)(count * targetDim)));
        }
        int[] shape = features.Shape[..^1].Append(targetDim).ToArray();
        return new FeatureTensor(output, shape);
    }

    static Tensor MatrixTensor(ProjectionKind kind, int inputDim, int targetDim, int seed)
    {
        using var generator = new Generator((ulong)seed);
        if (kind == ProjectionKind.Dense)
            return randn([inputDim, targetDim], ScalarType.Float32, generator: generator).div_(Math.Sqrt(targetDim));
        double density = Math.Clamp(1.0 / Math.Sqrt(inputDim), 0.001, 1.0);
        float magnitude = (float)Math.Sqrt(1.0 / density);
        var keep = rand([inputDim, targetDim], ScalarType.Float32, generator: generator).lt(density);
        var sign = rand([inputDim, targetDim], ScalarType.Float32, generator: generator).lt(0.5).to_type(ScalarType.Float32).mul_(2).sub_(1);
        return sign.mul_(keep.to_type(ScalarType.Float32)).mul_(magnitude);
    }
}
