using BBScore.Numerics;
using BBScore.Numerics.Ridge;

namespace BBScore.Metrics.Regression;

/// <summary>scikit-learn <c>RidgeCV(alphas, alpha_per_target, fit_intercept=True)</c> with cv=None: exact
/// efficient leave-one-out choice of alpha, per target or one for all, as the original's <c>ridge</c> metric.
/// <para>With <paramref name="subsampleFeaturesForAlpha"/> = N and more than N features, one alpha is chosen by
/// shared-alpha LOO on N seeded random feature columns (<see cref="FeatureSubset.Choose"/> with
/// <paramref name="seed"/>), then <c>Ridge(alpha)</c> is fitted on all features, as the original does. With N or
/// fewer features the subsampling does not apply and the plain RidgeCV fit is used.</para></summary>
public sealed class RidgeCvRegressor : IRegressor
{
    public RidgeCvRegressor(IReadOnlyList<double> alphas, bool alphaPerTarget = true, int? subsampleFeaturesForAlpha = null, int seed = 42,
        RidgeSolverOptions? options = null, Action<string>? warn = null)
    {
        _warn = warn;
        Alphas = RidgeAlphas.Validate(alphas);
        if (subsampleFeaturesForAlpha is < 1)
            throw new ArgumentOutOfRangeException(nameof(subsampleFeaturesForAlpha), "The feature subsample for alpha must have at least 1 column.");
        AlphaPerTarget = alphaPerTarget;
        SubsampleFeaturesForAlpha = subsampleFeaturesForAlpha;
        Seed = seed;
        Options = options ?? RidgeSolverOptions.Default;
    }

    /// <summary>Share of targets at one end of the grid from which a warning is given: the best
    /// alpha may then lie outside the grid.</summary>
    public const double EdgeWarningShare = 0.25;

    readonly Action<string>? _warn;
    bool _warned;

    public IReadOnlyList<double> Alphas { get; }
    public bool AlphaPerTarget { get; }
    public int? SubsampleFeaturesForAlpha { get; }
    public int Seed { get; }
    public RidgeSolverOptions Options { get; }

    public IFittedRegressor Fit(FeatureMatrix x, double[,] y, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (SubsampleFeaturesForAlpha is int subsample && x.Cols > subsample)
        {
            var subset = FeatureSubset.Select(x, FeatureSubset.Choose(x.Cols, subsample, Seed));
            double alpha = RidgeSolver.ChooseSharedAlpha(subset, y, Alphas, Options, cancel);
            var fixedFit = RidgeSolver.FitFixed(x, y, alpha, Options, cancel);
            return Report(new RidgeLinearFit(fixedFit, RidgeAlphas.CountAtEdges(fixedFit.Alpha, Alphas)));
        }
        var solution = RidgeSolver.FitCrossValidated(x, y, Alphas, AlphaPerTarget, Options, cancel);
        return Report(new RidgeLinearFit(solution, solution.Edges));
    }

    /// <summary>Warns once per regressor (not once per fold) when many targets chose an end of the grid.</summary>
    RidgeLinearFit Report(RidgeLinearFit fit)
    {
        var edges = fit.Edges;
        if (_warn is null || _warned || edges is null || edges.Targets == 0) return fit;
        double low = (double)edges.AtSmallest / edges.Targets, high = (double)edges.AtLargest / edges.Targets;
        if (low >= EdgeWarningShare || high >= EdgeWarningShare)
        {
            _warned = true;
            _warn($"ridge: {low:P0} of targets chose the smallest alpha ({edges.SmallestAlpha:G}) and {high:P0} the largest ({edges.LargestAlpha:G}); " +
                  "the best alpha may lie outside the grid (targets at the largest alpha are usually unpredictable from these features).");
        }
        return fit;
    }
}
