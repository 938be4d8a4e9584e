namespace BBScore.Datasets.LeBel;

/// <summary>Which TR's features predict which TR's fMRI (spec §3.7 step 3): per story, features and fMRI cut to the
/// shorter of the two, and the response lagging the stimulus by the haemodynamic delay of 2 TRs (4 s): features of
/// TR t pair with fMRI of TR t + 2. Stories with fewer than delay + 1 TRs give no pair and are left out.</summary>
public static class LeBelHrfPairing
{
    public const int DelayTrs = 2;

    /// <summary>One training row: the story, the TR whose features are used, the TR whose fMRI is predicted.</summary>
    public readonly record struct Pair(int Story, int FeatureTr, int FmriTr);

    /// <param name="trs">Per story, its feature TR count and its fMRI TR count.</param>
    public static IReadOnlyList<Pair> Pairs(IReadOnlyList<(int FeatureTrs, int FmriTrs)> trs, int delay = DelayTrs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delay);
        var pairs = new List<Pair>();
        for (int s = 0; s < trs.Count; s++)
        {
            int n = Math.Min(trs[s].FeatureTrs, trs[s].FmriTrs);
            if (n < delay + 1) continue;
            for (int t = 0; t + delay < n; t++) pairs.Add(new Pair(s, t, t + delay));
        }
        return pairs;
    }
}
