using BBScore.Metrics;
using BBScore.Metrics.Regression;
using BBScore.Numerics;
using BBScore.Numerics.CrossValidation;

namespace BBScore.Datasets.LeBel;

/// <summary>Per fold: every voxel's Pearson r and R² on the held-out stories; per held-out TR: the spatial r across each
/// mask's voxels (NaN where a TR was never held out, or where the mask has fewer than 2 voxels).</summary>
public sealed record LeBelTrFolds(double[][] Pearson, double[][] R2, IReadOnlyDictionary<string, double[]> PerTrSpatial);

/// <summary>The TR-level encoding model (spec §3.7 step 4): stories as groups in <c>GroupKFold(min(5, stories))</c>, and
/// in each training fold scikit-learn's <c>RidgeCV</c> over the original's 8 alphas with one alpha shared by all voxels
/// (exact efficient leave-one-out). Scores are plain Pearson r (<c>--compat bbscore</c>: the original's 2r/(1+r)
/// scorer) and R² (<c>r2_score</c>).</summary>
public static class LeBelTrRidge
{
    public static IReadOnlyList<double> Alphas { get; } = [1e-6, 1e-4, 1e-2, 1, 10, 100, 1e4, 1e6];

    public const int MaxFolds = 5;

    /// <param name="x">(rows, features): the HRF-shifted features of every story's TRs.</param>
    /// <param name="y">(rows, voxels): the fMRI they predict, on the ceiling-mask voxels.</param>
    /// <param name="groups">The story of each row.</param>
    /// <param name="masks">Voxel masks (over <paramref name="y"/>'s columns) for the per-TR spatial correlations.</param>
    public static LeBelTrFolds CrossValidate(FeatureMatrix x, double[,] y, IReadOnlyList<int> groups, IReadOnlyDictionary<string, bool[]> masks,
                                             CompatMode compat = CompatMode.Fixed, CancellationToken cancel = default)
    {
        int rows = y.GetLength(0), voxels = y.GetLength(1);
        if (x.Rows != rows || groups.Count != rows)
            throw new ArgumentException($"{x.Rows} feature rows, {rows} fMRI rows and {groups.Count} group labels must agree.");
        int stories = groups.Distinct().Count(), folds = Math.Min(MaxFolds, stories);
        if (folds < 2) throw new InvalidOperationException($"TR-level cross-validation needs at least 2 stories with enough TRs; got {stories}.");
        var perTr = masks.ToDictionary(m => m.Key, _ => Enumerable.Repeat(double.NaN, rows).ToArray(), StringComparer.Ordinal);
        var pearson = new List<double[]>();
        var r2 = new List<double[]>();
        var regressor = new RidgeCvRegressor(Alphas, alphaPerTarget: false);
        foreach (var fold in new GroupKFoldSplitter(folds).Split(groups))
        {
            cancel.ThrowIfCancellationRequested();
            var fit = regressor.Fit(x.SelectRows(fold.Train), TargetRows.Select(y, fold.Train), cancel);
            var truth = TargetRows.Select(y, fold.Test);
            var predicted = fit.Predict(x.SelectRows(fold.Test));
            pearson.Add(Scorers.Pearson(truth, predicted, compat));
            r2.Add(Scorers.R2(truth, predicted));
            foreach (var (name, mask) in masks)
            {
                int[] columns = Enumerable.Range(0, voxels).Where(v => mask[v]).ToArray();
                if (columns.Length < 2) continue;
                for (int i = 0; i < fold.Test.Length; i++)
                    perTr[name][fold.Test[i]] = SpatialPearson(truth, predicted, i, columns, compat);
            }
        }
        return new LeBelTrFolds(pearson.ToArray(), r2.ToArray(), perTr);
    }

    /// <summary>One TR's r between true and predicted fMRI across <paramref name="columns"/>, with the voxel scorer.</summary>
    static double SpatialPearson(double[,] truth, double[,] predicted, int row, int[] columns, CompatMode compat)
    {
        var a = new double[columns.Length, 1];
        var b = new double[columns.Length, 1];
        for (int k = 0; k < columns.Length; k++)
        {
            a[k, 0] = truth[row, columns[k]];
            b[k, 0] = predicted[row, columns[k]];
        }
        return Scorers.Pearson(a, b, compat)[0];
    }
}
