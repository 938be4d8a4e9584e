using BBScore.Numerics.Statistics;

namespace BBScore.Metrics;

/// <summary>Writes a bootstrap beside the score it qualifies: <c>K_se</c> (standard error) and <c>K_ci95</c>
/// ([low, high], 95% percentile interval) for score key K, plus once per score set <c>bootstrap_resamples</c>
/// and the label <c>bootstrap_unit</c> (what was resampled). When a score has no interval the label
/// <c>K_se_note</c> says why, so a missing error bar is never silent. The headline's resampled values are kept as
/// <c>K_bootstrap</c> (one per resample, NaN where undefined) with the draw's identity (<c>bootstrap_seed</c>,
/// <c>bootstrap_groups</c>): two results with the same identity were resampled identically, which is what
/// <c>bbscore compare</c> pairs.</summary>
public static class ScoreUncertainty
{
    public const int DefaultResamples = 1000;

    public static void Add(ScoreSet scores, string key, ReadOnlySpan<double> samples, string whyNotWhenEmpty)
    {
        if (BootstrapSummary.Of(samples) is { } summary)
        {
            scores.Add(key + "_se", summary.StandardError);
            scores.Add(key + "_ci95", [summary.Low, summary.High]);
        }
        else
        {
            scores.AddLabels(key + "_se_note", [whyNotWhenEmpty]);
        }
    }

    /// <summary>Like <see cref="Add(ScoreSet, string, ReadOnlySpan{double}, string)"/> with a standard error computed
    /// elsewhere (rsatoolbox's corrected variances); the interval is still the samples' percentiles.</summary>
    public static void Add(ScoreSet scores, string key, double standardError, ReadOnlySpan<double> samples, string whyNotWhenEmpty)
    {
        if (BootstrapSummary.Of(samples) is { } summary && double.IsFinite(standardError))
        {
            scores.Add(key + "_se", standardError);
            scores.Add(key + "_ci95", [summary.Low, summary.High]);
        }
        else
        {
            scores.AddLabels(key + "_se_note", [whyNotWhenEmpty]);
        }
    }

    /// <summary>Records how many resamples were drawn, of what, and the draw's identity.</summary>
    /// <param name="groups">The sizes of the resampled groups (folds, test set, stimuli, subjects), in draw order.</param>
    public static void Describe(ScoreSet scores, int resamples, string unit, int seed, IReadOnlyList<int> groups)
    {
        scores.Add("bootstrap_resamples", resamples);
        scores.Add("bootstrap_seed", seed);
        scores.Add("bootstrap_groups", groups.Select(g => (double)g).ToArray());
        scores.AddLabels("bootstrap_unit", [unit]);
    }

    /// <summary>Keeps the headline's resampled values for paired comparisons (<c>K_bootstrap</c>), when
    /// <paramref name="key"/> is the headline.</summary>
    public static void KeepHeadlineSamples(ScoreSet scores, string key, double[] samples)
    {
        if (key == scores.HeadlineKey) scores.Add(key + "_bootstrap", samples);
    }

    /// <summary>Adds <paramref name="why"/> as the headline's note when the metric gave it neither an error bar
    /// nor a reason, so every stored headline either has <c>_se</c>/<c>_ci95</c> or says why not.</summary>
    public static void NoteIfMissing(ScoreSet scores, string why)
    {
        string key = scores.HeadlineKey;
        if (scores.TryGet(key + "_se", out _) || scores.Labels.Any(l => l.Key == key + "_se_note")) return;
        Skip(scores, key, why);
    }

    /// <summary>Notes that the bootstrap was turned off (<c>--bootstrap 0</c>) or cannot apply.</summary>
    public static void Skip(ScoreSet scores, string key, string why) => scores.AddLabels(key + "_se_note", [why]);
}
