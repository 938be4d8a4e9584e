using BBScore.Numerics.Correlation;
using BBScore.Numerics.Statistics;

namespace BBScore.Metrics.Similarity.Rsa;

/// <summary>The error bars of an RSA score: rsatoolbox's pattern bootstrap (one brain RDM) or dual bootstrap
/// (stimuli and subjects, several subject RDMs), seeded by the run's seed; the standard error is rsatoolbox's
/// corrected one, the interval the percentiles of the joint resamples (<see cref="RsaBootstrap"/>). Kendall's
/// τ-b and τ-a are not bootstrapped: over resampled pairs they need weighted pair counting, and say so.</summary>
internal static class RsaUncertainty
{
    public static void Add(ScoreSet scores, string group, double[] modelRdm, IReadOnlyList<double[]> subjectRdms, int stimuli, int resamples, int seed)
    {
        SkipKendall(scores, group);
        string[] keys = RsaBootstrap.Methods.Select(m => $"{group}.{m}").ToArray();
        if (WhyNot(modelRdm, subjectRdms, stimuli, resamples) is { } whyNot)
        {
            foreach (string key in keys) ScoreUncertainty.Skip(scores, key, whyNot);
            return;
        }
        var groups = subjectRdms.Count > 1 ? new[] { stimuli, subjectRdms.Count } : new[] { stimuli };
        var samples = RsaBootstrap.Sample(modelRdm, subjectRdms, stimuli, new SeededResampler(resamples, seed, groups));
        for (int m = 0; m < keys.Length; m++)
        {
            ScoreUncertainty.Add(scores, keys[m], samples.StandardError(m), samples.Both[m], "a constant RDM in almost every resample");
            ScoreUncertainty.KeepHeadlineSamples(scores, keys[m], samples.Both[m]);
        }
        ScoreUncertainty.Describe(scores, resamples, subjectRdms.Count > 1
            ? "stimuli and subjects (rsatoolbox's dual bootstrap)"
            : "stimuli (rsatoolbox's pattern bootstrap)", seed, groups);
    }

    /// <summary>Kendall's τ-b and τ-a of score group <paramref name="group"/> get the note instead of a bar.</summary>
    public static void SkipKendall(ScoreSet scores, string group)
    {
        foreach (var method in new[] { VectorComparisonMethod.Kendall, VectorComparisonMethod.TauA })
            ScoreUncertainty.Skip(scores, RdmComparisons.Key(group, method), "Kendall's tau is not bootstrapped yet (spearman, corr and cosine are)");
    }

    /// <summary>Why these RDMs get no pattern bootstrap; null when they do.</summary>
    public static string? WhyNot(double[] modelRdm, IReadOnlyList<double[]> brainRdms, int stimuli, int resamples) =>
        resamples <= 0 ? "bootstrap turned off (--bootstrap 0)"
        : stimuli < 4 ? $"too few stimuli ({stimuli}) for a bootstrap of the RDMs"
        // A constant stimulus pattern has no correlation distance; which pairs to drop would change per resample.
        : modelRdm.Any(double.IsNaN) || brainRdms.Any(r => r.Any(double.IsNaN)) ? "an RDM has undefined (NaN) dissimilarities, from a constant stimulus pattern"
        : null;
}
