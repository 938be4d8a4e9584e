namespace BBScore.Metrics.Online.Readouts;

/// <summary>What a classifier read-out is built with beyond its shape (spec §1.15–1.17): the feature normaliser, the
/// transformer read-out's width, heads and depth (the original's OnlineTransformerClassifier defaults 256, 4, 2), the
/// attention read-out's random-projection width (the original's 16384), AdamW's weight decay, the seed of every random
/// choice (the original's 42) and the device ("cpu" or "cuda:N").</summary>
public sealed record ReadoutSettings
{
    public string Normalizer { get; init; } = "layer_norm";

    public int EmbedDim { get; init; } = 256;

    public int NumHeads { get; init; } = 4;

    public int Depth { get; init; } = 2;

    public int AttentionWidth { get; init; } = 16384;

    public double WeightDecay { get; init; }

    public int Seed { get; init; } = 42;

    public string Device { get; init; } = "cpu";
}
