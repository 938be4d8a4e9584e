using BBScore.Features;
using BBScore.Metrics.Online.Streams;
using BBScore.Stimuli;

namespace BBScore.Pipeline;

/// <summary>Rows computed by running the model on the requested stimuli, batch by batch, with nothing cached: the
/// augmented training stream of one epoch (each epoch's clips differ, so the feature cache must not keep them). Its rows
/// have the shape of the clean features' cache entry.</summary>
public sealed class ModelRowSource(FeatureExtractor extractor, IStimulusSet stimuli, string layer, int[] unitShape) : IRowSource
{
    public int Rows => stimuli.Count;
    public int RowLength { get; } = unitShape.Aggregate(1, (a, d) => a * d);
    public int[] UnitShape => unitShape;

    public void ReadRows(ReadOnlySpan<int> rows, Span<float> destination) =>
        extractor.ExtractRows(stimuli, rows, layer, destination[..(rows.Length * RowLength)]);

    public void Dispose() { }
}
