using BBScore.Numerics.Statistics;

namespace BBScore.Metrics.Tuning;

/// <summary>The error bar of <c>orientation_selectivity</c>'s <c>mean_cv</c>, a mean over units: the units are drawn
/// with replacement, each unit's circular variance fixed, and the NaN-skipping mean recomputed. The gratings are not
/// resampled: that would rebuild every unit's tuning curve per resample (a resamples × stimuli × units product, too
/// much for layers of ~10⁶ units), so the bar says how well the layer's units pin the mean, not how it depends on
/// which gratings were shown.</summary>
public static class OrientationSelectivityUncertainty
{
    public static void Add(ScoreSet scores, double[] cv, int resamples, int seed)
    {
        if (resamples <= 0)
        {
            ScoreUncertainty.Skip(scores, "mean_cv", "bootstrap turned off (--bootstrap 0)");
            return;
        }
        var samples = Samples(cv, new SeededResampler(resamples, seed, [cv.Length]));
        ScoreUncertainty.Add(scores, "mean_cv", samples, "fewer than 2 units with a defined circular variance");
        ScoreUncertainty.KeepHeadlineSamples(scores, "mean_cv", samples);
        ScoreUncertainty.Describe(scores, resamples, "units (each unit's circular variance fixed; gratings not resampled)", seed, [cv.Length]);
    }

    /// <summary>mean_cv per resample: Σ count·cv / Σ count over the drawn units whose cv is defined (NaN when none).</summary>
    public static double[] Samples(double[] cv, IBootstrapResampler resampler)
    {
        var counts = new double[cv.Length];
        var samples = new double[resampler.Resamples];
        for (int b = 0; b < samples.Length; b++)
        {
            resampler.FillCounts(0, b, counts);
            double sum = 0, drawn = 0;
            for (int u = 0; u < cv.Length; u++)
                if (counts[u] > 0 && !double.IsNaN(cv[u])) { sum += counts[u] * cv[u]; drawn += counts[u]; }
            samples[b] = drawn == 0 ? double.NaN : sum / drawn;
        }
        return samples;
    }
}
