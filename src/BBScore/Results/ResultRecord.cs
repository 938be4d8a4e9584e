using BBScore.Metrics;

namespace BBScore.Results;

/// <summary>
/// One scored (model, layer, benchmark, metric) run with everything needed to reproduce and
/// compare it: the score dictionary, the ceiling used, seed, versions, timings, cache and
/// preprocessing details. Written as JSON (<see cref="ResultJson"/>) and indexed in SQLite
/// (<see cref="ResultStore"/>).
/// </summary>
public sealed record ResultRecord
{
    /// <summary>Unique id; <see cref="ResultIds.New"/> makes one from the timestamp.</summary>
    public required string Id { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required string Model { get; init; }

    /// <summary>The layer, or the combined name when several layers were aggregated.</summary>
    public required string Layer { get; init; }

    public required string Benchmark { get; init; }

    public required string Metric { get; init; }

    public required ScoreSet Scores { get; init; }

    /// <summary>The ceiling actually divided by, one value per target; null when none applies.</summary>
    public double[]? Ceiling { get; init; }

    public int Seed { get; init; } = 42;

    public string ToolVersion { get; init; } = "";

    public string GitCommit { get; init; } = "";

    public double ExtractionSeconds { get; init; }

    public double MetricSeconds { get; init; }

    public double TotalSeconds { get; init; }

    public string FeatureCacheKey { get; init; } = "";

    public bool FeatureCacheHit { get; init; }

    /// <summary>Human-readable description of the stimulus preprocessing (resize, crop, normalisation).</summary>
    public string Preprocessing { get; init; } = "";

    public string AggregationMode { get; init; } = "none";

    /// <summary>The random-projection setting, null when features were not projected.</summary>
    public string? RandomProjection { get; init; }

    public string StimulusSetHash { get; init; } = "";

    /// <summary>"fixed" (our documented fixes) or "bbscore" (the original's numbers).</summary>
    public string Compat { get; init; } = "fixed";

    /// <summary>The layers combined into <see cref="Layer"/>; empty for a single layer.</summary>
    public IReadOnlyList<string> ConstituentLayers { get; init; } = [];

    /// <summary>The sweep cell this result fills (<see cref="Sweeps.CellKey"/>), so sweeps skip cells already
    /// scored; empty in results written before cells existed.</summary>
    public string CellKey { get; init; } = "";
}
