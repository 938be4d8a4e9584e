using BBScore.Numerics;
using BBScore.Numerics.Statistics;

namespace BBScore.Metrics.Regression;

/// <summary>The error bars of <c>temporal_ridge</c>'s headline <c>mean_final_pearson</c> (and
/// <c>mean_final_unceiled_pearson</c>): the held-out stimuli of each fold drawn with replacement, the fitted
/// predictions fixed. Per time bin the bin's (unit) columns go through <see cref="RegressionBootstrap"/>, which
/// aggregates as <c>final_pearson</c>[bin] is (ceiled r, median over units, mean over folds); every bin is given the
/// same draws (one seeded resampler per bin, same seed and groups), so each resample's mean over bins is the headline
/// recomputed on one set of drawn stimuli.</summary>
public static class TemporalRidgeUncertainty
{
    static readonly string[] Keys = ["mean_final_pearson", "mean_final_unceiled_pearson"];

    /// <param name="ceiling">Per (unit, bin) column, as expanded for the score; null for none.</param>
    public static void Add(ScoreSet scores, IReadOnlyList<HeldOutPredictions> heldOut, double[]? ceiling, int units, int bins,
                           MetricInputs inputs, int resamples, CancellationToken cancel = default)
    {
        if (RegressionUncertainty.WhyNot(heldOut, resamples) is { } whyNot)
        {
            foreach (string key in Keys) ScoreUncertainty.Skip(scores, key, whyNot);
            return;
        }
        var floored = ceiling is null ? null : ScorePostprocessing.FloorCeiling(ceiling, units * bins);
        var groups = heldOut.Select(h => h.Rows).ToList();
        var (headline, unceiled) = Samples(heldOut, floored, units, bins, inputs.Compat == CompatMode.BBScore,
            () => new SeededResampler(resamples, inputs.Seed, groups), cancel);
        string why = RegressionUncertainty.WhyEmpty(heldOut);
        ScoreUncertainty.Add(scores, "mean_final_pearson", headline, why);
        ScoreUncertainty.Add(scores, "mean_final_unceiled_pearson", unceiled, why);
        ScoreUncertainty.KeepHeadlineSamples(scores, "mean_final_pearson", headline);
        RegressionUncertainty.Describe(scores, heldOut, resamples, inputs.Seed);
    }

    /// <summary>The headline per resample, ceiled and unceiled. <paramref name="sameDraws"/> gives each bin a resampler
    /// with the same draws (group g = fold g's held-out rows).</summary>
    public static (double[] Ceiled, double[] Unceiled) Samples(IReadOnlyList<HeldOutPredictions> heldOut, double[]? flooredCeiling, int units, int bins,
        bool spearmanBrown, Func<IBootstrapResampler> sameDraws, CancellationToken cancel = default)
    {
        var ceiled = new double[bins][];
        var unceiled = new double[bins][];
        int resamples = 0;
        for (int b = 0; b < bins; b++)
        {
            int[] columns = Enumerable.Range(0, units).Select(u => u * bins + b).ToArray();
            var binHeldOut = heldOut.Select(h => new HeldOutPredictions(Columns(h.Truth, columns), Columns(h.Predicted, columns))).ToArray();
            var resampler = sameDraws();
            resamples = resampler.Resamples;
            var samples = RegressionBootstrap.Sample(binHeldOut, flooredCeiling is null ? null : columns.Select(c => flooredCeiling[c]).ToArray(),
                spearmanBrown, resampler, cancel);
            (ceiled[b], unceiled[b]) = (samples.Pearson, samples.UnceiledPearson);
        }
        return (MeanOverBins(ceiled, resamples), MeanOverBins(unceiled, resamples));
    }

    /// <summary>The NaN-skipping mean over bins per resample, as <c>mean_final_pearson</c> is taken.</summary>
    static double[] MeanOverBins(double[][] perBin, int resamples)
    {
        var mean = new double[resamples];
        var column = new double[perBin.Length];
        for (int r = 0; r < resamples; r++)
        {
            for (int b = 0; b < perBin.Length; b++) column[b] = perBin[b][r];
            mean[r] = NanStatistics.Mean(column);
        }
        return mean;
    }

    static double[,] Columns(double[,] matrix, int[] columns)
    {
        var selected = new double[matrix.GetLength(0), columns.Length];
        for (int i = 0; i < selected.GetLength(0); i++)
            for (int j = 0; j < columns.Length; j++) selected[i, j] = matrix[i, columns[j]];
        return selected;
    }
}
