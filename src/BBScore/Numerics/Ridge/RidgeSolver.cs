namespace BBScore.Numerics.Ridge;

/// <summary>Multi-target ridge regression with intercept, reproducing scikit-learn's <c>RidgeCV</c> (cv=None:
/// exact efficient leave-one-out over an alpha grid, per target or shared) and <c>Ridge(alpha)</c>.
/// One eigendecomposition of the centred features serves every alpha and every target; targets are
/// processed in chunks so that the memory needed beyond X and Y stays bounded.</summary>
public static class RidgeSolver
{
    /// <summary>sklearn <c>RidgeCV(alphas, alpha_per_target=alphaPerTarget, fit_intercept=True)</c>.</summary>
    public static RidgeSolution FitCrossValidated(FeatureMatrix x, double[,] y, IReadOnlyList<double> alphas, bool alphaPerTarget = true,
        RidgeSolverOptions? options = null, CancellationToken cancel = default)
    {
        var grid = RidgeAlphas.Validate(alphas);
        var run = RidgeRun.Start(x, y, grid, options ?? RidgeSolverOptions.Default);
        try
        {
            if (alphaPerTarget) return run.FitPerTarget(cancel);
            int shared = run.ChooseShared(cancel);
            return run.FitWith(Enumerable.Repeat(grid[shared], run.Targets).ToArray(), run.Loo.Values, grid, cancel);
        }
        finally
        {
            run.Dispose();
        }
    }

    /// <summary>sklearn <c>Ridge(alpha, fit_intercept=True)</c>.</summary>
    public static RidgeSolution FitFixed(FeatureMatrix x, double[,] y, double alpha, RidgeSolverOptions? options = null, CancellationToken cancel = default)
    {
        RidgeAlphas.Validate([alpha]);
        using var run = RidgeRun.Start(x, y, [alpha], options ?? RidgeSolverOptions.Default);
        return run.FitWith(Enumerable.Repeat(alpha, run.Targets).ToArray(), looErrors: null, alphaGrid: null, cancel);
    }

    /// <summary>The alpha that sklearn <c>RidgeCV(alphas)</c> (one alpha for all targets) would choose, without fitting weights.</summary>
    public static double ChooseSharedAlpha(FeatureMatrix x, double[,] y, IReadOnlyList<double> alphas, RidgeSolverOptions? options = null, CancellationToken cancel = default)
    {
        var grid = RidgeAlphas.Validate(alphas);
        using var run = RidgeRun.Start(x, y, grid, options ?? RidgeSolverOptions.Default);
        return grid[run.ChooseShared(cancel)];
    }
}
