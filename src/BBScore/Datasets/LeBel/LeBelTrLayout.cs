using BBScore.Numerics;

namespace BBScore.Datasets.LeBel;

/// <summary>Where a TR-level stimulus set's stimuli sit in the stories' TR grids: each story's TR count, and the
/// (story, TR) of each stimulus in order. TRs with no stimulus (before a story's first word; a silent audio segment)
/// have zero features, as the original's zero vectors.</summary>
public sealed class LeBelTrLayout(int[] trCounts, IReadOnlyList<(int Story, int Tr)> rows)
{
    public int[] TrCounts { get; } = trCounts;

    public IReadOnlyList<(int Story, int Tr)> Rows { get; } = rows;

    /// <summary>Features (one row per stimulus, <paramref name="width"/> values each) laid out per story as
    /// (TRs, width), zero where a TR had no stimulus.</summary>
    public float[][,] PerStory(ReadOnlySpan<float> features, int width)
    {
        if (features.Length != (long)Rows.Count * width) throw new ArgumentException($"{features.Length} values for {Rows.Count} stimuli of {width}.", nameof(features));
        var result = TrCounts.Select(n => new float[n, width]).ToArray();
        for (int i = 0; i < Rows.Count; i++)
        {
            var (story, tr) = Rows[i];
            for (int d = 0; d < width; d++) result[story][tr, d] = features[i * width + d];
        }
        return result;
    }

    /// <summary>The design matrix of the HRF pairs: row k holds the features of pair k's feature TR (zeros where that
    /// TR had no stimulus).</summary>
    public FeatureMatrix Design(FeatureMatrix features, IReadOnlyList<LeBelHrfPairing.Pair> pairs)
    {
        if (features.Rows != Rows.Count) throw new ArgumentException($"{features.Rows} feature rows for {Rows.Count} TR stimuli.", nameof(features));
        var index = new Dictionary<(int, int), int>(Rows.Count);
        for (int i = 0; i < Rows.Count; i++) index[Rows[i]] = i;
        int width = features.Cols;
        var data = new float[(long)pairs.Count * width];
        for (int k = 0; k < pairs.Count; k++)
            if (index.TryGetValue((pairs[k].Story, pairs[k].FeatureTr), out int row))
                features.Row(row).CopyTo(data.AsSpan(k * width, width));
        return new FeatureMatrix(data, pairs.Count, width);
    }
}
