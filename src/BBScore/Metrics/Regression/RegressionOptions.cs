using BBScore.Progress;

namespace BBScore.Metrics.Regression;

/// <summary>How <see cref="RegressionEvaluation"/> cross-validates, beyond what
/// <see cref="MetricInputs"/> carries.</summary>
public sealed record RegressionOptions
{
    public static RegressionOptions Default { get; } = new();

    /// <summary>Number of cross-validation folds (the original's 10).</summary>
    public int Folds { get; init; } = 10;

    /// <summary>Bootstrap resamples of the held-out stimuli for the final scores' error bars (<c>--bootstrap</c>); 0: none.</summary>
    public int Bootstrap { get; init; } = ScoreUncertainty.DefaultResamples;

    /// <summary>Receives fold progress, notes and warnings (e.g. a class smaller than the fold count).</summary>
    public IProgressSink Progress { get; init; } = SilentProgress.Instance;
}
