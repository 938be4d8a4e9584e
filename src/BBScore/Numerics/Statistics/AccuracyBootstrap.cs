namespace BBScore.Numerics.Statistics;

/// <summary>The bootstrap of a share of hits (an accuracy) with the answers fixed: each resample draws the items of
/// one group with replacement and counts the drawn hits, so an item drawn twice counts twice; the share is over the
/// group's size, as every resample has that many items.</summary>
public static class AccuracyBootstrap
{
    public static double[] Sample(IReadOnlyList<bool> hits, IBootstrapResampler resampler, int group = 0)
    {
        int n = hits.Count;
        var counts = new double[n];
        var accuracy = new double[resampler.Resamples];
        for (int b = 0; b < accuracy.Length; b++)
        {
            resampler.FillCounts(group, b, counts);
            double correct = 0;
            for (int i = 0; i < n; i++) if (hits[i]) correct += counts[i];
            accuracy[b] = correct / n;
        }
        return accuracy;
    }
}
