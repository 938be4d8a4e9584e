using BBScore.Numerics;
using BBScore.Numerics.Statistics;

namespace BBScore.Metrics.Similarity.Rsa;

/// <summary>One fold of versa as its bootstrap needs it: the RDMs of the fitted ridge's predictions and of the
/// measured targets over the fold's held-out stimuli (condensed, correlation distance).</summary>
public sealed record VersaFoldRdms(double[] Predicted, double[] Measured, int Stimuli);

/// <summary>The error bars of versa's <c>final_pearson</c> (and <c>final_unceiled_pearson</c>): within each fold
/// the held-out stimuli are drawn with replacement, the fitted ridge's predictions fixed, and the fold's Pearson r
/// between the two RDMs is recomputed over the drawn stimuli (rsatoolbox's pattern bootstrap: a pair's distance
/// does not depend on the other stimuli, and pairs of a stimulus with its own copies are dropped; see
/// <see cref="RsaBootstrap"/>); then ÷ the floored ceiling and the NaN-mean over folds, as the score.</summary>
public static class VersaUncertainty
{
    static readonly string[] Keys = ["final_pearson", "final_unceiled_pearson"];

    /// <param name="flooredCeiling">The one ceiling the folds are divided by (already floored), or null.</param>
    public static void Add(ScoreSet scores, IReadOnlyList<VersaFoldRdms> folds, double? flooredCeiling, int resamples, int seed)
    {
        string? whyNot = resamples <= 0 ? "bootstrap turned off (--bootstrap 0)"
            : folds.Min(f => f.Stimuli) < 4 ? $"too few held-out stimuli for a bootstrap of the RDMs ({folds.Min(f => f.Stimuli)} in the smallest fold; at least 4 needed)"
            // A constant pattern has no correlation distance; which pairs to drop would change per resample.
            : folds.Any(f => f.Predicted.Any(double.IsNaN) || f.Measured.Any(double.IsNaN)) ? "an RDM has undefined (NaN) dissimilarities, from a constant stimulus pattern"
            : null;
        if (whyNot is not null)
        {
            foreach (string key in Keys) ScoreUncertainty.Skip(scores, key, whyNot);
            return;
        }
        var groups = folds.Select(f => f.Stimuli).ToArray();
        var (ceiled, unceiled) = Samples(folds, flooredCeiling, new SeededResampler(resamples, seed, groups));
        const string why = "fewer than 3 distinct stimuli in almost every resample";
        ScoreUncertainty.Add(scores, "final_pearson", ceiled, why);
        ScoreUncertainty.Add(scores, "final_unceiled_pearson", unceiled, why);
        ScoreUncertainty.KeepHeadlineSamples(scores, "final_pearson", ceiled);
        ScoreUncertainty.Describe(scores, resamples, folds.Count == 1 ? "test stimuli (fitted ridge's predictions fixed)"
            : "held-out stimuli within each cross-validation fold (fitted ridges' predictions fixed)", seed, groups);
    }

    /// <summary>The score per resample, ceiled and unceiled; group g of <paramref name="resampler"/> is fold g's stimuli.</summary>
    public static (double[] Ceiled, double[] Unceiled) Samples(IReadOnlyList<VersaFoldRdms> folds, double? flooredCeiling, IBootstrapResampler resampler)
    {
        int resamples = resampler.Resamples;
        int corr = Array.IndexOf(RsaBootstrap.Methods, "corr");
        var perFold = folds.Select((f, g) => RsaBootstrap.Sample(f.Predicted, [f.Measured], f.Stimuli, new ResamplerGroup(resampler, g)).Both[corr]).ToArray();
        var unceiled = new double[resamples];
        var ceiled = new double[resamples];
        var column = new double[folds.Count];
        for (int b = 0; b < resamples; b++)
        {
            for (int g = 0; g < folds.Count; g++) column[g] = perFold[g][b];
            unceiled[b] = NanStatistics.Mean(column);
            for (int g = 0; g < folds.Count; g++) column[g] = perFold[g][b] / (flooredCeiling ?? 1);
            ceiled[b] = NanStatistics.Mean(column);
        }
        return (ceiled, unceiled);
    }
}
