namespace BBScore.Datasets.LeBel;

/// <summary>Everything a TR-level LeBel2023 benchmark scores features against, built once when the data load: the
/// HRF pairs of every story (spec §3.7 step 3), the fMRI they predict on the ceiling-mask voxels (split-half r &gt; 0.15),
/// those voxels' ceilings, the region masks mapped into that voxel space, and the median per-TR spatial ceiling.</summary>
/// <param name="StoryNames">Every story of <paramref name="Stimuli"/>, by story index.</param>
/// <param name="Fmri">(pairs, mask voxels): row k is the fMRI of pair k's fMRI TR.</param>
/// <param name="Ceiling">The ceiling of each mask voxel.</param>
/// <param name="CeilingMask">Over all the participant's voxels: which are mask voxels.</param>
/// <param name="Masks">Region masks over the mask voxels, in <see cref="LeBelRegions.Reported"/> order.</param>
/// <param name="PerTrCeiling">The median of the published per-TR spatial reliability; null when the file has none.</param>
public sealed record LeBelTrData(
    string Subject,
    ILeBelTrStimuli Stimuli,
    IReadOnlyList<string> StoryNames,
    IReadOnlyList<LeBelHrfPairing.Pair> Pairs,
    double[,] Fmri,
    double[] Ceiling,
    bool[] CeilingMask,
    IReadOnlyDictionary<string, bool[]> Masks,
    double? PerTrCeiling)
{
    /// <summary>The story of each pair: the cross-validation groups.</summary>
    public int[] Groups { get; } = Pairs.Select(p => p.Story).ToArray();

    /// <summary>The stories that give at least one pair, by index.</summary>
    public int[] UsedStories { get; } = Pairs.Select(p => p.Story).Distinct().Order().ToArray();

    /// <summary>The pair rows of <paramref name="story"/>, in TR order.</summary>
    public int[] RowsOf(int story) => RowsOf(Groups, story);

    /// <summary>The rows of <paramref name="groups"/> that belong to <paramref name="story"/>.</summary>
    public static int[] RowsOf(IReadOnlyList<int> groups, int story) => Enumerable.Range(0, groups.Count).Where(i => groups[i] == story).ToArray();

    /// <summary>The original's threshold for a language mask from prediction r; stored with the results, as there, and
    /// not used (the language mask is anatomical).</summary>
    public const double LangMaskThreshold = 0.05;

    /// <summary>Run-level keys every TR-level result carries (spec §3.7 step 7).</summary>
    public void AddRunKeys(Metrics.ScoreSet scores)
    {
        scores.Add("hrf_delay", LeBelHrfPairing.DelayTrs);
        scores.Add("tr_duration", LeBelTrTexts.TrSeconds);
        scores.Add("lang_mask_threshold", LangMaskThreshold);
        scores.Add("n_stories", UsedStories.Length);
        scores.Add("total_trs", Pairs.Count);
        scores.Add("ceiling_mask", CeilingMask.Select(m => m ? 1.0 : 0.0).ToArray());
        scores.AddLabels("story_names", UsedStories.Select(s => StoryNames[s]).ToArray());
    }
}
