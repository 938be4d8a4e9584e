using BBScore.Metrics.Regression;
using BBScore.Numerics;
using BBScore.Numerics.Statistics;

namespace BBScore.Metrics.Similarity.Matching;

/// <summary>One fold of a matching metric as its bootstrap needs it: the held-out stimuli's source units (features)
/// and target units, and the fold's score with the matching it averaged.</summary>
public sealed record MatchingFold(FeatureMatrix Features, double[,] Targets, MatchingScore Score);

/// <summary>The error bars of one_to_one's and semi_matching's <c>final_pearson</c> (and <c>final_unceiled_pearson</c>):
/// each fold's held-out stimuli are drawn with replacement and every matched pair's r is recomputed on the drawn
/// stimuli (<see cref="WeightedPearson"/>), with the fold's matching fixed: the matching is what these metrics fit, and
/// like the regressions' fits it is not redone per resample (re-solving a D × T assignment a thousand times per fold
/// would cost far more than the score). Then the fold score and the NaN-mean over folds, as the score is taken.</summary>
public static class MatchingUncertainty
{
    static readonly string[] Keys = ["final_pearson", "final_unceiled_pearson"];

    /// <param name="ceiling">Floored ceiling per target, as the score used it, or null.</param>
    public static void Add(ScoreSet scores, IReadOnlyList<MatchingFold> folds, double[]? ceiling, int resamples, int seed)
    {
        var groups = folds.Select(f => f.Features.Rows).ToList();
        if (RegressionUncertainty.WhyNot(groups, resamples) is { } whyNot)
        {
            foreach (string key in Keys) ScoreUncertainty.Skip(scores, key, whyNot);
            return;
        }
        var (ceiled, unceiled) = Samples(folds, ceiling, new SeededResampler(resamples, seed, groups));
        const string why = "too few held-out stimuli for a bootstrap: almost every resample leaves the matched units constant";
        ScoreUncertainty.Add(scores, "final_pearson", ceiled, why);
        ScoreUncertainty.Add(scores, "final_unceiled_pearson", unceiled, why);
        ScoreUncertainty.KeepHeadlineSamples(scores, "final_pearson", ceiled);
        ScoreUncertainty.Describe(scores, resamples, folds.Count == 1 ? "test stimuli (unit matching fixed)"
            : "held-out stimuli within each cross-validation fold (each fold's unit matching fixed)", seed, groups);
    }

    /// <summary>The score per resample, ceiled and unceiled; group g of <paramref name="resampler"/> is fold g's stimuli.</summary>
    public static (double[] Ceiled, double[] Unceiled) Samples(IReadOnlyList<MatchingFold> folds, double[]? ceiling, IBootstrapResampler resampler)
    {
        int resamples = resampler.Resamples;
        var raw = new double[folds.Count, resamples];
        var ceiled = new double[folds.Count, resamples];
        for (int g = 0; g < folds.Count; g++)
        {
            var fold = folds[g];
            var counts = new double[resamples][];
            for (int b = 0; b < resamples; b++) resampler.FillCounts(g, b, counts[b] = new double[fold.Features.Rows]);
            if (fold.Score.Matching is not { } matching)
            {
                for (int b = 0; b < resamples; b++) raw[g, b] = ceiled[g, b] = double.NaN;
                continue;
            }
            var sources = Centred(matching.Sides.SelectMany(s => s.Sources), fold.Features.Rows, (i, u) => fold.Features.Data[i * fold.Features.Cols + u]);
            var targets = Centred(matching.Sides.SelectMany(s => s.Targets), fold.Features.Rows, (i, u) => fold.Targets[i, u]);
            Parallel.For(0, resamples, b =>
            {
                var score = matching.Score((i, j) => WeightedPearson.Of(sources[i], targets[j], counts[b]), ceiling);
                raw[g, b] = score.Raw;
                ceiled[g, b] = score.Ceiled;
            });
        }
        return (MeanOverFolds(ceiled), MeanOverFolds(raw));
    }

    /// <summary>The matched units' columns centred on their fold means, by unit index.</summary>
    static Dictionary<int, double[]> Centred(IEnumerable<int> units, int rows, Func<int, int, double> value) =>
        units.Distinct().ToDictionary(u => u, u =>
        {
            var column = new double[rows];
            for (int i = 0; i < rows; i++) column[i] = value(i, u);
            double mean = column.Average();
            for (int i = 0; i < rows; i++) column[i] -= mean;
            return column;
        });

    static double[] MeanOverFolds(double[,] perFold)
    {
        var mean = new double[perFold.GetLength(1)];
        var column = new double[perFold.GetLength(0)];
        for (int b = 0; b < mean.Length; b++)
        {
            for (int g = 0; g < column.Length; g++) column[g] = perFold[g, b];
            mean[b] = NanStatistics.Mean(column);
        }
        return mean;
    }
}
