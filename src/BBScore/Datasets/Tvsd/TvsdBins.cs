namespace BBScore.Datasets.Tvsd;

/// <summary>Which time binning of the multi-unit activity: the default response window, or 18 bins of
/// 10 ms (<see cref="TvsdTimeBins.TenMs"/>), each its own set of files.</summary>
public enum TvsdBins { Default, TenMs }

public static class TvsdTimeBins
{
    /// <summary>The 10 ms bins' folder names, in ms: <c>range(25, 200, 10)</c> = 25, 35, ..., 195 (18 bins).</summary>
    public static IReadOnlyList<int> TenMs { get; } = Enumerable.Range(0, 18).Select(i => 25 + 10 * i).ToArray();

    /// <summary>The archive (and extraction folder) that holds <paramref name="bins"/>.</summary>
    public static string ArchiveBaseName(this TvsdBins bins) => bins switch
    {
        TvsdBins.Default => "defaultBins",
        TvsdBins.TenMs => "10msBins",
        _ => throw new ArgumentOutOfRangeException(nameof(bins), bins, null),
    };
}
