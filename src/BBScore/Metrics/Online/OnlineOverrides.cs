using BBScore.Metrics.Online.Classifier;
using BBScore.Metrics.Online.Regressor;

namespace BBScore.Metrics.Online;

/// <summary>Command-line overrides of an online read-out's training (<c>--epochs</c>, <c>--lr</c>, <c>--wd</c>,
/// <c>--loss</c>, <c>--scheduler</c>, <c>--patience</c>); unset ones keep the metric's own defaults.</summary>
public sealed record OnlineOverrides
{
    public int? Epochs { get; init; }
    public int? Patience { get; init; }
    public IReadOnlyList<double>? LearningRates { get; init; }
    public IReadOnlyList<double>? WeightDecays { get; init; }
    public string? Loss { get; init; }
    public string? Scheduler { get; init; }

    /// <summary>Rows per training step; unset, the metric's own (32). Assembly-to-assembly runs use
    /// <see cref="AssemblyBatchSize"/>, as the original's online assembly scorer does.</summary>
    public int? BatchSize { get; init; }

    public const int AssemblyBatchSize = 256;

    /// <summary>Where read-outs train (the run's <c>--device</c>); unset, the CPU.</summary>
    public string? Device { get; init; }

    public bool Any => Epochs is not null || Patience is not null || LearningRates is not null || WeightDecays is not null || Loss is not null || Scheduler is not null;

    public RegressorSettings ApplyTo(RegressorSettings settings) => settings with
    {
        Epochs = Epochs ?? settings.Epochs,
        Patience = Patience ?? settings.Patience,
        LearningRates = LearningRates ?? settings.LearningRates,
        WeightDecays = WeightDecays ?? settings.WeightDecays,
        Loss = Loss ?? settings.Loss,
        Scheduler = Scheduler ?? settings.Scheduler,
        BatchSize = BatchSize ?? settings.BatchSize,
        Device = Device ?? settings.Device,
    };

    /// <summary>The classifiers' settings with the overrides applied; <c>--loss</c> is refused (the classifiers' loss is
    /// fixed: BCE with logits for two classes, cross-entropy otherwise).</summary>
    public ClassifierSettings ApplyTo(ClassifierSettings settings) => Loss is not null
        ? throw new ArgumentException($"--loss '{Loss}' applies to online_linear_regressor; the online classifiers train with BCE-with-logits (2 classes) or cross-entropy.")
        : settings with
        {
            Epochs = Epochs ?? settings.Epochs,
            Patience = Patience ?? settings.Patience,
            LearningRates = LearningRates ?? settings.LearningRates,
            WeightDecays = WeightDecays ?? settings.WeightDecays,
            Scheduler = Scheduler ?? settings.Scheduler,
        };
}
