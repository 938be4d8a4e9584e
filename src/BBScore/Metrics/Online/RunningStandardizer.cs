namespace BBScore.Metrics.Online;

/// <summary>Per-column mean and standard deviation over a stream of batches, in one pass (the online regressor's pass
/// over its training stream, spec §1.18 steps 2–3): each batch's mean and sum of squared deviations, merged into the
/// running ones with Chan et al.'s parallel update, in float64. The standard deviation is sqrt(M2 / (n − 1)), clamped
/// below at a floor (the original's 1e-12 for features, 1e-8 for labels) so a constant column divides by the floor.</summary>
public sealed class RunningStandardizer(int columns)
{
    public const double FeatureFloor = 1e-12, LabelFloor = 1e-8;

    readonly double[] _mean = new double[columns], _m2 = new double[columns];

    public int Columns => columns;

    public long Count { get; private set; }

    /// <summary>Adds a batch of <paramref name="rows"/> rows (row-major, <see cref="Columns"/> values each).</summary>
    public void Add(ReadOnlySpan<float> batch, int rows)
    {
        if (batch.Length != (long)rows * columns) throw new ArgumentException($"{batch.Length} values are not {rows} rows of {columns}.", nameof(batch));
        if (rows == 0) return;
        var mean = new double[columns];
        var m2 = new double[columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) mean[c] += batch[r * columns + c];
        for (int c = 0; c < columns; c++) mean[c] /= rows;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                double d = batch[r * columns + c] - mean[c];
                m2[c] += d * d;
            }
        long n = Count + rows;
        for (int c = 0; c < columns; c++)
        {
            double delta = mean[c] - _mean[c];
            _mean[c] += delta * rows / n;
            _m2[c] += m2[c] + delta * delta * Count * rows / n;
        }
        Count = n;
    }

    public double[] Mean => (double[])_mean.Clone();

    /// <summary>sqrt(M2 / (n − 1)) per column, at least <paramref name="floor"/>; needs two rows or more.</summary>
    public double[] Std(double floor)
    {
        if (Count < 2) throw new InvalidOperationException($"A standard deviation needs at least 2 rows; the stream had {Count}.");
        return _m2.Select(m => Math.Max(Math.Sqrt(m / (Count - 1)), floor)).ToArray();
    }
}
