using BBScore.Metrics.Online.Schedules;

namespace BBScore.Metrics.Online.Regressor;

/// <summary>The online regressor's training settings, with the original's defaults (spec §1.18): 100 epochs, patience 5,
/// batches of 32, the lr grid [1e-3, 1e-4] × the L2 grid [0, 0.1, 0.2], the mse loss (correlation weight 0.5 for the
/// mixed losses) and the warmup_cosine schedule.</summary>
public sealed record RegressorSettings
{
    public static RegressorSettings Default { get; } = new();

    public int Epochs { get; init; } = 100;
    public int Patience { get; init; } = 5;
    public int BatchSize { get; init; } = 32;
    public IReadOnlyList<double> LearningRates { get; init; } = [1e-3, 1e-4];

    /// <summary>The original's 2·α for α in [0, 0.05, 0.1]: the weight of the explicit L2 term.</summary>
    public IReadOnlyList<double> WeightDecays { get; init; } = [0.0, 0.1, 0.2];

    public string Loss { get; init; } = "mse";
    public string Scheduler { get; init; } = "warmup_cosine";
    public double CorrelationWeight { get; init; } = 0.5;

    /// <summary>Where the read-out trains: cpu, or cuda:N (<see cref="OnlineDevice"/>).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Fails on a setting the training cannot use, naming it and the accepted values.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"--epochs must be at least 1 (got {Epochs}).");
        if (Patience < 1) throw new ArgumentException($"The patience must be at least 1 epoch (got {Patience}).");
        if (BatchSize < 2) throw new ArgumentException($"The online regressor's batch size must be at least 2 (its correlation losses need two rows); got {BatchSize}.");
        if (LearningRates.Count == 0 || LearningRates.Any(lr => !(lr > 0) || double.IsInfinity(lr)))
            throw new ArgumentException($"--lr needs positive learning rates (got {string.Join(", ", LearningRates)}).");
        if (WeightDecays.Count == 0 || WeightDecays.Any(wd => !(wd >= 0) || double.IsInfinity(wd)))
            throw new ArgumentException($"--wd needs non-negative weights (got {string.Join(", ", WeightDecays)}).");
        if (!RegressionLosses.Names.Contains(Loss)) throw new ArgumentException($"--loss '{Loss}' is not known; choose one of {string.Join(", ", RegressionLosses.Names)}.");
        if (!OnlineSchedule.Names.Contains(Scheduler) || Scheduler is "wsd" or "cosine")
            throw new ArgumentException($"--scheduler '{Scheduler}' does not apply to the regressor; choose one of warmup_cosine, reduce_on_plateau, deterministic_scheduler, warmup_stable_decay.");
    }
}
