using BBScore.Numerics;

namespace BBScore.Datasets.LeBel;

/// <summary>The TR-level ridge's global keys (spec §3.7 step 5): per voxel the median over folds, then the median over
/// voxels (<c>final_pearson_unceiled</c>, <c>final_r2_unceiled</c>) and of each voxel's value over its ceiling
/// (<c>_ceiled</c>); the same Pearson pair for each non-empty region group with its voxel count. Medians skip NaN (a
/// constant voxel), where numpy's would turn the whole key NaN.</summary>
public static class LeBelTrSummary
{
    public static IReadOnlyDictionary<string, double> Global(LeBelTrFolds folds, double[] ceiling, IReadOnlyDictionary<string, bool[]> masks)
    {
        double[] r = PerVoxelMedian(folds.Pearson), r2 = PerVoxelMedian(folds.R2);
        if (ceiling.Length != r.Length) throw new ArgumentException($"{ceiling.Length} ceiling values for {r.Length} voxels.", nameof(ceiling));
        var keys = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["n_ceiling_voxels"] = r.Length,
            ["final_pearson_unceiled"] = NanStatistics.Median(r),
            ["final_pearson_ceiled"] = NanStatistics.Median(Ceiled(r, ceiling, null)),
            ["final_r2_unceiled"] = NanStatistics.Median(r2),
            ["final_r2_ceiled"] = NanStatistics.Median(Ceiled(r2, ceiling, null)),
        };
        foreach (var (group, mask) in masks)
        {
            int n = mask.Count(m => m);
            if (group == "whole_brain" || n == 0) continue;
            keys[$"{group}_pearson_unceiled"] = NanStatistics.Median(r.Where((_, v) => mask[v]).ToArray());
            keys[$"{group}_pearson_ceiled"] = NanStatistics.Median(Ceiled(r, ceiling, mask));
            keys[$"{group}_n_voxels"] = n;
        }
        return keys;
    }

    static double[] PerVoxelMedian(double[][] perFold) =>
        Enumerable.Range(0, perFold[0].Length).Select(v => NanStatistics.Median(perFold.Select(f => f[v]).ToArray())).ToArray();

    static double[] Ceiled(double[] values, double[] ceiling, bool[]? mask) =>
        values.Select((x, v) => (x, v)).Where(p => mask is null || mask[p.v]).Select(p => p.x / ceiling[p.v]).ToArray();
}
