using BBScore.Metrics.Online.Readouts;

namespace BBScore.Metrics.Online.Classifier;

/// <summary>The online classifiers' training settings (spec §1.15–1.17, §1.19), with the original's base defaults:
/// layer_norm features, the <c>wsd</c> schedule, batches of 32, patience 10. <see cref="Linear"/>,
/// <see cref="Transformer"/> and <see cref="Physion"/> are the registered metrics' settings.</summary>
public sealed record ClassifierSettings
{
    /// <summary>The schedules the classifiers' training loop knows (the original raises for any other).</summary>
    public static IReadOnlyList<string> Schedulers { get; } = ["wsd", "cosine"];

    /// <summary><c>online_linear_classifier</c> (§1.16): linear read-out, lr [1e-5, 1e-4, 1e-3] × wd [1e-5, 1e-4, 1e-3], 100 epochs.</summary>
    public static ClassifierSettings Linear { get; } = new();

    /// <summary><c>online_transformer_classifier</c> (§1.17): transformer read-out (embed 256, 4 heads, depth 2), lr [1e-3], wd [0], 50 epochs.</summary>
    public static ClassifierSettings Transformer { get; } = new()
    {
        Readout = "transformer", EmbedDim = 256, NumHeads = 4, Depth = 2, LearningRates = [1e-3], WeightDecays = [0.0], Epochs = 50,
    };

    /// <summary>The Physion metrics (§1.19): the transformer classifier with embed 252 and the <c>cosine</c> schedule.</summary>
    public static ClassifierSettings Physion { get; } = Transformer with { EmbedDim = 252, Scheduler = "cosine" };

    /// <summary>linear, attention or transformer (<see cref="ReadoutModels.Kinds"/>).</summary>
    public string Readout { get; init; } = "linear";

    public int Epochs { get; init; } = 100;
    public int Patience { get; init; } = 10;
    public int BatchSize { get; init; } = 32;
    public IReadOnlyList<double> LearningRates { get; init; } = [1e-5, 1e-4, 1e-3];
    public IReadOnlyList<double> WeightDecays { get; init; } = [1e-5, 1e-4, 1e-3];

    /// <summary><c>wsd</c> (warm-up, stable, linear decay once patience runs out) or <c>cosine</c> (warm-up, cosine, early stopping).</summary>
    public string Scheduler { get; init; } = "wsd";

    /// <summary>The feature normaliser (<see cref="FeatureNormalizer.Kinds"/>), layer_norm by default.</summary>
    public string Normalizer { get; init; } = "layer_norm";

    public int EmbedDim { get; init; } = 256;
    public int NumHeads { get; init; } = 4;
    public int Depth { get; init; } = 2;

    /// <summary>The attention read-out's random-projection width (the original's 16384).</summary>
    public int AttentionWidth { get; init; } = 16384;

    /// <summary>The number of classes the benchmark gives; null: the largest label + 1.</summary>
    public int? NumClasses { get; init; }

    /// <summary>"cpu" or "cuda:N".</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>The original's wsd decay length: max(5, int(0.05 · n_epochs)) epochs.</summary>
    public int DecayEpochs => Math.Max(5, (int)(0.05 * Epochs));

    /// <summary>The read-out's construction settings for one grid point.</summary>
    public ReadoutSettings ReadoutFor(double weightDecay, int seed) => new()
    {
        Normalizer = Normalizer, EmbedDim = EmbedDim, NumHeads = NumHeads, Depth = Depth, AttentionWidth = AttentionWidth,
        WeightDecay = weightDecay, Seed = seed, Device = Device,
    };

    /// <summary>Fails on a setting the training cannot use, naming it and the accepted values.</summary>
    public void Validate()
    {
        if (!ReadoutModels.Kinds.Contains(Readout))
            throw new ArgumentException($"Unknown read-out model '{Readout}'; choose one of {string.Join(", ", ReadoutModels.Kinds)}.");
        if (!FeatureNormalizer.Kinds.Contains(Normalizer))
            throw new ArgumentException($"Unknown feature normalization '{Normalizer}'; choose one of {string.Join(", ", FeatureNormalizer.Kinds)}.");
        if (!Schedulers.Contains(Scheduler))
            throw new ArgumentException($"--scheduler '{Scheduler}' does not apply to the online classifiers; choose one of {string.Join(", ", Schedulers)}.");
        if (Epochs < 1) throw new ArgumentException($"--epochs must be at least 1 (got {Epochs}).");
        if (Patience < 1) throw new ArgumentException($"The patience must be at least 1 epoch (got {Patience}).");
        if (BatchSize < 1) throw new ArgumentException($"The batch size must be at least 1 (got {BatchSize}).");
        if (LearningRates.Count == 0 || LearningRates.Any(lr => !(lr > 0) || double.IsInfinity(lr)))
            throw new ArgumentException($"--lr needs positive learning rates (got {string.Join(", ", LearningRates)}).");
        if (WeightDecays.Count == 0 || WeightDecays.Any(wd => !(wd >= 0) || double.IsInfinity(wd)))
            throw new ArgumentException($"--wd needs non-negative weight decays (got {string.Join(", ", WeightDecays)}).");
        if (NumClasses is < 2) throw new ArgumentException($"num_classes must be at least 2 for classification (got {NumClasses}).");
        if (EmbedDim < 1 || NumHeads < 1 || Depth < 0 || EmbedDim % NumHeads != 0)
            throw new ArgumentException($"The transformer read-out needs an embedding width divisible by its heads (got embed {EmbedDim}, heads {NumHeads}, depth {Depth}).");
    }
}
