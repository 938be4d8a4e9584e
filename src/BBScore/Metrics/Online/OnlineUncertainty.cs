using BBScore.Numerics.Statistics;

namespace BBScore.Metrics.Online;

/// <summary>Error bars of the online read-outs' headlines: a bootstrap over the test stimuli with the trained
/// read-out's predictions fixed, seeded by the run's seed. Classifiers: <c>gt_accuracy</c> (and
/// <c>ceiled_gt_accuracy</c>, ÷ the mean ceiling as the score is; described as the draw only when accuracy is the
/// headline); the regressor: <c>pearson_corr_median</c> (one
/// output: <c>pearson_corr</c>) and its ceiled key, through <see cref="RegressionBootstrap"/>.</summary>
public static class OnlineUncertainty
{
    public static void AddClassifier(ScoreSet scores, int[] predicted, int[] truth, int resamples, int seed)
    {
        if (Skipped(scores, resamples, ["gt_accuracy", "ceiled_gt_accuracy"])) return;
        int n = truth.Length;
        var accuracy = AccuracyBootstrap.Sample(predicted.Zip(truth, (p, t) => p == t).ToArray(), new SeededResampler(resamples, seed, [n]));
        AddWithCeiled(scores, "gt_accuracy", accuracy, mean => mean == 0 ? 1 : mean);
        // The stored draw identity is the headline's: a Physion metric's headline is its human comparison, which
        // describes its own draw (PhysionUncertainty).
        if (scores.HeadlineKey is "gt_accuracy" or "ceiled_gt_accuracy")
            ScoreUncertainty.Describe(scores, resamples, "test stimuli (trained read-out's predictions fixed)", seed, [n]);
    }

    public static void AddRegressor(ScoreSet scores, double[,] predictions, double[,] targets, bool spearmanBrown, int resamples, int seed)
    {
        string key = predictions.GetLength(1) > 1 ? "pearson_corr_median" : "pearson_corr";
        if (Skipped(scores, resamples, [key, "ceiled_" + key])) return;
        var samples = RegressionBootstrap.Sample([new HeldOutPredictions(targets, predictions)], null, spearmanBrown,
            new SeededResampler(resamples, seed, [targets.GetLength(0)]));
        AddWithCeiled(scores, key, samples.UnceiledPearson, mean => mean);
        ScoreUncertainty.Describe(scores, resamples, "test stimuli (trained read-out's predictions fixed)", seed, [targets.GetLength(0)]);
    }

    /// <summary>The key and, when the score set has a mean ceiling, its ceiled twin (the samples ÷ that divisor).</summary>
    static void AddWithCeiled(ScoreSet scores, string key, double[] samples, Func<double, double> divisorOfMean)
    {
        const string why = "too few test stimuli for a bootstrap";
        ScoreUncertainty.Add(scores, key, samples, why);
        ScoreUncertainty.KeepHeadlineSamples(scores, key, samples);
        if (!scores.TryGet("ceiled_" + key, out _) || !scores.TryGet("ceiling_mean", out var mean)) return;
        double divisor = divisorOfMean(mean.Scalar);
        var ceiled = samples.Select(s => s / divisor).ToArray();
        ScoreUncertainty.Add(scores, "ceiled_" + key, ceiled, why);
        ScoreUncertainty.KeepHeadlineSamples(scores, "ceiled_" + key, ceiled);
    }

    static bool Skipped(ScoreSet scores, int resamples, string[] keys)
    {
        if (resamples > 0) return false;
        foreach (string key in keys) ScoreUncertainty.Skip(scores, key, "bootstrap turned off (--bootstrap 0)");
        return true;
    }
}
