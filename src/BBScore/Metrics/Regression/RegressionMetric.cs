namespace BBScore.Metrics.Regression;

/// <summary>An <see cref="IMetric"/> that scores with one regressor through
/// <see cref="RegressionEvaluation"/> (e.g. <c>ridge</c> = RidgeCV regressor + this runner). The
/// regressor is made per run from the run's seed, so seeded choices inside it (validation splits,
/// feature subsets) follow <see cref="MetricInputs.Seed"/>.</summary>
public sealed class RegressionMetric : IMetric
{
    readonly Func<int, IRegressor> _regressorForSeed;

    public RegressionMetric(string key, Func<int, IRegressor> regressorForSeed, RegressionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(regressorForSeed);
        Key = key;
        _regressorForSeed = regressorForSeed;
        Options = options ?? RegressionOptions.Default;
    }

    /// <summary>For a regressor without random choices.</summary>
    public RegressionMetric(string key, IRegressor regressor, RegressionOptions? options = null)
        : this(key, _ => regressor ?? throw new ArgumentNullException(nameof(regressor)), options)
    {
    }

    public string Key { get; }

    public RegressionOptions Options { get; }

    /// <summary>The same metric with other options (progress, fold count).</summary>
    public RegressionMetric WithOptions(RegressionOptions options) => new(Key, _regressorForSeed, options);

    public ScoreSet Score(MetricInputs inputs) => RegressionEvaluation.Evaluate(_regressorForSeed(inputs.Seed), inputs, Options);
}
