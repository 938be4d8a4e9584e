namespace BBScore.Numerics.Statistics;

/// <summary>The subject level of a two-level bootstrap: targets are several subjects' units concatenated
/// (<c>unitsPerSubject</c> columns each, in order), and each resample draws the subjects with replacement as well
/// as the stimuli. A subject drawn twice counts twice in the median over targets, so a resample's per-target
/// values are expanded to the drawn subjects' blocks before the median is taken.</summary>
sealed class SubjectDraws
{
    readonly int[] _starts, _lengths;
    readonly double[][] _counts; // resample × subject

    SubjectDraws(IReadOnlyList<int> unitsPerSubject, double[][] counts)
    {
        _lengths = unitsPerSubject.ToArray();
        _starts = new int[_lengths.Length];
        for (int s = 1; s < _lengths.Length; s++) _starts[s] = _starts[s - 1] + _lengths[s - 1];
        _counts = counts;
        MaxExpandedLength = _lengths.Length * _lengths.Max();
    }

    /// <summary>The longest expansion a resample can need (every draw the largest subject).</summary>
    public int MaxExpandedLength { get; }

    /// <summary>Draws every resample's subject counts from group <paramref name="group"/> of the resampler.</summary>
    public static SubjectDraws Draw(IReadOnlyList<int> unitsPerSubject, int group, IBootstrapResampler resampler)
    {
        var counts = new double[resampler.Resamples][];
        for (int b = 0; b < counts.Length; b++)
        {
            counts[b] = new double[unitsPerSubject.Count];
            resampler.FillCounts(group, b, counts[b]);
        }
        return new SubjectDraws(unitsPerSubject, counts);
    }

    /// <summary>Resample <paramref name="resample"/>'s values: each subject's block of <paramref name="values"/>
    /// repeated as often as that subject was drawn, written into <paramref name="buffer"/>.</summary>
    public Span<double> Expand(ReadOnlySpan<double> values, int resample, Span<double> buffer)
    {
        int length = 0;
        var counts = _counts[resample];
        for (int s = 0; s < _lengths.Length; s++)
        {
            var block = values.Slice(_starts[s], _lengths[s]);
            for (int copy = 0; copy < (int)counts[s]; copy++)
            {
                block.CopyTo(buffer[length..]);
                length += block.Length;
            }
        }
        return buffer[..length];
    }
}
