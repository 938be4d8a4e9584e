using BBScore.Features;
using BBScore.Stimuli;

namespace BBScore.Models.Onnx;

/// <summary>Turns a batch of stimuli into a graph's input tensors, and each layer output back into one
/// row per stimulus. One feeder per input kind (images, clips, sounds, token ids); the rest of an ONNX
/// model (layers, sessions, output reading) is shared by <see cref="OnnxFeatureModel"/>.</summary>
public interface IOnnxInputFeeder : IDisposable
{
    /// <summary>Complete description of the input preprocessing: part of the model identity and cache key.</summary>
    string Description { get; }

    /// <summary>The graph inputs this feeder fills (all have the batch as first axis).</summary>
    IReadOnlyList<string> InputNames { get; }

    /// <summary>A neutral stimulus (grey image, silent second, ...) used to measure layer shapes.</summary>
    Stimulus Probe();

    /// <summary>False when running these stimuli as one graph batch would make a stimulus's features depend
    /// on its batch-mates (sounds of different lengths zero-padded to the longest, clips of different
    /// lengths run frame by frame); the model then runs them one at a time.</summary>
    bool BatchesTogether(IReadOnlyList<Stimulus> batch) => true;

    /// <summary>What one stimulus runs as on a graph fixed to batch 1 (<see cref="BatchMode.PerStimulus"/>): itself,
    /// or, for a model that runs clips frame by frame, its frames as images (a clip is T graph rows, and such a
    /// graph takes one). The model stacks the frames' outputs back to (1, T, ...).</summary>
    IReadOnlyList<Stimulus> SingleRows(Stimulus stimulus) => [stimulus];

    /// <summary>See <see cref="IFeatureModel.AudioContextSeconds"/>.</summary>
    double? AudioContextSeconds => null;

    /// <summary>The graph inputs for <paramref name="batch"/>. May run on another thread while an earlier
    /// feed is still being run, so it must not reuse memory of a feed that has not been disposed. Throws <see cref="NotSupportedException"/>
    /// for a stimulus kind the model cannot take, naming the kinds it can.</summary>
    OnnxFeed Prepare(IReadOnlyList<Stimulus> batch);
}

/// <summary>One batch's graph inputs, and how the graph's outputs map back to the stimuli.</summary>
/// <param name="Names">Graph input names, in the order of <paramref name="Values"/>.</param>
/// <param name="Values">Input tensors; disposed with the feed.</param>
/// <param name="GraphRows">Rows on the outputs' first axis: the stimuli, or all their frames for an image model run frame by frame.</param>
/// <param name="Restore">Maps one output (<paramref name="GraphRows"/>, ...) to (stimuli, ...): regroups frames, picks tokens.</param>
/// <param name="Release">Runs after the values are disposed (e.g. returns a pooled buffer).</param>
public sealed record OnnxFeed(IReadOnlyList<string> Names, IReadOnlyList<Microsoft.ML.OnnxRuntime.OrtValue> Values, int GraphRows,
    Func<FeatureTensor, FeatureTensor> Restore, Action? Release = null) : IDisposable
{
    public static FeatureTensor AsIs(FeatureTensor output) => output;

    public void Dispose()
    {
        foreach (var value in Values) value.Dispose();
        Release?.Invoke();
    }
}
