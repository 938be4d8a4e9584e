using static TorchSharp.torch;

namespace BBScore.Numerics.Ridge;

/// <summary>A block of target columns, centred (sklearn's fit_intercept=True: y − ȳ per target, in float64)
/// and then converted to the compute precision. Create inside a dispose scope: its tensors belong to it.</summary>
internal sealed class TargetChunk
{
    TargetChunk(int start, int count, Tensor centred, double[] means)
    {
        Start = start;
        Count = count;
        Centred = centred;
        Means = means;
    }

    public int Start { get; }
    public int Count { get; }

    /// <summary>y − ȳ in the compute precision.</summary>
    public Tensor Centred { get; }

    /// <summary>ȳ per target of the chunk.</summary>
    public double[] Means { get; }

    public IReadOnlyList<int> TargetIndices => Enumerable.Range(Start, Count).ToArray();

    public static TargetChunk Load(double[,] y, int start, int count, ScalarType computeType)
    {
        using var raw = ManagedTensors.Slice(y, start, count); // a view of y: centred out of place
        using var means = raw.mean([0]);
        var meanValues = ManagedTensors.ToDoubles(means);
        // A NaN or ±∞ anywhere in a column makes its mean non-finite: this checks all of y.
        if (meanValues.Any(m => !double.IsFinite(m)))
            throw new ArgumentException("Targets contain NaN or infinite values; remove or impute them first.", nameof(y));
        if (computeType == ScalarType.Float64) return new TargetChunk(start, count, raw.sub(means), meanValues);
        // Centre in float64 (a near-constant target loses its variation if rounded first), a block of rows at a
        // time through one small buffer, and store in float32.
        var centred = empty(raw.shape[0], count, computeType);
        const long blockRows = 64;
        using var block = empty(Math.Min(blockRows, raw.shape[0]), count, ScalarType.Float64);
        for (long row = 0; row < raw.shape[0]; row += blockRows)
        {
            long rows = Math.Min(blockRows, raw.shape[0] - row);
            using var part = block.narrow(0, 0, rows);
            part.copy_(raw.narrow(0, row, rows)).sub_(means);
            centred.narrow(0, row, rows).copy_(part);
        }
        return new TargetChunk(start, count, centred, meanValues);
    }

    /// <summary>Chunk starts and sizes covering all targets.</summary>
    public static IEnumerable<(int Start, int Count)> Ranges(int targets, int chunkSize)
    {
        for (int start = 0; start < targets; start += chunkSize)
            yield return (start, Math.Min(chunkSize, targets - start));
    }
}
