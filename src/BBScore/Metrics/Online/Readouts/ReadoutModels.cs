using static TorchSharp.torch;

namespace BBScore.Metrics.Online.Readouts;

/// <summary>The original's internal read-out models by name (OnlineMetric._get_internal_model): <c>linear</c>,
/// <c>attention</c>, <c>transformer</c>.</summary>
public static class ReadoutModels
{
    public static IReadOnlyList<string> Kinds { get; } = ["linear", "attention", "transformer"];

    /// <param name="inputDim">D, the feature width per time step.</param>
    /// <param name="timeSteps">0 for (B, D) features, T ≥ 1 for (B, T, D); only the linear read-out's width depends on it.</param>
    public static nn.Module<Tensor, Tensor> Create(string kind, int inputDim, int timeSteps, int outputs, ReadoutSettings settings, Generator generator) => kind switch
    {
        "linear" => new LinearReadout(inputDim * Math.Max(1, timeSteps), outputs, generator),
        "attention" => new AttentionPoolingReadout(inputDim, outputs, settings.AttentionWidth, settings.Seed, generator),
        "transformer" => new TransformerReadout(inputDim, outputs, settings.EmbedDim, settings.NumHeads, settings.Depth, generator),
        _ => throw new ArgumentException($"Unknown read-out model '{kind}'; choose one of {string.Join(", ", Kinds)}.", nameof(kind)),
    };
}
