namespace BBScore.Models;

/// <summary>The extraction batch size when the user gives none: as many stimuli as fit in a quarter of
/// the available memory, judged from the model's layer shapes, and at most <see cref="Largest"/> model inputs
/// (an image model sees each frame of a clip as one input: a batch of one 30-frame clip is 30 images).</summary>
/// <remarks>One stimulus's live activations are bounded by the sum of every module's output (ONNX
/// Runtime and libtorch free intermediates as they go, so this over-counts); the requested layers are
/// held twice more (the graph output and its copy for the cache). The rest of memory is left to the
/// metrics. On CPUs the forward pass gains little beyond 8 images per batch, while end to end smaller
/// batches overlap decoding with inference more finely (docs/PERFORMANCE.md); 16 balances the two.</remarks>
public static class AutoBatchSize
{
    public const int Largest = 16;

    /// <param name="layers">The model's layer listing (<see cref="IFeatureModel.ListLayers"/>).</param>
    /// <param name="requested">The canonical names of the layers being extracted.</param>
    /// <param name="availableBytes">Memory available to this run.</param>
    /// <param name="inputsPerStimulus">Model inputs per stimulus: <see cref="IFeatureModel.OutputsPerClip"/> of the
    /// clip length for clips, 1 otherwise.</param>
    public static int Choose(IReadOnlyList<LayerInfo> layers, IReadOnlyCollection<string> requested, long availableBytes, int inputsPerStimulus = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputsPerStimulus, 1);
        long activations = layers.Where(l => l.Shape is not null).DistinctBy(l => l.Tensor).Sum(l => Size(l.Shape!));
        long kept = layers.Where(l => requested.Contains(l.Name) && l.Shape is not null).Sum(l => Size(l.Shape!));
        long perStimulus = Math.Max(1, (activations + 2 * kept) * sizeof(float) * inputsPerStimulus);
        long fits = availableBytes / 4 / perStimulus;
        return (int)Math.Clamp(fits, 1, Math.Max(1, Largest / inputsPerStimulus));
    }

    static long Size(int[] shape) => shape.Aggregate(1L, (product, d) => product * Math.Max(1, d));
}
