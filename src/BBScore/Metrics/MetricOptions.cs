using BBScore.Progress;

namespace BBScore.Metrics;

/// <summary>Settings a user can give a metric from the command line (the original's metrics take
/// none from run.py; these are additions), plus where it reports progress and warnings.</summary>
public sealed record MetricOptions
{
    public static MetricOptions Default { get; } = new();

    /// <summary>Ridge family: choose one alpha on this many randomly chosen (seeded) feature columns,
    /// then fit all features with it (the seed's <c>--subsample-features-for-alpha</c>).</summary>
    public int? SubsampleFeaturesForAlpha { get; init; }

    /// <summary>Bootstrap resamples behind every headline's error bar (<c>--bootstrap N</c>); 0 turns them off.</summary>
    public int Bootstrap { get; init; } = ScoreUncertainty.DefaultResamples;

    /// <summary>Online read-outs: overrides of the training settings (epochs, learning rates, ...).</summary>
    public Online.OnlineOverrides Online { get; init; } = new();

    /// <summary>Where metrics that fetch their own data (the Physion metrics' human responses) keep it, and whether they
    /// may download; null: such metrics use the default data home.</summary>
    public Data.DataHome? Home { get; init; }

    public bool Offline { get; init; }

    public IProgressSink Progress { get; init; } = SilentProgress.Instance;
}
