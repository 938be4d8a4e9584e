using BBScore.Metrics.Online.Streams;

namespace BBScore.Metrics.Online.Regressor;

/// <summary>Reads batches of standardised features and labels (spec §1.18 steps 2–3): the per-column mean and standard
/// deviation come from one pass over the training rows, merged batch by batch with Chan's update (features floored at
/// 1e-12, labels at 1e-8). Buffers hold one batch; they are reused for every batch of every epoch.</summary>
public sealed class StandardisedBatches
{
    readonly IRowSource _features, _targets;
    readonly float[] _featureMean, _featureScale, _labelMean, _labelScale;

    StandardisedBatches(IRowSource features, IRowSource targets, RunningStandardizer x, RunningStandardizer y)
    {
        (_features, _targets) = (features, targets);
        _featureMean = Array.ConvertAll(x.Mean, v => (float)v);
        _featureScale = Array.ConvertAll(x.Std(RunningStandardizer.FeatureFloor), v => (float)v);
        LabelMean = y.Mean;
        LabelStd = y.Std(RunningStandardizer.LabelFloor);
        _labelMean = Array.ConvertAll(LabelMean, v => (float)v);
        _labelScale = Array.ConvertAll(LabelStd, v => (float)v);
    }

    /// <summary>The training labels' mean and standard deviation (predictions are mapped back with them).</summary>
    public double[] LabelMean { get; }
    public double[] LabelStd { get; }

    public int Inputs => _features.RowLength;
    public int Outputs => _targets.RowLength;

    /// <summary>The statistics pass over <paramref name="rows"/>, <paramref name="batch"/> rows at a time.</summary>
    public static StandardisedBatches Measure(IRowSource features, IRowSource targets, int[] rows, int batch)
    {
        var x = new RunningStandardizer(features.RowLength);
        var y = new RunningStandardizer(targets.RowLength);
        var xb = new float[(long)batch * features.RowLength];
        var yb = new float[(long)batch * targets.RowLength];
        for (int start = 0; start < rows.Length; start += batch)
        {
            var chunk = rows.AsSpan(start, Math.Min(batch, rows.Length - start));
            features.ReadRows(chunk, xb);
            targets.ReadRows(chunk, yb);
            x.Add(xb.AsSpan(0, chunk.Length * features.RowLength), chunk.Length);
            y.Add(yb.AsSpan(0, chunk.Length * targets.RowLength), chunk.Length);
        }
        return new StandardisedBatches(features, targets, x, y);
    }

    /// <summary>Standardised features of <paramref name="rows"/> into <paramref name="x"/>; NaN becomes 0 and ±inf ±1e6
    /// first (the original's nan_to_num on inputs).</summary>
    public void ReadFeatures(IRowSource source, ReadOnlySpan<int> rows, float[] x)
    {
        source.ReadRows(rows, x);
        Standardise(x.AsSpan(0, rows.Length * Inputs), _featureMean, _featureScale, clean: true);
    }

    /// <summary>Standardised labels of <paramref name="rows"/> into <paramref name="y"/>.</summary>
    public void ReadLabels(IRowSource source, ReadOnlySpan<int> rows, float[] y)
    {
        source.ReadRows(rows, y);
        Standardise(y.AsSpan(0, rows.Length * Outputs), _labelMean, _labelScale, clean: false);
    }

    /// <summary>Standardised predictions back in the labels' units, in place.</summary>
    public void Unstandardise(Span<float> predictions)
    {
        for (int i = 0; i < predictions.Length; i++)
        {
            int c = i % Outputs;
            predictions[i] = predictions[i] * _labelScale[c] + _labelMean[c];
        }
    }

    public IRowSource Features => _features;
    public IRowSource Targets => _targets;

    static void Standardise(Span<float> values, float[] mean, float[] scale, bool clean)
    {
        int width = mean.Length;
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            if (clean) v = float.IsNaN(v) ? 0 : float.IsPositiveInfinity(v) ? 1e6f : float.IsNegativeInfinity(v) ? -1e6f : v;
            int c = i % width;
            values[i] = (v - mean[c]) / scale[c];
        }
    }
}
