using BBScore.Metrics.Regression;
using BBScore.Numerics;
using BBScore.Numerics.CrossValidation;
using BBScore.Numerics.Ridge;

namespace BBScore.Metrics.Similarity.Rsa;

/// <summary>
/// The alpha of scikit-learn's <c>RidgeCV(alphas, cv=KFold(5, shuffle=True, random_state=seed))</c> as versa
/// uses it: one alpha shared by all targets, the one whose Ridge fits have the best R² (sklearn's default
/// <c>score</c>: per-target R² averaged uniformly) averaged over the 5 validation folds; the first alpha wins a
/// tie (as sklearn's grid search). Each fold's features are decomposed once and serve every alpha. Fold
/// membership follows <see cref="KFoldSplitter"/>'s seeded shuffle, not NumPy's.
/// </summary>
internal static class VersaAlphaSelection
{
    public const int InnerFolds = 5;

    public static double Choose(FeatureMatrix x, double[,] y, IReadOnlyList<double> alphas, int seed, CancellationToken cancel = default)
    {
        var grid = RidgeAlphas.Validate(alphas);
        var meanScore = new double[grid.Length];
        foreach (var fold in new KFoldSplitter(InnerFolds, shuffle: true, seed).Split(x.Rows))
        {
            var validationX = x.SelectRows(fold.Test);
            var validationY = TargetRows.Select(y, fold.Test);
            using var run = RidgeRun.Start(x.SelectRows(fold.Train), TargetRows.Select(y, fold.Train), grid, RidgeSolverOptions.Default);
            for (int a = 0; a < grid.Length; a++)
            {
                var fit = run.FitWith(Enumerable.Repeat(grid[a], run.Targets).ToArray(), looErrors: null, alphaGrid: null, cancel);
                meanScore[a] += Scorers.R2(validationY, fit.Predict(validationX)).Average() / InnerFolds;
            }
        }
        int best = 0;
        for (int a = 1; a < grid.Length; a++)
            if (meanScore[a] > meanScore[best]) best = a;
        return grid[best];
    }
}
