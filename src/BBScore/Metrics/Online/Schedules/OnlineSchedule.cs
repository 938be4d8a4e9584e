namespace BBScore.Metrics.Online.Schedules;

/// <summary>The learning-rate schedules of the original's online read-outs (spec §1.15 and §1.18), built from the
/// PyTorch schedulers exactly as the original builds them, so a run's rates equal PyTorch's step for step:
/// <list type="bullet">
/// <item><c>cosine</c> (classifiers): linear warm-up over 5% of the steps from min(1e-6, 1e-2 / (lr·1000)), then cosine to 0;</item>
/// <item><c>wsd</c> (classifiers): one epoch of that warm-up, then constant until <see cref="StartDecay"/> (patience ran
/// out), then linear to 0 over the decay steps;</item>
/// <item><c>warmup_cosine</c> (regressor default): 0.01→1 over 5 epochs of steps, then cosine to 1e-6 (runs of 5 epochs or
/// fewer warm up over all steps but the last);</item>
/// <item><c>deterministic_scheduler</c>: linear 1→0 over all steps;</item>
/// <item><c>warmup_stable_decay</c>: one epoch of warm-up, stable, 5 epochs of linear decay;</item>
/// <item><c>reduce_on_plateau</c>: ×0.1 after 5 epochs without a better validation score (<see cref="AfterEpoch"/>).</item>
/// </list></summary>
public sealed class OnlineSchedule
{
    public static IReadOnlyList<string> Names { get; } =
        ["cosine", "wsd", "warmup_cosine", "deterministic_scheduler", "warmup_stable_decay", "reduce_on_plateau"];

    readonly LrParamGroup _group;
    Action? _perBatch;
    readonly ReduceLrOnPlateau? _onPlateau;

    OnlineSchedule(LrParamGroup group, Action? perBatch, ReduceLrOnPlateau? onPlateau) =>
        (_group, _perBatch, _onPlateau) = (group, perBatch, onPlateau);

    /// <summary>The rate the next optimizer step uses.</summary>
    public double LearningRate => _group.Lr;

    /// <param name="stepsPerEpoch">Batches per epoch.</param>
    /// <param name="epochs">Planned epochs (the original's n_epochs).</param>
    public static OnlineSchedule Create(string name, double lr, int stepsPerEpoch, int epochs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepsPerEpoch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        var group = new LrParamGroup(lr);
        int total = stepsPerEpoch * epochs;
        double warmStart = Math.Min(1e-6, 1e-2 / (lr * 1000));
        switch (name)
        {
            case "cosine":
            {
                int warmup = (int)(0.05 * total);
                var warm = new LinearLr(group, warmStart, 1.0, warmup);
                var cosine = new CosineAnnealingLr(group, total - warmup);
                return PerBatch(group, new SequentialLr(group, [warm, cosine], [warmup]).Step);
            }
            case "wsd":
            {
                var warm = new LinearLr(group, warmStart, 1.0, stepsPerEpoch);
                var stable = new ConstantLr(group, 1.0, 999_999_999); // the original's "effectively infinite" stable phase
                return PerBatch(group, new SequentialLr(group, [warm, stable], [stepsPerEpoch]).Step);
            }
            case "warmup_cosine":
            {
                // Five epochs of warm-up as the original; a shorter run (--epochs under 6) keeps at least one cosine step,
                // where PyTorch would be handed a negative T_max.
                int warmup = Math.Min(5 * stepsPerEpoch, total - 1);
                if (warmup <= 0) return PerBatch(group, new CosineAnnealingLr(group, total, 1e-6).Step);
                var warm = new LinearLr(group, 0.01, 1.0, warmup);
                var cosine = new CosineAnnealingLr(group, total - warmup, 1e-6);
                return PerBatch(group, new SequentialLr(group, [warm, cosine], [warmup]).Step);
            }
            case "deterministic_scheduler":
                return PerBatch(group, new LinearLr(group, 1.0, 0.0, total).Step);
            case "warmup_stable_decay":
            {
                int warmup = stepsPerEpoch, decay = 5 * stepsPerEpoch, stable = total - warmup - decay;
                if (stable < 0)
                    throw new ArgumentException($"warmup_stable_decay needs at least 6 epochs (1 warm-up, 5 decay); got {epochs}.", nameof(epochs));
                var warm = new LinearLr(group, warmStart, 1.0, warmup);
                var constant = new ConstantLr(group, 1.0, stable);
                var decaying = new LinearLr(group, 1.0, 0.0, decay);
                return PerBatch(group, new SequentialLr(group, [warm, constant, decaying], [warmup, warmup + stable]).Step);
            }
            case "reduce_on_plateau":
                return new OnlineSchedule(group, null, new ReduceLrOnPlateau(group));
            default:
                throw new ArgumentException($"Unknown scheduler '{name}'; choose one of {string.Join(", ", Names)}.", nameof(name));
        }
    }

    static OnlineSchedule PerBatch(LrParamGroup group, Action step) => new(group, step, null);

    /// <summary>After each optimizer step (the original's <c>scheduler.step()</c> per batch).</summary>
    public void AfterBatch() => _perBatch?.Invoke();

    /// <summary>After each epoch's validation (only <c>reduce_on_plateau</c> uses it).</summary>
    public void AfterEpoch(double validationScore) => _onPlateau?.Step(validationScore);

    /// <summary><c>wsd</c>'s switch when patience runs out: from the current rate, linear to 0 over
    /// <paramref name="decaySteps"/> steps (a new <c>LinearLR(1, 0)</c> on the same optimizer).</summary>
    public void StartDecay(int decaySteps) => _perBatch = new LinearLr(_group, 1.0, 0.0, decaySteps).Step;
}
