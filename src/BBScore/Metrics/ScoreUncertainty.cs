using BBScore.Numerics.Statistics;

namespace BBScore.Metrics;

/// <summary>Writes a bootstrap beside the score it qualifies: <c>K_se</c> (standard error) and <c>K_ci95</c>
/// ([low, high], 95% percentile interval) for score key K, plus once per score set <c>bootstrap_resamples</c>
/// and the label <c>bootstrap_unit</c> (what was resampled). When a score has no interval the label
/// <c>K_se_note</c> says why, so a missing error bar is never silent.</summary>
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

    /// <summary>Records how many resamples were drawn and of what.</summary>
    public static void Describe(ScoreSet scores, int resamples, string unit)
    {
        scores.Add("bootstrap_resamples", resamples);
        scores.AddLabels("bootstrap_unit", [unit]);
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
