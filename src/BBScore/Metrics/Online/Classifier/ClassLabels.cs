using BBScore.Metrics.Online.Streams;

namespace BBScore.Metrics.Online.Classifier;

/// <summary>The online classifiers' labels: the target stream holds one value per stimulus, the class index as a number
/// (0, 1, ..., C − 1). Labels are small (one number a stimulus), so they are read whole.</summary>
public static class ClassLabels
{
    /// <summary>Every row's class index; fails (naming <paramref name="what"/>, the row and the value) on a stream with
    /// more than one value per row or a value that is not a non-negative integer.</summary>
    public static int[] Read(IRowSource targets, string what = "the targets")
    {
        if (targets.RowLength != 1)
            throw new ArgumentException($"The online classifiers take one class index per stimulus; {what} have {targets.RowLength} values per stimulus " +
                                        $"(shape ({string.Join(", ", targets.UnitShape)}) per row). Give a 1-D array of class ids 0..C-1.");
        var values = new float[targets.Rows];
        targets.ReadRows(Enumerable.Range(0, targets.Rows).ToArray(), values);
        var labels = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            if (!(v >= 0) || v != MathF.Floor(v) || v > 1_000_000)
                throw new ArgumentException($"{what}: row {i} holds {v}, not a class index; the online classifiers need integer class ids 0..C-1.");
            labels[i] = (int)v;
        }
        return labels;
    }
}
