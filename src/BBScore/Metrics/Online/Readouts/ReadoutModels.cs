using static TorchSharp.torch;

namespace BBScore.Metrics.Online.Readouts;

/// <summary>The original's internal read-out models by name (OnlineMetric._get_internal_model): <c>linear</c>,
/// <c>attention</c>, <c>transformer</c>.</summary>
public static class ReadoutModels
{
    public static IReadOnlyList<string> Kinds { get; } = ["linear", "attention", "transformer"];

    /// <param name="inputDim">D, the feature width per time step.</param>
    /// <param name="timeSteps">0 for (B, D) features, T ≥ 1 for (B, T, D); only the linear read-out's width depends on it.</param>
    /// <remarks>The values come from <paramref name="generator"/>, but TorchSharp's modules draw their default
    /// initialisation from libtorch's process-wide generator as they are built; building under
    /// <see cref="Models.TorchSharpModels.SeededBuild"/>'s lock keeps that from interleaving with a seeded model built
    /// on another thread (which would then not be reproducible).</remarks>
    public static nn.Module<Tensor, Tensor> Create(string kind, int inputDim, int timeSteps, int outputs, ReadoutSettings settings, Generator generator)
    {
        if (!Kinds.Contains(kind)) throw new ArgumentException($"Unknown read-out model '{kind}'; choose one of {string.Join(", ", Kinds)}.", nameof(kind));
        return Models.TorchSharpModels.SeededBuild.Construct<nn.Module<Tensor, Tensor>>(() => kind switch
        {
            "linear" => new LinearReadout(inputDim * Math.Max(1, timeSteps), outputs, generator),
            "attention" => new AttentionPoolingReadout(inputDim, outputs, settings.AttentionWidth, settings.Seed, generator),
            _ => new TransformerReadout(inputDim, outputs, settings.EmbedDim, settings.NumHeads, settings.Depth, generator),
        }, settings.Seed);
    }
}
