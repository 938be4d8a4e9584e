using System.Numerics;
using BBScore.Features;

namespace BBScore.Metrics.Tuning;

/// <summary>
/// Mean response of every unit to each distinct stimulus angle: the orientation tuning curves,
/// stored angle-major as [nAngles, nUnits] so both building and reading them stream through
/// contiguous memory even for ~10⁶ units.
/// </summary>
internal sealed class OrientationTuningCurves
{
    /// <summary>Units per parallel work item: 4096 units × 8 angles of doubles stay in L2 cache.</summary>
    const int UnitBlock = 4096;

    OrientationTuningCurves(double[] anglesDeg, int unitCount, double[] means)
    {
        AnglesDeg = anglesDeg;
        UnitCount = unitCount;
        Means = means;
    }

    /// <summary>Distinct angles found in the labels, ascending.</summary>
    public double[] AnglesDeg { get; }

    public int UnitCount { get; }

    /// <summary>Means[k * UnitCount + u] = mean response of unit u to angle k.</summary>
    public double[] Means { get; }

    /// <summary>Averages each unit's responses per distinct angle over all given feature/label
    /// blocks (train and, when present, test); label column 0 is the angle in degrees.</summary>
    public static OrientationTuningCurves Compute(IReadOnlyList<(FeatureTensor Features, double[,] Labels)> blocks)
    {
        int units = blocks[0].Features.RowLength;
        foreach (var (features, labels) in blocks)
        {
            if (features.RowLength != units)
                throw new ArgumentException($"Feature blocks disagree on the unit count ({units} vs {features.RowLength}).");
            if (labels.GetLength(0) != features.Rows)
                throw new ArgumentException($"{features.Rows} feature rows but {labels.GetLength(0)} label rows.");
            if (labels.GetLength(1) < 1)
                throw new ArgumentException("orientation_selectivity needs the angle (degrees) in label column 0.");
        }

        double[] angles = DistinctAngles(blocks);
        var rowAngle = blocks.Select(b => AngleIndices(b.Labels, angles)).ToArray();
        var counts = new int[angles.Length];
        foreach (int[] indices in rowAngle)
            foreach (int k in indices) counts[k]++;

        var sums = new double[(long)angles.Length * units];
        int blockCount = (units + UnitBlock - 1) / UnitBlock;
        Parallel.For(0, blockCount, block =>
        {
            int start = block * UnitBlock;
            int length = Math.Min(UnitBlock, units - start);
            for (int b = 0; b < blocks.Count; b++)
            {
                float[] data = blocks[b].Features.Data;
                int[] indices = rowAngle[b];
                for (int r = 0; r < indices.Length; r++)
                {
                    var source = new ReadOnlySpan<float>(data, r * units + start, length);
                    var target = new Span<double>(sums, indices[r] * units + start, length);
                    AddWidened(source, target);
                }
            }
        });

        for (int k = 0; k < angles.Length; k++)
        {
            var row = new Span<double>(sums, k * units, units);
            double inverse = 1.0 / counts[k];
            for (int u = 0; u < row.Length; u++) row[u] *= inverse;
        }
        return new OrientationTuningCurves(angles, units, sums);
    }

    static double[] DistinctAngles(IReadOnlyList<(FeatureTensor Features, double[,] Labels)> blocks)
    {
        var angles = new SortedSet<double>();
        foreach (var (_, labels) in blocks)
        {
            for (int r = 0; r < labels.GetLength(0); r++)
            {
                double angle = labels[r, 0];
                if (!double.IsFinite(angle))
                    throw new ArgumentException($"Angle label in row {r} is {angle}; every stimulus needs a finite angle.");
                angles.Add(angle);
            }
        }
        if (angles.Count == 0) throw new ArgumentException("orientation_selectivity needs at least one stimulus.");
        return angles.ToArray();
    }

    static int[] AngleIndices(double[,] labels, double[] angles)
    {
        var indices = new int[labels.GetLength(0)];
        for (int r = 0; r < indices.Length; r++) indices[r] = Array.BinarySearch(angles, labels[r, 0]);
        return indices;
    }

    /// <summary>target += source, widening float32 activations to double so per-angle sums over
    /// hundreds of images keep full precision.</summary>
    static void AddWidened(ReadOnlySpan<float> source, Span<double> target)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<float>.Count;
            int half = Vector<double>.Count;
            for (; i <= source.Length - width; i += width)
            {
                Vector.Widen(new Vector<float>(source[i..]), out Vector<double> low, out Vector<double> high);
                (new Vector<double>(target[i..]) + low).CopyTo(target[i..]);
                (new Vector<double>(target[(i + half)..]) + high).CopyTo(target[(i + half)..]);
            }
        }
        for (; i < source.Length; i++) target[i] += source[i];
    }
}
