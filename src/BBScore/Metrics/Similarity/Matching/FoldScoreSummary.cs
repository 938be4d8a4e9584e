using BBScore.Metrics.Regression;
using BBScore.Numerics;

namespace BBScore.Metrics.Similarity.Matching;

/// <summary>
/// The standard post-processing for metrics with one score per fold (one_to_one, semi_matching): raw
/// shape (folds,), so the "median over targets" is the fold score itself. Keys <c>raw_k</c>,
/// <c>ceiled_k</c>, <c>median_unceiled_k</c>, <c>median_ceiled_k</c> (folds,), <c>final_k</c> and
/// <c>final_unceiled_k</c> (NaN-skipping means over folds, as <see cref="ScorePostprocessing"/>).
/// </summary>
/// <remarks>The original divides the (folds,) vector by the ceiling array, which only works for a
/// single ceiling value; here the ceiling divides each matched target's r inside the fold score
/// (<see cref="MatchingScore.Ceiled"/>), so per-target ceilings work too.</remarks>
public static class FoldScoreSummary
{
    public static ScoreSet Summarize(string key, IReadOnlyList<MatchingScore> folds)
    {
        ArgumentNullException.ThrowIfNull(folds);
        var raw = folds.Select(f => f.Raw).ToArray();
        var ceiled = folds.Select(f => f.Ceiled).ToArray();
        var scores = new ScoreSet($"final_{key}");
        scores.Add($"raw_{key}", raw);
        scores.Add($"ceiled_{key}", ceiled);
        scores.Add($"median_unceiled_{key}", (double[])raw.Clone());
        scores.Add($"median_ceiled_{key}", (double[])ceiled.Clone());
        scores.Add($"final_{key}", NanStatistics.Mean(ceiled));
        scores.Add($"final_unceiled_{key}", NanStatistics.Mean(raw));
        return scores;
    }
}
