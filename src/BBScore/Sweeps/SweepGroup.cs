using System.Globalization;

namespace BBScore.Sweeps;

/// <summary>Pending cells that one <c>bbscore run</c> scores together: one model on one benchmark, its layers
/// extracted in one pass over the stimuli, every metric scored on the same features. This is the unit an
/// executor runs (a child process locally, an array task on SLURM): <see cref="RunArguments"/> is the whole
/// command line after <c>bbscore</c>.</summary>
/// <param name="Index">1-based position in the plan, for progress and log names.</param>
public sealed record SweepGroup(int Index, string Model, string Benchmark, IReadOnlyList<string> Layers, IReadOnlyList<string> Metrics,
                                SweepSettings Settings, IReadOnlyList<SweepCell> Cells)
{
    public IReadOnlyList<string> RunArguments()
    {
        var args = new List<string> { "run", "--model", Model, "--benchmark", Benchmark, "--offline" };
        args.Add("--layer");
        args.AddRange(Layers);
        args.Add("--metric");
        args.AddRange(Metrics);
        args.AddRange(["--seed", Settings.Seed.ToString(CultureInfo.InvariantCulture), "--aggregation-mode", Settings.Aggregation, "--compat", Settings.Compat]);
        if (Settings.RandomProjection is { } projection) args.AddRange(["--random-projection", projection]);
        if (Settings.BatchSize is { } batch) args.AddRange(["--batch-size", batch.ToString(CultureInfo.InvariantCulture)]);
        return args;
    }

    public string Describe() => $"{Model} × {Benchmark}: {Layers.Count} layer(s) × {Metrics.Count} metric(s)";
}
