namespace BBScore.Sweeps;

/// <summary>One unit of a sweep: one model layer scored by one metric on one benchmark with the sweep's
/// settings. <see cref="Key"/> is its <see cref="CellKey"/>.</summary>
public sealed record SweepCell(string Model, string Layer, string Benchmark, string Metric, SweepSettings Settings)
{
    public string Key { get; } = CellKey.For(Model, Layer, Benchmark, Metric, Settings.Seed, Settings.RandomProjection,
        Settings.Aggregation, Settings.Compat);

    /// <summary>The first 12 hex digits, as plans print it.</summary>
    public string ShortKey => Key[..12];
}
