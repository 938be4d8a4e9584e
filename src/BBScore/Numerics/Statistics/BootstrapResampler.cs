using BBScore.Numerics.CrossValidation;

namespace BBScore.Numerics.Statistics;

/// <summary>Draws bootstrap resamples: resample b of group g (a cross-validation fold's held-out rows, the test
/// set, an RDM's stimuli, the subjects) is <c>size(g)</c> items drawn with replacement, given as how often each
/// item was drawn. Calls for one group must come in resample order (0, 1, 2, ...).</summary>
public interface IBootstrapResampler
{
    int Resamples { get; }

    /// <summary>Writes into <paramref name="counts"/> (length = the group's size) how many times each item
    /// of group <paramref name="group"/> is in resample <paramref name="resample"/>.</summary>
    void FillCounts(int group, int resample, Span<double> counts);
}

/// <summary>Seeded draws: one <see cref="SeededRandom"/> stream per group, derived from the run's seed, so
/// a stored result's interval is reproducible from its seed and does not depend on how work is split.</summary>
public sealed class SeededResampler(int resamples, int seed, IReadOnlyList<int> groupSizes) : IBootstrapResampler
{
    readonly SeededRandom[] _streams = groupSizes.Select((_, g) => new SeededRandom(StreamSeed(seed, g))).ToArray();
    readonly int[] _next = new int[groupSizes.Count];

    public int Resamples { get; } = resamples;

    public void FillCounts(int group, int resample, Span<double> counts)
    {
        if (resample != _next[group]) throw new InvalidOperationException($"resample {resample} of group {group} asked out of order (expected {_next[group]})");
        _next[group]++;
        counts.Clear();
        var stream = _streams[group];
        for (int i = 0; i < counts.Length; i++) counts[stream.NextBelow(counts.Length)]++;
    }

    /// <summary>A stream per group, apart from the streams the same seed drives elsewhere (fold shuffles).</summary>
    static long StreamSeed(int seed, int group) => unchecked(seed * 0x2545F4914F6CDD1DL + 0x626F6F74L * (group + 1));
}

/// <summary>Given resamples, as item indices: <c>indices[group][resample]</c> lists the items drawn. For
/// checking against a reference implementation (SciPy, rsatoolbox) on the same resamples.</summary>
public sealed class ExplicitResampler(IReadOnlyList<IReadOnlyList<int[]>> indices) : IBootstrapResampler
{
    public int Resamples { get; } = indices.Count == 0 ? 0 : indices[0].Count;

    public void FillCounts(int group, int resample, Span<double> counts)
    {
        counts.Clear();
        foreach (int item in indices[group][resample]) counts[item]++;
    }
}

/// <summary>One group of another resampler seen as group 0: lets a one-group bootstrap (<see cref="RsaBootstrap"/>)
/// run per cross-validation fold while each fold keeps its own draws.</summary>
public sealed class ResamplerGroup(IBootstrapResampler inner, int group) : IBootstrapResampler
{
    public int Resamples => inner.Resamples;

    public void FillCounts(int group0, int resample, Span<double> counts)
    {
        if (group0 != 0) throw new ArgumentOutOfRangeException(nameof(group0), "a single group is group 0");
        inner.FillCounts(group, resample, counts);
    }
}
