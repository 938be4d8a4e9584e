using BBScore.Numerics;

namespace BBScore.Metrics.Regression;

/// <summary>Per-time-bin summary of (folds, units × bins) raw scores for <c>temporal_ridge</c>:
/// <c>raw_k</c> (folds, units, bins), <c>ceiled_k</c>, <c>median_unceiled_k</c> and
/// <c>median_ceiled_k</c> (folds, bins; nan-aware median over units), <c>final_k</c> and
/// <c>final_unceiled_k</c> (bins; mean over folds).</summary>
public static class TemporalScorePostprocessing
{
    public static void Add(ScoreSet scores, string key, double[,] raw, int units, int bins, double[]? ceiling)
    {
        int folds = raw.GetLength(0);
        var rawData = new double[folds * units * bins];
        Buffer.BlockCopy(raw, 0, rawData, 0, rawData.Length * sizeof(double));
        var floored = ceiling is null ? null : ScorePostprocessing.FloorCeiling(ceiling, units * bins);
        var ceiled = new double[rawData.Length];
        for (int i = 0; i < rawData.Length; i++) ceiled[i] = floored is null ? rawData[i] : rawData[i] / floored[i % (units * bins)];

        var medianUnceiled = MedianOverUnits(rawData, folds, units, bins);
        var medianCeiled = MedianOverUnits(ceiled, folds, units, bins);
        scores.Add("raw_" + key, new ScoreValue(rawData, [folds, units, bins]));
        scores.Add("ceiled_" + key, new ScoreValue(ceiled, [folds, units, bins]));
        scores.Add("median_unceiled_" + key, new ScoreValue(medianUnceiled, [folds, bins]));
        scores.Add("median_ceiled_" + key, new ScoreValue(medianCeiled, [folds, bins]));
        scores.Add("final_" + key, MeanOverFolds(medianCeiled, folds, bins));
        scores.Add("final_unceiled_" + key, MeanOverFolds(medianUnceiled, folds, bins));
    }

    static double[] MedianOverUnits(double[] values, int folds, int units, int bins)
    {
        var result = new double[folds * bins];
        var column = new double[units];
        for (int f = 0; f < folds; f++)
            for (int b = 0; b < bins; b++)
            {
                for (int u = 0; u < units; u++) column[u] = values[(f * units + u) * bins + b];
                result[f * bins + b] = NanStatistics.Median(column);
            }
        return result;
    }

    static double[] MeanOverFolds(double[] perFold, int folds, int bins)
    {
        var result = new double[bins];
        var column = new double[folds];
        for (int b = 0; b < bins; b++)
        {
            for (int f = 0; f < folds; f++) column[f] = perFold[f * bins + b];
            result[b] = NanStatistics.Mean(column);
        }
        return result;
    }
}
